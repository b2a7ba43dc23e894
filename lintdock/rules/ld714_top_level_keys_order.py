"""LD714 top-level-keys-order: a file's top-level keys out of the conventional order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.compose_order import out_of_place, reorder_fix, sort_key, sortable
from lintdock.model.compose import PresentedEntry
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context, option

EXTENSIONS = "x-*"
ORDER = (
    EXTENSIONS,
    "version",
    "name",
    "include",
    "services",
    "networks",
    "volumes",
    "secrets",
    "configs",
    "models",
)


def _order_problem(keys: tuple[str, ...]) -> str | None:
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    return f"{', '.join(repeated)} listed twice" if repeated else None


@dataclass(frozen=True)
class Options:
    """LD714's options (``[tool.lintdock.rules.LD714]``)."""

    order: tuple[str, ...] = option(
        ORDER,
        'The keys in order ("x-*": every extension key, in any order among themselves); '
        "keys not listed follow them, alphabetically.",
        _order_problem,
    )


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    rank = {key: index for index, key in enumerate(context.options.order)}

    def key(entry: PresentedEntry) -> tuple[int, tuple[str, str]]:
        name = entry.key.value if entry.key is not None else ""
        if name.startswith("x-") and EXTENSIONS in rank and name not in rank:
            return rank[EXTENSIONS], ("", "")
        return (rank[name], ("", "")) if name in rank else (len(rank), sort_key(name))

    for file in compose.presentation if compose is not None else ():
        for mapping in (m for m in file.mappings if m.path == ()):
            entries = sortable(mapping.entries)
            misplaced = out_of_place([key(e) for e in entries])
            if not misplaced:
                continue
            expected = ", ".join(e.key.value for e in sorted(entries, key=key) if e.key)
            fix = reorder_fix(file, mapping.entries, key, "put the top-level keys in order")
            for index in sorted(misplaced):
                entry = entries[index]
                assert entry.key is not None
                message = f'top-level key "{entry.key.value}" is out of order: expected {expected}'
                yield context.report(message, file.path, entry.key.span, fix=fix)
