"""LD802 privileged-container: ``privileged: true``."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import lowered, privileged, role_note
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context

SERVICE_KEYS = ()


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    setting = service.setting("privileged")
    if setting is None or not privileged(service):
        return
    message = (
        f"privileged: true{role_note(context.project, service)} gives the container every "
        "capability and every host device, without seccomp or AppArmor: root in it is root on "
        "the host. Grant the one capability or device it needs (cap_add, devices) instead"
    )
    severity = lowered(Severity.ERROR, context.project, service)
    yield report(context, message, service, setting.value, severity=severity)
