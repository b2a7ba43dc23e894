"""LD202 curl-for-checks: a health check or a start-up dependency check runs curl or wget, so the
production image must ship an HTTP client. The alternative: a small purpose-built check utility
compiled in its own build stage, only its output copied into the final image."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lintdock.facts.presence import base_has_tool
from lintdock.facts.startup_checks import HTTP_CLIENTS, written_checks
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.model.shell import SimpleCommand
from lintdock.project import Project
from lintdock.rules.base import Context

ADVICE = (
    "so the production image must ship an HTTP client. A small check utility built in its own "
    "stage, with only its output copied into the final image, does the same job without one."
)


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    found: dict[tuple[str, int, int], Diagnostic] = {}
    for diagnostic in (*_health_checks(context, project), *_startup_checks(context, project)):
        key = (diagnostic.path, diagnostic.span.line, diagnostic.span.column)
        found.setdefault(key, diagnostic)
    yield from found.values()


def _clients(commands: Iterable[SimpleCommand]) -> Iterator[SimpleCommand]:
    return (c for c in commands if c.program in HTTP_CLIENTS)


def _health_checks(context: Context, project: Project) -> Iterator[Diagnostic]:
    """HEALTHCHECKs in effect in final stages, and compose tests of locally built services."""
    for dockerfile in project.dockerfiles:
        for stage in project.final_stages(dockerfile):
            health = project.stage_healthcheck(dockerfile, stage)
            if _ships_a_client(project, dockerfile, stage):
                continue
            if health.state == "image" and health.script is not None:
                yield from _report(
                    context, health.script.commands, "health check", dockerfile.path, None
                )
    for service in project.services:
        healthcheck = service.healthcheck
        link = project.build_of(service)
        if healthcheck is None or healthcheck.test is None or link is None:
            continue
        if _ships_a_client(project, link.dockerfile, link.stage):
            continue
        script = project.script(healthcheck)
        if healthcheck.test_kind in ("CMD", "CMD-SHELL") and script is not None:
            path = healthcheck.test.path
            yield from _report(context, script.commands, "health check", path, service.key)


def _startup_checks(context: Context, project: Project) -> Iterator[Diagnostic]:
    """Start-up checks in images, and in compose commands of locally built services (a pulled
    image's contents are its publisher's choice)."""
    for written in written_checks(project):
        if written.image is None or _ships_a_client(project, *written.image):
            continue
        path = written.check.part.path
        yield from _report(context, written.check.commands, "start-up check", path, written.service)


def _ships_a_client(project: Project, dockerfile: Dockerfile, stage: Stage) -> bool:
    """The image's base already has an HTTP client (Windows' curl.exe, BusyBox wget in
    Alpine, a repository base image that installs curl): a check utility would not keep one out
    of the image, so the advice cannot be acted on."""
    return any(base_has_tool(project, dockerfile, stage, client) for client in HTTP_CLIENTS)


def _report(
    context: Context, commands: Iterable[SimpleCommand], what: str, path: str, service: str | None
) -> Iterator[Diagnostic]:
    for command in _clients(commands):
        message = f"The {what} runs {command.program}, {ADVICE}"
        yield context.report(message, path, command.argv[0].text_span, service=service)
