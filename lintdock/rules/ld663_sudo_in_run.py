"""LD663 sudo-in-run: a RUN uses ``sudo``: a build runs as the USER in effect, without a
terminal to type a password into."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.run_scripts import posix_script
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("RUN", "ONBUILD")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    script = posix_script(context.project, dockerfile, stage, instruction)
    for command in script.commands if script is not None else ():
        for word in (*command.wrappers, *command.argv[:1]):
            if word.value.rsplit("/", 1)[-1] == "sudo":
                message = (
                    "RUN uses sudo: it needs a sudoers entry and may ask for a password no one "
                    "can type; switch with USER (root for the step, then back), or use gosu or "
                    "su-exec in an entrypoint"
                )
                yield context.report(message, dockerfile.path, word.span)
