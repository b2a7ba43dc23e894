"""LD820 tmpfs-exec-or-suid: a tmpfs mount turns on ``exec`` or ``suid``."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

SERVICE_KEYS = ()


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    for mount in service.mounts:
        enabled = [word for word in ("exec", "suid") if word in mount.options]
        if mount.kind != "tmpfs" or not enabled or mount.target is None:
            continue
        message = (
            f"tmpfs {mount.target.value} turns on {' and '.join(enabled)}: Docker mounts tmpfs "
            "noexec,nosuid so that a writable in-memory directory cannot run a dropped binary "
            "or carry a setuid one. Remove the option unless the service must run files from it"
        )
        yield report(context, message, service, mount.entry)
