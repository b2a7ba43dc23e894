"""LD713 ports-order: a service's ``ports`` out of ascending order of their published port."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.compose_order import misplaced, service_collections
from lintdock.facts.compose_practice import from_variable
from lintdock.model.compose import PresentedEntry, Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.span import Span
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    if compose is None:
        return
    numbers = _port_numbers(context, compose.services)
    for file in compose.presentation:
        for collection in service_collections(file, "ports"):
            found = [numbers.get((file.path, e.span)) for e in collection.entries]
            if None in found:
                continue  # a port from a variable, or not a port: no order to check
            by_entry = {id(e): n or 0 for e, n in zip(collection.entries, found, strict=True)}

            def number(entry: PresentedEntry, by_entry: dict[int, int] = by_entry) -> int:
                return by_entry[id(entry)]

            wrong = misplaced(
                file, collection.entries, number, "sort the ports", lambda e: str(number(e))
            )
            if wrong is None:
                continue
            message = (
                f'ports of service "{collection.service}" are not in ascending order of their '
                f"published (or container) port: expected {wrong.expected}"
            )
            yield context.report(
                message, file.path, collection.key.span, service=collection.service, fix=wrong.fix
            )


def _port_numbers(context: Context, services: tuple[Service, ...]) -> dict[tuple[str, Span], int]:
    """Each ``ports`` entry's published port (the container port when none is published), by
    where it is written; ranges by their first port. Entries written with a variable have
    none."""
    found = {}
    for service in services:
        for port in service.port_mappings:
            if from_variable(context.project, port.entry):
                continue
            part = port.published or port.target
            first = part.value.partition("-")[0].strip() if part is not None else ""
            if first.isdigit():
                found[(port.entry.path, port.entry.span)] = int(first)
    return found
