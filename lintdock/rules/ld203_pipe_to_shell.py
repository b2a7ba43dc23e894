"""LD203 pipe-to-shell: a RUN downloads a script with curl or wget and runs it with a shell
unverified: ``curl … | sh``, ``wget -O- … | sudo bash -s --``, ``sh -c "$(curl …)"``,
``bash <(curl …)``, ``eval "$(wget -qO- …)"``."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.instructions import triggered
from lintdock.facts.startup_checks import HTTP_CLIENTS
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.shell import ShellScript, SimpleCommand, Word
from lintdock.model.span import Span
from lintdock.parsers.shell_launchers import reads_stdin_script
from lintdock.rules.base import Context
from lintdock.vocabulary import SHELL_PROGRAMS

PIPES = ("|", "|&")
EVALUATORS = frozenset({"eval", "source", "."})


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        for instruction in map(triggered, dockerfile.instructions):
            if instruction.keyword != "RUN" or instruction.command is None:
                continue
            script = project.script(instruction.command)
            if script is None:
                continue
            for span, shell in _piped_downloads(script):
                message = (
                    f"RUN feeds a script downloaded with {shell[0]} to {shell[1]}: unverified "
                    "remote code runs at build time. Download it to a file, check its checksum "
                    "or signature, then run it."
                )
                yield context.report(message, dockerfile.path, span)


def _piped_downloads(script: ShellScript) -> Iterator[tuple[Span, tuple[str, str]]]:
    """``(span, (downloader, shell))`` for each download that a shell runs."""
    for command in script.commands:
        if command.program not in HTTP_CLIENTS:
            continue
        runner = _pipeline_shell(script, command) or _substitution_runner(script, command)
        if runner is not None:
            yield command.span.cover(runner.span), (command.program or "", runner.program or "")


def _pipeline_shell(script: ShellScript, download: SimpleCommand) -> SimpleCommand | None:
    """A shell later in the download's pipeline that reads its script from standard input."""
    current: SimpleCommand | None = download
    while current is not None and current.operator in PIPES:
        current = script.next(current)
        if current is not None and _shell_reading_stdin(current):
            return current
    return None


def _shell_reading_stdin(command: SimpleCommand) -> bool:
    """``sh``, ``bash -s -- x``, ``sh -``, ``bash /dev/stdin``: a shell that runs what it reads."""
    return command.program in SHELL_PROGRAMS and reads_stdin_script([w.value for w in command.argv])


def _substitution_runner(script: ShellScript, download: SimpleCommand) -> SimpleCommand | None:
    """The command whose script is the download's output: ``sh -c "$(curl …)"``,
    ``bash <(curl …)``, ``eval "$(curl …)"``."""
    if not download.in_substitution:
        return None
    for command in script.commands[len(script.before(download)) + 1 :]:
        holder = next((w for w in command.argv if _contains(w.span, download.span)), None)
        if holder is None:
            continue
        if command.program in EVALUATORS:
            return command
        if command.program in SHELL_PROGRAMS and holder in _script_operands(command):
            return command
        return None
    return None


def _script_operands(command: SimpleCommand) -> tuple[Word, ...]:
    """The words a shell runs as code: its ``-c`` string, else its script file operand."""
    string = command.option_value("c")
    if string is not None:
        return (string,)
    operands = command.positionals()
    return operands[:1]


def _contains(outer: Span, inner: Span) -> bool:
    start = (outer.line, outer.column) <= (inner.line, inner.column)
    return start and (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)
