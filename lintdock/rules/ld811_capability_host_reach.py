"""LD811 capability-host-reach: ``cap_add`` grants a capability whose effect reaches past the
container, to its neighbours or the host, and the service's image is not known to need it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.container_security import added_capabilities, capability
from lintdock.facts.host_agents import VPN_IMAGES, known_agent
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context, option

SERVICE_KEYS = ()

GRANTS = {
    "NET_ADMIN": "reconfiguring interfaces, routes and firewall rules",
    "BPF": "loading BPF programs into the kernel",
    "SYS_BOOT": "rebooting the host",
    "PERFMON": "performance monitoring of every process on the host",
    "SYS_TIME": "setting the host's clock (not namespaced)",
    "SYS_NICE": "real-time scheduling above every host process",
    "IPC_LOCK": "locking host memory beyond any limit but a memory limit",
    "LEASE": "leases that stall the host's own access to mounted files",
    "SYSLOG": "reading the host kernel's log",
}

NET_ADMIN_IMAGES = (
    *VPN_IMAGES,
    *("tcpdump", "dnsmonster", "ntopng", "suricata", "zeek", "fail2ban", "netfilter"),
    *("iptables", "dnsmasq", "docker-host"),
)
"""VPNs and mesh networks (their tunnel), capture tools and network sensors (their capture
interface), firewall managers (fail2ban, mailcow's netfilter, qoomon's docker-host), and a
DHCP server of its own (dnsmasq)."""

IPC_LOCK_IMAGES = ("vault", "openbao")
"""Secret stores that mlock their memory to keep secrets out of swap."""


@dataclass(frozen=True)
class Options:
    """LD811's options (``[tool.lintdock.rules.LD811]``)."""

    net_admin_images: tuple[str, ...] = option(
        NET_ADMIN_IMAGES,
        "Images whose job needs NET_ADMIN (VPNs, capture tools, firewall managers): not "
        "reported. A name matches words in a row of the image's repository path "
        "(`linuxserver/wireguard`, `wg-easy/wg-easy`), registry and tag left out; for a "
        "service built here, also the image its Dockerfile starts FROM.",
    )
    ipc_lock_images: tuple[str, ...] = option(
        IPC_LOCK_IMAGES,
        "Images whose job needs IPC_LOCK (secret stores that keep secrets out of swap): not "
        "reported. Matched as `net-admin-images`.",
    )


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    known = {
        "NET_ADMIN": context.options.net_admin_images,
        "IPC_LOCK": context.options.ipc_lock_images,
    }
    for written, grant, item in added_capabilities(service, GRANTS):
        names = known.get(capability(written), ())
        if known_agent(context.project, service, names) is not None:
            continue  # the image's job: nothing to take away
        message = (
            f"cap_add {written} grants {grant}: its effect reaches past the container. Keep "
            "it only if the service's job is exactly that (a VPN needs NET_ADMIN)"
        )
        yield report(context, message, service, item)
