"""LD008 env-file-missing: a required ``env_file`` that does not exist."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.service_graph import report
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    compose = project.compose
    if compose is None or not compose.complete:
        return
    for service in compose.services:
        if not compose.is_active(service):
            continue
        for env_file in service.env_files:
            if env_file.required and not project.exists(env_file.resolved):
                message = (
                    f"env file {env_file.resolved} not found: docker compose refuses to start "
                    f'"{service.key}". Create it, or mark it optional with the long syntax '
                    "(`- path: ...` and `required: false`)"
                )
                yield report(context, message, service, env_file.path)
