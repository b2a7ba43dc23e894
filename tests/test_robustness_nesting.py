"""Hostile nesting and expansion, through the whole check path: YAML alias bombs and YAML,
JSON and shell nested 10,000 levels deep are findings (LD002, LD001) in bounded time and memory,
never a traceback or a stack overflow.

"Bounded" is asserted without a clock budget: memory by tracemalloc's peak, time by comparing
an input of a hundred times the depth (or 10**25 times the expansion) with the ordinary one:
the cost may grow with the size of the text, never with the depth or the expansion.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import WriteTree
from robustness_helpers import MB, growth, peak_memory

from lintdock.cli import cli
from lintdock.engine import lint_texts
from lintdock.model.diagnostic import Diagnostic

DEPTH = 10_000


def lint_compose(text: str) -> list[Diagnostic]:
    return lint_texts({"compose.yaml": text}, size_limits=False)


def billion_laughs(levels: int, width: int = 10) -> str:
    """Anchors that each alias the previous one ``width`` times: ``width ** levels`` nodes."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "services:\n  web:\n    image: nginx\nx-laughs:\n" + "".join(f"  {x}\n" for x in lines)


def codes_at(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in diagnostics]


class TestAliasBombs:
    def test_billion_laughs_is_ld002_at_the_alias_that_overflows(self) -> None:
        found = lint_compose(billion_laughs(9))
        assert codes_at(found) == [("LD002", 10, 12)]
        assert "alias bomb" in found[0].message

    def test_expansion_is_cut_short_whatever_its_size(self) -> None:
        small, huge = billion_laughs(5), billion_laughs(30)  # 10**5 and 10**30 nodes
        assert codes_at(lint_compose(huge)) == [("LD002", 10, 12)]
        assert peak_memory(lambda: lint_compose(huge)) < 16 * MB
        assert growth(lint_compose, small, huge) < 10

    def test_merge_keys_do_not_multiply_either(self) -> None:
        lines = ["x-0: &m0 {a: 1, b: 2}"]
        for level in range(1, 40):
            previous = f"*m{level - 1}"
            lines.append(f"x-{level}: &m{level} {{<<: [{previous}], k: [{previous}, {previous}]}}")
        found = lint_compose("services: {web: {image: x}}\n" + "\n".join(lines) + "\n")
        assert [d.code for d in found] == ["LD002"]
        assert "alias bomb" in found[0].message

    def test_a_large_expansion_under_the_budget_is_linted(self) -> None:
        """Ten thousand nodes through aliases is an honest file: it loads, and its services
        are linted."""
        text = billion_laughs(3) + "  broken: &b {restart: sometimes}\n"
        text = text.replace("    image: nginx\n", "    image: nginx:1.27\n    restart: sometimes\n")
        assert [d.code for d in lint_compose(text)] == ["LD501"]


NESTED_YAML = {
    "flow sequences": lambda depth: "services: " + "[" * depth + "]" * depth + "\n",
    "flow mappings": lambda depth: "services: " + "{a: " * depth + "b" + "}" * depth + "\n",
    "unclosed flow sequences": lambda depth: "services: " + "[" * depth + "\n",
    "block sequences": lambda depth: "x-deep:\n  " + "- " * depth + "leaf\n",
    "block mappings": lambda depth: "x-deep:\n  " + "? " * depth + "leaf\n",
}


