"""YAML text to trees of positioned nodes, for the Compose loader.

A YAML event stream is turned into ``YamlNode`` trees without recursion, so
deep nesting cannot overflow the stack. Aliases share the anchored node (a value reached through
an alias points at the anchor's text), ``<<`` merge keys are resolved into their mapping, and
plain scalars are resolved with the YAML 1.2 core schema (``restart: no`` is the string "no").

Nothing here raises for bad input: syntax errors, duplicate keys, alias bombs and nesting deeper
than ``MAX_DEPTH`` become LD002 ``ComposeFinding``s.

The events are libyaml's (PyYAML's C parser, about three times faster than ruamel.yaml's
pure-Python scanner) when libyaml reads the text as ruamel does; ruamel.yaml (YAML 1.2) reads
the rest, and every text with anything to report, so that LD002 keeps ruamel's messages and
positions.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lintdock.model.compose import ComposeFinding, YamlComment, YamlValue
from lintdock.model.span import Span
from lintdock.rules.codes import YAML_SYNTAX

MAX_DEPTH = 100
"""Deepest nesting of collections accepted; real Compose files stay under 15 levels."""

MIN_EXPANSION_BUDGET = 200_000
"""Nodes a document may hold once aliases are expanded, at least, whatever the file's size."""

EXPANSION_PER_CHAR = 2
"""...plus this many per character of the file (an honest file writes a node every few)."""

MERGE_KEY = "<<"
MERGE_TAG = "tag:yaml.org,2002:merge"

LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""Line breaks as ``str.splitlines`` counts them (as the reporters and suppressions do).
Positions are computed from ruamel's character offsets, never from its line counts."""

_INT = re.compile(r"[-+]?[0-9]+")
_OCTAL = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INFINITY = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
_NUMBER_STARTS = frozenset("0123456789+-.")  # what every number above starts with
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_BLOCK_STYLES = frozenset({"|", ">"})


class YamlLoadError(Exception):
    """Stops reading a document; becomes an LD002 finding at ``span``."""

    def __init__(self, message: str, span: Span) -> None:
        super().__init__(message)
        self.span = span


@dataclass(eq=False, slots=True)
class YamlNode:
    """One YAML node.

    ``kind`` is ``"scalar"``, ``"mapping"`` or ``"sequence"``. ``value`` is the resolved Python
    value of a scalar, a tuple of ``(key, value)`` node pairs for a mapping (merge keys applied),
    a tuple of nodes for a sequence. ``style`` is the scalar style (None plain, ``'``, ``"``,
    ``|``, ``>``); ``flow`` tells a ``[...]``/``{...}`` collection; ``tag`` is an explicit tag
    such as ``!reset``. ``file`` is the path of the file the node is written in. ``size`` counts
    the nodes the tree holds once aliases are expanded. Nodes reached through an alias are
    shared objects. ``merges`` are a mapping's ``<<`` entries as written (``value`` holds what
    they bring in).
    """

    kind: str
    span: Span
    value: Any
    file: str = ""
    style: str | None = None
    flow: bool = False
    tag: str | None = None
    size: int = 1
    merges: tuple[tuple[YamlNode, YamlNode], ...] = ()
    # A mapping's first pair of each key text, made on the first ``entry`` lookup.
    _by_key: dict[str, tuple[YamlNode, YamlNode]] | None = field(
        default=None, init=False, repr=False
    )

    @property
    def is_mapping(self) -> bool:
        return self.kind == "mapping"

    @property
    def is_sequence(self) -> bool:
        return self.kind == "sequence"

    @property
    def is_scalar(self) -> bool:
        return self.kind == "scalar"

    def with_value(self, value: Any, kind: str | None = None) -> YamlNode:
        """A copy holding ``value`` (and being a ``kind`` node, when given)."""
        return YamlNode(
            kind or self.kind,
            self.span,
            value,
            self.file,
            self.style,
            self.flow,
            self.tag,
            self.size,
            self.merges,
        )

    def entries(self) -> tuple[tuple[YamlNode, YamlNode], ...]:
        """The ``(key, value)`` pairs of a mapping; empty for anything else."""
        return self.value if self.is_mapping else ()

    def items(self) -> tuple[YamlNode, ...]:
        """The items of a sequence; empty for anything else."""
        return self.value if self.is_sequence else ()

    def entry(self, key: str) -> tuple[YamlNode, YamlNode] | None:
        """The ``(key, value)`` node pair of ``key`` in a mapping."""
        if self._by_key is None:
            self._by_key = {}
            for pair in self.entries():
                self._by_key.setdefault(key_text(pair[0]), pair)
        return self._by_key.get(key)

    def get(self, key: str) -> YamlNode | None:
        """The value node of ``key`` in a mapping (None when absent or not a mapping)."""
        entry = self.entry(key)
        return entry[1] if entry is not None else None


