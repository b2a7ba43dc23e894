"""LD803 no-new-privileges-missing: ``security_opt`` does not set ``no-new-privileges:true``."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import (
    hardening_expected,
    new_key_edit,
    privileged,
    security_options,
)
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Fix
from lintdock.rules.base import Context

SERVICE_KEYS = ()


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    if not hardening_expected(context.project, service):
        return  # a test, development, example or archive file: hardening protects nothing
    options = security_options(service)
    if any(option.name == "no-new-privileges" for option in options):
        return  # set (to false, it says so on purpose)
    if privileged(service):
        return  # LD802's finding: a privileged container has every privilege already
    message = (
        f'"{service.key}" does not set no-new-privileges: a setuid binary in the image '
        "(su, sudo, ping) can raise a process's privileges. Add security_opt: "
        "[no-new-privileges:true]"
    )
    fix = None
    if service.setting("security_opt") is None:
        edit = new_key_edit(context.project, service, 'security_opt: ["no-new-privileges:true"]')
        if edit is not None:
            fix = Fix("add security_opt: [no-new-privileges:true]", (edit,))
    where = service.setting("security_opt")
    yield report(context, message, service, where.key if where else None, fix=fix)
