"""The one way rules report about a compose service (imports no compose code at run time, so
rules of a Dockerfile-only run may use it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lintdock.model.diagnostic import Diagnostic, Fix, Severity
from lintdock.roles import TRIAL_ROLES, FileRole
from lintdock.rules.base import Context

if TYPE_CHECKING:
    from lintdock.model.compose import Located, Service


def report(
    context: Context,
    message: str,
    service: Service,
    located: Located[Any] | None = None,
    *,
    at_key: bool = False,
    severity: Severity | None = None,
    fix: Fix | None = None,
) -> Diagnostic:
    """The one way rules report about a compose service: at ``located`` (a value of the
    service; with ``at_key``, its key when it has one), else at the service's name."""
    where = located if located is not None else service.name
    span = where.anchor if at_key else where.span
    return context.report(message, where.path, span, severity, service.key, fix)


def outside_production(message: str, role: FileRole) -> tuple[str, Severity | None]:
    """A test harness, a development setup, an example or an archive: a dependency not ready
    at start makes a run fail there, it takes nothing down; said at info, with why (None: the
    rule's own severity)."""
    if role.role not in TRIAL_ROLES:
        return message, None
    return f"{message} ({role.role.value} file: {role.reason})", Severity.INFO
