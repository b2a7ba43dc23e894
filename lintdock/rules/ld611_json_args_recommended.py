"""LD611 json-args-recommended: a shell-form CMD or ENTRYPOINT runs under ``/bin/sh -c``, so a
shell is PID 1 and the program may never see ``docker stop``'s SIGTERM. A one-shot command
(``CMD cp a b``, a script of the build context that ends in one) has no long-running process to
stop, and is left alone."""

from __future__ import annotations

import json
from collections.abc import Iterator

from lintdock.facts.images import external_base
from lintdock.facts.memo import Fact
from lintdock.facts.stage_process import start_command_exits
from lintdock.facts.stage_shell import runs_windows
from lintdock.facts.startup_checks import written_checks
from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.dockerfile import Command, Dockerfile, Instruction, Stage
from lintdock.model.shell import ShellScript
from lintdock.project import Project
from lintdock.rules.base import Context

INSTRUCTIONS = ("CMD", "ENTRYPOINT")

# Characters a shell gives a meaning to: a word holding one is not the same in exec form.
_SHELL_MEANING = frozenset("$`\\*?[]{}~#&|;<>()!'\"\n")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    command = instruction.command
    if stage is None or command is None or command.shell_form is None:
        return
    if runs_windows(dockerfile, stage):
        return  # cmd and PowerShell: no POSIX signals to forward, and SHELL chose them
    if id(instruction) in _CHECK_CHAINS(context.project, None):
        return  # a start-up check chained before the app: LD304 judges whether it needs exec
    script = context.project.script(command)
    if script is not None and start_command_exits(context.project, dockerfile, stage, script):
        return  # a one-shot command: no long-running PID 1 waits for a stop signal
    message = (
        f"{instruction.keyword} in shell form runs under a shell, which becomes PID 1 and may not "
        f"pass on the stop signal: write it as a JSON array ({instruction.keyword} [...])"
    )
    safe = instruction.keyword == "CMD" and _no_entrypoint_takes_arguments(dockerfile, stage)
    fix = _exec_form(instruction, command, script, safe)
    yield context.report(message, dockerfile.path, instruction.keyword_span, fix=fix)


def _check_chains(project: Project, _: None) -> frozenset[int]:
    """The CMDs and ENTRYPOINTs (by identity) that run a start-up check before the app."""
    return frozenset(
        id(written.check.part.instruction)
        for written in written_checks(project)
        if written.check.part.instruction is not None
    )


_CHECK_CHAINS: Fact[None, frozenset[int]] = Fact("start commands with checks", _check_chains)


def _no_entrypoint_takes_arguments(dockerfile: Dockerfile, stage: Stage) -> bool:
    """Whether the image's CMD is nobody's arguments: the ENTRYPOINT in effect is in shell form
    or ``[]``, or there is none (the lineage sets none and starts FROM scratch). Otherwise CMD in
    JSON form reaches the ENTRYPOINT as other arguments (``postgres`` instead of ``/bin/sh``),
    and entrypoint scripts decide on their first argument."""
    found = dockerfile.inherited(stage, "ENTRYPOINT")
    if found is None:
        return external_base(dockerfile, stage).base_image.lower() == "scratch"
    entrypoint = found[1].command
    return entrypoint is not None and not entrypoint.exec_form


def _exec_form(
    instruction: Instruction, command: Command, script: ShellScript | None, safe: bool
) -> Fix | None:
    """The JSON form of a command of plain words; unsafe when it changes what an ENTRYPOINT
    receives (an ENTRYPOINT in exec form takes CMD as arguments; in shell form it ignores them,
    so making ENTRYPOINT itself exec form lets CMD and ``docker run``'s arguments in)."""
    if script is None or script.errors or len(script.commands) != 1 or command.heredocs:
        return None
    [simple] = script.commands
    if simple.assignments or simple.redirects or simple.wrappers or simple.operator:
        return None
    if not simple.argv or any(_SHELL_MEANING & set(word.raw) for word in simple.argv):
        return None
    array = json.dumps([word.value for word in simple.argv])
    return Fix(
        f"write {instruction.keyword} as a JSON array",
        (Edit(command.span, array),),
        safe=safe,
    )
