"""LD304 check-chain-not-exec: a shell start command runs a check and then the app
(``check && app``, ``until …; done; app``) without ``exec`` before the app. Autofix: insert
``exec ``."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.stage_shell import runs_windows
from lintdock.facts.startup_checks import (
    SET_UP_COMMANDS,
    StartupCheck,
    WrittenCheck,
    names_a_check,
    written_checks,
)
from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.shell import SimpleCommand, Word
from lintdock.model.span import Span
from lintdock.rules.base import Context

SHORT_LIVED = (SET_UP_COMMANDS - {"sleep", "tee", "cat"}) | {"ls"}
"""Last commands that return at once (``sleep infinity``, ``tee`` and ``cat`` may not)."""


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    seen: set[Span] = set()
    for written in written_checks(project):
        app = written.check.app
        if app is None or app.span in seen or not _needs_exec(written, app):
            continue
        seen.add(app.span)
        yield _diagnostic(context, written, app)


def _needs_exec(written: WrittenCheck, app: SimpleCommand) -> bool:
    """The app runs as the child of a POSIX shell that has more to do than run it, and keeps
    running (``ls``, ``echo``: a last command that returns at once needs no signals)."""
    if any(word.value == "exec" for word in app.wrappers) or app.program in SHORT_LIVED:
        return False
    script = written.check.part.script
    in_shell = script.shell or app.host is not None
    image = written.image
    if written.check.part.origin == "image" and image is not None and runs_windows(*image):
        return False
    return in_shell


def _diagnostic(context: Context, written: WrittenCheck, app: SimpleCommand) -> Diagnostic:
    first = app.wrappers[0] if app.wrappers else app.argv[0]
    program = app.program or first.value
    message = (
        f"The shell runs {_first_step(written.check, program)} and then `{program}` without "
        "`exec`: "
        f"unless the shell replaces itself, `/bin/sh` stays PID 1, `{program}` never receives "
        "SIGTERM and `docker stop` kills it after the grace period. Write `exec` before the app."
    )
    part = written.check.part
    fix = _fix(first, program)
    return context.report(message, part.path, first.span, service=written.service, fix=fix)


def _first_step(check: StartupCheck, app: str) -> str:
    """What runs before the app: a start-up check, or, for a chained command that visibly
    probes nothing and does not say it checks (``manage.py migrate``), that command's name,
    with its first argument when the app is the same program (``entrypoint.sh db``)."""
    commands = check.commands
    if check.kind != "chain" or check.hosts or names_a_check(check) or not commands:
        return "a start-up check"
    step = commands[0].program or commands[0].argv[0].value
    if step == app and len(commands[0].argv) > 1:
        step = f"{step} {commands[0].argv[1].value}"
    return f"`{step}`"


def _fix(first: Word, program: str) -> Fix | None:
    """Insert ``exec `` before the app's first word, when that word's position is exact (not
    inside a folded or escaped YAML scalar, where the text differs from the value)."""
    span = first.span
    if span.line != span.end_line or span.end_column - span.column != len(first.raw):
        return None
    edit = Edit(Span.point(span.line, span.column), "exec ")
    return Fix(f"insert `exec` before `{program}`", (edit,))
