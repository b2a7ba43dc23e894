"""Heredoc markers (``<<EOF``, ``<<-'EOF'``, ``3<<EOF``) as BuildKit finds them in a line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lintdock.parsers.dockerfile_lex import LexError, LexWord, lex_words

# BuildKit's reHeredoc; ``\s`` is RE2's ASCII class.
_MARKER = re.compile(r"([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)")


@dataclass(frozen=True, slots=True)
class Marker:
    """A heredoc marker: the terminator ``name``, whether the body expands variables (the name
    was not quoted), whether leading tabs are stripped (``<<-``), and the fd prefix."""

    name: str
    expand: bool
    strip_tabs: bool
    fd: int | None


def parse_marker(word: str) -> Marker | None:
    """The marker ``word`` is, or None. Raises LexError for a malformed quoted name."""
    match = _MARKER.fullmatch(word)
    if match is None or not match.group(3):
        return None
    rest = match.group(3)
    plain = lex_words(rest, "\\")
    if len(plain) != 1:
        return None
    raw = lex_words(rest, "\\", raw_quotes=True)
    if len(raw) != 1:
        raise LexError(f"internal lexing of heredoc produced inconsistent results: {rest}")
    name = plain[0].text
    expand = _quotes(name) == _quotes(raw[0].text)
    fd = int(match.group(1)) if match.group(1) else None
    return Marker(name, expand, match.group(2) == "-", fd)


def _quotes(text: str) -> int:
    return text.count("'") + text.count('"')


def marker_words(line: str) -> list[LexWord]:
    """The words of ``line`` that may be heredoc markers, as BuildKit lexes the whole line
    (quotes and escapes kept, backslash as escape whatever the directive says). A line the lexer
    rejects has none, as in BuildKit."""
    try:
        words = lex_words(line, "\\", raw_quotes=True, raw_escapes=True)
    except LexError:
        return []
    return [word for word in words if "<<" in word.text]
