"""LD813 host-root-writable-mount: a root-equivalent host path is bind-mounted writable."""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Iterator

from lintdock.facts.container_security import (
    bind_mounts,
    lowered,
    privileged,
    role_note,
    under,
)
from lintdock.facts.host_agents import own_names
from lintdock.facts.reporting import report
from lintdock.model.compose import Mount, Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context

SERVICE_KEYS = ()

ROOT_EQUIVALENT = {
    "/etc": "cron, sudoers, shadow and ld.so.preload",
    "/root": "root's authorized_keys",
    "/boot": "the kernel and initramfs",
    "/proc": "/proc/sys/kernel/core_pattern, which runs a program as root on the next crash",
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
them, of a directory holding one (``/var``, ``/usr``) or, except in ``/etc`` and ``/root``
(see ``ROOT_READS``), of anything inside one counts; ``/`` is LD801's (it holds the Docker
socket too)."""

ROOT_READS = {
    "/etc": (
        (("cron*", "anacrontab", "logrotate*"), "the jobs cron and logrotate run as root"),
        (("sudoers*", "sudo.conf", "pam.d", "security"), "who may become root"),
        (("passwd*", "shadow*", "group", "gshadow*"), "the accounts, root's password included"),
        (("ld.so.*",), "the libraries every root process loads"),
        (("systemd", "init.d", "init", "rc*", "update-motd.d"), "the services root starts"),
        (("profile", "profile.d", "bash.bashrc", "bashrc", "environment"), "root's login shell"),
        (("ssh",), "who may log in over SSH"),
        (("modprobe.d", "modules", "modules-load.d", "udev"), "what root runs for hardware"),
        (("sysctl.conf", "sysctl.d"), "kernel settings, core_pattern included"),
        (("apt", "yum.repos.d", "dnf"), "the package manager's sources and hooks"),
        (("docker", "containerd", "kubernetes"), "what the container runtime starts as root"),
        (
            ("wireguard", "NetworkManager", "network", "dnsmasq.d"),
            "the scripts network tools run as root: wg-quick's PostUp, dispatchers, dhcp-script",
        ),
    ),
    "/root": (
        ((".ssh",), "root's authorized_keys"),
        (
            (".profile", ".bashrc", ".bash_profile", ".bash_login", ".zshrc", ".zshenv"),
            "root's login shell",
        ),
    ),
}
"""The children of ``/etc`` and ``/root`` that root reads or runs, and what makes writing them
root. An application's own data directory there (``/etc/pihole``, ``/root/n8n``) is not
among them: the container writes only to it."""

OWN_DAEMONS = {"pihole": ("dnsmasq",)}
"""Daemons an application runs in its container under another name (pi-hole's FTL is a
dnsmasq, configured from ``/etc/dnsmasq.d``)."""

TIMEZONE_FILES = frozenset({"/etc/localtime", "/etc/timezone"})


def system_tree(path: str) -> str | None:
    """The directory of ``ROOT_EQUIVALENT`` the host path is in or holds, or None (LD814
    reports a read-only mount of one)."""
    if path == "/" or path in TIMEZONE_FILES:
        return None
    return next((d for d in ROOT_EQUIVALENT if under(path, d) or under(d, path)), None)


def root_equivalent(path: str) -> tuple[str, str] | None:
    """The root-equivalent host path a writable mount of ``path`` reaches (inside it, or
    holding it) with what makes it so, or None."""
    directory = system_tree(path)
    if directory is None:
        return None
    children = ROOT_READS.get(directory)
    if children is None or under(directory, path):
        return directory, ROOT_EQUIVALENT[directory]
    child = path[len(directory) + 1 :].split("/")[0]
    for names, why in children:
        if any(fnmatch.fnmatchcase(child, name) for name in names):
            return f"{directory}/{child}", why
    return None


def own_directory(directory: str, applications: frozenset[str]) -> bool:
    """Whether ``directory`` (``/etc/dnsmasq.d``), a child of ``/etc`` or ``/root`` that root
    reads, is named for the application (``dnsmasq``, ``linuxserver/wireguard`` for
    ``/etc/wireguard``) or for a daemon it runs (pi-hole's dnsmasq): the host's own daemon of
    that name cannot run beside it (they would share its ports), so the directory is the
    container's configuration, like ``/etc/pihole``."""
    if posixpath.dirname(directory) not in ROOT_READS:
        return False
    name = posixpath.basename(directory).removesuffix(".d")
    return any(name in (app, *OWN_DAEMONS.get(app, ())) for app in applications)


def proc_kept_by_the_runtime(service: Service, mount: Mount, path: str) -> bool:
    """Whether a mount of the host's ``/proc`` lands on the container's own ``/proc``, in a
    container that is not privileged: after every mount the runtime (runc, crun) makes its
    read-only paths (``/proc/sys``, core_pattern's, and ``/proc/sysrq-trigger``) read-only and
    masks ``/proc/kcore`` and ``/proc/keys``, there as over its own procfs. Mounted elsewhere
    (``/host/proc``) nothing covers them."""
    target = posixpath.normpath(mount.target.value) if mount.target is not None else ""
    return under(path, "/proc") and under(target, "/proc") and not privileged(service)


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    applications = own_names(context.project, service)
    for mount, path in bind_mounts(service):
        reached = root_equivalent(path)
        if reached is None or mount.read_only or mount.source is None:
            continue
        if proc_kept_by_the_runtime(service, mount, path):
            continue  # LD814's: the host's processes, not its kernel settings
        directory, why = reached
        if own_directory(directory, applications):
            continue
        message = (
            f"{path} is mounted writable{role_note(context.project, service)}: "
            f"through {directory} ({why}) the container can make "
            "itself root on the host. Mount it read-only (:ro) if it only reads, or copy the "
            "files it needs into the image or a named volume"
        )
        severity = lowered(Severity.ERROR, context.project, service)
        yield report(context, message, service, mount.source, severity=severity)
