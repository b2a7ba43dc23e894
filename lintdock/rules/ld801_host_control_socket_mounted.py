"""LD801 host-control-socket-mounted: a container runtime's (or systemd's) control socket, or a
directory that holds one, is bind-mounted into the container."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.container_security import bind_mounts, lowered, role_note
from lintdock.facts.host_agents import DOCKER_API_DRIVERS, DOCKER_API_PROXIES, known_agent
from lintdock.facts.host_paths import is_socket, socket_owner
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context, option

SERVICE_KEYS = ()


@dataclass(frozen=True)
class Options:
    """LD801's options (``[tool.lintdock.rules.LD801]``)."""

    socket_proxy_images: tuple[str, ...] = option(
        DOCKER_API_PROXIES,
        "Socket proxies and Docker-API brokers, which hold the socket so that other services "
        "need not: their socket mount is not reported. A name matches words in a row of the "
        "image's repository path (`tecnativa/docker-socket-proxy`), registry and tag left "
        "out; for a service built here, also the image its Dockerfile starts FROM.",
    )
    docker_api_images: tuple[str, ...] = option(
        DOCKER_API_DRIVERS,
        "Images whose job is to create, start, update or exec into containers (container "
        "managers, updaters, CI runners): their socket mount is information that says so, "
        "not an error asking for a proxy. Matched as `socket-proxy-images`.",
    )


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    project, options = context.project, context.options
    for mount, path in bind_mounts(service):
        owner = socket_owner(path)
        if owner is None or mount.source is None:
            continue
        if is_socket(path) and known_agent(project, service, options.socket_proxy_images):
            continue  # the proxy the message would recommend
        driver = known_agent(project, service, options.docker_api_images)
        where = role_note(project, service)
        message = (
            f"{path} is mounted into the container{where}: it gives control of "
            f"{owner}, which is root on the host (:ro does not stop API calls). "
        )
        if driver is not None and is_socket(path):
            message += (
                f"Driving it is the job of its image ({driver}), so a socket proxy would "
                "have to pass nearly every call: whoever controls the service controls the "
                "host, so keep its UI and API private"
            )
            yield report(context, message, service, mount.source, severity=Severity.INFO)
            continue
        message += (
            "Use a socket proxy that allows only the calls the service needs, or drop the mount"
        )
        severity = lowered(Severity.ERROR, project, service)
        yield report(context, message, service, mount.source, severity=severity)
