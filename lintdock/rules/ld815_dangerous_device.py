"""LD815 dangerous-device: ``devices`` hands the container a host disk, all of ``/dev``, raw
memory or the kernel log."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintdock.facts.container_security import host_path, lowered, role_note
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context

SERVICE_KEYS = ("devices",)

DANGEROUS = (
    (re.compile(r"^/dev$"), "every host device, every disk included"),
    (re.compile(r"^/dev/(sd|vd|xvd|hd)[a-z]"), "a host disk"),
    (
        re.compile(r"^/dev/(nvme|mmcblk|md\d|md/|dm-|mapper/|disk/|block/|loop|nbd\d|rbd|zd\d)"),
        "a host block device",
    ),
    (re.compile(r"^/dev/(zfs|zvol/)"), "the host's ZFS pools"),
    (re.compile(r"^/dev/(mem|kmem|port)$"), "the host's physical memory or I/O ports"),
    (re.compile(r"^/dev/kmsg$"), "the host kernel's log (read and write)"),
)


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    for device in service.devices:
        path = host_path(device)
        if path is None or device.source is None:
            continue
        what = next((what for pattern, what in DANGEROUS if pattern.match(path)), None)
        if what is None:
            continue
        message = (
            f"devices gives the container {path}"
            f"{role_note(context.project, service)}: {what}, reached past every container "
            "isolation. Pass only the device the service needs"
        )
        severity = lowered(Severity.ERROR, context.project, service)
        yield report(context, message, service, device.source, severity=severity)
