"""LD712 depends-on-order: a service's ``depends_on`` entries out of alphabetical order."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lintdock.facts.compose_order import (
    ServiceCollection,
    misplaced,
    service_collections,
    sort_key,
)
from lintdock.model.compose import PresentedEntry
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    for file in compose.presentation if compose is not None else ():
        for collection in service_collections(file, "depends_on"):
            name = _alphabetical(collection)
            found = misplaced(file, collection.entries, name, "sort depends_on", collection.text)
            if found is None:
                continue
            message = (
                f'depends_on of service "{collection.service}" is not in alphabetical order: '
                f"expected {found.expected}"
            )
            where = collection.key
            yield context.report(
                message, file.path, where.span, service=collection.service, fix=found.fix
            )


def _alphabetical(collection: ServiceCollection) -> Callable[[PresentedEntry], tuple[str, str]]:
    return lambda entry: sort_key(collection.text(entry))
