"""LD702 duplicate-published-port: two port mappings of the project publish the same host port
(and protocol) on addresses that overlap."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.compose_practice import can_run_together, variables_of, written
from lintdock.facts.service_graph import report
from lintdock.model.compose import Located, Port, Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context

ALL = "all"  # no host IP: every IPv4 and IPv6 address


@dataclass(frozen=True)
class Published:
    """One mapping's host side: the service, ports ``first``..``last``, the protocol, and the
    address (``ALL``, ``0.0.0.0``, ``::`` or one address)."""

    service: Service
    where: Located[str]
    first: int
    last: int
    protocol: str
    address: str
    target: str
    variables: frozenset[str]  # those the host port is written with: empty for a literal

    def clashes(self, other: Published) -> bool:
        return (
            not self.repeats(other)
            and self.protocol == other.protocol
            and self.first <= other.last
            and other.first <= self.last
            and addresses_overlap(self.address, other.address)
            and can_run_together(self.service, other.service, one_definition=self.shares(other))
        )

    @property
    def configurable(self) -> bool:
        """The host port is written with a variable: the deployment may set another."""
        return bool(self.variables)

    def own_variable(self, other: Published) -> bool:
        """Each host port has a variable of its own: the file lets every deployment choose
        them apart, and only the values they get here clash."""
        return self.configurable and other.configurable and not self.variables & other.variables

    def shares(self, other: Published) -> bool:
        """Both come from one written entry (inherited through ``extends`` or an anchor)."""
        return (self.where.path, self.where.span) == (other.where.path, other.where.span)

    def repeats(self, other: Published) -> bool:
        """The same mapping written twice for one service: Compose keeps one of them."""
        return self.service is other.service and (
            self.first,
            self.last,
            self.protocol,
            self.address,
            self.target,
        ) == (other.first, other.last, other.protocol, other.address, other.target)


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    if compose is None:
        return
    seen: list[Published] = []
    for service in compose.services:
        if service.network_mode is not None and service.network_mode.value == "host":
            continue  # Compose discards the ports of a service on the host's network
        for port in service.port_mappings:
            published = _published(context, service, port)
            if published is None:
                continue
            clash = next((earlier for earlier in seen if earlier.clashes(published)), None)
            if clash is not None:
                message = _message(published, clash)
                yield report(
                    context, message, service, published.where, severity=_severity(published, clash)
                )
            seen.append(published)


def _published(context: Context, service: Service, port: Port) -> Published | None:
    if port.published is None:
        return None
    ports = _range(port.published.value)
    if ports is None:
        return None
    protocol = (port.protocol.value if port.protocol is not None else "tcp").lower()
    address = _address(port.host_ip.value if port.host_ip is not None else "")
    target = port.target.value if port.target is not None else ""
    variables = _variables(context, port, port.published)
    return Published(
        service, port.published, ports[0], ports[1], protocol, address, target, variables
    )


def _variables(context: Context, port: Port, published: Located[str]) -> frozenset[str]:
    """The variables the host port is written with (where the project is deployed, the
    environment may set another value); none when the entry writes the port literally."""
    if port.long_form:
        return variables_of(context.project, published)
    scalar = written(context.project, port.entry)
    if scalar is None or f"{published.value}:" in scalar.text:
        return frozenset()
    return variables_of(context.project, port.entry)


def _severity(published: Published, clash: Published) -> Severity | None:
    """Error (the rule's) for literal ports; a warning when a variable may move one of them;
    info when each has a variable of its own (a menu of alternative services, such as
    laradock's web servers and databases, each started by name, looks like this)."""
    if published.own_variable(clash):
        return Severity.INFO
    if published.configurable or clash.configurable:
        return Severity.WARNING
    return None


def _range(text: str) -> tuple[int, int] | None:
    first, _, last = text.strip().partition("-")
    if not first.isdigit() or not (last or first).isdigit():
        return None
    low, high = int(first), int(last or first)
    return (low, high) if low <= high else None


def _address(host_ip: str) -> str:
    text = host_ip.strip().removeprefix("[").removesuffix("]")
    if not text:
        return ALL
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return text  # a name or a variable left empty: compared as written


def addresses_overlap(one: str, other: str) -> bool:
    """Whether binding both addresses can collide: the same address, or one covering the other
    (no host IP covers everything, ``0.0.0.0`` every IPv4 address, ``::`` every IPv6 one)."""
    if one == other or ALL in (one, other):
        return True
    for wildcard, version in (("0.0.0.0", 4), ("::", 6)):
        if wildcard in (one, other):
            rest = other if one == wildcard else one
            return _version(rest) == version
    return False


def _version(address: str) -> int | None:
    try:
        return ipaddress.ip_address(address).version
    except ValueError:
        return None


def _message(published: Published, clash: Published) -> str:
    shared = max(published.first, clash.first)
    where = clash.where
    owner = (
        "another mapping of this service"
        if clash.service is published.service
        else f'service "{clash.service.key}"'
    )
    address = "" if published.address == ALL else f" on {published.address}"
    configured = published.configurable or clash.configurable
    values = " with the values the variables get here" if configured else ""
    message = (
        f"host port {shared}/{published.protocol}{address} is already published by {owner} "
        f'({where.path}:{where.span.line}){values}: the second binding fails with "port is '
        'already allocated". Publish another host port, or bind each to its own host IP'
    )
    if clash.service is not published.service:
        message += (
            "; if the two are alternatives never started together, give each a profile of its own"
        )
    return message
