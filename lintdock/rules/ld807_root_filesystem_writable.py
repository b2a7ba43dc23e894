"""LD807 root-filesystem-writable: ``read_only`` is not true."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import hardening_expected, is_true, new_key_edit
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Fix
from lintdock.rules.base import Context

SERVICE_KEYS = ()


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    if not hardening_expected(context.project, service):
        return  # a test, development, example or archive file: hardening protects nothing
    setting = service.setting("read_only")
    if setting is not None and is_true(setting.value.value):
        return
    message = (
        f'"{service.key}" has a writable root filesystem: a compromised process can replace '
        "binaries or hide tools in it. Set read_only: true, with tmpfs or volumes for the paths "
        "it writes"
    )
    fix = None
    if setting is None:
        edit = new_key_edit(context.project, service, "read_only: true")
        if edit is not None:
            fix = Fix("set read_only: true (the service may need tmpfs paths)", (edit,), safe=False)
    yield report(context, message, service, setting.value if setting else None, fix=fix)
