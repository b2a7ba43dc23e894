"""LD305 shell-syntax-without-shell: shell operators, redirections or (Dockerfile) variables in a
command that no shell runs: exec-form CMD/ENTRYPOINT/HEALTHCHECK, compose ``command``/
``entrypoint`` (a string is only split into words) and a compose ``test: ["CMD", …]``."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage, Token
from lintdock.model.shell import ShellScript
from lintdock.project import Project, StartPart
from lintdock.rules.base import Context
from lintdock.vocabulary import SHELL_PROGRAMS

if TYPE_CHECKING:
    from lintdock.model.compose import Located, Service, StartCommand

SHOWN_LENGTH = 60
"""The words a cut-short command string runs are shown up to this length."""
OPERATORS = frozenset({"&&", "||", ";", "|"})
_REDIRECTION = re.compile(r"(?:\d|&)?(?:>>?|<)(?:&\d|[^<>\s]*)")
_VARIABLE = re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")
_DASH_C = re.compile(r"-[A-Za-z]*c")
CODE_PROGRAMS = frozenset({"awk", "gawk", "mawk", "jq", "sed", "perl"})
"""Programs whose arguments are code or templates with ``$`` syntax of their own."""
CODE_OPTIONS = frozenset({"-e", "-c", "-r", "--eval", "--execute", "--command"})
"""Options whose value is code for an interpreter (``php -r 'echo $x;'``)."""
FIND_ACTIONS = frozenset({"-exec", "-execdir", "-ok", "-okdir"})
"""``find … -exec rm {} ;``: in exec form the ``;`` is find's own argument, rightly."""
COMMAND_LINE_PROGRAMS = frozenset({"powershell", "powershell.exe", "pwsh", "pwsh.exe"})

Word = TypeVar("Word", Token, "Located[str]")


def shell_syntax(
    word: str, previous: str | None, after_find_action: bool, variables: bool
) -> str | None:
    """What shell syntax ``word`` is, for the message, or None when it is a plain argument.
    ``previous`` is the word before it; ``after_find_action`` whether a ``find -exec`` came
    before it; ``variables`` whether ``$VAR`` counts."""
    if word in OPERATORS and not (word == ";" and after_find_action):
        return f"the operator `{word}`"
    if _REDIRECTION.fullmatch(word):
        return f"the redirection `{word}`"
    code = any(ch.isspace() for ch in word) or previous in CODE_OPTIONS
    variable = _VARIABLE.search(word) if variables and not code else None
    if variable is not None:
        return f"the variable `{variable.group()}`"
    return None


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        for stage in dockerfile.stages:
            yield from _stage_findings(context, project, dockerfile, stage)
    for service in project.services:
        yield from _service_findings(context, project, service)


def _stage_findings(
    context: Context, project: Project, dockerfile: Dockerfile, stage: Stage
) -> Iterator[Diagnostic]:
    entrypoint = project.stage_start(dockerfile, stage).entrypoint
    for instruction in stage.instructions:
        command = instruction.command
        if command is None or command.exec_form is None or instruction.keyword == "RUN":
            continue
        if instruction.keyword == "CMD" and _is_shell_prefix(entrypoint):
            continue
        script = project.script(command)
        if script is not None and _runs_shell_string(script):
            continue
        finding = _first_shell_word(command.exec_form, script, variables=True)
        if finding is None:
            continue
        word, what = finding
        message = _message(what, command.exec_form, _kind(instruction))
        severity = None
        variable = _VARIABLE.search(word.value) if what.startswith("the variable") else None
        if instruction.keyword == "CMD" and entrypoint is not None and variable is not None:
            name = variable.group().strip("${}")
            expands = _entrypoint_mentions(project, dockerfile, stage, entrypoint, name)
            if expands:
                continue  # the entrypoint script replaces it in its arguments (nginx-proxy)
            if expands is None:
                commands = entrypoint.script.commands
                program = (commands[0].program if commands else None) or "script"
                message = message.removesuffix(".") + (
                    f", unless the entrypoint `{program}` (not in the files) expands it."
                )
                severity = Severity.WARNING
        yield context.report(message, dockerfile.path, word.span, severity=severity)


def _entrypoint_mentions(
    project: Project, dockerfile: Dockerfile, stage: Stage, entrypoint: StartPart, name: str
) -> bool | None:
    """Whether the entrypoint script that receives the CMD uses the variable ``name`` (it then
    replaces it in its arguments, or reads it itself); None when the script is not readable."""
    script = entrypoint.script
    words = script.exec_words or (script.commands[0].argv if script.commands else ())
    if not words:
        return None
    found = project.entrypoint_script(dockerfile, stage, words[0])
    if found is None:
        return None
    return any(
        name in word.value
        for command in found.script.commands
        for word in (*command.argv, *command.assignments)
    )


def _kind(instruction: Instruction) -> str:
    if instruction.keyword == "HEALTHCHECK":
        return "the exec-form HEALTHCHECK runs no shell"
    return f"exec-form {instruction.keyword} runs no shell"