class TestDeepYaml:
    @pytest.mark.parametrize("shape", list(NESTED_YAML))
    def test_ten_thousand_levels_are_ld002_in_bounded_time_and_memory(self, shape: str) -> None:
        text = NESTED_YAML[shape](DEPTH)
        found = lint_compose(text)
        assert [d.code for d in found] == ["LD002"]
        assert "nesting deeper than" in found[0].message
        assert peak_memory(lambda: lint_compose(text)) < 16 * MB
        deeper = NESTED_YAML[shape](100 * DEPTH)
        # at most linear in the size, not in the depth
        assert growth(lint_compose, text, deeper) < 3 * len(deeper) / len(text)

    def test_ten_thousand_indented_block_mappings(self) -> None:
        """The honest way to write them: 50 MB of indentation."""
        text = "x-deep:\n" + "".join(" " * (level + 1) + f"k{level}:\n" for level in range(DEPTH))
        found = lint_compose(text)
        assert codes_at(found) == [("LD002", 101, 101)]
        assert peak_memory(lambda: lint_compose(text)) < 3 * len(text)

    def test_the_cli_reports_it_and_lints_the_other_files(self, tree: WriteTree) -> None:
        tree(
            {
                "deep/compose.yaml": NESTED_YAML["flow mappings"](DEPTH),
                "bomb/compose.yaml": billion_laughs(9),
                "ok/Dockerfile": "RUN echo no FROM\n",
            }
        )
        result = CliRunner().invoke(cli, ["check", "--quiet", "."])
        assert result.exit_code == 1
        assert [line.split(" [")[0] for line in result.stdout.splitlines()] == [
            "bomb/compose.yaml:10:12: LD002",
            "deep/compose.yaml:1:407: LD002",
            "ok/Dockerfile:1:1: LD001",
        ]
        assert result.stderr == ""


NESTED_DOCKERFILES = {
    "JSON arrays": lambda depth: "FROM alpine\nCMD " + "[" * depth + "]" * depth + "\n",
    "unclosed JSON arrays": lambda depth: "FROM alpine\nCMD " + "[" * depth + "\n",
    "subshells": lambda depth: "FROM alpine\nRUN " + "(" * depth + "true" + ")" * depth + "\n",
    "command substitutions": lambda depth: (
        "FROM alpine\nRUN echo " + "$(" * depth + "true" + ")" * depth + "\n"
    ),
    "brace groups": lambda depth: (
        "FROM alpine\nRUN " + "{ " * depth + "true" + "; }" * depth + "\n"
    ),
    "if statements": lambda depth: (
        "FROM alpine\nRUN " + "if true; then " * depth + "true" + "; fi" * depth + "\n"
    ),
    "pipelines": lambda depth: "FROM alpine\nRUN " + " | ".join(["cat"] * depth) + "\n",
    "and lists": lambda depth: "FROM alpine\nRUN " + " && ".join(["true"] * depth) + "\n",
    "arithmetic": lambda depth: (
        "FROM alpine\nRUN echo $((" + "(" * depth + "1" + ")" * depth + "))\n"
    ),
    "sh -c in a health check": lambda depth: (
        "FROM alpine\nHEALTHCHECK CMD " + "sh -c " * depth + "true\n"
    ),
    "continuation lines": lambda depth: "FROM alpine\nRUN true" + " \\\n" * depth + "\n",
}


@pytest.mark.parametrize("shape", list(NESTED_DOCKERFILES))
def test_deeply_nested_dockerfiles_are_linted(shape: str) -> None:
    text = NESTED_DOCKERFILES[shape](DEPTH)
    found = lint_texts({"Dockerfile": text})  # raises InternalError if a parser or rule crashed
    for diagnostic in found:
        assert diagnostic.span.line <= text.count("\n") + 1
    assert peak_memory(lambda: lint_texts({"Dockerfile": text})) < 64 * MB


def test_nested_json_arrays_are_rejected_as_buildkit_does() -> None:
    """Arrays inside the exec form are not strings, however deep (Python's JSON decoder gives
    up at about a thousand levels; BuildKit's at ten thousand)."""
    for depth in (2, DEPTH - 1):
        found = lint_texts({"Dockerfile": "FROM alpine\nCMD " + "[" * depth + "]" * depth + "\n"})
        assert [(d.code, d.message) for d in found if d.code == "LD001"] == [
            ("LD001", "when using JSON array syntax, arrays must be comprised of strings only")
        ]
