"""LD505 restart-ignores-unhealthy (off by default): a health check and a restart policy
without an orchestrator, as if Docker restarted unhealthy containers."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.restart_policy import effective_policy
from lintdock.facts.service_graph import is_swarm_file, report
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

HEALTH_SOURCES = {"compose": "a healthcheck", "image": "a HEALTHCHECK in its image"}


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    if is_swarm_file(project.compose):
        return
    for service in project.services:
        policy = effective_policy(service)
        health = project.effective_healthcheck(service).state
        if policy is None or policy.mode == "no" or health not in HEALTH_SOURCES:
            continue
        if not project.service_role(service).production:
            continue  # outside production nobody relies on the restart
        message = (
            f'"{service.key}" has {HEALTH_SOURCES[health]} and {policy.setting}, but Docker '
            "restarts a container only when it exits, never because it is unhealthy (moby#28400): "
            "without an orchestrator an unhealthy container stays up, unhealthy. Let the app exit "
            "when it cannot recover, or run it under Swarm or Kubernetes"
        )
        yield report(context, message, service, policy.where)
