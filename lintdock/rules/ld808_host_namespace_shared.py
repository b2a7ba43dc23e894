"""LD808 host-namespace-shared: a service joins one of the host's namespaces, and its image is
not known to need it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.container_security import lowered, privileged, role_note
from lintdock.facts.host_agents import HOST_MONITOR_IMAGES, HOST_NETWORK_IMAGES, known_agent
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context, option

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

BROWSER_IMAGES = ("selenium", "chrome", "chromium", "playwright", "puppeteer", "browserless")
"""Browsers and browser automation, whose renderers share memory through ``/dev/shm``: their
own documentation offers ``ipc: host`` as one way to give them more of it."""


@dataclass(frozen=True)
class Options:
    """LD808's options (``[tool.lintdock.rules.LD808]``)."""

    host_network_images: tuple[str, ...] = option(
        HOST_NETWORK_IMAGES,
        "Images whose job is the host's own network (DNS and DHCP servers, PXE and TFTP, "
        "tunnels that forward the host's ports, device discovery by mDNS or broadcast, LAN "
        "scanners, VPNs, host metrics): `network_mode: host` is not reported for them. A name "
        "matches words in a row of the image's repository path (`homeassistant/home-assistant`, "
        "`pihole/pihole`), registry and tag left out; for a service built here, also the image "
        "its Dockerfile starts FROM.",
    )
    host_pid_images: tuple[str, ...] = option(
        HOST_MONITOR_IMAGES,
        "Images whose job is reading the host's processes (monitoring and security agents): "
        "`pid: host` and `cgroup: host` are not reported for them. Matched as "
        "`host-network-images`.",
    )
    host_ipc_images: tuple[str, ...] = option(
        BROWSER_IMAGES,
        "Browsers and browser automation (Selenium, Playwright, Puppeteer), whose renderers "
        "need more shared memory than Docker's 64 MB: `ipc: host` is not reported for them "
        "(`shm_size` is the narrower way). Matched as `host-network-images`.",
    )


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    project = context.project
    if privileged(service):
        return  # LD802's finding: a privileged container can join any host namespace
    known = {
        "network_mode": context.options.host_network_images,
        "pid": context.options.host_pid_images,
        "cgroup": context.options.host_pid_images,
        "ipc": context.options.host_ipc_images,
    }
    for key, what in NAMESPACES.items():
        setting = service.setting(key)
        if setting is None or not isinstance(setting.value.value, str):
            continue
        if setting.value.value.strip().lower() != "host":
            continue
        if known_agent(project, service, known.get(key, ())) is not None:
            continue  # the image's job: nothing to take away
        message = f"{key}: host{role_note(project, service)} shares the host's {what}"
        severity = lowered(Severity.WARNING, project, service)
        yield report(context, message, service, setting.value, severity=severity)
