"""LD681 ln-bin-sh: a RUN replaces ``/bin/sh`` with a link to another shell; SHELL changes the
shell RUN uses without changing the image's ``/bin/sh`` for everything else."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.run_scripts import posix_script
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import OptionSyntax
from lintdock.rules.base import Context

INSTRUCTIONS = ("RUN", "ONBUILD")
_LN = OptionSyntax("St", frozenset({"suffix", "target-directory"}))


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    script = posix_script(context.project, dockerfile, stage, instruction)
    for command in script.runs("ln") if script is not None else ():
        operands = command.positionals(_LN.short_values)
        if len(operands) >= 2 and operands[-1].value == "/bin/sh":
            shell = operands[0].value
            message = (
                f'RUN links /bin/sh to {shell}: write SHELL ["{shell}", "-c"] to change the '
                "shell of RUN, and leave /bin/sh to the scripts that expect it"
            )
            yield context.report(message, dockerfile.path, operands[-1].span)
