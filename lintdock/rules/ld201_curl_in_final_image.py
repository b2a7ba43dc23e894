"""LD201 curl-in-final-image: the image that ships installs curl or wget (or another tool of the
``tools`` option) and keeps it. Build stages are exempt: that is where such tools belong, and
copying only their outputs is the pattern to follow. So are final stages that run no
service (no start command or EXPOSE in the file, or only an interactive shell): base and toolbox
images, whose tools are their purpose. A tool the image's own health check or start-up check
runs is needed where it is: LD202's finding, not this one; so is a tool a script the image
carries runs at run time (a check script such as ``check-grid.sh``, or any shell script COPYed
from the build context that no RUN executes during the build: the entrypoint, or a job it
starts, like mailcow's ``sa-rules.sh``), or one the comment above the install says is
needed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.copies import Step, landings, lineage_walk
from lintdock.facts.presence import ToolInstall, base_has_tool, tool_copies, tool_installs
from lintdock.facts.run_scripts import posix_script
from lintdock.facts.stage_process import service_process
from lintdock.facts.startup_checks import CHECK_WORDS, stage_checks
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.model.shell import ShellScript, Word
from lintdock.model.span import Span
from lintdock.project import Project
from lintdock.rules.base import Context, option
from lintdock.vocabulary import SHELL_PROGRAMS


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
    lineage = list(reversed(dockerfile.lineage(stage)))
    said_needed = {
        install.tool
        for ancestor in lineage
        for install in tool_installs(project, dockerfile, ancestor)
        if _said_needed(dockerfile, install)
    }
    tools = tools - _run_by_checks(project, dockerfile, stage) - said_needed
    for ancestor in lineage:
        for install in tool_installs(project, dockerfile, ancestor):
            if install.removed_later or not {install.tool, install.name} & tools:
                continue
            if _run_before_install(project, install) or base_has_tool(
                project, dockerfile, stage, install.tool
            ):
                continue  # the base image has it already: the package changes nothing
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


def _run_before_install(project: Project, install: ToolInstall) -> bool:
    """The RUN runs the tool before the command that installs it (``curl -o epel.rpm … &&
    microdnf install curl-minimal``): the image had it before, from its base."""
    command = install.instruction.command
    script = project.script(command) if command is not None else None
    if script is None:
        return False
    return any(earlier.program == install.tool for earlier in script.before(install.installer))


def _run_by_checks(project: Project, dockerfile: Dockerfile, stage: Stage) -> frozenset[str]:
    """The programs the image's checks run: its HEALTHCHECK, the compose health checks of the
    services that build it, its start-up checks (``curl`` installed "for the health check")."""
    scripts = [project.stage_healthcheck(dockerfile, stage).script]
    for link in project.builds_of(dockerfile):
        healthcheck = link.service.healthcheck
        if link.stage is stage and healthcheck is not None and healthcheck.test is not None:
            scripts.append(project.script(healthcheck))
    scripts += _carried_scripts(project, dockerfile, stage)
    commands = [c for script in scripts if script is not None for c in script.commands]
    commands += [c for check in stage_checks(project, dockerfile, stage) for c in check.commands]
    return frozenset(command.program for command in commands if command.program)


def _carried_scripts(project: Project, dockerfile: Dockerfile, stage: Stage) -> list[ShellScript]:
    """The scripts the image carries for its run time: files a COPY/ADD takes from the build
    context, which the run can read, whose name says they check (``check-grid.sh``,
    ``healthcheck.sh``, ``wait-for-db.sh``: a compose health check elsewhere may run them, as
    SeleniumHQ's test files run ``/opt/bin/check-grid.sh``), or shell scripts (``.sh``,
    ``.bash``) that no RUN of the lineage executes (those run during the build): the
    entrypoint, and what it or a scheduler starts (selenium's ``video.sh`` polls the node
    with curl)."""
    steps = list(lineage_walk(dockerfile, stage))
    built_with = _run_during_build(project, dockerfile, steps)
    scripts = []
    for step in steps:
        if step.instruction.keyword not in ("COPY", "ADD") or step.instruction.flag("from"):
            continue
        for landing in landings(step.instruction, step.workdir):
            name = landing.landed.rsplit("/", 1)[-1].lower()
            checks = any(word in name for word in CHECK_WORDS)
            shell = name.endswith(SHELL_SUFFIXES) and name not in built_with
            if not (checks or shell):
                continue
            word = Word(landing.landed, landing.landed, step.instruction.span)
            found = project.entrypoint_script(dockerfile, stage, word)
            if found is not None:
                scripts.append(found.script)
    return scripts


SHELL_SUFFIXES = (".sh", ".bash")


def _run_during_build(project: Project, dockerfile: Dockerfile, steps: list[Step]) -> set[str]:
    """The file names (lower case) of the scripts a RUN of the lineage executes: its program
    (``/tmp/install.sh``, ``./setup.sh``) or a shell's script argument (``bash install.sh``)."""
    names: set[str] = set()
    for step in steps:
        script = posix_script(project, dockerfile, step.stage, step.instruction)
        for command in script.commands if script is not None else ():
            words = command.argv[:1]
            if command.program in SHELL_PROGRAMS:
                words = command.positionals()[:1]
            names.update(w.value.rsplit("/", 1)[-1].lower() for w in words)
    return names


NEEDED_WORDS = ("need", "require", *CHECK_WORDS)
"""Words of a comment that says why a tool is installed: it is needed, for a check."""


def _said_needed(dockerfile: Dockerfile, install: ToolInstall) -> bool:
    """Whether a comment above the install (after the previous instruction, ARG and ENV lines
    aside) names the tool and says the image needs it (``# curl, nc, lsof needed for network
    checks``): a decision written down, not an oversight."""
    line = install.instruction.span.line
    earlier = [
        i.span.end_line
        for i in dockerfile.instructions
        if i.span.end_line < line and i.keyword not in ("ARG", "ENV")
    ]
    after = max(earlier, default=0)
    for comment in dockerfile.comments:
        text = comment.text.lower()
        named = after < comment.span.line < line and install.tool in text
        if named and any(word in text for word in NEEDED_WORDS):
            return True
    return False


_ADVICE = (
    "Install such tools in a build stage and copy only its outputs, or remove them in the "
    "RUN that installs them."
)
