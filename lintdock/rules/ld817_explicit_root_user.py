"""LD817 explicit-root-user: ``user: root`` (or UID 0)."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import (
    compose_user,
    lowered,
    role_note,
    root_dropped_at_start,
)
from lintdock.facts.dockerfile_security import is_root_user
from lintdock.facts.host_paths import host_control
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context

SERVICE_KEYS = ()


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    setting = service.setting("user")
    value = compose_user(service)
    if setting is None or value is None or not is_root_user(value):
        return
    if root_dropped_at_start(context.project, service) is not None:
        return  # the image starts as root and gives it up itself: user: root changes nothing
    message = (
        f"user: {value}{role_note(context.project, service)} runs the service as root, "
        "whatever USER the image chose: a compromise of the process is root in the container, "
        "a step from the host. Run it as the image's user, or a numeric non-root UID"
    )
    severity = lowered(Severity.WARNING, context.project, service)
    control = host_control(service)
    if control is not None:  # root is what reaches the socket; the host is in reach already
        message += f". With {control}, the service controls the host as any user"
        severity = Severity.INFO
    yield report(context, message, service, setting.value, severity=severity)
