"""Order in compose files, for the LD7 style rules: which entries of a collection are out of
place, and the fix that moves them, from the file's presentation (``YamlPresentation``).

A fix moves whole entries (the comment lines directly above an entry go with it, as do anchors
and aliases inside it); the blank lines and comments between entries stay where they are. No
fix is offered when an entry shares a line with something else, when the file has ``\\r`` line
ends, or when the new order would put an alias before the anchor it names. ``<<`` merge keys
are no entries to sort: they keep their place.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from lintdock.model.compose import Located, PresentedEntry, YamlPath, YamlPresentation
from lintdock.model.diagnostic import Edit, Fix
from lintdock.model.span import Span

MERGE_KEY = "<<"


def sortable(entries: Sequence[PresentedEntry]) -> list[PresentedEntry]:
    """The entries that take part in ordering: every one but ``<<`` merge keys."""
    return [e for e in entries if e.key is None or e.key.value != MERGE_KEY]


def out_of_place(keys: Sequence[Any]) -> set[int]:
    """Indexes of the fewest items to move so that ``keys`` ascend: those outside a longest
    non-decreasing subsequence (patience sorting, so a file of thousands of services is
    quick)."""
    tails: list[Any] = []  # the smallest last key of an ascending run of each length
    tail_index: list[int] = []
    previous = [-1] * len(keys)
    for index, key in enumerate(keys):
        length = bisect_right(tails, key)
        if length == len(tails):
            tails.append(key)
            tail_index.append(index)
        else:
            tails[length], tail_index[length] = key, index
        previous[index] = tail_index[length - 1] if length > 0 else -1
    kept: set[int] = set()
    at = tail_index[-1] if tail_index else -1
    while at >= 0:
        kept.add(at)
        at = previous[at]
    return set(range(len(keys))) - kept


def sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order as people read it: case-insensitive, then by case."""
    return text.casefold(), text


def reorder_fix(
    file: YamlPresentation,
    entries: Sequence[PresentedEntry],
    key: Callable[[PresentedEntry], Any],
    description: str,
) -> Fix | None:
    """Move the sortable ``entries`` (one collection's, in file order) into ``key`` order (a
    stable sort); None when that cannot be done safely."""
    movable = sortable(entries)
    if any(e.lines is None for e in entries) or not movable or not file.lines:
        return None
    ordered = sorted(movable, key=key)
    slots = list(entries)
    it = iter(ordered)
    placed = [next(it) if e in movable else e for e in slots]
    if not _aliases_follow_anchors(placed):
        return None
    texts = [file.line_text(*_lines(e)) for e in placed]
    parts: list[str] = []
    for index, text in enumerate(texts):
        parts.append(text)
        if index + 1 < len(slots):
            gap_start = _lines(slots[index])[1] + 1
            gap_end = _lines(slots[index + 1])[0] - 1
            gap = file.line_text(gap_start, gap_end) + "\n" if gap_end >= gap_start else ""
            parts.append("\n" + gap)
    first, last = _lines(slots[0])[0], _lines(slots[-1])[1]
    region = Span(first, 1, last, len(file.line_text(last, last)) + 1)
    return Fix(description, (Edit(region, "".join(parts)),))


def _lines(entry: PresentedEntry) -> tuple[int, int]:
    assert entry.lines is not None
    return entry.lines


def _aliases_follow_anchors(placed: Sequence[PresentedEntry]) -> bool:
    """Whether every alias an entry uses is defined before it (or by itself, or elsewhere)."""
    for index, entry in enumerate(placed):
        for alias in entry.aliases - entry.anchors:
            definers = [i for i, other in enumerate(placed) if alias in other.anchors]
            if definers and min(definers) > index:
                return False
    return True


@dataclass(frozen=True)
class ServiceCollection:
    """A service's ``depends_on`` or ``ports`` as one file writes it: the service, the key and
    its entries (a mapping's or a sequence's), with each sequence item's scalar text."""

    service: str
    key: Located[str]
    entries: tuple[PresentedEntry, ...]
    texts: dict[Span, str]

    def text(self, entry: PresentedEntry) -> str:
        """A mapping entry's key, or a sequence item's text (empty when it is no scalar)."""
        return entry.key.value if entry.key is not None else self.texts.get(entry.span, "")


def service_collections(file: YamlPresentation, name: str) -> Iterator[ServiceCollection]:
    """Each service's ``name`` collection in ``file``."""
    keys = {
        mapping.path[1]: entry.key
        for mapping in file.mappings
        if len(mapping.path) == 2 and mapping.path[0] == "services"
        for entry in mapping.entries
        if entry.key is not None and entry.key.value == name
    }
    found: list[tuple[YamlPath, tuple[PresentedEntry, ...]]] = [
        (m.path, m.entries) for m in file.mappings
    ] + [(s.path, s.items) for s in file.sequences]
    for path, entries in found:
        if len(path) == 3 and path[0] == "services" and path[2] == name and path[1] in keys:
            texts = {
                s.span: s.text for s in file.scalars if s.path[:3] == path and len(s.path) == 4
            }
            yield ServiceCollection(str(path[1]), keys[path[1]], entries, texts)


EXTENSIONS = "x-*"
"""In an order of keys: every extension key (``x-...``), in any order among themselves."""

Rank = Callable[[PresentedEntry], tuple[int, tuple[str, str]]]


def repeated_keys(keys: tuple[str, ...]) -> str | None:
    """The problem with an order option that lists a key twice, if it does."""
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    return f"{', '.join(repeated)} listed twice" if repeated else None


def ranked(order: Sequence[str]) -> Rank:
    """Entries by their key's place in ``order``; keys it does not list follow, alphabetically."""
    rank = {key: index for index, key in enumerate(order)}

    def key(entry: PresentedEntry) -> tuple[int, tuple[str, str]]:
        name = entry.key.value if entry.key is not None else ""
        if name not in rank and name.startswith("x-") and EXTENSIONS in rank:
            return rank[EXTENSIONS], ("", "")
        return (rank[name], ("", "")) if name in rank else (len(rank), sort_key(name))

    return key


@dataclass(frozen=True)
class Misplaced:
    """The entries of a collection (``<<`` left out), those to move, the expected order of
    their names, and the fix that sorts them (None: none is safe)."""

    entries: list[PresentedEntry]
    moves: list[PresentedEntry]
    expected: str
    fix: Fix | None


def misplaced(
    file: YamlPresentation,
    entries: Sequence[PresentedEntry],
    key: Callable[[PresentedEntry], Any],
    description: str,
    name: Callable[[PresentedEntry], str] = lambda e: e.key.value if e.key else "",
) -> Misplaced | None:
    """What is out of ``key`` order among ``entries`` (one collection's, in file order)."""
    movable = sortable(entries)
    moves = out_of_place([key(e) for e in movable])
    if not moves:
        return None
    expected = ", ".join(name(e) for e in sorted(movable, key=key))
    fix = reorder_fix(file, entries, key, description)
    return Misplaced(movable, [movable[i] for i in sorted(moves)], expected, fix)
