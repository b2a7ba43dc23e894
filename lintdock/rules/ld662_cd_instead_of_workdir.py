"""LD662 cd-instead-of-workdir: a RUN changes directory with ``cd`` in its own shell, where
WORKDIR would say it once for every later instruction. A ``cd`` that nothing follows does
nothing at all (the directory is gone with the RUN's shell), and is a warning."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.run_scripts import outside_the_shell_process, posix_script
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import ShellScript, SimpleCommand
from lintdock.rules.base import Context

INSTRUCTIONS = ("RUN", "ONBUILD")
_REMOVERS = frozenset({"rm", "rmdir"})
# Going back (to the previous directory, up, home, the root) is no directory to work in.
_BACK = frozenset({"-", "..", "/", "~"})


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    script = posix_script(context.project, dockerfile, stage, instruction)
    if script is None:
        return
    for command in script.runs("cd"):
        if not _workdir_would_do(script, command):
            continue
        target = command.args[-1].value if command.args else "~"
        if script.last is command:
            message = (
                f"'cd {target}' is the RUN's last command, so it changes nothing: the next "
                f"instruction starts in the WORKDIR again; write WORKDIR {target} instead"
            )
            yield context.report(message, dockerfile.path, command.span, Severity.WARNING)
            return
        message = (
            f"RUN changes directory with 'cd {target}': WORKDIR {target} says it once, for this "
            "and every later instruction"
        )
        yield context.report(message, dockerfile.path, command.span)
        return  # one per RUN: later cds move on from this one


def _workdir_would_do(script: ShellScript, cd: SimpleCommand) -> bool:
    """Whether WORKDIR could replace ``cd``: it runs in the RUN's own shell (not a subshell, a
    ``sh -c`` string or a function), not in a loop, to a fixed directory the RUN does not
    remove (a build directory deleted at the end cannot be a WORKDIR), and not a way back
    (``cd -``, ``cd ..``, ``cd /``)."""
    if outside_the_shell_process(cd) or cd.loop is not None or cd.in_condition:
        return False
    if not cd.args:
        return True
    target = cd.args[-1].value
    if target in _BACK or _shell_variable(script, cd, target):
        return False
    later = script.commands[script.commands.index(cd) + 1 :]
    return not any(
        c.program in _REMOVERS and any(_within(target, a.value) for a in c.args) for c in later
    )


def _shell_variable(script: ShellScript, cd: SimpleCommand, target: str) -> bool:
    """Whether ``target`` uses a variable the RUN itself sets (``cd "$tmp"`` after
    ``tmp=$(mktemp -d)``), which no WORKDIR could name."""
    names = {
        assignment.value.partition("=")[0]
        for command in script.before(cd)
        for assignment in command.assignments
    }
    return any(f"${name}" in target or f"${{{name}}}" in target for name in names)


def _within(directory: str, removed: str) -> bool:
    """Whether removing ``removed`` removes ``directory``."""
    removed = removed.rstrip("/")
    return bool(removed) and (directory.rstrip("/") + "/").startswith(removed + "/")
