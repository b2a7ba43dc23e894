"""LD801 host-control-socket-mounted: a container runtime's (or systemd's) control socket, or a
directory that holds one, is bind-mounted into the container."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import bind_mounts, lowered, role_note, under
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context

SERVICE_KEYS = ()

SOCKETS = (
    ("docker.sock", "the Docker daemon"),
    ("containerd.sock", "containerd"),
    ("crio.sock", "CRI-O"),
    ("podman.sock", "Podman"),
    ("systemd/private", "systemd's private bus"),
)
"""Socket names, matched anywhere in the host path (``/var/run/docker.sock``,
``/run/user/1000/podman/podman.sock``)."""

SOCKET_DIRECTORIES = ("/run/containerd", "/run/systemd", "/var/run", "/run")
"""Directories that hold a control socket on a stock Docker host: mounting one, or a parent of
one, hands over the socket inside it."""


def socket_owner(path: str) -> str | None:
    """What the host path gives control of, or None."""
    for name, owner in SOCKETS:
        if name in path:
            return owner
    if path == "/":
        return "the Docker daemon (through the whole host filesystem)"
    for directory in SOCKET_DIRECTORIES:
        if under(directory, path) and path != "/var":
            return f"the Docker daemon (its socket is in {directory})"
    return None


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    for mount, path in bind_mounts(service):
        owner = socket_owner(path)
        if owner is None or mount.source is None:
            continue
        where = role_note(context.project, service)
        message = (
            f"{path} is mounted into the container{where}: it gives control of "
            f"{owner}, which is root on the host (:ro does not stop API "
            "calls). Use a socket proxy that allows only the calls the service needs, or drop "
            "the mount"
        )
        severity = lowered(Severity.ERROR, context.project, service)
        yield report(context, message, service, mount.source, severity=severity)
