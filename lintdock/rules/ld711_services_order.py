"""LD711 services-order: the services of a file out of alphabetical order."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.compose_order import misplaced, sort_key
from lintdock.model.compose import PresentedEntry
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context


def _name(entry: PresentedEntry) -> tuple[str, str]:
    return sort_key(entry.key.value if entry.key is not None else "")


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    for file in compose.presentation if compose is not None else ():
        for mapping in (m for m in file.mappings if m.path == ("services",)):
            found = misplaced(file, mapping.entries, _name, "sort the services")
            for entry in found.moves if found is not None else ():
                assert found is not None and entry.key is not None
                message = (
                    f'service "{entry.key.value}" is out of alphabetical order: it belongs '
                    + _place(entry, found.entries)
                )
                yield context.report(
                    message, file.path, entry.key.span, service=entry.key.value, fix=found.fix
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
