"""The Dockerfile parser against BuildKit's own parser test cases.

Positive cases: our parse, rendered in BuildKit's ``Node.Dump`` S-expression format, must equal the
case's ``result``. Negative cases must produce an LD001 error. ``testfile-line`` pins start and
end lines. The cases are read from ../shared/conformance (never copied into the repository).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lintdock.model.dockerfile import Instruction
from lintdock.model.span import MappedText, Span
from lintdock.parsers.dockerfile import parse_dockerfile
from lintdock.parsers.dockerfile_words import json_array

CASES = Path(__file__).resolve().parents[2] / "shared/conformance/buildkit-parser"

pytestmark = pytest.mark.skipif(
    not CASES.is_dir(), reason=f"BuildKit conformance cases not found at {CASES}"
)


def _case_names(folder: str) -> list[str]:
    root = CASES / folder
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


# -- rendering in BuildKit's Dump format -----------------------------------------------------

_GO_ESCAPES = {"\a": r"\a", "\b": r"\b", "\f": r"\f", "\n": r"\n", "\r": r"\r", "\t": r"\t"}
_GO_ESCAPES.update({"\v": r"\v", "\\": r"\\", '"': r"\""})


def go_quote(text: str) -> str:
    """Go's ``strconv.Quote``."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in _GO_ESCAPES:
            out.append(_GO_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        elif code < 0x80:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def raw(text: MappedText, span: Span) -> str:
    """The characters of ``text`` that ``span`` covers, as written."""
    if (span.line, span.column) == (span.end_line, span.end_column):
        return ""
    start = _offset(text, span.line, span.column)
    end = _offset(text, span.end_line, span.end_column - 1) + 1
    return text.text[start:end]


def _offset(text: MappedText, line: int, column: int) -> int:
    anchors = text.anchors
    for index, (offset, anchor_line, anchor_column) in enumerate(anchors):
        following = anchors[index + 1][0] if index + 1 < len(anchors) else len(text.text)
        width = following - offset
        if anchor_line == line and anchor_column <= column < anchor_column + width:
            return offset + column - anchor_column
    raise AssertionError(f"{line}:{column} is not in {text!r}")


def dump(instruction: Instruction) -> str:
    """One instruction as BuildKit's ``Node.Dump`` writes it."""
    parts = [instruction.keyword.lower()]
    if instruction.flags:
        flags = [
            f"--{flag.name}" + (f"={flag.value}" if flag.value is not None else "")
            for flag in instruction.flags
        ]
        parts.append("[" + " ".join(go_quote(flag) for flag in flags) + "]")
    if instruction.inner is not None:
        parts.append(f"({dump(instruction.inner)})")
    else:
        parts.extend(go_quote(argument) for argument in _arguments(instruction))
    return " ".join(parts)


def _arguments(instruction: Instruction) -> list[str]:
    keyword, args = instruction.keyword, instruction.arguments
    if keyword in ("RUN", "CMD", "ENTRYPOINT", "SHELL"):
        return _maybe_json(args.text)
    if keyword == "HEALTHCHECK":
        if not args.text:
            return []
        kind = instruction.words[0].value
        return [kind, *_maybe_json(args.text[len(kind) :].lstrip())]
    if keyword in ("COPY", "ADD", "VOLUME") and json_array(args.text).elements is not None:
        return [token.value for token in instruction.words]
    if keyword in ("COPY", "ADD", "VOLUME", "FROM", "EXPOSE", "ARG"):
        return [raw(args, token.span) for token in instruction.words]
    if keyword in ("ENV", "LABEL"):
        return _pairs(instruction)
    if keyword in ("MAINTAINER", "USER", "WORKDIR", "STOPSIGNAL"):
        return [args.text] if args.text else []
    return [""]  # an unknown instruction keeps no arguments


def _maybe_json(text: str) -> list[str]:
    if not text:
        return []
    elements = json_array(text).elements
    return [element.text for element in elements] if elements is not None else [text]


def _pairs(instruction: Instruction) -> list[str]:
    """ENV/LABEL: key, value and ``=`` (empty for the legacy ``key value`` form) of each pair."""
    args = instruction.arguments
    pairs = instruction.pairs
    legacy = bool(pairs) and not args.text[len(raw(args, pairs[0].key.span)) :].startswith("=")
    rendered: list[str] = []
    for pair in pairs:
        value = raw(args, pair.value.span) if pair.value is not None else ""
        rendered += [raw(args, pair.key.span), value, "" if legacy else "="]
    return rendered


def render(text: str) -> str:
    dockerfile = parse_dockerfile(text, "Dockerfile")
    return "".join(f"({dump(i)})\n" for i in dockerfile.instructions)


# -- the cases --------------------------------------------------------------------------------


@pytest.mark.parametrize("case", _case_names("testfiles"))
def test_positive_case_parses_as_buildkit_does(case: str) -> None:
    folder = CASES / "testfiles" / case
    assert render(_read(folder / "Dockerfile")) == _read(folder / "result")


@pytest.mark.parametrize("case", _case_names("testfiles-negative"))
def test_negative_case_is_rejected(case: str) -> None:
    dockerfile = parse_dockerfile(_read(CASES / "testfiles-negative" / case / "Dockerfile"), "x")
    assert dockerfile.errors


def test_start_and_end_lines_match_buildkit() -> None:
    dockerfile = parse_dockerfile(_read(CASES / "testfile-line" / "Dockerfile"), "Dockerfile")
    lines = [(i.span.line, i.span.end_line) for i in dockerfile.instructions]
    assert lines == [(5, 5), (11, 12), (17, 31)]


def test_all_cases_were_found() -> None:
    assert len(_case_names("testfiles")) >= 30
    assert len(_case_names("testfiles-negative")) >= 4
