"""LD662 cd-instead-of-workdir: a RUN changes directory with ``cd`` in its own shell, where
WORKDIR would say it once for every later instruction. A ``cd`` that nothing follows does
nothing at all (the directory is gone with the RUN's shell), and is a warning."""

from __future__ import annotations

from collections.abc import Iterator
from fnmatch import fnmatchcase

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
    ``sh -c`` string or a function), not in a loop, to a fixed directory that the RUN neither
    removes (a build directory deleted at the end cannot be a WORKDIR) nor leaves again (``cd
    -``, ``cd /`` later: a visit), and is not a way back (``cd -``, ``cd ..``, ``cd /``, or up
    out of a directory an earlier ``cd`` entered)."""
    if not _in_own_shell(cd):
        return False
    if not cd.args:
        return True
    target = cd.args[-1].value
    if target in _BACK or _found_by_the_run(script, cd, target):
        return False
    index = script.commands.index(cd)
    earlier, later = script.commands[:index], script.commands[index + 1 :]
    if any(_entered(c) and _above(target, c.args[-1].value) for c in earlier):
        return False
    removed = any(
        c.program in _REMOVERS and any(_within(target, a.value) for a in c.args) for c in later
    )
    return not removed and not any(_goes_back(c, target) for c in later)


def _in_own_shell(cd: SimpleCommand) -> bool:
    return not (outside_the_shell_process(cd) or cd.loop is not None or cd.in_condition)


def _entered(command: SimpleCommand) -> bool:
    """Whether ``command`` is a ``cd`` of the RUN's own shell into a named directory."""
    return command.program == "cd" and _in_own_shell(command) and bool(command.args)


def _goes_back(command: SimpleCommand, directory: str) -> bool:
    """Whether ``command`` is a ``cd`` of the RUN's own shell that leaves ``directory`` the way
    it came or up (``cd -``, ``cd /``, ``cd`` home, a directory above it)."""
    if command.program != "cd" or not _in_own_shell(command):
        return False
    if not command.args or command.args[-1].value in _BACK:
        return True
    return _above(command.args[-1].value, directory)


def _found_by_the_run(script: ShellScript, cd: SimpleCommand, target: str) -> bool:
    """Whether ``target`` is found as the RUN runs, which no WORKDIR could name: by a command
    substitution (``cd "$(find . -name 'git-*')"``) or a variable the RUN itself sets (``cd
    "$tmp"`` after ``tmp=$(mktemp -d)``)."""
    if "$(" in target or "`" in target:
        return True
    names = {
        assignment.value.partition("=")[0]
        for command in script.before(cd)
        for assignment in command.assignments
    }
    return any(f"${name}" in target or f"${{{name}}}" in target for name in names)


def _within(directory: str, removed: str) -> bool:
    """Whether removing ``removed`` removes ``directory``: it names the directory or one above
    it, or is an absolute glob that matches one of them (``rm -rf /usr/src/*``, ``/tmp/icu*``)."""
    removed_parts = _parts(removed)
    parts = _parts(directory)[: len(removed_parts)]
    if removed_parts == [""] or len(removed_parts) > len(parts):
        return False
    if removed.startswith("/"):
        pairs = zip(parts, removed_parts, strict=True)
        return all(fnmatchcase(part, pattern) for part, pattern in pairs)
    return parts == removed_parts


def _above(upper: str, lower: str) -> bool:
    """Whether directory ``upper`` holds directory ``lower`` (named alike: both absolute or
    both relative)."""
    upper_parts, lower_parts = _parts(upper), _parts(lower)
    return len(upper_parts) < len(lower_parts) and lower_parts[: len(upper_parts)] == upper_parts


def _parts(path: str) -> list[str]:
    return path.rstrip("/").split("/") if path.rstrip("/") else [""]
