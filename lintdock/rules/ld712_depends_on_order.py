"""LD712 depends-on-order: a service's ``depends_on`` entries out of alphabetical order."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.compose_order import (
    ServiceCollection,
    out_of_place,
    reorder_fix,
    service_collections,
    sort_key,
)
from lintdock.model.compose import PresentedEntry, YamlPresentation
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    for file in compose.presentation if compose is not None else ():
        for collection in service_collections(file, "depends_on"):
            yield from _check(context, file, collection)


def _check(
    context: Context, file: YamlPresentation, collection: ServiceCollection
) -> Iterator[Diagnostic]:
    def name(entry: PresentedEntry) -> tuple[str, str]:
        return sort_key(collection.text(entry))

    entries = collection.entries
    if not out_of_place([name(e) for e in entries]):
        return
    expected = ", ".join(collection.text(e) for e in sorted(entries, key=name))
    message = (
        f'depends_on of service "{collection.service}" is not in alphabetical order: '
        f"expected {expected}"
    )
    fix = reorder_fix(file, entries, name, "sort depends_on")
    key = collection.key
    yield context.report(message, file.path, key.span, service=collection.service, fix=fix)
