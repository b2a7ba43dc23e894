"""Host paths and what mounting them gives a container: the control sockets of container
runtimes and the directories that hold them (LD801, LD814), the host's root-equivalent trees
(LD813, LD814), and the host's ``/proc`` that the runtime keeps read-only where it covers it."""

from __future__ import annotations

import fnmatch
import posixpath

from lintdock.facts.container_security import bind_mounts, privileged, under
from lintdock.model.compose import Mount, Service

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

TIMEZONE_FILES = frozenset({"/etc/localtime", "/etc/timezone"})


def host_control(service: Service) -> str | None:
    """How ``service`` already controls the host, whatever else it sets: ``privileged: true``
    (LD802), or a runtime's control socket mounted (LD801). Settings that would otherwise be
    a step towards the host add little there."""
    if privileged(service):
        return "privileged: true"
    for mount, path in bind_mounts(service):
        if mount.source is not None and is_socket(path) and socket_owner(path) is not None:
            return f"{path} mounted"
    return None


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


def is_socket(path: str) -> bool:
    """Whether the host path names a control socket itself, not a directory holding one."""
    return any(name in path for name, _ in SOCKETS)


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


def proc_kept_by_the_runtime(service: Service, mount: Mount, path: str) -> bool:
    """Whether a mount of the host's ``/proc`` lands on the container's own ``/proc``, in a
    container that is not privileged: after every mount the runtime (runc, crun) makes its
    read-only paths (``/proc/sys``, core_pattern's, and ``/proc/sysrq-trigger``) read-only and
    masks ``/proc/kcore`` and ``/proc/keys``, there as over its own procfs. Mounted elsewhere
    (``/host/proc``) nothing covers them."""
    target = posixpath.normpath(mount.target.value) if mount.target is not None else ""
    return under(path, "/proc") and under(target, "/proc") and not privileged(service)
