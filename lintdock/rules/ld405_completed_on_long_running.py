"""LD405 completed-on-long-running: waiting for a service that never exits to complete."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.restart_policy import effective_policy
from lintdock.facts.service_graph import dependency_edges, entry_anchor, report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for service, dependency, target in dependency_edges(project):
        if dependency.condition_value != "service_completed_successfully":
            continue
        evidence = long_running_evidence(target)
        if evidence:
            message = (
                f'"{service.key}" waits for "{target.key}" to complete, but "{target.key}" '
                f"{' and '.join(evidence)}: a service that keeps running never completes, so "
                "docker compose up waits forever. Wait with condition: service_healthy or "
                "service_started, or make it a one-shot job"
            )
            where = dependency.condition or entry_anchor(dependency)
            yield report(context, message, service, where)


def long_running_evidence(service: Service) -> list[str]:
    """What says ``service`` keeps running: a restart policy that restarts it even after a
    clean exit, a compose healthcheck, published ports."""
    evidence = []
    policy = effective_policy(service)
    if policy is not None and policy.restarts_forever:
        evidence.append(f"has {policy.setting} (it is started again after every exit)")
    health = service.healthcheck
    if health is not None and health.test_kind in ("CMD", "CMD-SHELL") and not health.disabled:
        evidence.append("has a healthcheck")
    if service.ports:
        evidence.append("publishes ports")
    return evidence
