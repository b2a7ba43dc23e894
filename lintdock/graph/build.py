"""From a linted compose project to its resilience map.

The map reads the same facts the rules read (health checks in effect, start-up checks, needs,
restart policies), so a picture and the findings never disagree. A finding is drawn beside an
edge when it is reported at that edge's evidence (the ``depends_on`` entry, the variable that
names the target, the checking command), and beside the node of its service otherwise.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

from lintdock.facts.needs import image_needs, needed_services
from lintdock.facts.restart_policy import effective_policy
from lintdock.facts.stage_process import service_runs_once
from lintdock.facts.startup_checks import StartupCheck, service_checks, stage_checks
from lintdock.graph.model import Edge, Finding, Graph, Node
from lintdock.model.compose import Dependency, Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.model.span import Span
from lintdock.project import Project
from lintdock.rules.codes import DEPENDENCY_CHECK_UNBOUNDED

Evidence = tuple[tuple[str, Span], ...]
"""Where an edge is written: (file, span) pairs; a finding reported inside one is the edge's."""

WAITING_CONDITIONS = frozenset({"service_healthy", "service_completed_successfully"})


def build_graph(project: Project, diagnostics: Sequence[Diagnostic]) -> Graph:
    """The map of a compose project, with its findings placed."""
    assert project.compose is not None
    findings = _Findings(diagnostics, lambda diagnostic: diagnostic.service)
    names = {service.key for service in project.services}
    edges = [edge for service in project.services for edge in _edges(project, service, names)]
    placed = [findings.place(edge, evidence) for edge, evidence in edges]
    nodes = [_node(project, service, findings) for service in project.services]
    return Graph(project.compose.path, tuple(nodes), tuple(placed))


def build_image_graph(
    directory: str, projects: Sequence[Project], diagnostics: Sequence[Diagnostic]
) -> Graph:
    """The map of images built from Dockerfiles alone, under ``directory``: each final stage is
    a node named after its Dockerfile's folder, and a host its ENV or start-up check names is
    the image of the folder of that name (as ``docker run --name`` would make it)."""
    images = {
        _image_name(dockerfile.path): (project, dockerfile, stage)
        for project in projects
        for dockerfile in project.dockerfiles
        for stage in project.final_stages(dockerfile)[-1:]
    }
    paths = {image[1].path: name for name, image in images.items()}
    findings = _Findings(diagnostics, lambda diagnostic: paths.get(diagnostic.path))
    edges = [
        findings.place(edge, evidence)
        for name, image in images.items()
        for edge, evidence in _image_edges(name, *image, set(images))
    ]
    nodes = [_image_node(name, *image, findings) for name, image in images.items()]
    return Graph(directory, tuple(nodes), tuple(edges))


def _image_name(path: str) -> str:
    folder = posixpath.basename(posixpath.dirname(path))
    return folder or path


def _image_node(
    name: str, project: Project, dockerfile: Dockerfile, stage: Stage, findings: _Findings
) -> Node:
    health = project.stage_healthcheck(dockerfile, stage)
    return Node(
        name=name,
        health=health.state,
        check=_check_program(health.script),
        restart=None,
        one_shot=False,
        role=None,
        path=dockerfile.path,
        line=stage.from_instruction.span.line,
        findings=findings.left_for(name),
        kind="image",
    )


def _image_edges(
    name: str, project: Project, dockerfile: Dockerfile, stage: Stage, names: set[str]
) -> Iterator[tuple[Edge, Evidence]]:
    covered: set[str] = set()
    for check in stage_checks(project, dockerfile, stage):
        for host in dict.fromkeys(check.hosts):
            if host in names and host != name:
                covered.add(host)
                yield _check_edge(name, host, check), _check_evidence(check)
    blind = _blind_check(stage_checks(project, dockerfile, stage))
    for need in image_needs(dockerfile, stage):
        if need.host in names and need.host not in covered and need.host != name:
            covered.add(need.host)
            yield _need_edge(name, need.host, need.variable, blind), ((dockerfile.path, need.span),)


def _blind_check(checks: Sequence[StartupCheck]) -> StartupCheck | None:
    """A start-up check whose hosts are not visible (a utility that reads the app's own
    configuration): it may check any of the needs, as the rules take it to."""
    return next((check for check in checks if not check.hosts), None)


def _need_edge(source: str, target: str, variable: str, blind: StartupCheck | None) -> Edge:
    """``source`` needs ``target`` (``variable`` names it); a check that does not show what it
    probes is taken to wait for it."""
    if blind is None:
        return Edge(source, target, "needs", waits=False, label=variable)
    return replace(_check_edge(source, target, blind), label=f"{_program(blind)}, reads {variable}")


