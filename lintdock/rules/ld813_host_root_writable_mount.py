"""LD813 host-root-writable-mount: a root-equivalent host path is bind-mounted writable."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import bind_mounts, lowered, role_note, under
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context

SERVICE_KEYS = ()

ROOT_EQUIVALENT = {
    "/etc": "cron, sudoers, shadow and ld.so.preload",
    "/root": "root's authorized_keys",
    "/boot": "the kernel and initramfs",
    "/proc": "core_pattern, which runs a program as root on the next crash",
    "/var/lib/docker": "every other container's filesystem",
    "/var/lib/containerd": "every other container's filesystem",
    "/usr/bin": "root's PATH",
    "/usr/sbin": "root's PATH",
    "/usr/local/bin": "root's PATH",
    "/usr/local/sbin": "root's PATH",
    "/bin": "root's PATH",
    "/sbin": "root's PATH",
    "/lib": "the libraries every root process loads",
    "/lib64": "the libraries every root process loads",
    "/usr/lib": "the libraries and systemd units root loads",
}
"""Host paths whose writing is root on the host, and what makes it so. A mount of one of
them, of anything inside one, or of a directory holding one (``/var``, ``/usr``) counts; ``/``
is LD801's (it holds the Docker socket too)."""

TIMEZONE_FILES = frozenset({"/etc/localtime", "/etc/timezone"})


def root_equivalent(path: str) -> str | None:
    """The root-equivalent path the host path writes to (inside it, or holding it), or None."""
    if path == "/" or path in TIMEZONE_FILES:
        return None
    for directory in ROOT_EQUIVALENT:
        if under(path, directory) or under(directory, path):
            return directory
    return None


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    for mount, path in bind_mounts(service):
        directory = root_equivalent(path)
        if directory is None or mount.read_only or mount.source is None:
            continue
        message = (
            f"{mount.source.value} is mounted writable{role_note(context.project, service)}: "
            f"through {directory} ({ROOT_EQUIVALENT[directory]}) the container can make "
            "itself root on the host. Mount it read-only (:ro) if it only reads, or copy the "
            "files it needs into the image or a named volume"
        )
        severity = lowered(Severity.ERROR, context.project, service)
        yield report(context, message, service, mount.source, severity=severity)
