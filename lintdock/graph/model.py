"""The resilience map as data: one node per compose service, one edge per way a service relies on
another (it waits for it through ``depends_on``, its start-up command checks it, or it needs it
and nothing waits)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lintdock.model.diagnostic import Severity

EdgeKind = Literal["depends_on", "checks", "needs"]
NodeKind = Literal["service", "image"]


@dataclass(frozen=True)
class Finding:
    """A finding shown beside a node or an edge."""

    code: str
    severity: Severity
    message: str
    path: str
    line: int


@dataclass(frozen=True)
class Node:
    """A compose service (or, in a map of Dockerfiles alone, an image). ``health`` is where its
    health check comes from (``compose``, ``image``), or
    ``disabled``, ``none`` (known to have none), ``unknown`` (a pulled image may define one);
    ``check`` the program the check runs, when known. ``restart`` is the policy in effect (None:
    nothing restarts it)."""

    name: str
    health: str
    check: str | None
    restart: str | None
    one_shot: bool
    role: str | None
    path: str
    line: int
    findings: tuple[Finding, ...] = ()
    kind: NodeKind = "service"
    members: tuple[str, ...] = ()  # in a picture, the alike services this node stands for

    @property
    def worst(self) -> Severity | None:
        """The most severe finding about this service, if any."""
        return max((finding.severity for finding in self.findings), default=None)

    @property
    def state(self) -> str:
        """The style a picture gives the node: ``one-shot``, ``checked`` or ``unchecked``."""
        if self.one_shot:
            return "one-shot"
        return "checked" if self.health in ("compose", "image") else "unchecked"


@dataclass(frozen=True)
class Edge:
    """``source`` relies on ``target``. ``waits`` is True when the source does not start its app
    before the target is ready (a ``service_healthy``/``service_completed_successfully``
    condition, or a start-up check); ``bounded`` whether that wait ends (None: nothing waits).
    ``label`` says how: the condition, the checking program, or the variable that names the
    target."""

    source: str
    target: str
    kind: EdgeKind
    waits: bool
    label: str
    condition: str | None = None
    bounded: bool | None = None
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Graph:
    """The map of one compose project (``path`` is its main file)."""

    path: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def node(self, name: str) -> Node | None:
        return next((node for node in self.nodes if node.name == name), None)
