"""The rows of the hostile-input table that are about size: each is a finding (LD005 beyond a
kind's size limit, the rule's own finding under it) in a child process limited to 10 s and
300 MB, and the algorithms under the limits are linear (4x the input: under 8x the time)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from robustness_helpers import Run, growth, lintdock

from lintdock.engine import lint_paths, lint_texts
from lintdock.files import LIMITS, FileKind
from lintdock.parsers.compose_interpolation import parse_env_file

LINEAR = 8.0


def check(root: Path, files: dict[str, str]) -> Run:
    (root / ".git").mkdir()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    run = lintdock("check", "--format", "json", ".", cwd=root)
    run.assert_bounded()
    return run


def codes(run: Run) -> list[tuple[str, str, int]]:
    return [(d["code"], d["path"], d["line"]) for d in json.loads(run.stdout)["diagnostics"]]


OVER_THE_LIMIT = {
    "50,000 services": (
        "compose.yaml",
        lambda: "services:\n" + "".join(f"  s{i}:\n    image: x\n" for i in range(50_000)),
    ),
    "a 1,000,000-line Dockerfile": ("Dockerfile", lambda: "FROM alpine\n" + "RUN a\n" * 1_000_000),
    "5M words in one RUN": ("Dockerfile", lambda: "FROM alpine\nRUN " + "w " * 5_000_000 + "\n"),
    "a 50 MB YAML scalar": (
        "compose.yaml",
        lambda: "services:\n  web:\n    image: x\n    labels:\n      a: " + "x" * (50 << 20),
    ),
    "an exec-form CMD of 300,000 items": (
        "Dockerfile",
        lambda: 'FROM alpine\nCMD ["app"' + ', "a$x"' * 300_000 + "]\n",
    ),
}


@pytest.mark.parametrize("row", list(OVER_THE_LIMIT))
def test_beyond_the_size_limit_it_is_ld005(tmp_path: Path, row: str) -> None:
    name, make = OVER_THE_LIMIT[row]
    run = check(tmp_path, {name: make()})
    assert run.exit_code == 1
    assert codes(run) == [("LD005", name, 1)]


def test_a_100000_line_env_file_is_read(tmp_path: Path) -> None:
    env = "".join(f"KEY_{i}=value_{i}\n" for i in range(100_000))
    assert len(env) < LIMITS[FileKind.ENV]
    compose = "services:\n  web:\n    image: nginx:${KEY_99999}\n    restart: ${KEY_7}\n"
    run = check(tmp_path, {"compose.yaml": compose, ".env": env})
    assert ("LD501", "compose.yaml", 4) in codes(run)  # restart: value_7, read from line 8


def test_the_env_parser_is_linear() -> None:
    def env(lines: int) -> str:
        return "".join(f"export KEY_{i}='value {i}' # note\n" for i in range(lines))

    assert growth(parse_env_file, env(10_000), env(40_000)) < LINEAR


def test_ld305_is_linear_in_the_items_of_an_exec_form_cmd() -> None:
    def dockerfile(items: int) -> str:
        return 'FROM alpine\nCMD ["app"' + ', "a"' * items + ', "$HOME"]\n'

    def lint(text: str) -> object:
        return lint_texts({"Dockerfile": text}, select=["LD305"])

    assert [d.code for d in lint_texts({"Dockerfile": dockerfile(10)}, select=["LD305"])] == [
        "LD305"
    ]
    assert growth(lint, dockerfile(5_000), dockerfile(20_000)) < LINEAR


def test_a_dependency_graph_of_many_services_is_linear() -> None:
    def compose(services: int) -> str:
        return "services:\n" + "".join(
            f"  s{i}:\n    image: x\n    depends_on: [s{(i + 1) % services}]\n"
            for i in range(services)
        )

    def lint(text: str) -> object:
        return lint_texts({"compose.yaml": text}, select=["LD402"])

    assert growth(lint, compose(1_000), compose(4_000)) < LINEAR


@pytest.mark.parametrize(
    "retries", ["0x" + "f" * 4000, "1" * 5000], ids=["4,000 hex digits", "5,000 digits"]
)
def test_retries_beyond_64_bits_are_ld107(tmp_path: Path, retries: str) -> None:
    healthcheck = f"    healthcheck:\n      test: [CMD, 'true']\n      retries: {retries}\n"
    compose = "services:\n  web:\n    image: x\n" + healthcheck
    dockerfile = f"FROM alpine\nHEALTHCHECK --retries={retries} CMD true\n"
    run = check(tmp_path, {"compose.yaml": compose, "Dockerfile": dockerfile})
    assert run.exit_code == 1
    assert ("LD107", "compose.yaml", 6) in codes(run)
    assert ("LD107", "Dockerfile", 2) in codes(run)
    assert "failed" not in run.stderr


def test_lint_texts_applies_the_same_size_limits() -> None:
    big = "FROM alpine\n" + "#" * LIMITS[FileKind.DOCKERFILE] + "\n"
    compose = "services:\n  web:\n    image: nginx:1.27\n    env_file: big.env\n"
    env = "A=" + "x" * LIMITS[FileKind.ENV] + "\n"
    found = lint_texts(
        {"Dockerfile": big, "compose.yaml": compose, "big.env": env}, select=["LD005"]
    )
    assert [(d.path, d.span.line, d.span.column) for d in found] == [
        ("Dockerfile", 1, 1),
        ("compose.yaml", 4, 15),
    ]
    assert found[0].message.startswith("not linted: too large (1.0 MB, over the 1.0 MB limit")
    assert found[1].message.endswith("over the 4.0 MB limit for env files)")


def test_an_editor_buffer_over_the_limit_is_refused_like_the_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text("FROM alpine\n")
    buffer = "FROM alpine\n" + "#" * LIMITS[FileKind.DOCKERFILE] + "\n"
    dockerfile = str(tmp_path / "Dockerfile")
    result = lint_paths([dockerfile], overrides={dockerfile: buffer}, workers=1)
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("LD005", 1)]
    assert result.diagnostics[0].message.startswith("not linted: too large (1.0 MB")
