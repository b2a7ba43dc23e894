"""LD815 dangerous-device: ``devices`` hands the container a host disk, all of ``/dev``, raw
memory or the kernel log."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.container_security import host_path, lowered, privileged, role_note
from lintdock.facts.host_agents import DISK_MONITOR_IMAGES, HOST_MONITOR_IMAGES, known_agent
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context, option

SERVICE_KEYS = ("devices",)

DANGEROUS = (
    (re.compile(r"^/dev$"), "every host device, every disk included", False),
    (re.compile(r"^/dev/(sd|vd|xvd|hd)[a-z]"), "a host disk", True),
    (
        re.compile(r"^/dev/(nvme|mmcblk|md\d|md/|dm-|mapper/|disk/|block/|loop|nbd\d|rbd|zd\d)"),
        "a host block device",
        True,
    ),
    (re.compile(r"^/dev/(zfs|zvol/)"), "the host's ZFS pools", True),
    (re.compile(r"^/dev/(mem|kmem|port)$"), "the host's physical memory or I/O ports", False),
    (re.compile(r"^/dev/kmsg$"), "the host kernel's log (read and write)", True),
)
"""Device paths, what they hand over, and whether a known image's job may need it (a disk
monitor its disks, a metrics agent the kernel log; no job needs all of ``/dev`` or raw
memory through ``devices``)."""

DEVICE_IMAGES = (*DISK_MONITOR_IMAGES, *HOST_MONITOR_IMAGES)


@dataclass(frozen=True)
class Options:
    """LD815's options (``[tool.lintdock.rules.LD815]``)."""

    device_images: tuple[str, ...] = option(
        DEVICE_IMAGES,
        "Images whose job needs a host disk, block device or the kernel log (disk health "
        "monitors reading SMART data, metrics agents reading OOM events from `/dev/kmsg`): "
        "such a device is not reported for them (all of `/dev` and `/dev/mem` still are). A "
        "name matches words in a row of the image's repository path "
        "(`ghcr.io/analogj/scrutiny`), registry and tag left out; for a service built here, "
        "also the image its Dockerfile starts FROM.",
    )


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    if privileged(service):
        return  # LD802's finding: privileged hands over every host device
    for device in service.devices:
        path = host_path(device)
        if path is None or device.source is None:
            continue
        what, job = next(((w, j) for p, w, j in DANGEROUS if p.match(path)), (None, False))
        if what is None:
            continue
        if job and known_agent(context.project, service, context.options.device_images):
            continue  # the image's job: nothing to take away
        message = (
            f"devices gives the container {path}"
            f"{role_note(context.project, service)}: {what}, reached past every container "
            "isolation. Pass only the device the service needs"
        )
        severity = lowered(Severity.ERROR, context.project, service)
        yield report(context, message, service, device.source, severity=severity)
