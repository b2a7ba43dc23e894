"""LD006 undefined-reference: a service uses a network, named volume, secret or config that the
project does not declare at the top level."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.service_graph import report
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    if compose is None or not compose.complete:
        return
    for service in compose.services:
        if not compose.is_active(service):
            continue
        for reference in service.references:
            if compose.declares(reference.kind, reference.name.value):
                continue
            message = (
                f'service "{service.key}" refers to undefined {reference.kind} '
                f"{reference.name.value}: docker compose refuses to load the project. Declare "
                f"it under the top-level `{reference.kind}s:` key (with `external: true` if it "
                "is created outside the project)"
            )
            yield report(context, message, service, reference.name)
