"""LD810 capability-host-takeover: ``cap_add`` grants a capability that is a way to run code
on the host."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import added_capabilities, lowered, role_note
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context

SERVICE_KEYS = ()

GRANTS = {
    "ALL": "every capability, the capability half of privileged: true",
    "SYS_ADMIN": "mounts, namespaces and most known container escapes",
    "SYS_MODULE": "loading kernel modules, code in the host's kernel",
    "SYS_RAWIO": "raw I/O ports and physical memory",
}


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    for written, grant, item in added_capabilities(service, GRANTS):
        message = (
            f"cap_add {written}{role_note(context.project, service)} grants {grant}: a way to "
            "run code on the host. Find the narrower capability or device the service needs"
        )
        severity = lowered(Severity.ERROR, context.project, service)
        yield report(context, message, service, item, severity=severity)
