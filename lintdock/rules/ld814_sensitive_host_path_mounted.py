"""LD814 sensitive-host-path-mounted: a host path that holds kernel interfaces, devices, host
runtime state or users' credentials is bind-mounted into the container."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import bind_mounts, lowered, role_note, under
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context
from lintdock.rules.ld801_host_control_socket_mounted import socket_owner
from lintdock.rules.ld813_host_root_writable_mount import root_equivalent, system_tree

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


def exposure(path: str, read_only: bool) -> str | None:
    """What mounting the host path exposes, or None when it exposes nothing worth telling
    (or another rule tells it: a control socket is LD801's, a writable root-equivalent path
    LD813's, and an application's own data directory written in ``/etc`` or ``/root`` holds
    only what the container put there)."""
    if socket_owner(path) is not None or path in INERT_DEVICES:
        return None
    if under(path, "/sys") or under(path, "/dev"):
        return "host kernel interfaces and devices"
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


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    for mount, path in bind_mounts(service):
        what = exposure(path, mount.read_only)
        if what is None or mount.source is None:
            continue
        message = (
            f"{path} is mounted into the container"
            f"{role_note(context.project, service)}: it exposes {what}. Mount only the files "
            "the service needs, or copy them into the image"
        )
        severity = lowered(Severity.WARNING, context.project, service)
        yield report(context, message, service, mount.source, severity=severity)
