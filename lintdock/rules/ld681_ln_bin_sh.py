"""LD681 ln-bin-sh: a RUN replaces ``/bin/sh`` with a link to another shell, which changes the
shell of every program in the image that runs ``sh``, not only of RUN."""

from __future__ import annotations

from collections.abc import Iterator
from posixpath import join, normpath

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
            shell = _link_target(operands[0].value)
            message = (
                f"RUN links /bin/sh to {shell}: every program of the image that runs sh (system "
                f"and package scripts too) now gets {shell}. A script that needs it can name it "
                f'(#!{shell}, or run by {shell}); for RUN alone, SHELL ["{shell}", "-c"]'
            )
            yield context.report(message, dockerfile.path, operands[-1].span)


def _link_target(target: str) -> str:
    """The shell a link to ``target`` at ``/bin/sh`` runs: a relative target is found from
    ``/bin`` (``ln -sf bash /bin/sh`` runs ``/bin/bash``)."""
    if "$" in target or target.startswith("/"):
        return target
    return normpath(join("/bin", target))
