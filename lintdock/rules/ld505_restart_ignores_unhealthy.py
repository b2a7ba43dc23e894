"""LD505 restart-ignores-unhealthy (off by default): a health check and a restart policy
without an orchestrator, as if Docker restarted unhealthy containers."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import Project
from lintdock.rules.base import Options, Rule
from lintdock.rules.restart_policy import effective_policy
from lintdock.rules.service_graph import is_swarm_file, report

HEALTH_SOURCES = {"compose": "a healthcheck", "image": "a HEALTHCHECK in its image"}


def check(project: Project, options: Options) -> Iterator[Diagnostic]:
    if is_swarm_file(project.compose):
        return
    for service in project.services:
        policy = effective_policy(service)
        health = project.effective_healthcheck(service).state
        if policy is None or policy.mode == "no" or health not in HEALTH_SOURCES:
            continue
        message = (
            f'"{service.key}" has {HEALTH_SOURCES[health]} and {policy.setting}, but Docker '
            "restarts a container only when it exits, never because it is unhealthy (moby#28400): "
            "without an orchestrator an unhealthy container stays up, unhealthy. Let the app exit "
            "when it cannot recover, or run it under Swarm or Kubernetes"
        )
        yield report("LD505", message, service, policy.where)


RULES = (
    Rule(
        code="LD505",
        name="restart-ignores-unhealthy",
        severity=Severity.INFO,
        summary="A health check and a restart policy but no orchestrator: Docker never restarts "
        "an unhealthy container.",
        check=check,
        enabled_by_default=False,
    ),
)
