"""How a compose file is written, for style rules: each mapping's keys in order, each
collection's entries with the lines they take, and each scalar's quoting style, read from the
file's own documents (before merging)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from lintdock.model.compose import (
    Located,
    PresentedEntry,
    PresentedMapping,
    PresentedScalar,
    PresentedSequence,
    ScalarStyle,
    YamlPath,
    YamlPresentation,
)
from lintdock.model.span import Span
from lintdock.parsers.compose_yaml import (
    YamlFile,
    YamlNode,
    key_text,
    resolve_plain,
    scalar_text,
)

STYLES: dict[str | None, ScalarStyle] = {
    None: "plain",
    "'": "single",
    '"': "double",
    "|": "literal",
    ">": "folded",
}

# What a plain scalar cannot start with, or hold, and still read back as the same string.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NOT_PLAIN_INSIDE = re.compile(r": |\s#|:$|[\t\n\r\x85\u2028\u2029]")
_ALIAS_VALUE = re.compile(r"\s*:\s*\*[^\s#]+\s*(#.*)?")  # what follows a key: ``: *name``


def presentation(path: str, yaml_file: YamlFile) -> YamlPresentation:
    """The mappings, sequences and scalars of the file's documents, in file order, each node
    once."""
    text = yaml_file.lines.text
    lines = tuple(text.split("\n"))
    movable = len(yaml_file.lines.starts) == len(lines)  # no line break but \n
    layout = _Layout(lines if movable else (), yaml_file)
    mappings: list[PresentedMapping] = []
    sequences: list[PresentedSequence] = []
    scalars: list[PresentedScalar] = []
    seen: set[int] = set()
    pending: list[tuple[YamlNode, YamlPath]] = [(d, ()) for d in reversed(yaml_file.documents)]
    while pending:
        node, where = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.is_scalar:
            scalars.append(_scalar(node, where, key=False))
        elif node.is_mapping:
            keys = []
            for key, _ in node.entries():
                name = key_text(key)
                keys.append(Located(name, key.span, key.file))
                scalars.append(_scalar(key, (*where, name), key=True))
            entries = layout.mapping_entries(node, path)
            mappings.append(PresentedMapping(where, tuple(keys), node.flow, node.span, entries))
            children = [(value, (*where, key_text(key))) for key, value in node.entries()]
            pending.extend(reversed(children))
        else:
            items = layout.sequence_items(node, path)
            sequences.append(PresentedSequence(where, items, node.flow, node.span))
            pending.extend(reversed([(item, (*where, i)) for i, item in enumerate(node.items())]))
    scalars.sort(key=lambda scalar: scalar.span)
    return YamlPresentation(
        path, tuple(mappings), tuple(scalars), tuple(sequences), lines if movable else ()
    )


def _scalar(node: YamlNode, where: YamlPath, *, key: bool) -> PresentedScalar:
    text = scalar_text(node.value) if node.is_scalar else f"<{node.kind}>"
    style = STYLES.get(node.style, "plain")
    safe = node.is_scalar and isinstance(node.value, str) and plain_safe(node.value)
    return PresentedScalar(where, text, style, node.span, key, safe)


def plain_safe(text: str) -> bool:
    """Whether ``text`` written as a plain scalar (in block context) reads back as the same
    string."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if _NOT_PLAIN_INSIDE.search(text):
        return False
    return resolve_plain(text) == text


