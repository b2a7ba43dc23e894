"""LD203 pipe-to-shell: a RUN downloads a script with curl or wget and runs it with a shell or
another interpreter unverified: ``curl … | sh``, ``wget -O- … | sudo bash -s --``,
``curl … | php``, ``sh -c "$(curl …)"``, ``bash <(curl …)``, ``eval "$(wget -qO- …)"``. A
download written to a file (``curl -o FILE``, ``wget URL``) sends nothing down the pipe."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.instructions import triggered
from lintdock.facts.startup_checks import HTTP_CLIENTS
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.shell import OptionSyntax, ShellScript, SimpleCommand, Word, scan_words
from lintdock.model.span import Span
from lintdock.parsers.shell_launchers import STDIN_FILES, reads_stdin_script
from lintdock.rules.base import Context
from lintdock.vocabulary import SHELL_PROGRAMS

PIPES = ("|", "|&")
EVALUATORS = frozenset({"eval", "source", "."})
STDOUT_FILES = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


@dataclass(frozen=True)
class _Interpreter:
    """How a script interpreter is told its code: ``code`` are the short options whose value (or
    the next word) is the code itself (``python3 -c``, ``perl -e``), ``code_long`` the long
    ones; ``values`` the other short options that take a value (``python3 -W error``). With none
    of those and no script operand, or the operand ``-``, it runs what it reads on stdin; so does
    php given ``-- args`` (``dashdash_args``: the words after ``--`` are the script's arguments)."""

    code: str
    code_long: frozenset[str] = frozenset()
    values: str = ""
    dashdash_args: bool = False


INTERPRETERS = {
    "python": _Interpreter("cm", values="WXQ"),
    "perl": _Interpreter("eE"),
    "ruby": _Interpreter("e", values="IrCE"),
    "node": _Interpreter("ep", frozenset({"eval", "print"}), values="r"),
    "php": _Interpreter("rfRBEF", values="dcz", dashdash_args=True),
}
PINNED = re.compile(r"^[a-z]+://[^?#]*/(v?\d+\.\d+(\.\d+)*|[0-9a-f]{40})(/|$)")
"""A URL with a path segment that is a release (``v0.39.5``, ``1.2.3``) or a commit hash."""
_VERSIONED = re.compile(r"(python|perl|ruby|nodejs|node|php)[\d.]*")


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        for instruction in map(triggered, dockerfile.instructions):
            if instruction.keyword != "RUN" or instruction.command is None:
                continue
            script = project.script(instruction.command)
            if script is None:
                continue
            trial = not project.role(dockerfile.path).production
            for span, shell, download in _piped_downloads(script):
                message = (
                    f"RUN feeds a script downloaded with {shell[0]} to {shell[1]}: unverified "
                    "remote code runs at build time. Download it to a file, check its checksum "
                    "or signature, then run it."
                )
                lesser = _lesser_risk(download, trial)
                severity = Severity.INFO if lesser else None
                yield context.report(message + lesser, dockerfile.path, span, severity)


def _lesser_risk(download: SimpleCommand, trial: bool) -> str:
    """Why the risk is smaller than usual, said at info, or "": the URL names a release tag or
    a commit (``…/nvm-sh/nvm/v0.39.5/install.sh``), or the image is one to develop or test in,
    not one that ships."""
    if any(PINNED.search(word.value) for word in download.positionals()):
        return (
            " The URL names a fixed version, so the script changes only if its host serves "
            "other content under that name."
        )
    if trial:
        return " This image is for development or tests, not for production."
    return ""


def _piped_downloads(
    script: ShellScript,
) -> Iterator[tuple[Span, tuple[str, str], SimpleCommand]]:
    """``(span, (downloader, shell), download)`` for each download that a shell runs."""
    for command in script.commands:
        if command.program not in HTTP_CLIENTS or not _writes_stdout(command):
            continue
        runner = _pipeline_shell(script, command) or _substitution_runner(script, command)
        if runner is not None:
            programs = (command.program or "", runner.program or "")
            yield command.span.cover(runner.span), programs, command


def _writes_stdout(download: SimpleCommand) -> bool:
    """Whether the download goes to standard output: curl's unless ``-o FILE`` or ``-O`` names a
    file, wget's only with ``-O -`` (by default wget saves to a file)."""
    if download.program == "curl":
        output = download.option_value("o", "output")
        if output is not None:
            return output.value in STDOUT_FILES
        return download.option("O", ("remote-name", "remote-name-all")) is None
    output = download.option_value("O", "output-document")
    return output is not None and output.value in STDOUT_FILES


def _pipeline_shell(script: ShellScript, download: SimpleCommand) -> SimpleCommand | None:
    """A shell or interpreter later in the download's pipeline that reads its script from
    standard input."""
    current: SimpleCommand | None = download
    while current is not None and current.operator in PIPES:
        current = script.next(current)
        if current is not None and _runs_stdin(current):
            return current
    return None


def _runs_stdin(command: SimpleCommand) -> bool:
    """``sh``, ``bash -s -- x``, ``sh -``, ``bash /dev/stdin``, ``php``, ``python3 -``,
    ``perl -``: a shell or interpreter that runs what it reads."""
    if command.program in SHELL_PROGRAMS:
        return reads_stdin_script([w.value for w in command.argv])
    interpreter = _interpreter(command)
    if interpreter is None:
        return False
    code, operand = _interpreter_arguments(command, interpreter)
    return code is None and (operand is None or operand.value in STDIN_FILES)


def _interpreter(command: SimpleCommand) -> _Interpreter | None:
    matched = _VERSIONED.fullmatch(command.program or "")
    if matched is None:
        return None
    return INTERPRETERS[matched.group(1).replace("nodejs", "node")]


def _interpreter_arguments(
    command: SimpleCommand, interpreter: _Interpreter
) -> tuple[Word | None, Word | None]:
    """``(code, operand)``: the word holding the code an interpreter runs (``-c CODE``,
    ``-eCODE``, ``--eval=CODE``) and its first operand (the script file); either may be None."""
    syntax = OptionSyntax(interpreter.code + interpreter.values, interpreter.code_long)
    for name, word, value in scan_words(command.args, syntax):
        if name is None:
            after_dashdash = _follows_dashdash(command.args, word)
            return None, None if interpreter.dashdash_args and after_dashdash else word
        if name in interpreter.code or name in interpreter.code_long:
            return value or word, None
    return None, None


def _follows_dashdash(words: tuple[Word, ...], word: Word) -> bool:
    index = next(i for i, candidate in enumerate(words) if candidate is word)
    return index > 0 and words[index - 1].value == "--"


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
        interpreter = _interpreter(command)
        if interpreter is not None and holder in _interpreter_arguments(command, interpreter):
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
