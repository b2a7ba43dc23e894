"""Properties of the Dockerfile parser on any text: it returns a model, never raises, and every
Span in the model lies inside the file. CRLF line endings and a BOM change nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintdock.model.dockerfile import Dockerfile
from lintdock.model.span import MappedText, Span
from lintdock.parsers.dockerfile import parse_dockerfile
from lintdock.parsers.dockerfile_instructions import KEYWORDS as INSTRUCTIONS

FRAGMENTS = [
    *INSTRUCTIONS,
    *["NONE", "AS", "as", "from", "run", "FORM"],
    " ",
    "  ",
    "\t",
    "\n",
    "\n",
    "\n",
    "\r",
    "\r\n",
    "\\",
    "\\\n",
    "\\ \n",
    "`",
    "`\n",
    "\ufeff",
    "<<EOF",
    "<<-EOF",
    "<<'EOF'",
    '<<"E F"',
    "3<<EOF",
    "<<",
    "EOF",
    "\tEOF",
    "EOF\n",
    "[",
    "]",
    '"',
    "'",
    ",",
    '["a", "b"]',
    "['a']",
    '["x" "y"]',
    '["echo", ["n"]]',
    "#",
    "# escape=`\n",
    "# syntax=x\n",
    "# check=skip=all\n",
    "# escape=\\\n",
    "$",
    "$A",
    "${",
    "}",
    "${A:-x}",
    "${A:+y}",
    "${A-z}",
    "${A#*}",
    "${A/x/y}",
    "${:}",
    "--",
    "--mount=type=cache",
    "--from=",
    "--interval=5s",
    "--link",
    "=",
    "a=b",
    "x",
    "é",
    "😀",
    "\x00",
    "\x85",
    "\xa0",
    "\u2028",
    "\v",
    "\f",
]

KEYWORDS = [*INSTRUCTIONS, "FORM", "from", "run"]
ARGUMENTS = [f for f in FRAGMENTS if "\n" not in f]

raw_fragments = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
instruction_lines = st.builds(
    lambda keyword, flags, args, continued: " ".join([keyword, *flags, *args]) + continued,
    st.sampled_from(KEYWORDS),
    st.lists(
        st.sampled_from(["--mount=type=cache", "--from=x", "--interval=5s", "--link"]), max_size=2
    ),
    st.lists(st.sampled_from(ARGUMENTS), max_size=6),
    st.sampled_from(["", "", " \\", "\\", " `"]),
)
heredoc_blocks = st.builds(
    lambda head, marker, body, end: f"{head} {marker}\n{body}\n{end}",
    st.sampled_from(["RUN", "COPY", "ADD", "ONBUILD RUN", "RUN --mount=type=cache cat", "CMD"]),
    st.sampled_from(["<<EOF", "<<-EOF", "<<'EOF' /x", "<<EOF <<EOF2", "3<<EOF", "<<\\EOF"]),
    st.sampled_from(["", "echo hi", "\tindented", "EOF2", "# not a comment", "\\"]),
    st.sampled_from(["EOF", "\tEOF", "EOF2\nEOF", " EOF", ""]),
)
structured_lines = st.one_of(
    instruction_lines,
    heredoc_blocks,
    st.sampled_from(["", "# comment", "  # indented \\", "\\", "# escape=`", "FROM alpine"]),
    st.sampled_from(['CMD ["a", "b"]', 'HEALTHCHECK --retries=3 CMD ["x", \\', '"y"]', "SHELL []"]),
    raw_fragments,
)
fragment_texts = st.builds(
    lambda lines, newline: newline.join(lines),
    st.lists(structured_lines, max_size=12),
    st.sampled_from(["\n", "\r\n", "\n\n"]),
)
any_texts = st.one_of(fragment_texts, raw_fragments, st.text(max_size=200))


def spans(value: object) -> Iterator[Span]:
    """Every Span reachable from ``value``. A MappedText yields the span of its text and of the
    first character of each piece, line breaks excepted: a heredoc body's line break stands just
    past the end of its line, where no character of the file is."""
    if isinstance(value, Span):
        yield value
    elif isinstance(value, MappedText):
        yield value.span(0, len(value.text.rstrip("\n")))
        for offset, _, _ in value.anchors:
            if offset < len(value.text) and value.text[offset] != "\n":
                yield value.span(offset, offset + 1)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from spans(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from spans(getattr(value, field.name))


def file_lines(text: str) -> list[str]:
    """The lines of ``text`` as the parser counts them."""
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def assert_spans_inside(text: str, dockerfile: Dockerfile) -> None:
    lines = file_lines(text)
    assert dockerfile.line_count == len(lines)
    for span in spans(dockerfile):
        assert 1 <= span.line <= span.end_line <= len(lines), span
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1, span
        assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1, span
        assert (span.line, span.column) <= (span.end_line, span.end_column), span


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(any_texts)
def test_any_text_parses_with_spans_inside_the_file(text: str) -> None:
    dockerfile = parse_dockerfile(text, "Dockerfile")
    assert isinstance(dockerfile, Dockerfile)
    assert_spans_inside(text, dockerfile)


@settings(max_examples=300)
@given(fragment_texts)
def test_crlf_line_endings_parse_like_lf(text: str) -> None:
    assert parse_dockerfile(text.replace("\n", "\r\n"), "D") == parse_dockerfile(text, "D")


@settings(max_examples=300)
@given(fragment_texts.filter(lambda t: not t.startswith("\ufeff")))
def test_a_byte_order_mark_changes_nothing(text: str) -> None:
    assert parse_dockerfile("\ufeff" + text, "D") == parse_dockerfile(text, "D")


@settings(max_examples=300)
@given(fragment_texts)
def test_instructions_come_in_file_order(text: str) -> None:
    dockerfile = parse_dockerfile(text, "D")
    starts = [(i.span.line, i.span.column) for i in dockerfile.instructions]
    assert starts == sorted(starts)
    assert [s.index for s in dockerfile.stages] == list(range(len(dockerfile.stages)))
