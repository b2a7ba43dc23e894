"""Shell words from tree-sitter nodes: the unquoted value with the script offset of each of its
characters, so that a string's content can be parsed again (``sh -c '…'``) and still point into
the original file.

Unquoting follows POSIX: quotes are removed, backslash escapes resolved (inside double quotes
only before ``$ ` " \\`` and newline), ``$'…'`` C escapes decoded. Expansions (``$VAR``,
``${VAR:-x}``, ``$(…)``, backticks, ``$((…))``) are kept as written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from lintdock.model.span import MappedText

if TYPE_CHECKING:
    from tree_sitter import Node

_Gap = Callable[[str, int, int, "Unquoted"], None]
_VERBATIM = frozenset(
    {
        "simple_expansion",
        "expansion",
        "command_substitution",
        "arithmetic_expansion",
        "process_substitution",
    }
)
_DOUBLE_QUOTE_ESCAPES = frozenset('$`"\\\n')
_C_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "E": "\x1b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "?": "?",
}


_OCTAL = "01234567"
_HEX = "0123456789abcdefABCDEF"


class Source:
    """A script's text with tree-sitter's byte offsets turned into character offsets."""

    __slots__ = ("_char_of_byte", "data", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8", "surrogatepass")
        self._char_of_byte: list[int] | None = None
        if len(self.data) != len(text):
            table: list[int] = []
            for index, char in enumerate(text):
                table.extend([index] * len(char.encode("utf-8", "surrogatepass")))
            table.append(len(text))
            self._char_of_byte = table

    def offset(self, byte: int) -> int:
        table = self._char_of_byte
        return byte if table is None else table[min(byte, len(table) - 1)]

    def range(self, node: Node) -> tuple[int, int]:
        return self.offset(node.start_byte), self.offset(node.end_byte)

    def raw(self, node: Node) -> str:
        start, end = self.range(node)
        return self.text[start:end]


class Unquoted:
    """A word's value being built, with the script offset of every character when tracked."""

    __slots__ = ("chars", "offsets")

    def __init__(self, track: bool) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] | None = [] if track else None

    @property
    def value(self) -> str:
        return "".join(self.chars)

    def verbatim(self, text: str, start: int) -> None:
        self.chars.append(text)
        if self.offsets is not None:
            self.offsets.extend(range(start, start + len(text)))

    def char(self, char: str, offset: int) -> None:
        self.chars.append(char)
        if self.offsets is not None:
            self.offsets.append(offset)


def unquote(source: Source, node: Node, offsets: bool = False) -> Unquoted:
    """The value of a word node (``word``, ``string``, ``raw_string``, ``concatenation``, …),
    with the offset of each character when ``offsets``."""
    out = Unquoted(offsets)
    _piece(source, node, out)
    return out


def _piece(source: Source, node: Node, out: Unquoted) -> None:
    kind = node.type
    start, end = source.range(node)
    text = source.text
    if kind in _VERBATIM:
        out.verbatim(text[start:end], start)
    elif kind == "raw_string":
        close = end - 1 if end - start >= 2 and text[end - 1] == "'" else end
        out.verbatim(text[start + 1 : close], start + 1)
    elif kind == "ansi_c_string":
        close = end - 1 if end - start >= 3 and text[end - 1] == "'" else end
        _c_escaped(text, start + 2, close, out)
    elif kind == "string":
        _double_quoted(source, node, out)
    elif node.child_count == 0:
        _unquoted(text, start, end, out)
    else:
        _children(source, node, start, end, out, _unquoted)


def _children(source: Source, node: Node, start: int, end: int, out: Unquoted, gap: _Gap) -> None:
    """The pieces of ``node`` between ``start`` and ``end``; text no child covers goes to
    ``gap`` (unquoted or double-quoted rules)."""
    position = start
    for child in node.children:
        child_start, child_end = source.range(child)
        if child_start < position or child_end > end or child.type == '"':
            continue
        if child_start > position:
            gap(source.text, position, child_start, out)
        if child.type in ("string_content", "heredoc_content"):
            gap(source.text, child_start, child_end, out)
        else:
            _piece(source, child, out)
        position = child_end
    if position < end:
        gap(source.text, position, end, out)


def _double_quoted(source: Source, node: Node, out: Unquoted) -> None:
    start, end = source.range(node)
    text = source.text
    inner_start = start + 1 if text.startswith('"', start) else start
    inner_end = end - 1 if end - inner_start >= 1 and text[end - 1 : end] == '"' else end
    _children(source, node, inner_start, inner_end, out, _double_quoted_text)


def _unquoted(text: str, start: int, end: int, out: Unquoted) -> None:
    _unescape(text, start, end, out, None)


def _double_quoted_text(text: str, start: int, end: int, out: Unquoted) -> None:
    _unescape(text, start, end, out, _DOUBLE_QUOTE_ESCAPES)


def _unescape(
    text: str, start: int, end: int, out: Unquoted, escapable: frozenset[str] | None
) -> None:
    """Backslash escapes of ``escapable`` characters (any when None) resolved; a backslash
    before a newline joins the lines."""
    if "\\" not in text[start:end]:
        out.verbatim(text[start:end], start)
        return
    index = start
    while index < end:
        char = text[index]
        following = text[index + 1] if index + 1 < end else ""
        if char == "\\" and following and (escapable is None or following in escapable):
            if following != "\n":
                out.char(following, index + 1)
            index += 2
        else:
            out.char(char, index)
            index += 1


def _c_escaped(text: str, start: int, end: int, out: Unquoted) -> None:
    index = start
    while index < end:
        char = text[index]
        if char == "\\" and index + 1 < end:
            decoded, width = _c_escape(text, index + 1, end)
            out.char(decoded, index)
            index += 1 + width
        else:
            out.char(char, index)
            index += 1


def _c_escape(text: str, index: int, end: int) -> tuple[str, int]:
    """The character a ``$'…'`` escape stands for, and how many characters after the backslash
    it uses (``\\n``, ``\\x41``, ``\\101``; anything else stands for itself, backslash kept)."""
    char = text[index]
    if char in _C_ESCAPES:
        return _C_ESCAPES[char], 1
    if char in _OCTAL or char == "x":
        digits, base, skip = (_OCTAL, 8, 0) if char in _OCTAL else (_HEX, 16, 1)
        width = skip
        while index + width < end and width < 3 and text[index + width] in digits:
            width += 1  # up to 3 octal digits, or x and 2 hex digits
        if width > skip:
            return chr(int(text[index + skip : index + width], base)), width
    return "\\" + char, 1


def remap(source: MappedText, word: Unquoted, fallback: int) -> MappedText:
    """A word's value (unquoted with offsets) as a MappedText of the original file: each
    character at the file position of the script character it came from. ``fallback`` is the
    script offset an empty value sits at."""
    offsets = word.offsets or []
    boundaries = {offset for offset, _, _ in source.anchors}
    anchors: list[tuple[int, int, int]] = []
    previous = -2
    for index, offset in enumerate(offsets):
        if offset != previous + 1 or offset in boundaries:
            anchors.append((index, *source.position(offset)))
        previous = offset
    if not anchors:
        anchors.append((0, *source.position(fallback)))
    elif offsets[-1] + 1 in boundaries:
        # The point just past the value is where the script puts it (the next piece's start).
        anchors.append((len(word.value), *source.position(offsets[-1] + 1)))
    return MappedText(word.value, tuple(anchors))
