"""LD810 capability-host-takeover: ``cap_add`` grants a capability that is a way to run code
on the host."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.container_security import (
    added_capabilities,
    capability,
    lowered,
    privileged,
    role_note,
)
from lintdock.facts.host_agents import (
    DISK_MONITOR_IMAGES,
    SYS_ADMIN_IMAGES,
    VPN_IMAGES,
    known_agent,
)
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context, option

SERVICE_KEYS = ()

GRANTS = {
    "ALL": "every capability, the capability half of privileged: true",
    "SYS_ADMIN": "mounts, namespaces and most known container escapes",
    "SYS_MODULE": "loading kernel modules, code in the host's kernel",
    "SYS_RAWIO": "raw I/O ports and physical memory",
}


@dataclass(frozen=True)
class Options:
    """LD810's options (``[tool.lintdock.rules.LD810]``)."""

    sys_admin_images: tuple[str, ...] = option(
        SYS_ADMIN_IMAGES,
        "Images whose documented setup adds SYS_ADMIN for their job (VPNs that manage routing "
        "and namespaces, monitoring and eBPF agents, backup tools that mount snapshots, "
        "Collabora's jails): reported as information that says so, not as an error. A name "
        "matches words in a row of the image's repository path (`netbirdio/netbird`, "
        "`kopia/kopia`), registry and tag left out; for a service built here, also the image "
        "its Dockerfile starts FROM.",
    )
    sys_module_images: tuple[str, ...] = option(
        VPN_IMAGES,
        "Images that load their kernel module (VPNs loading `wireguard` on a kernel that does "
        "not have it built in): SYS_MODULE is a warning for them that says when it is needed, "
        "not an error. Matched as `sys-admin-images`.",
    )
    sys_rawio_images: tuple[str, ...] = option(
        DISK_MONITOR_IMAGES,
        "Images that read raw disks (SMART monitors such as Scrutiny): SYS_RAWIO is "
        "information for them. Matched as `sys-admin-images`.",
    )


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    if privileged(service):
        return  # LD802's finding: privileged grants every capability
    project, options = context.project, context.options
    known = {
        "SYS_ADMIN": options.sys_admin_images,
        "SYS_MODULE": options.sys_module_images,
        "SYS_RAWIO": options.sys_rawio_images,
    }
    for written, grant, item in added_capabilities(service, GRANTS):
        name = capability(written)
        message = f"cap_add {written}{role_note(project, service)} grants {grant}: a way to run "
        job = known_agent(project, service, known.get(name, ()))
        severity: Severity | None
        if job is not None and name == "SYS_MODULE":
            message += (
                f"code on the host. {job} needs it only to load its kernel module where the "
                "host's kernel lacks it (WireGuard is built into Linux 5.6 and later): load "
                "the module on the host and drop the capability"
            )
            severity = lowered(Severity.WARNING, project, service) or Severity.WARNING
        elif job is not None:
            message += (
                f"code on the host. It is the job of its image ({job}): whoever controls the "
                "service controls the host, so keep the image trusted and its UI private"
            )
            severity = Severity.INFO
        else:
            message += "code on the host. Find the narrower capability or device the service needs"
            severity = lowered(Severity.ERROR, project, service)
        yield report(context, message, service, item, severity=severity)
