"""LD811 capability-host-reach: ``cap_add`` grants a capability whose effect reaches past the
container, to its neighbours or the host, and the service's image is not known to need it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.container_security import (
    added_capabilities,
    capability,
    lowered,
    non_root_user,
    privileged,
    role_note,
)
from lintdock.facts.host_agents import (
    BLUETOOTH_IMAGES,
    DHCP_SERVER_IMAGES,
    LAN_SCANNER_IMAGES,
    VM_IMAGES,
    VPN_IMAGES,
    known_agent,
)
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
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

LOW_RISK = frozenset({"SYS_NICE", "IPC_LOCK", "LEASE"})
"""Capabilities whose worst is a share of the host's CPU, memory or file leases that a limit
bounds (compose-lint's host-availability set): information, not a warning."""

NET_ADMIN_IMAGES = (
    *VPN_IMAGES,
    *("tcpdump", "dnsmonster", "ntopng", "suricata", "zeek", "fail2ban", "netfilter"),
    *("iptables", "dnsmasq", "docker-host", *LAN_SCANNER_IMAGES, *VM_IMAGES),
    *BLUETOOTH_IMAGES,
)
"""VPNs and mesh networks (their tunnel), capture tools and network sensors (their capture
interface), firewall managers (fail2ban, mailcow's netfilter, qoomon's docker-host), dnsmasq
(whose DHCP server is what the image is for), LAN scanners, virtual machines (their tap
interface), and home automation with a Bluetooth adapter."""

IPC_LOCK_IMAGES = ("vault", "openbao")
"""Secret stores that mlock their memory to keep secrets out of swap."""


@dataclass(frozen=True)
class Options:
    """LD811's options (``[tool.lintdock.rules.LD811]``)."""

    net_admin_images: tuple[str, ...] = option(
        NET_ADMIN_IMAGES,
        "Images whose job needs NET_ADMIN (VPNs, capture tools, firewall managers, LAN "
        "scanners, virtual machines, home automation with Bluetooth): not reported. A name "
        "matches words in a row of the image's repository path (`linuxserver/wireguard`, "
        "`wg-easy/wg-easy`), registry and tag left out; for a service built here, also the "
        "image its Dockerfile starts FROM.",
    )
    dhcp_server_images: tuple[str, ...] = option(
        DHCP_SERVER_IMAGES,
        "DNS servers with a DHCP server of their own, and DHCP servers (Pi-hole, AdGuard Home, "
        "Technitium, dnsmasq, Kea): NET_ADMIN is information for them, which says it is "
        "needed only while the service serves DHCP. Matched as `net-admin-images`.",
    )
    ipc_lock_images: tuple[str, ...] = option(
        IPC_LOCK_IMAGES,
        "Images whose job needs IPC_LOCK (secret stores that keep secrets out of swap): not "
        "reported. Matched as `net-admin-images`.",
    )


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    if privileged(service):
        return  # LD802's finding: privileged grants every capability
    project, options = context.project, context.options
    known = {"NET_ADMIN": options.net_admin_images, "IPC_LOCK": options.ipc_lock_images}
    for written, grant, item in added_capabilities(service, GRANTS):
        name = capability(written)
        if known_agent(project, service, known.get(name, ())) is not None:
            continue  # the image's job: nothing to take away
        message = f"cap_add {written}{role_note(project, service)} grants {grant}: its effect "
        dhcp = known_agent(project, service, options.dhcp_server_images)
        if name == "NET_ADMIN" and dhcp is not None:
            message += (
                f"reaches past the container. {dhcp} needs it only as a DHCP server: drop it "
                "if the service does not serve DHCP"
            )
            yield report(context, message, service, item, severity=Severity.INFO)
            continue
        user = non_root_user(project, service)
        if user is not None:
            message = (
                f"cap_add {written}{role_note(project, service)} would grant {grant}, but the "
                f"service runs as user {user}: Docker gives a non-root process none of the "
                "capabilities it adds, unless a setuid-root binary or a file capability "
                "(setcap) in the image takes it up. Drop it if nothing in the image does"
            )
            yield report(context, message, service, item, severity=Severity.INFO)
            continue
        message += (
            "reaches past the container. Keep it only if the service's job is exactly that "
            "(a VPN needs NET_ADMIN)"
        )
        severity = (
            Severity.INFO if name in LOW_RISK else lowered(Severity.WARNING, project, service)
        )
        yield report(context, message, service, item, severity=severity)
