"""LD101 missing-healthcheck: the final stage of a Dockerfile runs a process but has no
HEALTHCHECK, so Docker only sees that the process runs, not that the app works."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.healthchecks import stage_label
from lintdock.facts.stage_process import service_process
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.project import Project
from lintdock.roles import Role
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    one_shots = project.one_shot_services()
    for dockerfile in project.dockerfiles:
        if project.role(dockerfile.path).role is Role.IMAGE_SOURCE:
            continue  # a Docker Official Image leaves the health check to who deploys it
        for stage in project.final_stages(dockerfile):
            if _exempt_by_compose(project, dockerfile, stage, one_shots):
                continue
            if project.stage_healthcheck(dockerfile, stage).state != "none":
                continue  # its own, or that of the repository's image it is built FROM
            process = service_process(project, dockerfile, stage)
            if process is not None:
                yield _finding(context, dockerfile, stage, process)


def _exempt_by_compose(
    project: Project, dockerfile: Dockerfile, stage: Stage, one_shots: frozenset[str]
) -> bool:
    """Every compose service running this stage gives it a health check of its own (or turns
    it off), or runs once and exits."""
    services = [link.service for link in project.builds_of(dockerfile) if link.stage is stage]
    return bool(services) and all(
        service.key in one_shots
        or (service.healthcheck is not None and service.healthcheck.test is not None)
        for service in services
    )


def _finding(context: Context, dockerfile: Dockerfile, stage: Stage, process: str) -> Diagnostic:
    message = (
        f"{stage_label(dockerfile, stage).capitalize()} {process} but has no HEALTHCHECK: "
        "Docker only sees that the process is running, not whether the app works. Add a "
        "HEALTHCHECK that probes the app (e.g. an exec-form check utility)"
    )
    return context.report(message, dockerfile.path, stage.from_instruction.span)
