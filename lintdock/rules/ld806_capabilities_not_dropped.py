"""LD806 capabilities-not-dropped: ``cap_drop`` does not drop ALL."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import capabilities, hardening_expected, privileged
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

SERVICE_KEYS = ()


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    if not hardening_expected(context.project, service):
        return  # a test, development, example or archive file: hardening protects nothing
    if any(name == "ALL" for name, _ in capabilities(service, "cap_drop")):
        return
    if privileged(service):
        return  # LD802's finding
    message = (
        f'"{service.key}" keeps Docker\'s default capabilities (NET_RAW, CHOWN, DAC_OVERRIDE, '
        "SETUID, ...): drop them all with cap_drop: [ALL] and add back the few it needs"
    )
    where = service.setting("cap_drop")
    yield report(context, message, service, where.key if where else None)