class _Layout:
    """Which whole lines each entry of a block collection takes."""

    def __init__(self, lines: Sequence[str], yaml_file: YamlFile) -> None:
        self.lines = lines
        self.index = yaml_file.lines
        self.anchors = _Marks(yaml_file.anchor_marks)
        self.aliases = _Marks(yaml_file.alias_marks)

    def mapping_entries(self, node: YamlNode, path: str) -> tuple[PresentedEntry, ...]:
        merged = {
            id(key)
            for _, value in node.merges
            for source in (value.items() if value.is_sequence else (value,))
            for key, _ in source.entries()
        }
        own = [(k, v) for k, v in node.entries() if id(k) not in merged and k.file == path]
        pairs = sorted([*own, *node.merges], key=lambda pair: pair[0].span)
        found = []
        for key, value in pairs:
            located = Located(key_text(key), key.span, key.file)
            in_place = value.file == path and value.span > key.span
            span = key.span.cover(value.span) if in_place else key.span
            found.append((located, span, node.flow, None if in_place else "*"))
        return self._entries(found)

    def sequence_items(self, node: YamlNode, path: str) -> tuple[PresentedEntry, ...]:
        found = []
        last = node.span
        for item in node.items():
            in_place = item.file == path and item.span >= last
            found.append((None, item.span, node.flow or not in_place, "-"))
            last = item.span if in_place else last
        return self._entries(found)

    def _entries(
        self, found: Iterable[tuple[Located[str] | None, Span, bool, str | None]]
    ) -> tuple[PresentedEntry, ...]:
        entries = []
        previous_end = 0
        for key, span, shares_lines, lead in found:
            known = self.lines and not shares_lines
            lines = self._own_lines(span, lead, previous_end) if known else None
            previous_end = max(previous_end, span.end_line)
            entries.append((key, span, lines))
        return tuple(self._entry(*entry) for entry in _attach_trailing(entries, self.lines))

    def _own_lines(self, span: Span, lead: str | None, previous_end: int) -> tuple[int, int] | None:
        """The lines of an entry at ``span`` whose line starts with blanks (then the ``-`` of a
        sequence item, when ``lead`` is ``-``) and whose last line ends after it with blanks or
        a comment (after ``: *alias``, when ``lead`` is ``*``: a key whose value is an alias)."""
        head = self.lines[span.line - 1][: span.column - 1].strip()
        rest = self.lines[span.end_line - 1][span.end_column - 1 :]
        if lead == "*":
            if head or not _ALIAS_VALUE.fullmatch(rest):
                return None
        elif head != (lead or "") or (rest.strip() and not rest.strip().startswith("#")):
            return None
        column = len(self.lines[span.line - 1]) - len(self.lines[span.line - 1].lstrip())
        first = span.line
        while first - 1 > previous_end and _comment_line(self.lines[first - 2], column + 1):
            first -= 1
        return first, span.end_line

    def _entry(
        self, key: Located[str] | None, span: Span, lines: tuple[int, int] | None
    ) -> PresentedEntry:
        if lines is None:
            return PresentedEntry(key, span, None)
        start = self.index.line_start(lines[0])
        end = self.index.line_start(lines[1] + 1) if lines[1] < len(self.lines) else 1 << 62
        return PresentedEntry(
            key, span, lines, self.anchors.between(start, end), self.aliases.between(start, end)
        )


def _comment_line(text: str, deepest: int) -> bool:
    """A line holding only a comment whose ``#`` is at column ``deepest`` or before it."""
    stripped = text.lstrip()
    return stripped.startswith("#") and len(text) - len(stripped) < deepest


def _attach_trailing(
    entries: list[tuple[Located[str] | None, Span, tuple[int, int] | None]],
    lines: Sequence[str],
) -> list[tuple[Located[str] | None, Span, tuple[int, int] | None]]:
    """Comment lines right after an entry, indented deeper than the next entry, belong to it
    (a commented-out key of the service above)."""
    attached = []
    for index, (key, span, own) in enumerate(entries):
        following = entries[index + 1] if index + 1 < len(entries) else None
        if own is not None and following is not None and following[2] is not None:
            next_line = lines[following[1].line - 1]
            column = len(next_line) - len(next_line.lstrip())
            last = own[1]
            while last + 1 < following[2][0] and _deeper_comment(lines[last], column):
                last += 1
            own = (own[0], last)
        attached.append((key, span, own))
    return attached


def _deeper_comment(text: str, column: int) -> bool:
    stripped = text.lstrip()
    return stripped.startswith("#") and len(text) - len(stripped) > column


class _Marks:
    """Anchor or alias names by offset."""

    def __init__(self, marks: Sequence[tuple[str, int]]) -> None:
        ordered = sorted(marks, key=lambda mark: mark[1])
        self.offsets = [offset for _, offset in ordered]
        self.names = [name for name, _ in ordered]

    def between(self, start: int, end: int) -> frozenset[str]:
        if not self.offsets:
            return frozenset()
        low, high = bisect_left(self.offsets, start), bisect_right(self.offsets, end - 1)
        return frozenset(self.names[low:high])
