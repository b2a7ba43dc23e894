"""LD805 port-on-all-interfaces: a port published on every host interface."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from lintdock.facts.reporting import report
from lintdock.model.compose import Located, Port, Service
from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.span import Span
from lintdock.rules.base import Context

SERVICE_KEYS = ("ports",)

LOOPBACK = "127.0.0.1"


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    mode = service.network_mode.value.strip().lower() if service.network_mode else "bridge"
    if mode in ("host", "none") or mode.startswith(("service:", "container:")):
        return  # host networking ignores ports; the others cannot publish any
    for port in service.port_mappings:
        if port.target is None or not _all_interfaces(port.host_ip):
            continue
        shown = port.entry.value if not port.long_form else f"target {port.target.value}"
        bound = "is published" if port.host_ip is None else f"is bound to {port.host_ip.value}"
        message = (
            f"port {shown} {bound} on every host interface: Docker's own firewall rules "
            "bypass the host's (ufw, firewalld), so any network the host is on reaches it. "
            f"Bind it to {LOOPBACK} (or one interface) unless it must be public"
        )
        yield report(context, message, service, port.entry, fix=_fix(port))


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