def key_text(node: YamlNode) -> str:
    """A mapping key as Compose sees it: scalars as text (``80`` -> ``"80"``)."""
    if not node.is_scalar:
        return f"<{node.kind}>"
    return scalar_text(node.value)


def scalar_text(value: object) -> str:
    """The text of a resolved scalar the way Go prints it (``True`` -> ``"true"``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and value.bit_length() > MAX_DECIMAL_BITS:
        return hex(value)  # Python refuses to print more than 4,300 decimal digits
    return str(value)


MAX_DECIMAL_BITS = 14_000  # about 4,200 decimal digits


@dataclass(frozen=True, slots=True)
class YamlFile:
    """The documents of one file, its comments and what went wrong reading it.

    ``documents`` is empty when the file could not be read to the end."""

    documents: tuple[YamlNode, ...]
    comments: tuple[YamlComment, ...]
    findings: tuple[ComposeFinding, ...]
    lines: LineIndex
    # Where each ``&anchor`` is defined and each ``*alias`` used: (name, offset), in file order.
    anchor_marks: tuple[tuple[str, int], ...] = ()
    alias_marks: tuple[tuple[str, int], ...] = ()


class LineIndex:
    """Converts character offsets of a text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [match.end() for match in LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(max(end, start))
        return Span(line, column, end_line, end_column)

    def text_at(self, span: Span) -> str:
        """The text a span covers."""
        start = self.line_start(span.line) + span.column - 1
        return self.text[start : self.line_start(span.end_line) + span.end_column - 1]

    def line_start(self, line: int) -> int:
        """Offset of the first character of the 1-based ``line``."""
        return self.starts[min(line, len(self.starts)) - 1]


def read_yaml(path: str, text: str, *, libyaml: bool = True) -> YamlFile:
    """Parse every document of ``text``; never raises.

    libyaml (PyYAML's C parser) reads the text when it can, about three times faster than
    ruamel's pure-Python scanner; ruamel reads it again whenever libyaml or the tree builder
    finds anything wrong, so that LD002's messages and positions are always ruamel's, and reads
    the texts libyaml reads differently. ``libyaml=False`` reads with ruamel alone (to compare).
    """
    lines = LineIndex(text)
    use_libyaml = libyaml and libyaml_may_read(text)
    builder = _read_with_libyaml(path, text, lines) if use_libyaml else None
    if builder is None:
        builder = _TreeBuilder(path, text, lines)
        try:
            builder.run(_ruamel_events(text))
        except YamlLoadError as error:
            builder.findings.append(ComposeFinding(YAML_SYNTAX, str(error), path, error.span))
        except Exception as error:  # ruamel's errors, whatever their class, are findings
            builder.findings.append(_syntax_finding(path, lines, error))
    documents = tuple(builder.documents) if builder.complete else ()
    comments = tuple(_comments(path, text, lines, builder.scalar_ranges))
    return YamlFile(
        documents,
        comments,
        tuple(builder.findings),
        lines,
        tuple(builder.anchor_marks),
        tuple(builder.alias_marks),
    )


def libyaml_may_read(text: str) -> bool:
    """False for a text libyaml would read differently from ruamel: one holding a byte order
    mark (libyaml leaves it out of its offsets) or a line break of YAML 1.1 only (NEL, LS,
    PS: libyaml breaks lines there, ruamel does not everywhere)."""
    return not any(character in text for character in _RUAMEL_ONLY)


_RUAMEL_ONLY = ("\ufeff", "\x85", "\u2028", "\u2029")


def _read_with_libyaml(path: str, text: str, lines: LineIndex) -> _TreeBuilder | None:
    """The tree builder fed by libyaml; None when PyYAML's C extension is absent, or when
    libyaml or the builder found anything to report (ruamel then reads the text again)."""
    builder = _TreeBuilder(path, text, lines)
    try:
        builder.run(_libyaml_events(text))
    except Exception:  # libyaml's errors, the builder's, or no C extension: ruamel decides
        return None
    return None if builder.findings else builder


def _ruamel_events(text: str) -> Iterator[Any]:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).parse(text)


