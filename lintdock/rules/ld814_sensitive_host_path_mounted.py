"""LD814 sensitive-host-path-mounted: a host path that holds kernel interfaces, devices, host
runtime state or users' credentials is bind-mounted into the container."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.container_security import bind_mounts, lowered, privileged, role_note, under
from lintdock.facts.host_agents import (
    BACKUP_IMAGES,
    HARDWARE_IMAGES,
    HOST_MONITOR_IMAGES,
    VPN_IMAGES,
    known_agent,
)
from lintdock.facts.host_paths import (
    proc_kept_by_the_runtime,
    root_equivalent,
    socket_owner,
    system_tree,
)
from lintdock.facts.reporting import report
from lintdock.model.compose import Mount, Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context, option

SERVICE_KEYS = ()

INERT_DEVICES = frozenset({"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"})
CREDENTIAL_DIRECTORIES = frozenset({".ssh", ".docker", ".aws", ".kube", ".gnupg", ".config"})
PUBLIC_FILES = (
    "/etc/ssl/certs",
    "/etc/ca-certificates",
    "/etc/pki/ca-trust",
    "/etc/pki/tls/certs",
    "/etc/hosts",
    "/etc/hostname",
    "/etc/resolv.conf",
    "/etc/os-release",
    "/etc/machine-id",
)
"""Files under a root-equivalent path that every local user may read and that hold nothing
secret: a read-only mount of one discloses nothing."""
WORLD_READABLE = ("/usr", "/bin", "/sbin", "/lib", "/lib64", "/usr/lib", "/usr/local/bin")
"""Executable and library trees: world-readable by design, so only writing them matters
(LD813)."""


KERNEL_INTERFACES = "host kernel interfaces and devices"

SYSTEM_IMAGES = tuple(dict.fromkeys((*HOST_MONITOR_IMAGES, *HARDWARE_IMAGES, *VPN_IMAGES)))


@dataclass(frozen=True)
class Options:
    """LD814's options (``[tool.lintdock.rules.LD814]``)."""

    system_images: tuple[str, ...] = option(
        SYSTEM_IMAGES,
        "Images whose job is reading the host's kernel interfaces, devices, runtime state or "
        "configuration (monitoring, log and security agents, disk monitors, home automation "
        "with USB or Bluetooth, VPNs with `/dev/net/tun`): such a mount is not reported when "
        "it is read-only or of a device or socket (where `:ro` changes nothing). A name "
        "matches words in a row of the image's repository path (`netdata/netdata`, "
        "`gcr.io/cadvisor/cadvisor`), registry and tag left out; for a service built here, "
        "also the image its Dockerfile starts FROM.",
    )
    backup_images: tuple[str, ...] = option(
        BACKUP_IMAGES,
        "Backup tools, whose job is reading (and restoring) the files they back up: no mount "
        "of theirs is reported, users' homes included. Matched as `system-images`.",
    )


def exposure(path: str, read_only: bool) -> str | None:
    """What mounting the host path exposes, or None when it exposes nothing worth telling
    (or another rule tells it: a control socket is LD801's, a writable root-equivalent path
    LD813's, and an application's own data directory written in ``/etc`` or ``/root`` holds
    only what the container put there)."""
    if socket_owner(path) is not None or path in INERT_DEVICES:
        return None
    if under(path, "/sys") or under(path, "/dev"):
        return KERNEL_INTERFACES
    if not read_only and root_equivalent(path) is not None:
        return None
    if _home_tree(path):
        return "a user's home directory or credentials"
    if under(path, "/run") or under(path, "/var/run"):
        return "host runtime state (service sockets, the system bus)"
    directory = system_tree(path)
    if directory is None or not read_only:
        return None
    if any(under(path, public) for public in PUBLIC_FILES):
        return None
    if any(under(path, tree) for tree in WORLD_READABLE) or under("/usr", path):
        return None
    return f"host configuration and state under {directory}"


def _home_tree(path: str) -> bool:
    """``/home``, one user's home (``/home/alice``, ``/root``, ``~``), or a credential
    directory in one (a project's own directory deeper in a home is not the home)."""
    if path == "/home":
        return True
    parts = path.split("/")
    home = _home_depth(parts)
    return home is not None and (len(parts) == home or parts[home] in CREDENTIAL_DIRECTORIES)


def _home_depth(parts: list[str]) -> int | None:
    """How many of the path's parts name the home it is in (``~``, ``/root``,
    ``/home/alice``), or None outside a home."""
    if parts[0] == "~":
        return 1
    if parts[1:2] == ["root"]:
        return 2
    if parts[1:2] == ["home"] and len(parts) > 2:
        return 3
    return None


def the_job(context: Context, service: Service, mount: Mount, path: str) -> bool:
    """Whether reading ``path`` is the job of the service's image: a backup tool's for any
    path, a system agent's for a read-only mount, a device or a socket, outside homes."""
    project, options = context.project, context.options
    if known_agent(project, service, options.backup_images) is not None:
        return True
    if _home_tree(path):
        return False
    settled = mount.read_only or any(under(path, d) for d in ("/dev", "/run", "/var/run"))
    return settled and known_agent(project, service, options.system_images) is not None


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    for mount, path in bind_mounts(service):
        kept = proc_kept_by_the_runtime(service, mount, path)
        what = exposure(path, mount.read_only or kept)
        if what is None or mount.source is None or the_job(context, service, mount, path):
            continue
        if what == KERNEL_INTERFACES and privileged(service):
            continue  # LD802's finding: privileged hands over every device and /sys already
        message = (
            f"{path} is mounted into the container"
            f"{role_note(context.project, service)}: it exposes {what}. Mount only the files "
            "the service needs, or copy them into the image"
        )
        severity = lowered(Severity.WARNING, context.project, service)
        yield report(context, message, service, mount.source, severity=severity)
