"""LD812 capability-bounded: ``cap_add`` grants SYS_PTRACE or DAC_READ_SEARCH."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import added_capabilities
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

SERVICE_KEYS = ()

GRANTS = {
    "SYS_PTRACE": "tracing and reading the memory of the container's other processes",
    "DAC_READ_SEARCH": "reading any file regardless of its permissions",
}


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    for written, grant, item in added_capabilities(service, GRANTS):
        message = (
            f"cap_add {written} grants {grant}: confined to the container, but more than a "
            "service needs once its debugging is done"
        )
        yield report(context, message, service, item)
