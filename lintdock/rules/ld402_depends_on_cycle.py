"""LD402 depends-on-cycle: services that (directly or through others) depend on themselves."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.service_graph import Cycle, dependency_cycles, entry_anchor, report, via
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for cycle in dependency_cycles(project.services):
        yield report(context, _message(cycle), cycle.closer, entry_anchor(cycle.closing))


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
