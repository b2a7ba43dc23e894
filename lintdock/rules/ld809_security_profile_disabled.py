"""LD809 security-profile-disabled: ``security_opt`` turns off seccomp, AppArmor or SELinux."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.container_security import SecurityOption, privileged, security_options
from lintdock.facts.host_agents import HOST_MONITOR_IMAGES, known_agent
from lintdock.facts.host_paths import host_control
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context, option

SERVICE_KEYS = ()

DISABLED = {
    ("seccomp", "unconfined"): "seccomp's system call filter",
    ("apparmor", "unconfined"): "AppArmor's confinement",
    ("label", "disable"): "SELinux labelling",
    ("systempaths", "unconfined"): "the masking of /proc and /sys paths",
}

UNCONFINED_IMAGES = (*HOST_MONITOR_IMAGES, "matter-server", "music-assistant")
"""Images whose documented setup turns a profile off for their job: monitoring and log agents
(reading other containers' files and the host's ``/proc``), the Matter server (Bluetooth over
the host's D-Bus), Music Assistant (mounting SMB and NFS shares)."""


@dataclass(frozen=True)
class Options:
    """LD809's options (``[tool.lintdock.rules.LD809]``)."""

    unconfined_images: tuple[str, ...] = option(
        UNCONFINED_IMAGES,
        "Images whose documented setup turns a profile off for their job (monitoring and log "
        "agents, the Matter server's Bluetooth over D-Bus, Music Assistant's SMB mounts): "
        "information that says so, not a warning. A name matches words in a row of the "
        "image's repository path (`netdata/netdata`), registry and tag left out; for a "
        "service built here, also the image its Dockerfile starts FROM.",
    )


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    if privileged(service):
        return  # LD802's finding: privileged runs without seccomp or AppArmor already
    job = known_agent(context.project, service, context.options.unconfined_images)
    entries = security_options(service)
    for entry in entries:
        what = DISABLED.get((entry.name, entry.value))
        if what is None or _overridden(entry, entries):
            continue
        message = (
            f"security_opt {entry.name}:{entry.value} turns off {what}, one of the layers "
            "that stops a compromised process from reaching the kernel or the host. "
        )
        if job is not None:
            message += f"It is the documented setup of its image ({job}): keep the image trusted"
            yield report(context, message, service, entry.where, severity=Severity.INFO)
            continue
        control = host_control(service)
        if control is not None:
            message += f"With {control}, the service controls the host already (LD801)"
            yield report(context, message, service, entry.where, severity=Severity.INFO)
            continue
        message += "Write a profile that allows what the service needs instead"
        yield report(context, message, service, entry.where)


def _overridden(entry: SecurityOption, entries: tuple[SecurityOption, ...]) -> bool:
    """Whether a later entry for the same profile replaces this one (Docker keeps the last
    seccomp and apparmor entry; every label entry applies)."""
    if entry.name == "label":
        return False
    later = entries[entries.index(entry) + 1 :]
    return any(other.name == entry.name for other in later)
