"""LD110 shell-form-without-shell: a shell-form RUN/CMD/ENTRYPOINT/HEALTHCHECK, or a compose
``CMD-SHELL`` test, in an image with no ``/bin/sh`` (scratch, distroless): it can never run."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.healthchecks import site_views, sites, stage_view
from lintdock.facts.stage_shell import shell_of
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.project import Project
from lintdock.rules.base import Context

KEYWORDS = ("RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK")
EXEC_FORM = {
    "RUN": "RUN",
    "CMD": "CMD",
    "ENTRYPOINT": "ENTRYPOINT",
    "HEALTHCHECK": "HEALTHCHECK CMD",
}
CONSEQUENCE = {
    "RUN": "docker build fails",
    "CMD": "the container cannot start",
    "ENTRYPOINT": "the container cannot start",
    "HEALTHCHECK": "the check fails every time and the container turns unhealthy",
}


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        for stage in dockerfile.stages:
            yield from _stage_findings(context, project, dockerfile, stage)
    for site in sites(project):
        if site.service is None or not site.script.shell:
            continue
        for view in site_views(project, site):
            if view.shell is False:
                message = (
                    f"{site.where} is a shell command (CMD-SHELL), but {view.description} has "
                    "no /bin/sh: the check fails every time. Write it as a list: "
                    '["CMD", "program", "arg", …]'
                )
                yield site.report(context, message)
                break


def _stage_findings(
    context: Context, project: Project, dockerfile: Dockerfile, stage: Stage
) -> Iterator[Diagnostic]:
    view = stage_view(project, dockerfile, stage)
    if view.shell is not False:
        return
    shell = shell_of(dockerfile, stage)
    for instruction in stage.instructions:
        command = instruction.command
        if instruction.keyword not in KEYWORDS or command is None or command.shell_form is None:
            continue
        message = (
            f"Shell-form {instruction.keyword} runs {shell} -c, but {view.description} has no "
            f"{shell}: {CONSEQUENCE[instruction.keyword]}. Use exec form: "
            f'{EXEC_FORM[instruction.keyword]} ["program", "arg", …]'
        )
        yield context.report(message, dockerfile.path, command.span)
