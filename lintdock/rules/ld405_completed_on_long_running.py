"""LD405 completed-on-long-running: waiting for a service that never exits to complete."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import Project
from lintdock.rules.base import Options, Rule
from lintdock.rules.restart_policy import effective_policy
from lintdock.rules.service_graph import entry_anchor, report, services_by_name


def check(project: Project, options: Options) -> Iterator[Diagnostic]:
    services = services_by_name(project)
    for service in project.services:
        for dependency in service.depends_on:
            target = services.get(dependency.service.value)
            if dependency.condition_value != "service_completed_successfully" or target is None:
                continue
            reasons = long_running_evidence(target)
            if not reasons:
                continue
            message = (
                f'"{service.key}" waits for "{target.key}" to complete, but "{target.key}" '
                f"{' and '.join(reasons)}: a service that keeps running never completes, so "
                "docker compose up waits forever. Wait with condition: service_healthy or "
                "service_started, or make it a one-shot job"
            )
            yield report(
                "LD405", message, service, dependency.condition or entry_anchor(dependency)
            )


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


RULES = (
    Rule(
        code="LD405",
        name="completed-on-long-running",
        severity=Severity.ERROR,
        summary="condition: service_completed_successfully on a service that never exits "
        "(restart always/unless-stopped, a healthcheck, or published ports).",
        check=check,
    ),
)
