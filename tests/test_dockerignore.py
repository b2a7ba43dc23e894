"""The .dockerignore parser and matcher, with Docker's pattern semantics."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lintdock.parsers.dockerignore import clean, parse_dockerignore

TEXT = (
    "\ufeff# comment\n"
    "  /node_modules  \n"
    "*.md\n"
    "!README.md\n"
    "**/*.log\n"
    "docs/\n"
    "build/**\n"
    "./tmp/../cache\n"
    "src/*/test\n"
    "file?.txt\n"
    "[ab].cfg\n"
    "\\*literal\n"
    "!\n"
    "bad[\n"
)


@pytest.mark.parametrize(
    ("path", "excluded"),
    [
        ("node_modules", True),
        ("node_modules/a/b.js", True),
        ("a.md", True),
        ("README.md", False),
        ("src/a.md", False),  # * does not cross a /
        ("x/y/z.log", True),
        ("z.log", True),
        ("docs/guide.txt", True),
        ("docsx", False),
        ("build", False),
        ("build/out", True),
        ("cache/x", True),
        ("tmp", False),
        ("src/a/test", True),
        ("src/a/b/test", False),
        ("file1.txt", True),
        ("file10.txt", False),
        ("a.cfg", True),
        ("c.cfg", False),
        ("*literal", True),
        ("xliteral", False),
    ],
)
def test_docker_semantics(path: str, excluded: bool) -> None:
    assert (parse_dockerignore(TEXT, ".dockerignore").excludes(path) is not None) is excluded


def test_patterns_keep_their_lines_and_drop_what_docker_cannot_read() -> None:
    ignore = parse_dockerignore(TEXT, ".dockerignore")
    assert [(p.line, p.text, p.exclusion) for p in ignore.patterns[:4]] == [
        (2, "node_modules", False),
        (3, "*.md", False),
        (4, "README.md", True),
        (5, "**/*.log", False),
    ]
    assert ignore.has_exceptions
    assert "bad[" not in [p.text for p in ignore.patterns]


def test_the_last_matching_pattern_decides() -> None:
    ignore = parse_dockerignore("*.txt\n!keep*.txt\nkeep-not.txt\n", ".dockerignore")
    assert [ignore.excludes(p) is not None for p in ("a.txt", "keep.txt", "keep-not.txt")] == [
        True,
        False,
        True,
    ]


def test_clean_is_gos() -> None:
    assert [clean(p) for p in ("a/", "./a", "a//b", "a/../..", "//a", "")] == [
        "a",
        "a",
        "a/b",
        "..",
        "/a",
        ".",
    ]


names = st.text(alphabet="abcXYZ019._-", min_size=1, max_size=8).filter(
    lambda n: n not in (".", "..")
)


@given(st.lists(names, min_size=1, max_size=4))
def test_a_literal_pattern_excludes_itself_and_what_is_under_it(parts: list[str]) -> None:
    path = "/".join(parts)
    ignore = parse_dockerignore(path + "\n", ".dockerignore")
    assert ignore.excludes(path) is not None
    assert ignore.excludes(path + "/child") is not None
    assert ignore.excludes(path + "x") is None


@given(st.text(max_size=200))
def test_any_text_parses(text: str) -> None:
    ignore = parse_dockerignore(text, ".dockerignore")
    for pattern in ignore.patterns:
        assert pattern.text and not pattern.text.startswith("!")
        ignore.excludes("a/b")
