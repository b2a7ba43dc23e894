"""Positions between lintdock and the Language Server Protocol.

lintdock's spans have 1-based lines and 1-based columns counted in characters (code points),
end exclusive. LSP positions have 0-based lines and 0-based columns counted in code units of the
position encoding the client and server agreed on: UTF-16 unless the client offered another
(``utf-8``, ``utf-32``). Both end lines at ``\\n``, ``\\r\\n`` or a lone ``\\r``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lintdock.model.span import Span

UTF16, UTF8, UTF32 = "utf-16", "utf-8", "utf-32"
_LINE_END = re.compile(r"\r\n|\r|\n")


def code_units(text: str, encoding: str = UTF16) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)


@dataclass(frozen=True)
class Position:
    """An LSP position: 0-based line, column in code units."""

    line: int
    character: int

    def as_json(self) -> dict[str, int]:
        return {"line": self.line, "character": self.character}


@dataclass(frozen=True)
class Range:
    """An LSP range, end exclusive."""

    start: Position
    end: Position

    def contains(self, position: Position) -> bool:
        """Whether ``position`` is inside (an empty range holds its own position)."""
        start = (self.start.line, self.start.character)
        end = (self.end.line, self.end.character)
        at = (position.line, position.character)
        return start <= at < end or at == start

    def as_json(self) -> dict[str, dict[str, int]]:
        return {"start": self.start.as_json(), "end": self.end.as_json()}


class LineIndex:
    """The lines of one text, to turn lintdock spans into LSP ranges."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.lines = _LINE_END.split(text)
        self.encoding = encoding

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` without its line ending ('' past the end)."""
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    def position(self, line: int, column: int) -> Position:
        """The LSP position of lintdock's ``line:column``, clamped into the text (a column past
        a line's end is its end; a line past the last is the end of the text)."""
        if line > len(self.lines):
            last = len(self.lines)
            return Position(last - 1, code_units(self.lines[-1], self.encoding))
        text = self.lines[max(line, 1) - 1]
        before = text[: max(column, 1) - 1]
        return Position(max(line, 1) - 1, code_units(before, self.encoding))

    def range(self, span: Span) -> Range:
        return Range(
            self.position(span.line, span.column), self.position(span.end_line, span.end_column)
        )
