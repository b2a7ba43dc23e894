"""Source positions: 1-based lines and columns, end column exclusive."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A range in one file. Columns count characters (not bytes); ``end_column`` is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> Span:
        """An empty span: an insertion point."""
        return cls(line, column, line, column)

    def cover(self, other: Span) -> Span:
        """The smallest span holding both."""
        start = min((self.line, self.column), (other.line, other.column))
        end = max((self.end_line, self.end_column), (other.end_line, other.end_column))
        return Span(start[0], start[1], end[0], end[1])


@dataclass(frozen=True, slots=True)
class MappedText:
    """Text assembled from pieces of a file (continuation lines, a quoted string, a heredoc body),
    with the file position of every character.

    ``anchors`` holds ``(offset, line, column)`` triples sorted by offset: the character at
    ``offset`` sits at ``line:column`` in the file, and the characters after it follow on the same
    line until the next anchor.
    """

    text: str
    anchors: tuple[tuple[int, int, int], ...]

    @classmethod
    def at(cls, text: str, line: int, column: int) -> MappedText:
        """Text that stands contiguously on one line of the file."""
        return cls(text, ((0, line, column),))

    def position(self, offset: int) -> tuple[int, int]:
        """File ``(line, column)`` of the character at ``offset`` (or just past the end)."""
        anchors = self.anchors
        index = bisect_right(anchors, (offset, 1 << 62, 0)) - 1 if len(anchors) > 1 else 0
        start, line, column = anchors[max(index, 0)]
        return line, column + (offset - start)

    def span(self, start: int, end: int) -> Span:
        """The file span of ``text[start:end]``; an end on a piece boundary stays on its line."""
        line, column = self.position(start)
        if end <= start:
            return Span(line, column, line, column)
        end_line, end_column = self.position(end - 1)
        return Span(line, column, end_line, end_column + 1)

    def slice(self, start: int, end: int) -> MappedText:
        """The part ``text[start:end]`` with its positions."""
        first = bisect_right(self.anchors, (start, 1 << 62, 0)) - 1
        anchors = [(0, *self.position(start))]
        anchors += [(o - start, ln, col) for o, ln, col in self.anchors[first + 1 :] if o <= end]
        return MappedText(self.text[start:end], tuple(anchors))

    @property
    def whole(self) -> Span:
        return self.span(0, len(self.text))
