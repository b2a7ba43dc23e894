"""LD811 capability-host-reach: ``cap_add`` grants a capability whose effect reaches past the
container, to its neighbours or the host."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintdock.facts.container_security import added_capabilities, capability
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context

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

KNOWN_NEEDS = {
    "NET_ADMIN": (
        "its tunnel or capture interface",
        frozenset(
            {
                *("wireguard", "wg", "openvpn", "tailscale", "zerotier", "netbird", "firezone"),
                *("gluetun", "strongswan", "ipsec", "softether", "vpn", "tcpdump", "dnsmonster"),
                *("ntopng", "suricata", "zeek"),
            }
        ),
    ),
    "IPC_LOCK": ("keeping its secrets out of swap (mlock)", frozenset({"vault", "openbao"})),
}
"""Capabilities that a kind of service cannot work without, the need, and the words of the
image names that say the service is of that kind (``linuxserver/wireguard``, ``wg-easy``,
``hashicorp/vault``): a VPN sets up its tunnel, a capture tool its interface."""
_NAME_WORDS = re.compile(r"[a-z0-9]+")


def known_need(service: Service, capability: str) -> str | None:
    """What the service's image needs ``capability`` for, when its name says so, or None."""
    image = service.setting("image")
    need = KNOWN_NEEDS.get(capability)
    if image is None or not isinstance(image.value.value, str) or need is None:
        return None
    purpose, words = need
    name = image.value.value.lower().split("@")[0].rsplit("/", 1)[-1].split(":")[0]
    return purpose if words & set(_NAME_WORDS.findall(name)) else None


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    for written, grant, item in added_capabilities(service, GRANTS):
        purpose = known_need(service, capability(written))
        if purpose is None:
            advice = (
                "Keep it only if the service's job is exactly that (a VPN needs NET_ADMIN), "
                "and say so in a comment"
            )
        else:
            advice = f"The image needs it for {purpose}: say so in a comment"
        message = f"cap_add {written} grants {grant}: its effect reaches past the container. "
        severity = None if purpose is None else Severity.INFO
        yield report(context, message + advice, service, item, severity=severity)
