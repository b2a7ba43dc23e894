"""LD676 wget-without-progress: GNU wget without ``--progress`` or a quiet option writes a line
of dots for every few kilobytes it downloads into the build log."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.images import ALPINE, BUSYBOX, base_family
from lintdock.facts.presence import tool_installs
from lintdock.facts.run_scripts import posix_script
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import SimpleCommand
from lintdock.project import Project
from lintdock.rules.base import Context

INSTRUCTIONS = ("RUN", "ONBUILD")
_QUIET_LONG = ("progress", "quiet", "no-verbose", "output-file", "append-output", "show-progress")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    script = posix_script(context.project, dockerfile, stage, instruction)
    if script is None or stage is None:
        return
    for command in script.runs("wget"):
        if _quiet(command) or _busybox_wget(context.project, dockerfile, stage):
            continue
        message = (
            "wget without --progress writes its progress as lines of dots into the build log: "
            "add --progress=dot:giga, or -q / -nv"
        )
        yield context.report(message, dockerfile.path, command.argv[0].span)


def _quiet(command: SimpleCommand) -> bool:
    if any(word.value == "-nv" for word in command.args):
        return True
    return command.option("qoa", _QUIET_LONG) is not None


def _busybox_wget(project: Project, dockerfile: Dockerfile, stage: Stage) -> bool:
    """BusyBox's wget (Alpine, BusyBox images) draws one progress line, and knows no
    ``--progress``; unless the stage installs GNU wget."""
    if base_family(dockerfile, stage).name not in (ALPINE.name, BUSYBOX.name):
        return False
    return not any(
        install.tool == "wget"
        for ancestor in dockerfile.lineage(stage)
        for install in tool_installs(project, dockerfile, ancestor)
    )