def _libyaml_events(text: str) -> Iterator[Any]:
    """libyaml's events, told as ruamel tells them: a plain scalar's style is None (not
    ``""``), and an empty value is placed where ruamel places it. Raises for a block scalar
    at a document's root (ruamel reads its lines at column 0, ``---`` included, as its text;
    libyaml ends it there): such a document is no compose file, ruamel reads it as before."""
    from yaml._yaml import CParser  # ImportError without the C extension

    parser = CParser(text)
    open_collections: list[list[Any]] = []  # [is a block mapping, is flow, nodes read]
    try:
        while (event := parser.get_event()) is not None:
            name = type(event).__name__
            if name == "ScalarEvent":
                if not open_collections and event.style in _BLOCK_STYLES:
                    raise ValueError("a block scalar at a document's root: left to ruamel")
                if event.style == "":
                    event.style = None
                    if event.value == "" and event.start_mark.index == event.end_mark.index:
                        _place_empty_value(text, event, open_collections)
            elif name in _ENDS:
                open_collections.pop()
            if open_collections and name not in _ENDS:
                open_collections[-1][2] += 1
            if name in _STARTS:
                open_collections.append([name == "MappingStartEvent", event.flow_style, 0])
            yield event
    finally:
        parser.dispose()


_STARTS = frozenset({"MappingStartEvent", "SequenceStartEvent"})
_ENDS = frozenset({"MappingEndEvent", "SequenceEndEvent"})


def _place_empty_value(text: str, event: Any, open_collections: list[list[Any]]) -> None:
    """Move an empty mapping value to ruamel's place: in a block mapping, where the next key
    starts (or the mapping ends); in a flow mapping, just after its ``:`` (libyaml places
    both at other tokens). Raises where ruamel's place depends on more (an explicit ``?`` key
    or an empty key next, a comment inside a flow mapping), so that ruamel reads the text."""
    if not open_collections:
        return
    is_mapping, flow, count = open_collections[-1]
    if not is_mapping or count % 2 == 0:
        return  # ruamel and libyaml place empty keys and sequence items alike
    offset = event.start_mark.index
    if flow:
        after_colon = text.rfind(":", 0, offset) + 1
        between = text[after_colon:offset]
        if "#" in between:
            raise ValueError("an empty flow value after a comment: left to ruamel")
        if after_colon == 0 or between.strip():
            return  # no ``:`` (``{a}``): placed alike
        offset = after_colon
    else:
        offset = _next_token(text, offset)
        if text[offset : offset + 1] in ("?", ":"):
            raise ValueError("an empty value before an explicit or empty key: left to ruamel")
    event.start_mark = event.end_mark = _Mark(offset)


class _Mark:
    """A position in the text, as the tree builder reads event marks (libyaml's are frozen)."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


def _next_token(text: str, offset: int) -> int:
    """Where the next token starts: past blanks, line breaks and comments."""
    length = len(text)
    while offset < length:
        character = text[offset]
        if character == "#":
            match = LINE_BREAK.search(text, offset)
            offset = match.start() if match else length
        elif character in " \t" or LINE_BREAK.match(character):
            offset += 1
        else:
            break
    return offset


NO_BREAK_SPACE = "\u00a0"


def _syntax_finding(path: str, lines: LineIndex, error: Exception) -> ComposeFinding:
    """An LD002 finding from a ruamel error, at its problem mark, or at the non-breaking space
    on that line or the one above that is the likely cause."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    offset = mark.index if mark is not None else getattr(error, "position", 0)
    offset = min(offset, len(lines.text)) if isinstance(offset, int) else 0
    line, column = lines.position(offset)
    message = _problem_text(error)
    span = Span.point(line, column)
    space = lines.text.find(NO_BREAK_SPACE, lines.line_start(max(line - 1, 1)), offset + 1)
    if space >= 0:
        message = (
            "a non-breaking space (U+00A0), which YAML does not read as a space; replace it "
            f"with a plain one (the parser stopped at line {line}: {message})"
        )
        span = lines.span(space, space + 1)
    return ComposeFinding(YAML_SYNTAX, f"invalid YAML: {message}", path, span)


