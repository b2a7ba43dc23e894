"""LD661 container-unfit-command: a RUN runs a program that makes no sense while an image builds
(an editor, ``service``, ``shutdown``, ``ps``, ``ssh``, ...)."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.run_scripts import posix_script
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("RUN", "ONBUILD")

WHY = {
    "ssh": "it logs into another machine while the image builds (for private sources, use "
    "RUN --mount=type=ssh with git, or COPY them)",
    "vim": "nobody can type into an editor during a build (use sed, or COPY the file)",
    "shutdown": "a build container has no system to shut down",
    "service": "a build container has no init system, and whatever a RUN starts stops when "
    "the RUN ends (start services in CMD or ENTRYPOINT)",
    "ps": "it shows the build container's processes, which end with the RUN",
    "top": "it shows the build container's processes, which end with the RUN",
    "free": "it shows the build machine's memory, nothing the image keeps",
    "kill": "the processes of a RUN end with it anyway",
    "mount": "a build has no privilege to mount (use RUN --mount)",
    "ifconfig": "the build container's network is not the one the container gets at run time",
}


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    script = posix_script(context.project, dockerfile, stage, instruction)
    for command in script.commands if script is not None else ():
        why = WHY.get(command.program or "")
        if why is not None:
            message = f"RUN runs '{command.program}', which makes no sense in a container: {why}"
            yield context.report(message, dockerfile.path, command.argv[0].span)
