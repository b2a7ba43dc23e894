"""The language server's pure parts, in process: positions, suppression edits, lint scopes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintdock.discovery import Kind
from lintdock.engine import lint_texts
from lintdock.fixes import apply_fixes
from lintdock.model.diagnostic import Fix
from lintdock.model.span import Span
from lintdock.server import suppress
from lintdock.server.linting import Buffer, Linter, Scope
from lintdock.server.positions import UTF8, UTF16, UTF32, LineIndex, Position


@pytest.mark.parametrize(
    ("encoding", "column"),
    [(UTF16, 6), (UTF8, 9), (UTF32, 5)],  # "é𝄞 ab" before x: é 1/2/1, 𝄞 2/4/1 units
)
def test_a_column_after_non_ascii_text_counts_code_units(encoding: str, column: int) -> None:
    index = LineIndex("FROM a\r\né𝄞 abx\n", encoding)
    assert index.position(2, 6) == Position(1, column)
    assert index.range(Span(2, 6, 2, 7)).end == Position(1, column + 1)


def test_positions_past_a_line_or_the_text_are_clamped() -> None:
    index = LineIndex("ab\ncd")
    assert index.position(1, 9) == Position(0, 2)
    assert index.position(2, 1) == Position(1, 0)
    assert index.position(7, 1) == Position(1, 2)


def test_lone_carriage_returns_end_lines_as_in_lsp() -> None:
    assert LineIndex("a\rb\r\nc").position(3, 2) == Position(2, 1)


def edited(text: str, edit: object) -> str:
    return apply_fixes(text, [Fix("suppress", (edit,))])  # type: ignore[arg-type]


def linted(path: str, text: str, select: str) -> list[str]:
    return [d.code for d in lint_texts({path: text}, select=[select])]


CURL = "HEALTHCHECK CMD curl -s http://localhost/ || exit 1"


def test_on_line_in_a_dockerfile_goes_above_the_instruction_with_its_indentation() -> None:
    text = "FROM nginx:1.27\n  HEALTHCHECK --interval=5s \\\n    CMD curl -s http://x/ || exit 1\n"
    assert linted("Dockerfile", text, "LD105") == ["LD105"]
    edit = suppress.on_line(text, "Dockerfile", Kind.DOCKERFILE, "LD105", 3)
    result = edited(text, edit)
    assert result.splitlines()[1] == "  # lintdock: ignore=LD105"
    assert linted("Dockerfile", result, "LD105") == []


def test_on_line_extends_an_existing_comment() -> None:
    text = f"FROM nginx:1.27\n# lintdock: ignore=LD202 -- probes need it\n{CURL}\n"
    edit = suppress.on_line(text, "Dockerfile", Kind.DOCKERFILE, "LD105", 3)
    result = edited(text, edit)
    assert result.splitlines()[1] == "# lintdock: ignore=LD202,LD105 -- probes need it"
    assert linted("Dockerfile", result, "LD105") == []


def test_in_file_stays_below_parser_directives() -> None:
    text = f"# syntax=docker/dockerfile:1\n# escape=\\\n\nFROM nginx:1.27\n{CURL}\n"
    result = edited(text, suppress.in_file(text, "Dockerfile", Kind.DOCKERFILE, "LD105"))
    assert result.splitlines()[:4] == [
        "# syntax=docker/dockerfile:1",
        "# escape=\\",
        "",
        "# lintdock: ignore-file=LD105",
    ]
    assert linted("Dockerfile", result, "LD105") == []


COMPOSE = (
    "services:\n"
    "  api:\n"
    "    image: example/api:1.0\n"
    "    healthcheck:\n"
    "      test: curl --silent http://localhost:8080/health{}\n"
)


@pytest.mark.parametrize("tail", ["", "  # the #fragment matters"])
def test_on_line_in_compose_ends_the_line_or_goes_above_a_commented_one(tail: str) -> None:
    text = COMPOSE.format(tail)
    assert linted("compose.yaml", text, "LD105") == ["LD105"]
    result = edited(text, suppress.on_line(text, "compose.yaml", Kind.COMPOSE, "LD105", 5))
    assert "# lintdock: ignore=LD105" in result
    assert linted("compose.yaml", result, "LD105") == []


def test_in_file_in_compose_extends_an_existing_ignore_file() -> None:
    text = "# lintdock: ignore-file=LD504\n" + COMPOSE.format("")
    result = edited(text, suppress.in_file(text, "compose.yaml", Kind.COMPOSE, "LD105"))
    assert result.startswith("# lintdock: ignore-file=LD504,LD105\n")
    assert linted("compose.yaml", result, "LD105") == []


def test_a_crlf_file_gets_crlf_comments() -> None:
    text = f"FROM nginx:1.27\r\n{CURL}\r\n"
    result = edited(text, suppress.on_line(text, "Dockerfile", Kind.DOCKERFILE, "LD105", 2))
    assert result == f"FROM nginx:1.27\r\n# lintdock: ignore=LD105\r\n{CURL}\r\n"


def test_the_scope_is_the_highest_directory_with_a_compose_file(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "compose.yaml").write_text("services: {}\n")
    (tmp_path / "a" / "compose.yaml").write_text("services: {}\n")
    linter = Linter([str(tmp_path)])
    dockerfile = str(tmp_path / "a" / "b" / "Dockerfile")
    assert linter.scope_of(dockerfile) == Scope(str(tmp_path), False)
    inner = Linter([str(tmp_path / "a")])  # the workspace folder bounds it
    assert inner.scope_of(dockerfile) == Scope(str(tmp_path / "a"), False)
    alone = str(tmp_path.parent / "elsewhere" / "Dockerfile")
    assert linter.scope_of(alone) == Scope(alone, True)


def test_a_lint_reads_open_buffers_over_the_disk(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    dockerfile = tmp_path / "app" / "Dockerfile"
    dockerfile.write_text("FROM nginx:1.27\n")
    compose = tmp_path / "compose.yaml"
    compose.write_text("services:\n  web:\n    build: ./app\n")
    linter = Linter([str(tmp_path)])
    buffer = Buffer(str(dockerfile), f"FROM nginx:1.27\n{CURL}\n", 3, "dockerfile")
    outcome = linter.lint(linter.scope_of(buffer.path), {buffer.path: buffer})
    assert [d.code for d in outcome.findings[buffer.path]] == ["LD105", "LD202"]
    assert set(outcome.findings) == {buffer.path}  # only open documents get findings


def test_the_debouncer_runs_at_once_then_gathers_what_comes_during_a_run() -> None:
    import asyncio

    from lintdock.server.debounce import Debouncer

    async def scenario() -> list[set[str]]:
        batches: list[set[str]] = []
        running, release = asyncio.Event(), asyncio.Event()

        async def run(keys: set[str]) -> None:
            batches.append(keys)
            running.set()
            await release.wait()

        debouncer = Debouncer(run, interval=0.0)
        debouncer.request({"a"})
        await running.wait()  # the first request runs without waiting for a quiet period
        debouncer.request({"b"})
        debouncer.request({"c", "b"})
        assert batches == [{"a"}]  # one run at a time
        release.set()
        assert debouncer.task is not None
        await debouncer.task
        return batches

    assert asyncio.run(scenario()) == [{"a"}, {"b", "c"}]


def test_a_document_not_yet_on_disk_is_linted_too(tmp_path: Path) -> None:
    linter = Linter([str(tmp_path)])
    path = str(tmp_path / "new" / "Dockerfile")
    buffer = Buffer(path, f"FROM nginx:1.27\n{CURL}\n", 1, "dockerfile")
    outcome = linter.lint(linter.scope_of(path), {path: buffer})
    assert [d.code for d in outcome.findings[path]] == ["LD105", "LD202"]
    assert outcome.problems == ()


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    line=st.integers(1, 4),
    column=st.integers(1, 45),
)
def test_a_position_counts_the_utf16_code_units_before_it(
    text: str, line: int, column: int
) -> None:
    lines = re.split(r"\r\n|\r|\n", text)
    position = LineIndex(text).position(line, column)
    if line <= len(lines):
        before = lines[line - 1][: column - 1]
        assert position == Position(line - 1, len(before.encode("utf-16-le")) // 2)
    else:
        assert position == Position(len(lines) - 1, len(lines[-1].encode("utf-16-le")) // 2)
