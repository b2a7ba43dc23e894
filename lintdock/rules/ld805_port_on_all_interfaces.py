"""LD805 port-on-all-interfaces: a backend's port (a database, cache, broker or search engine)
published on every host interface; every such port with the ``all-ports`` option."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.images import VARIABLE, parse_reference
from lintdock.facts.reporting import report
from lintdock.model.compose import Located, Port, Service
from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.span import Span
from lintdock.rules.base import Context, option
from lintdock.vocabulary import BACKEND_IMAGES

SERVICE_KEYS = ("ports",)

LOOPBACK = "127.0.0.1"

BACKEND_PORTS = (
    *(5432, 3306, 1433, 1521, 6379, 11211, 27017, 9042, 5984, 5672, 9092, 2181, 4222),
    *(9200, 9300, 8086, 7687, 2379, 26257, 28015),
)
"""The usual container ports of the servers of ``BACKEND_IMAGES``, for images built here (a
pulled image is judged by its name alone: ownCloud's ``ocis`` serves its web UI on 9200)."""


GENERIC_COMPONENTS = frozenset({"server", "db", "database"})
"""Last components that name no product, so the one before does (``mcr.microsoft.com/mssql/
server``)."""
EDITION_WORDS = frozenset(
    {
        *("server", "stack", "ha", "cluster", "community", "enterprise", "oss", "alpine"),
        *("repmgr", "galera", "sharded", "edge", "db", "core", "official", "arm64"),
    }
)
"""Words after a backend's name that keep it the same server (``redis-stack-server``,
``timescaledb-ha``, ``postgresql-repmgr``); any other (``mongo-express``, ``kafka-ui``,
``postgres-exporter``) names a tool for it, a web UI or an exporter, not the backend."""
_WORD = re.compile(r"[a-z0-9]+")


def backend_image(reference: str, names: tuple[str, ...]) -> str | None:
    """The backend of ``names`` that an image is, by its product name: the last component of
    its repository path, which must be the backend's name, after at most one vendor word
    (``confluentinc/cp-kafka``) and before only edition words. None for an image that merely
    contains the word (``zabbix/zabbix-web-apache-mysql`` is Zabbix's web frontend)."""
    path = parse_reference(VARIABLE.sub("", reference)).path.lower()
    components = [c for c in path.split("/") if c]
    while len(components) > 1 and components[-1] in GENERIC_COMPONENTS:
        components.pop()
    words = _WORD.findall(components[-1]) if components else []
    for name in names:
        wanted = _WORD.findall(name.lower())
        for start in range(min(2, len(words))):
            end = start + len(wanted)
            if wanted and words[start:end] == wanted and EDITION_WORDS.issuperset(words[end:]):
                return name
    return None


@dataclass(frozen=True)
class Options:
    """LD805's options (``[tool.lintdock.rules.LD805]``)."""

    all_ports: bool = option(
        False,
        "Report every port published on all interfaces, as compose-lint's CL-0005 does, not only "
        "a backend's.",
    )
    backend_images: tuple[str, ...] = option(
        BACKEND_IMAGES,
        "Image names that mark a backend only the project's services should reach. A name "
        "matches the product name of the image, the last component of its repository path "
        "(`bitnami/postgresql:16`), after at most one vendor word (`cp-kafka`) and before only "
        "edition words (`redis-stack-server`).",
    )
    backend_ports: tuple[int, ...] = option(
        BACKEND_PORTS, "Container ports that mark a backend, whatever the image."
    )


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    mode = service.network_mode.value.strip().lower() if service.network_mode else "bridge"
    if mode in ("host", "none") or mode.startswith(("service:", "container:")):
        return  # host networking ignores ports; the others cannot publish any
    options = context.options
    server = backend_image(service.image.value, options.backend_images) if service.image else None
    runs = f'"{service.key}" runs {server}, a backend' if server else None
    for port in service.port_mappings:
        if port.target is None or not _all_interfaces(port.host_ip):
            continue
        backend = runs
        if backend is None and service.build is not None:  # a pulled image is known by name
            backend = _backend_port(port.target.value, options.backend_ports)
        if backend is None and not options.all_ports:
            continue
        shown = port.entry.value if not port.long_form else f"target {port.target.value}"
        bound = "is published" if port.host_ip is None else f"is bound to {port.host_ip.value}"
        message = (
            f"port {shown} {bound} on every host interface: Docker's own firewall rules "
            "bypass the host's (ufw, firewalld), so any network the host is on reaches it. "
        )
        if backend is not None:
            message += (
                f"{backend} that the project's services reach over their own network: drop "
                f"the mapping, or bind it to {LOOPBACK} for tools on this host"
            )
        else:
            message += f"Bind it to {LOOPBACK} (or one interface) unless it must be public"
        yield report(context, message, service, port.entry, fix=_fix(port))


def _backend_port(target: str, ports: tuple[int, ...]) -> str | None:
    """Why a container port marks a backend, None for other ports and ranges."""
    if target.isdigit() and int(target) in ports:
        return f"{target} is the usual port of a database, cache or broker, a backend"
    return None


def _all_interfaces(host_ip: Located[str] | None) -> bool:
    if host_ip is None:
        return True
    text = host_ip.value.strip().removeprefix("[").removesuffix("]")
    if text in ("", "*"):
        return True
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False  # a host name or a variable: not known to be every interface
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_unspecified or bool(mapped and mapped.is_unspecified)


def _exact(located: Located[str] | None) -> bool:
    """Whether the part's span holds exactly its text (so an edit there is certain)."""
    if located is None:
        return False
    span = located.span
    return span.line == span.end_line and span.end_column - span.column == len(located.value)


def _fix(port: Port) -> Fix | None:
    if port.long_form:
        return None
    if port.host_ip is not None:
        if not _exact(port.host_ip):
            return None
        edit = Edit(port.host_ip.span, LOOPBACK)
    else:
        first = port.published if port.published is not None else port.target
        if not _exact(first) or first is None:
            return None
        prefix = f"{LOOPBACK}:" if port.published is not None else f"{LOOPBACK}::"
        start = first.span
        edit = Edit(Span(start.line, start.column, start.line, start.column), prefix)
    return Fix(f"bind the port to {LOOPBACK}", (edit,), safe=False)
