"""LD811 capability-host-reach: ``cap_add`` grants a capability whose effect reaches past the
container, to its neighbours or the host."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import added_capabilities
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
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


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    for written, grant, item in added_capabilities(service, GRANTS):
        message = (
            f"cap_add {written} grants {grant}: its effect reaches past the container. Keep it "
            "only if the service's job is exactly that (a VPN needs NET_ADMIN), and say so in "
            "a comment"
        )
        yield report(context, message, service, item)
