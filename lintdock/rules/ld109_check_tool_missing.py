"""LD109 check-tool-missing: a health check or a start-up dependency check calls a program the
image is known not to have (curl on Alpine, curl or wget on a slim Debian base, anything on
scratch or distroless), so the check fails every time. Facts come from
``lintdock.facts.presence``."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from lintdock.facts.healthchecks import ImageView, pulled_view, site_views, sites, stage_view
from lintdock.facts.startup_checks import WrittenCheck, written_checks
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.shell import ShellScript, SimpleCommand, Word
from lintdock.model.span import Span
from lintdock.project import Project
from lintdock.rules.base import Context

SHELL_BUILTINS = frozenset(
    {
        *("exit", "test", "[", "[[", "echo", "printf", "true", "false", ":", "cd", "export"),
        *("set", "unset", "read", "kill", "eval", "exec", "return", "shift", "trap", "wait"),
        *("command", "type", "hash", "local", "source", ".", "ulimit", "umask", "break"),
        *("continue", "let", "alias", "pwd", "times", "getopts"),
    }
)
GUARDS = frozenset({"command", "which", "type", "hash"})
"""``command -v curl && …``: a script that looks a program up first handles its absence."""
FAILING_FALLBACKS = frozenset({"exit", "false", "kill"})
_WINDOWS_PATH = re.compile(r"[A-Za-z]:[\\/]")


@dataclass(frozen=True)
class Checked:
    """A script to check in one image: ``path`` the file it is written in, ``service`` the
    compose service it is reported for, ``only`` the commands to check (None: all)."""

    script: ShellScript
    path: str
    view: ImageView
    what: str
    service: str | None = None
    only: Collection[SimpleCommand] | None = None


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    reported: set[tuple[str, Span, str | None]] = set()
    for checked in _checked(project):
        spaced = _spaced_program(checked)
        findings = [_spaced_finding(context, checked, spaced)] if spaced is not None else []
        findings += [_finding(context, checked, command) for command in _missing(checked)]
        for finding in findings:
            key = (checked.path, finding.span, checked.service)
            if key not in reported:
                reported.add(key)
                yield finding


def _spaced_program(checked: Checked) -> Word | None:
    """The first word of an exec-form health check that holds its arguments too (``["CMD",
    "pg_isready -U postgres"]``): Docker looks for a program of that whole name. Windows joins
    the words into one command line, so it works there (and its paths hold spaces:
    ``C:\\Program Files\\…``)."""
    script = checked.script
    if script.shell or checked.only is not None or checked.view.family.name == "windows":
        return None
    words = script.exec_words
    if not words or len(words[0].value.split()) < 2 or _WINDOWS_PATH.match(words[0].value):
        return None
    return words[0]


def _spaced_finding(context: Context, checked: Checked, word: Word) -> Diagnostic:
    compose = checked.service is not None
    items = (["CMD"] if compose else []) + word.value.split()
    written = "[" + ", ".join(json.dumps(item) for item in items) + "]"
    shell_form = "CMD-SHELL" if compose else "the shell form"
    message = (
        f'{checked.what} runs a program named "{word.value}": exec form does not split words, '
        f"so no such program exists and the check fails every time. Give each argument its "
        f"own item, {written}, or use {shell_form}"
    )
    return context.report(message, checked.path, word.span, Severity.ERROR, checked.service)


def _checked(project: Project) -> Iterator[Checked]:
    """Every health check and start-up dependency check, in each image that runs it."""
    for site in sites(project):
        service = site.service.key if site.service is not None else None
        for view in site_views(project, site):
            yield Checked(site.script, site.path, view, site.where, service)
    for written in written_checks(project):
        start_view = _start_view(project, written)
        if start_view is not None:
            check = written.check
            yield Checked(
                check.part.script,
                check.part.path,
                start_view,
                "The start-up check",
                written.service,
                check.commands,
            )


def _start_view(project: Project, written: WrittenCheck) -> ImageView | None:
    """The image a start-up check runs in; a Dockerfile that only may define the service's
    pulled image does not decide what that image has."""
    service = (
        project.compose.service(written.service) if project.compose and written.service else None
    )
    link = project.build_of(service) if service is not None else None
    if written.image is not None and (link is None or link.certain):
        return stage_view(project, *written.image)
    if service is not None and service.image is not None:
        return pulled_view(service.image.value)
    return None


def _missing(checked: Checked) -> Iterator[SimpleCommand]:
    """The commands whose program the image is known not to have. A shell-form script in an
    image without a shell is LD110's; a command inside a missing program's ``sh -c`` string,
    a program looked up first (``command -v``), and one with a working fallback (``curl … ||
    wget …``) are not reported."""
    script = checked.script
    if script.shell and checked.view.shell is False:
        return
    guarded = _guarded(script)
    missing: list[SimpleCommand] = []
    for command in script.commands:
        if not command.argv or _hosted_by(command, missing):
            continue
        if checked.only is not None and not any(command is c for c in checked.only):
            continue
        program = command.argv[0].value
        in_shell = script.shell or command.depth > 0
        if (in_shell and program in SHELL_BUILTINS) or command.program in guarded:
            continue
        if checked.view.has(program) is False and not _has_fallback(checked, command):
            missing.append(command)
            yield command


def _hosted_by(command: SimpleCommand, missing: list[SimpleCommand]) -> bool:
    host = command.host
    while host is not None:
        if any(host is m for m in missing):
            return True
        host = host.host
    return False


def _guarded(script: ShellScript) -> frozenset[str]:
    return frozenset(
        word.value.rsplit("/", 1)[-1]
        for command in script.commands
        if command.program in GUARDS
        for word in command.args
        if not word.value.startswith("-")
    )


def _has_fallback(checked: Checked, command: SimpleCommand) -> bool:
    """``missing || other``: when ``other`` is not just a failure, and may be in the image (or
    has a fallback of its own), the check still works."""
    if command.operator != "||":
        return False
    fallback = checked.script.next(command)
    if fallback is None or not fallback.argv or fallback.program in FAILING_FALLBACKS:
        return False
    return checked.view.has(fallback.argv[0].value) is not False or _has_fallback(checked, fallback)


def _finding(context: Context, checked: Checked, command: SimpleCommand) -> Diagnostic:
    word = command.argv[0]
    program = command.program or word.value
    family = checked.view.family
    if family.bare:
        detail = (
            f"{checked.view.description} has only the files copied into it ({family.label}). "
            "Copy a static check binary into the image and run it in exec form"
        )
    else:
        installs = f", and no stage installs or copies {program}" if checked.view.built else ""
        detail = (
            f"{checked.view.description} is {family.label}{installs}. "
            f"{_advice(program, checked.view)}"
        )
    message = f'{checked.what} runs "{program}", which is not in the image: {detail}'
    severity = Severity.ERROR if family.certain else Severity.WARNING
    return context.report(message, checked.path, word.span, severity, checked.service)


def _advice(program: str, view: ImageView) -> str:
    if program == "curl" and view.has("wget"):
        return "Use the image's wget (wget -q --spider URL), or install curl"
    return f"Install {program} in the final stage, or copy a small check utility into the image"
