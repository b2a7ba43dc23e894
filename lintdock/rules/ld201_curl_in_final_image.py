"""LD201 curl-in-final-image: the image that ships installs curl or wget (or another tool of the
``tools`` option) and keeps it. Build stages are exempt: that is where such tools belong, and
copying only their outputs is the pattern to follow. So are final stages that run no
service (no start command or EXPOSE in the file, or only an interactive shell): base and toolbox
images, whose tools are their purpose. A tool the image's own health check or start-up check
runs is needed where it is: LD202's finding, not this one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.presence import tool_copies, tool_installs
from lintdock.facts.stage_process import service_process
from lintdock.facts.startup_checks import stage_checks
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.model.span import Span
from lintdock.project import Project
from lintdock.rules.base import Context, option


@dataclass(frozen=True)
class Options:
    """LD201's options (``[tool.lintdock.rules.LD201]``)."""

    tools: tuple[str, ...] = option(
        ("curl", "wget"),
        "The programs (or package names) that must not ship. Add `nc`, `netcat`, `telnet`, "
        "`nmap`, … to extend the policy.",
    )


def check(context: Context) -> Iterator[Diagnostic]:
    project, options = context.project, context.options
    tools = frozenset(options.tools)
    for dockerfile in project.dockerfiles:
        if not project.role(dockerfile.path).production:
            continue  # a test, development or example image, or a base image: tools are fine
        seen: set[Span] = set()
        for stage in project.final_stages(dockerfile):
            if service_process(project, dockerfile, stage) is None:
                continue  # a base or toolbox image: what it ships is its purpose
            for diagnostic in _stage_findings(context, project, dockerfile, stage, tools):
                if diagnostic.span not in seen:
                    seen.add(diagnostic.span)
                    yield diagnostic


def _stage_findings(
    context: Context, project: Project, dockerfile: Dockerfile, stage: Stage, tools: frozenset[str]
) -> Iterator[Diagnostic]:
    """Installs and copies in ``stage`` and the stages it is built FROM: all of them ship."""
    tools = tools - _run_by_checks(project, dockerfile, stage)
    for ancestor in reversed(dockerfile.lineage(stage)):
        for install in tool_installs(project, dockerfile, ancestor):
            if install.removed_later or not {install.tool, install.name} & tools:
                continue
            message = (
                f"The final image installs {install.name} and does not remove it in the same "
                f"RUN: it ships to production. {_ADVICE}"
            )
            yield context.report(message, dockerfile.path, install.package.span)
        for copy in tool_copies(project, dockerfile, ancestor):
            if copy.tool in tools:
                origin = f" from {copy.image}" if copy.image else ""
                message = f"The final image copies {copy.tool}{origin}: it ships to production. "
                yield context.report(message + _ADVICE, dockerfile.path, copy.source.span)


def _run_by_checks(project: Project, dockerfile: Dockerfile, stage: Stage) -> frozenset[str]:
    """The programs the image's checks run: its HEALTHCHECK, the compose health checks of the
    services that build it, its start-up checks (``curl`` installed "for the health check")."""
    scripts = [project.stage_healthcheck(dockerfile, stage).script]
    for link in project.builds_of(dockerfile):
        healthcheck = link.service.healthcheck
        if link.stage is stage and healthcheck is not None and healthcheck.test is not None:
            scripts.append(project.script(healthcheck))
    commands = [c for script in scripts if script is not None for c in script.commands]
    commands += [c for check in stage_checks(project, dockerfile, stage) for c in check.commands]
    return frozenset(command.program for command in commands if command.program)


_ADVICE = (
    "Install such tools in a build stage and copy only its outputs, or remove them in the "
    "RUN that installs them."
)
