"""LD007 service-without-image: a service with neither ``image`` nor ``build``."""

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
        if compose.supplies("service", service.key):
            continue  # the platform that completes the file defines it
        if service.image is None and service.build is None and compose.is_active(service):
            message = (
                f'service "{service.key}" has neither an image nor a build context specified: '
                "docker compose refuses to load the project. Add `image:` or `build:` (if this "
                "file patches a service defined in another one, lint them together: "
                "`lintdock check -f base.yaml -f this.yaml`)"
            )
            yield report(context, message, service)
