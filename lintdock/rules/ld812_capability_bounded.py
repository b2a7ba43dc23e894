"""LD812 capability-bounded: ``cap_add`` grants SYS_PTRACE or DAC_READ_SEARCH, to a service
whose image is not known to need it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.container_security import added_capabilities, capability, privileged
from lintdock.facts.host_agents import BACKUP_IMAGES, HOST_MONITOR_IMAGES, known_agent
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context, option

SERVICE_KEYS = ()

GRANTS = {
    "SYS_PTRACE": "tracing and reading the memory of the container's other processes",
    "DAC_READ_SEARCH": "reading any file regardless of its permissions",
}
JOBS = {
    "SYS_PTRACE": "per-process metrics, a profiler, a debugger",
    "DAC_READ_SEARCH": "a backup of files it does not own, mounting SMB shares",
}
"""What kind of service needs each capability, for the message."""


@dataclass(frozen=True)
class Options:
    """LD812's options (``[tool.lintdock.rules.LD812]``)."""

    ptrace_images: tuple[str, ...] = option(
        HOST_MONITOR_IMAGES,
        "Images whose job needs SYS_PTRACE (monitoring and security agents): not reported. A "
        "name matches words in a row of the image's repository path (`netdata/netdata`, "
        "`falcosecurity/falco`), registry and tag left out; for a service built here, also the "
        "image its Dockerfile starts FROM.",
    )
    read_search_images: tuple[str, ...] = option(
        (*BACKUP_IMAGES, "music-assistant"),
        "Images whose job needs DAC_READ_SEARCH (backup tools, Music Assistant's SMB "
        "mounts): not reported. Matched as `ptrace-images`.",
    )


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    if privileged(service):
        return  # LD802's finding: privileged grants every capability
    known = {
        "SYS_PTRACE": context.options.ptrace_images,
        "DAC_READ_SEARCH": context.options.read_search_images,
    }
    for written, grant, item in added_capabilities(service, GRANTS):
        name = capability(written)
        if known_agent(context.project, service, known[name]) is not None:
            continue  # the image's job: nothing to take away
        message = (
            f"cap_add {written} grants {grant}: confined to the container, but more than most "
            f"services need. Drop it unless the service's job needs it ({JOBS[name]})"
        )
        yield report(context, message, service, item)
