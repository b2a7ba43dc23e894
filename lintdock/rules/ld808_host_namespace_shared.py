"""LD808 host-namespace-shared: a service joins one of the host's namespaces."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

SERVICE_KEYS = ()

NAMESPACES = {
    "network_mode": "network stack: it can bind any host port and reach services that listen "
    "only on the host's loopback",
    "pid": "processes: it sees and can signal every process on the host",
    "ipc": "shared memory: it can read and write the host's shared memory segments",
    "uts": "host name: it can change the host's hostname",
    "userns_mode": "user namespace: root in it is root on the host even under user remapping",
    "cgroup": "cgroup namespace: it sees the host's whole cgroup tree",
}


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    for key, what in NAMESPACES.items():
        setting = service.setting(key)
        if setting is None or not isinstance(setting.value.value, str):
            continue
        if setting.value.value.strip().lower() != "host":
            continue
        message = f"{key}: host shares the host's {what}"
        yield report(context, message, service, setting.value)