def _node(project: Project, service: Service, findings: _Findings) -> Node:
    health = project.effective_healthcheck(service)
    policy = effective_policy(service)
    return Node(
        name=service.key,
        health=health.state,
        check=_check_program(health.script),
        restart=policy.setting.split(": ", 1)[1] if policy is not None else None,
        one_shot=service.key in project.one_shot_services() or service_runs_once(project, service),
        role=project.service_role(service).role.value,
        path=service.name.path,
        line=service.name.span.line,
        findings=findings.left_for(service.key),
    )


def _check_program(script: object) -> str | None:
    commands = getattr(script, "commands", ())
    return commands[0].program if commands else None


def _edges(project: Project, service: Service, names: set[str]) -> Iterator[tuple[Edge, Evidence]]:
    """Each edge of ``service`` with its evidence (file, span): its dependency entries, its
    start-up checks, then what it needs with neither."""
    covered: set[str] = set()
    for dependency in service.depends_on:
        target = dependency.service.value
        if target in names and target not in covered:
            covered.add(target)
            yield (
                _dependency_edge(service, dependency),
                ((dependency.service.path, dependency.service.span),),
            )
    checks = service_checks(project, service)
    for check in checks:
        for host in dict.fromkeys(check.hosts):
            checked = _service_named(project, host)
            if checked is not None and checked != service.key:
                covered.add(checked)
                yield _check_edge(service.key, checked, check), _check_evidence(check)
    blind = _blind_check(checks)
    for target, need in needed_services(project, service).items():
        if target in names and target not in covered and target != service.key:
            yield (
                _need_edge(service.key, target, need.variable or need.via, blind),
                ((need.path, need.span),),
            )


def _dependency_edge(service: Service, dependency: Dependency) -> Edge:
    condition = dependency.condition_value
    label = condition if dependency.source == "depends_on" else dependency.source
    waits = condition in WAITING_CONDITIONS
    return Edge(
        service.key,
        dependency.service.value,
        "depends_on",
        waits=waits,
        label=label,
        condition=condition,
        bounded=True if waits else None,
    )


def _check_edge(source: str, target: str, check: StartupCheck) -> Edge:
    return Edge(source, target, "checks", waits=True, label=_program(check), bounded=True)


def _program(check: StartupCheck) -> str:
    """The program that checks (``curl``, ``dotnet``), or the kind of check."""
    program = check.commands[0].program if check.commands else None
    return program or check.kind


def _check_evidence(check: StartupCheck) -> Evidence:
    spans = [command.span for command in check.commands]
    if check.loop is not None:
        spans.append(check.loop.span)
    path = check.script_path or check.part.path
    return tuple((path, span) for span in spans)


def _service_named(project: Project, host: str) -> str | None:
    """The service a probed host is: its name or a network alias (compose matches exactly)."""
    for service in project.services:
        if host == service.key or host in service.aliases:
            return service.key
    return None


class _Findings:
    """The run's diagnostics, handed out once each: to the edge whose evidence they are
    reported at, then the rest to the node they are about (``owner``: its name, or None)."""

    def __init__(
        self, diagnostics: Iterable[Diagnostic], owner: Callable[[Diagnostic], str | None]
    ) -> None:
        self._left = [(d, name) for d in diagnostics if (name := owner(d)) is not None]

    def place(self, edge: Edge, evidence: Evidence) -> Edge:
        mine = [
            d
            for d, name in self._left
            if name == edge.source and any(_within(d, path, span) for path, span in evidence)
        ]
        if not mine:
            return edge
        self._left = [(d, name) for d, name in self._left if d not in mine]
        unbounded = edge.kind == "checks" and any(
            d.code == DEPENDENCY_CHECK_UNBOUNDED for d in mine
        )
        bounded = False if unbounded else edge.bounded
        return replace(edge, findings=tuple(_finding(d) for d in mine), bounded=bounded)

    def left_for(self, node: str) -> tuple[Finding, ...]:
        return tuple(_finding(d) for d, name in self._left if name == node)


def _within(diagnostic: Diagnostic, path: str, span: Span) -> bool:
    inner = diagnostic.span
    return (
        diagnostic.path == path
        and (inner.line, inner.column) >= (span.line, span.column)
        and (inner.end_line, inner.end_column) <= (span.end_line, span.end_column)
    )


def _finding(diagnostic: Diagnostic) -> Finding:
    return Finding(
        diagnostic.code,
        diagnostic.severity or Severity.WARNING,
        diagnostic.message,
        diagnostic.path,
        diagnostic.span.line,
    )
