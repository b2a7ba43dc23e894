"""LD711 services-order: the services of a file out of alphabetical order."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.compose_order import out_of_place, reorder_fix, sort_key, sortable
from lintdock.model.compose import PresentedEntry
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context


def _name(entry: PresentedEntry) -> tuple[str, str]:
    return sort_key(entry.key.value if entry.key is not None else "")


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    for file in compose.presentation if compose is not None else ():
        for mapping in file.mappings:
            if mapping.path != ("services",):
                continue
            entries = sortable(mapping.entries)
            misplaced = out_of_place([_name(e) for e in entries])
            if not misplaced:
                continue
            fix = reorder_fix(file, mapping.entries, _name, "sort the services")
            for index in sorted(misplaced):
                entry = entries[index]
                assert entry.key is not None
                message = (
                    f'service "{entry.key.value}" is out of alphabetical order: it belongs '
                    + _place(entry, entries)
                )
                yield context.report(
                    message, file.path, entry.key.span, service=entry.key.value, fix=fix
                )


def _place(entry: PresentedEntry, entries: list[PresentedEntry]) -> str:
    """Where ``entry`` belongs: before the service that follows it alphabetically, else after
    the last one."""
    ordered = sorted(entries, key=_name)
    index = ordered.index(entry)
    neighbour = ordered[index + 1] if index + 1 < len(ordered) else ordered[index - 1]
    assert neighbour.key is not None
    where = "before" if index + 1 < len(ordered) else "after"
    return f'{where} "{neighbour.key.value}"'
