"""LD820 tmpfs-exec-or-suid: a tmpfs mount turns on ``exec`` or ``suid``."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.host_paths import host_control
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

SERVICE_KEYS = ()

INIT_RUNTIME = "/run"
"""Where an init system inside the container runs its own scripts from: s6-overlay v3 (jitsi's
and linuxserver's images) refuses to start on a ``noexec`` ``/run``, so ``exec`` there is the
image's requirement, not a choice."""


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    for mount in service.mounts:
        enabled = [word for word in ("exec", "suid") if word in mount.options]
        if mount.kind != "tmpfs" or not enabled or mount.target is None:
            continue
        if enabled == ["exec"] and mount.target.value.rstrip("/") == INIT_RUNTIME:
            continue
        message = (
            f"tmpfs {mount.target.value} turns on {' and '.join(enabled)}: Docker mounts tmpfs "
            "noexec,nosuid so that a writable in-memory directory cannot run a dropped binary "
            "or carry a setuid one. Remove the option unless the service must run files from it"
        )
        control = host_control(service)
        if control is not None:
            message += f". With {control}, the service reaches the host without it"
        yield report(context, message, service, mount.entry)
