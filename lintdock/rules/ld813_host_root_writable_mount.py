"""LD813 host-root-writable-mount: a root-equivalent host path is bind-mounted writable."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from lintdock.facts.container_security import (
    bind_mounts,
    lowered,
    role_note,
)
from lintdock.facts.host_agents import own_names
from lintdock.facts.host_paths import ROOT_READS, proc_kept_by_the_runtime, root_equivalent
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context

SERVICE_KEYS = ()

OWN_DAEMONS = {"pihole": ("dnsmasq",)}
"""Daemons an application runs in its container under another name (pi-hole's FTL is a
dnsmasq, configured from ``/etc/dnsmasq.d``)."""


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
