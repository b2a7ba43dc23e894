"""LD504 missing-restart-policy: a long-running service that nothing restarts after a crash."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.needs import dependants_of
from lintdock.facts.restart_policy import has_restart_setting
from lintdock.facts.service_graph import is_swarm_file, report, spoken_list
from lintdock.facts.stage_process import service_runs_once
from lintdock.facts.startup_checks import has_startup_check
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.project import Project
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    if not project.complete:  # the rest of the project is in files linted elsewhere
        return
    if is_swarm_file(project.compose):
        return
    one_shots = project.one_shot_services()
    for service in project.services:
        if service.key in one_shots or has_restart_setting(service):
            continue
        if not project.service_role(service).production:
            continue  # a test harness, a development setup, an example: not meant to stay up
        if service_runs_once(project, service):
            continue  # a test runner or job: it exits when done, and must not come back
        evidence = _long_running_evidence(project, service)
        # A service with a start-up check and no restart policy is LD302's finding.
        if not evidence or has_startup_check(project, service):
            continue
        message = (
            f'"{service.key}" keeps running ({spoken_list(evidence)}) but has no restart policy: '
            "if it crashes, or the Docker daemon restarts, it stays down. Add restart: "
            "unless-stopped, or on-failure:5 to stop after repeated crashes"
        )
        yield report(context, message, service)


def _long_running_evidence(project: Project, service: Service) -> list[str]:
    evidence = []
    if service.ports:
        evidence.append("it publishes ports")
    if project.effective_healthcheck(service).state in ("compose", "image"):
        evidence.append("it has a health check")
    dependants = [other.key for other, _need in dependants_of(project, service.key)]
    if dependants:
        names = ", ".join(f'"{name}"' for name in dependants)
        evidence.append(f"{names} {'needs' if len(dependants) == 1 else 'need'} it")
    return evidence
