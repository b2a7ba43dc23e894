"""LD103 healthcheck-disabled: ``HEALTHCHECK NONE`` in a final stage, or a compose
``disable: true`` / ``test: ["NONE"]``: the health check the image defines is switched off. Not
on a worker (``lintdock.facts.workers``): switching the web image's check off there is right."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintdock.facts.reporting import report
from lintdock.facts.workers import is_worker
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile
from lintdock.project import Project
from lintdock.rules.base import Context

if TYPE_CHECKING:
    from lintdock.model.compose import Service

CONSEQUENCE = (
    "the container reports no health, so nothing can wait for it to be ready or notice that "
    "it fails. Remove it unless the image's own check is known to be wrong"
)


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        yield from _dockerfile_findings(context, project, dockerfile)
    for service in project.services:
        if _nothing_right_to_keep(project, service):
            continue
        finding = _compose_finding(context, service)
        if finding is not None:
            yield finding


def _dockerfile_findings(
    context: Context, project: Project, dockerfile: Dockerfile
) -> Iterator[Diagnostic]:
    reported = set()
    for stage in project.final_stages(dockerfile):
        found = dockerfile.inherited(stage, "HEALTHCHECK")
        if found is None or not found[1].healthcheck_none or found[1].span in reported:
            continue
        instruction = found[1]
        reported.add(instruction.span)
        message = f"HEALTHCHECK NONE switches off the base image's health check: {CONSEQUENCE}"
        yield context.report(message, dockerfile.path, instruction.span)


LISTEN_PORT_VARIABLES = frozenset(
    {"PORT", "HTTP_PORT", "LISTEN_PORT", "SERVER_PORT", "APP_PORT", "WEB_PORT", "BIND_PORT"}
)
"""Variables by which an image's app is told to listen on another port than its default."""


def _nothing_right_to_keep(project: Project, service: Service) -> bool:
    """Switching the image's check off loses nothing right: the service moves the app to
    another port (``PORT: 7420``), which a check written for the image's default port probes
    in vain."""
    return any(
        variable.name.value.upper() in LISTEN_PORT_VARIABLES and variable.value is not None
        for variable in project.environment(service)
    )


def _compose_finding(context: Context, service: Service) -> Diagnostic | None:
    healthcheck = service.healthcheck
    if healthcheck is None or not healthcheck.disabled or is_worker(service):
        return None  # a worker of a web image: the image's check asks a port it does not serve
    if healthcheck.disable is not None and healthcheck.disable.value is True:
        where, setting = healthcheck.disable, "disable: true"
    else:
        assert healthcheck.test is not None
        where, setting = healthcheck.test, 'test: ["NONE"]'
    message = f'"{service.key}" switches its image\'s health check off ({setting}): {CONSEQUENCE}'
    return report(context, message, service, where, at_key=True)
