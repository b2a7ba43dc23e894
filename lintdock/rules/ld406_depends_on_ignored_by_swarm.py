"""LD406 depends-on-ignored-by-swarm: ``depends_on`` in a file written for
``docker stack deploy``, which ignores it."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.restart_policy import deploy_policy
from lintdock.facts.service_graph import entry_anchor, is_swarm_file, report, swarm_evidence
from lintdock.model.compose import Dependency, Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    compose = project.compose
    if compose is None or not is_swarm_file(compose):
        return
    evidence = swarm_evidence(compose)
    for service in compose.services:
        entries = [d for d in service.depends_on if d.source == "depends_on"]
        if entries and not _restarted_without_bound(service):
            yield report(
                context, _message(service, entries, evidence), service, entry_anchor(entries[0])
            )


def _restarted_without_bound(service: Service) -> bool:
    """A ``deploy.restart_policy`` written to restart the service with no bound on attempts:
    Swarm brings it back until its dependencies are up, the remedy the message would give."""
    policy = deploy_policy(service)
    return policy is not None and policy.unbounded


def _message(service: Service, entries: list[Dependency], evidence: str) -> str:
    names = ", ".join(f'"{entry.service.value}"' for entry in entries)
    message = (
        f"This file is written for docker stack deploy ({evidence}), and Swarm ignores "
        f'depends_on: it starts "{service.key}" without waiting for {names}. Make "{service.key}" '
        "check its dependencies at start-up and let deploy.restart_policy restart it until they "
        "are up"
    )
    if any(not entry.short_form for entry in entries):
        message += (
            "; older docker stack deploy versions also reject the long form "
            f'("services.{service.key}.depends_on must be a list")'
        )
    return message
