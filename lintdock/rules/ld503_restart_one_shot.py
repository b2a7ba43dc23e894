"""LD503 restart-one-shot: a one-shot job that is restarted even after it succeeds."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.restart_policy import effective_policy
from lintdock.facts.service_graph import report
from lintdock.model.diagnostic import Diagnostic
from lintdock.project import Project
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    one_shots = project.one_shot_services()
    for service in project.services:
        policy = effective_policy(service)
        if service.key not in one_shots or policy is None or not policy.restarts_forever:
            continue
        message = (
            f'"{service.key}" is a one-shot job ({_why_once(project, service.key)}), but '
            f"{policy.setting} starts it again every time it exits, so it re-runs "
            "forever and its dependants may never see it complete. Use restart: on-failure:3, or "
            "no restart"
        )
        yield report(context, message, service, policy.where)


def _why_once(project: Project, name: str) -> str:
    """``"app" waits for it to complete`` / ``"app", "worker" wait ...``: the services that
    wait for ``name`` to complete, in file order; else why the project shows it runs once."""
    waiting = [
        f'"{other.key}"'
        for other in project.services
        if any(
            dependency.service.value == name
            and dependency.condition_value == "service_completed_successfully"
            for dependency in other.depends_on
        )
    ]
    if not waiting:
        return project.job_reason(name) or "it runs once"
    return f"{', '.join(waiting)} {'waits' if len(waiting) == 1 else 'wait'} for it to complete"