def _problem_text(error: Exception) -> str:
    """ruamel's description of a syntax error, with what a wrong indentation means."""
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    if not problem:
        return (str(error).splitlines() or [type(error).__name__])[0]
    if str(problem).startswith("expected <block end>"):
        cause = f"{problem} {context}" if context else str(problem)
        return (
            f"inconsistent indentation: this line lines up with no key or item above it ({cause})"
        )
    return f"{problem} ({context})" if context else str(problem)


@dataclass(eq=False, slots=True)
class _Open:
    """A collection being read: where it starts and the nodes read so far."""

    kind: str
    start: int
    tag: str | None
    anchor: str | None
    flow: bool
    items: list[YamlNode] = field(default_factory=list)
    size: int = 1


_PENDING = YamlNode("scalar", Span.point(1, 1), None)
"""Stands in the anchor table for a collection still being read (an alias to it is a cycle)."""


class _TreeBuilder:
    """Consumes ruamel's (or libyaml's) events and builds one ``YamlNode`` tree per document."""

    def __init__(self, path: str, text: str, lines: LineIndex) -> None:
        self.path = path
        self.text = text
        self.lines = lines
        self.documents: list[YamlNode] = []
        self.findings: list[ComposeFinding] = []
        self.scalar_ranges: list[tuple[int, int]] = []
        self.complete = False
        self.budget = MIN_EXPANSION_BUDGET + EXPANSION_PER_CHAR * len(text)
        self.expanded = 0
        self.stack: list[_Open] = []
        self.anchors: dict[str, YamlNode] = {}
        self.anchor_marks: list[tuple[str, int]] = []
        self.alias_marks: list[tuple[str, int]] = []

    def run(self, events: Iterable[Any]) -> None:
        handlers = {
            "MappingStartEvent": self._start_collection,
            "SequenceStartEvent": self._start_collection,
            "MappingEndEvent": self._end_collection,
            "SequenceEndEvent": self._end_collection,
            "ScalarEvent": self._scalar,
            "AliasEvent": self._alias,
            "DocumentStartEvent": self._start_document,
        }
        for event in events:
            handler = handlers.get(type(event).__name__)
            if handler is not None:
                handler(event)
        self.complete = True

    def _start_document(self, event: Any) -> None:
        self.anchors = {}

    def _start_collection(self, event: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise YamlLoadError(
                f"nesting deeper than {MAX_DEPTH} levels; the file was not loaded",
                self._event_span(event),
            )
        kind = "mapping" if type(event).__name__ == "MappingStartEvent" else "sequence"
        start = _skip_properties(self.text, event.start_mark.index, event.end_mark.index)
        if event.anchor is not None:
            self.anchors[event.anchor] = _PENDING
            self.anchor_marks.append((event.anchor, event.start_mark.index))
        self.stack.append(_Open(kind, start, event.tag, event.anchor, bool(event.flow_style)))

    def _end_collection(self, event: Any) -> None:
        entry = self.stack.pop()
        start = self.lines.position(entry.start)
        if entry.flow or not entry.items:
            span = self.lines.span(entry.start, event.end_mark.index)
        else:
            last = entry.items[-1].span
            span = Span(start[0], start[1], last.end_line, last.end_column)
        merges: tuple[tuple[YamlNode, YamlNode], ...] = ()
        if entry.kind == "sequence":
            value: tuple[Any, ...] = tuple(entry.items)
        else:
            value = tuple(self._mapping_entries(entry.items))
            pairs = zip(entry.items[::2], entry.items[1::2], strict=True)
            merges = tuple((key, item) for key, item in pairs if _is_merge_key(key))
        node = YamlNode(
            entry.kind,
            span,
            value,
            self.path,
            flow=entry.flow,
            tag=entry.tag,
            size=entry.size,
            merges=merges,
        )
        self.expanded += 1
        if entry.anchor is not None:
            self.anchors[entry.anchor] = node
        self._add(node)

    def _scalar(self, event: Any) -> None:
        start = _skip_properties(self.text, event.start_mark.index, event.end_mark.index)
        end = event.end_mark.index
        style = event.style
        if style in _BLOCK_STYLES:
            content_line = self.lines.position(start)[0] + 1
            self.scalar_ranges.append((self.lines.line_start(content_line), end))
            end = _trim_end(self.text, start, end)
        else:
            self.scalar_ranges.append((start, end))
        value = _resolve(event.value, style, event.tag)
        span = self.lines.span(start, end)
        node = YamlNode("scalar", span, value, self.path, style=style, tag=event.tag)
        self.expanded += 1
        if event.anchor is not None:
            self.anchors[event.anchor] = node
            self.anchor_marks.append((event.anchor, event.start_mark.index))
        self._add(node)

    def _alias(self, event: Any) -> None:
        target = self.anchors.get(event.anchor)
        span = self._event_span(event)
        self.alias_marks.append((event.anchor, event.start_mark.index))
        if target is None or target is _PENDING:
            problem = (
                "is not defined (a plain value that starts with * is read as an alias: quote it "
                "if it is text)"
                if target is None
                else "refers to a node that contains it"
            )
            raise YamlLoadError(f"alias *{event.anchor} {problem}", span)
        self.expanded += target.size
        if self.expanded > self.budget:
            raise YamlLoadError(
                "aliases expand to too many nodes (an alias bomb?); the file was not loaded", span
            )
        self._add(target)

    def _add(self, node: YamlNode) -> None:
        """Attach a node to the collection being read (or make it a document)."""
        if not self.stack:
            self.documents.append(node)
            self.expanded = 0
            return
        parent = self.stack[-1]
        parent.items.append(node)
        parent.size = min(parent.size + node.size, self.budget + 1)

    def _event_span(self, event: Any) -> Span:
        return self.lines.span(event.start_mark.index, event.end_mark.index)

    def _mapping_entries(self, items: list[YamlNode]) -> Iterator[tuple[YamlNode, YamlNode]]:
        """The pairs of a mapping: explicit keys win over merged ones; a repeated key (``<<``
        included, as Compose rejects that too) is a finding and the first one is kept."""
        pairs = list(zip(items[::2], items[1::2], strict=True))
        first_keys: dict[str, YamlNode] = {}
        for key, _ in pairs:
            if not key.is_scalar:
                self._finding("mapping keys must be scalars", key.span)
                continue
            first = first_keys.setdefault(key_text(key), key)
            if first is not key:
                name = key_text(key)
                self._finding(
                    f'mapping key "{name}" already defined at line {first.span.line}', key.span
                )
        merged_names: set[str] = set()
        for key, value in pairs:
            if _is_merge_key(key):
                for merged_key, merged_value in self._merged_entries(value):
                    name = key_text(merged_key)
                    if name not in first_keys and name not in merged_names:
                        merged_names.add(name)
                        yield merged_key, merged_value
            elif key.is_scalar and first_keys[key_text(key)] is key:
                yield key, value

    def _finding(self, message: str, span: Span) -> None:
        self.findings.append(ComposeFinding(YAML_SYNTAX, message, self.path, span))

    def _merged_entries(self, value: YamlNode) -> Iterable[tuple[YamlNode, YamlNode]]:
        """The pairs a ``<<`` value brings: a mapping, or a list of mappings (earlier wins)."""
        sources = value.items() if value.is_sequence else (value,)
        for source in sources:
            if not source.is_mapping:
                raise YamlLoadError(
                    "a merge key (<<) needs a mapping or a list of mappings", source.span
                )
            yield from source.entries()


def _is_merge_key(key: YamlNode) -> bool:
    return (
        key.is_scalar
        and key.style is None
        and key.value == MERGE_KEY
        and key.tag
        in (
            None,
            MERGE_TAG,
        )
    )


def _skip_properties(text: str, start: int, end: int) -> int:
    """The offset of a node's content after its ``&anchor`` / ``!tag`` properties (and the
    whitespace or comment after them)."""
    offset = start
    while offset < end and text[offset] in "&!":
        while offset < end and not text[offset].isspace():
            offset += 1
        while offset < end and (text[offset].isspace() or text[offset] == "#"):
            if text[offset] == "#":
                while offset < end and text[offset] not in "\r\n":
                    offset += 1
            else:
                offset += 1
    return offset


def _trim_end(text: str, start: int, end: int) -> int:
    """A block scalar's end without the line breaks and blank lines ruamel includes."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _resolve(value: str, style: str | None, tag: str | None) -> object:
    """A scalar's Python value under the YAML 1.2 core schema (tags ``!!str``, ``!!int``, ...
    honoured; any other explicit tag keeps the text)."""
    if tag is not None:
        return _resolve_tagged(value, tag)
    if style is not None:
        return value
    return _resolve_plain(value)


def resolve_plain(value: str) -> object:
    """What an unquoted scalar ``value`` reads as (YAML 1.2 core, as Compose reads it)."""
    return _resolve_plain(value)


def _resolve_plain(value: str) -> object:
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    if value[0] not in _NUMBER_STARTS:
        return value
    if _INT.fullmatch(value):
        return _integer(value, 10)
    if _OCTAL.fullmatch(value):
        return _integer(value[2:], 8)
    if _HEX.fullmatch(value):
        return _integer(value[2:], 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    if _INFINITY.fullmatch(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.fullmatch(value):
        return float("nan")
    return value


def _integer(digits: str, base: int) -> object:
    """An integer, or the text when it has more digits than Python converts."""
    try:
        return int(digits, base)
    except ValueError:
        return digits


def _resolve_tagged(value: str, tag: str) -> object:
    short = tag.rsplit(":", 1)[-1] if tag.startswith("tag:yaml.org,2002:") else tag
    short = short.removeprefix("!!")
    if short in ("int", "float", "bool", "null"):
        resolved = _resolve_plain(value)
        if _TYPE_NAMES.get(type(resolved)) == short:
            return resolved
        if short == "float" and type(resolved) is int:
            return float(resolved)
    return value


_TYPE_NAMES = {int: "int", float: "float", bool: "bool", type(None): "null"}


def _comments(
    path: str, text: str, lines: LineIndex, scalar_ranges: list[tuple[int, int]]
) -> Iterator[YamlComment]:
    """Every ``#`` comment: a ``#`` at a line start or after a blank, outside any scalar."""
    ranges = sorted(scalar_ranges)
    starts = [start for start, _ in ranges]
    offset = text.find("#")
    while offset != -1:
        inside = bisect_right(starts, offset) - 1
        in_scalar = inside >= 0 and ranges[inside][0] <= offset < ranges[inside][1]
        after_blank = offset == 0 or text[offset - 1] in " \t\r\n\x85\u2028\u2029\ufeff"
        if in_scalar or not after_blank:
            offset = text.find("#", offset + 1)
            continue
        match = LINE_BREAK.search(text, offset)
        end = match.start() if match else len(text)
        yield YamlComment(text[offset:end], lines.span(offset, end), path)
        offset = text.find("#", end)


def dotted(path: Iterable[str | int]) -> str:
    """A path into a document the way Compose prints it: ``services.web.ports.0``."""
    return ".".join(str(part) for part in path)


SHOWN_LENGTH = 60
"""Values longer than this are cut short in messages."""


def shown(value: object) -> str:
    """A value for a message: a scalar as JSON (cut short when long), a collection by kind."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 4] + '..."'


def to_data(node: YamlNode) -> YamlValue:
    """The plain Python value of a node (dicts, lists, scalars), aliases expanded."""
    if node.is_mapping:
        return {key_text(key): to_data(value) for key, value in node.value}
    if node.is_sequence:
        return [to_data(item) for item in node.value]
    return node.value