def _service_findings(context: Context, project: Project, service: Service) -> Iterator[Diagnostic]:
    entrypoint = project.effective_start(service).entrypoint
    starts = (("entrypoint", service.entrypoint, False), ("command", service.command, True))
    for key, start, may_follow_entrypoint in starts:
        if start is None or (may_follow_entrypoint and _is_shell_prefix(entrypoint)):
            continue
        script = project.script(start)
        if script is not None and _runs_shell_string(script):
            continue
        if start.is_string and start.operator_index is not None:
            yield _cut_short(context, service, key, start)
            continue
        kind = f"compose `{key}` is no shell"
        yield from _compose_finding(context, service, start.words, script, kind)
    healthcheck = service.healthcheck
    if healthcheck is not None and healthcheck.test_kind == "CMD":
        script = project.script(healthcheck)
        if script is None or not _runs_shell_string(script):
            kind = 'a `["CMD", …]` health check runs no shell'
            yield from _compose_finding(context, service, healthcheck.test_args, script, kind)


def _cut_short(context: Context, service: Service, key: str, start: StartCommand) -> Diagnostic:
    """A ``command``/``entrypoint`` string with an unquoted operator: Compose (go-shellwords)
    stops reading at it and runs only the words before it."""
    operator = start.words[start.operator_index or 0]
    argv = [w.value for w in start.argv]
    after_find_action = not FIND_ACTIONS.isdisjoint(argv)
    what = shell_syntax(operator.value, argv[-1] if argv else None, after_find_action, False)
    ran = " ".join(word.value for word in start.argv)
    if len(ran) > SHOWN_LENGTH:
        ran = ran[: SHOWN_LENGTH - 1] + "…"
    message = (
        f"{_capitalised(what or f'`{operator.value}`')} cuts the compose `{key}` string short: "
        f"Compose stops reading it there and drops the rest, so only `{ran}` runs. Use "
        '`["sh", "-c", "…"]` if a shell should interpret it.'
    )
    severity = None
    if _only_joins_the_streams(start):
        severity = Severity.INFO
        message = (
            f"Compose drops `{operator.value}` from the `{key}` string (it stops reading there), "
            f"but `{ran}` still runs whole and both of its streams reach the container log "
            "anyway: remove the redirection"
        )
    return context.report(
        message, operator.path, operator.span, severity=severity, service=service.key
    )


STREAM_JOIN = re.compile(r"[12]?>&[12]")


def _only_joins_the_streams(start: StartCommand) -> bool:
    """What Compose drops is only ``2>&1`` (or ``1>&2``) at the end: the streams it joins both
    go to the container log already, so nothing is lost."""
    index = start.operator_index
    return index is not None and all(
        STREAM_JOIN.fullmatch(word.value) for word in start.words[index:]
    )


def _capitalised(text: str) -> str:
    return f"{text[:1].upper()}{text[1:]}"


def _compose_finding(
    context: Context,
    service: Service,
    words: Sequence[Located[str]],
    script: ShellScript | None,
    kind: str,
) -> Iterator[Diagnostic]:
    finding = _first_shell_word(words, script, variables=False)
    if finding is not None:
        word, what = finding
        message = _message(what, words, kind)
        yield context.report(message, word.path, word.span, service=service.key)


def _first_shell_word(
    words: Sequence[Word], script: ShellScript | None, variables: bool
) -> tuple[Word, str] | None:
    program = _program(words, script)
    variables = variables and program not in CODE_PROGRAMS
    after_find_action = False
    for previous, word in itertools.pairwise(words):
        after_find_action = after_find_action or previous.value in FIND_ACTIONS
        what = shell_syntax(word.value, previous.value, after_find_action, variables)
        if what is not None:
            return word, what
    return None


def _program(words: Sequence[Word], script: ShellScript | None) -> str:
    """The program that receives the words (launchers such as ``tini --`` skipped)."""
    if script is not None and script.commands and script.commands[0].program:
        return script.commands[0].program
    return words[0].value.rsplit("/", 1)[-1] if words else ""


def _message(what: str, words: Sequence[Token] | Sequence[Located[str]], kind: str) -> str:
    program = words[0].value.rsplit("/", 1)[-1] if words else "the program"
    return (
        f"{_capitalised(what)} reaches `{program}` as a literal argument: {kind}. "
        'Use shell form or `["sh", "-c", "…"]` if a shell should interpret it.'
    )


def _runs_shell_string(script: ShellScript) -> bool:
    """The program interprets a command line itself: ``sh -c '…'`` (after launchers such as
    ``tini --``), ``cmd /c …``, PowerShell."""
    first = script.commands[0] if script.commands else None
    if first is None or first.program is None:
        return False
    program = first.program.lower()
    if program in ("cmd", "cmd.exe"):
        return any(word.value.lower() in ("/c", "/k") for word in first.args)
    if program in SHELL_PROGRAMS:
        return first.option("c") is not None
    return program in COMMAND_LINE_PROGRAMS


def _is_shell_prefix(entrypoint: StartPart | None) -> bool:
    """An exec-form entrypoint ending in ``sh -c``: the command's first item is its script."""
    if entrypoint is None or entrypoint.script.shell or not entrypoint.script.exec_words:
        return False
    words = entrypoint.script.exec_words
    program = words[0].value.rsplit("/", 1)[-1]
    return program in SHELL_PROGRAMS and bool(_DASH_C.fullmatch(words[-1].value))
