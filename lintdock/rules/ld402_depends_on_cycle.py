"""LD402 depends-on-cycle: services that (directly or through others) depend on themselves."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import Project
from lintdock.rules.base import Options, Rule
from lintdock.rules.service_graph import Cycle, dependency_cycles, entry_anchor, report, via


def check(project: Project, options: Options) -> Iterator[Diagnostic]:
    for cycle in dependency_cycles(project.services):
        yield report("LD402", _message(cycle), cycle.closer, entry_anchor(cycle.closing))


def _message(cycle: Cycle) -> str:
    if len(cycle.names) == 2:
        remedy = f'"{cycle.closer.key}" depends on itself{via(cycle.closing)}; remove this entry'
    else:
        remedy = (
            f"This entry{via(cycle.closing)} closes the cycle; no service on it can start "
            "first, so remove one of its dependencies"
        )
    return (
        f"dependency cycle detected: {cycle.text}: docker compose refuses to load the project. "
        + remedy
    )


RULES = (
    Rule(
        code="LD402",
        name="depends-on-cycle",
        severity=Severity.ERROR,
        summary="Services depend on each other in a cycle (or a service on itself); docker "
        "compose refuses to load the project.",
        check=check,
    ),
)
