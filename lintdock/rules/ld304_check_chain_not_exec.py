"""LD304 check-chain-not-exec: a shell start command runs a check and then the app
(``check && app``, ``until …; done; app``) without ``exec`` before the app, and the shell that
runs it stays the app's parent. Autofix: insert ``exec ``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintdock.facts.stage_process import runs_once, service_runs_once
from lintdock.facts.stage_shell import runs_windows, shell_of
from lintdock.facts.startup_checks import (
    SET_UP_COMMANDS,
    StartupCheck,
    WrittenCheck,
    names_a_check,
    written_checks,
)
from lintdock.facts.system_shell import reference_bash, reference_shell
from lintdock.model.diagnostic import Diagnostic, Edit, Fix, Severity
from lintdock.model.shell import SimpleCommand, Word
from lintdock.model.span import Span
from lintdock.project import Project
from lintdock.rules.base import Context
from lintdock.vocabulary import SHELL_PROGRAMS

if TYPE_CHECKING:
    from lintdock.model.compose import Service

SHORT_LIVED = (SET_UP_COMMANDS - {"sleep", "tee", "cat"}) | {"ls", "exit"}
"""Last commands that return at once (``sleep infinity``, ``tee`` and ``cat`` may not)."""
REPLACES_ITSELF = frozenset({"busybox", "ash", "bash"})
"""Shells that exec the last command of a ``-c`` string after ``&&`` or ``;``, so the app becomes
PID 1 by itself: BusyBox sh (also inside ``if``/``{ }``) and bash (5.1 and later, at the top
level; see ``BASH_AND_OR``). Debian's dash 0.5.12 never does, not even for a lone command:
upstream dash would (it runs the ``-c`` string with ``EV_EXIT``, as BusyBox ash does), but
Debian builds it with that optimisation turned off, and Debian's and Ubuntu's images are where
dash is ``/bin/sh``. ``tests/test_ld304_shells.py`` runs the real shells to hold this table to
what they do."""
BASH_AND_OR = (4, 4)
"""The first bash that execs the last command of a ``-c`` string after ``&&`` or ``||`` (its
CHANGES, 4.4: "the rhs of && and || will no longer cause the shell to fork"); after ``;`` it
does from 5.1 ("optimize the number of times it forks ... from `bash -c`")."""
BASH_SEMICOLON = (5, 1)


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    seen: set[Span] = set()
    for written in written_checks(project):
        app = written.check.app
        if app is None or app.span in seen or not _needs_exec(written, app):
            continue
        if _runs_once(project, written):
            continue  # a test run or a job: it exits when done, and needs no signal
        reference = _reference(project, written)
        shell = _shell(written, app, reference)
        if shell is None and written.image is None:
            continue  # a pulled image whose /bin/sh is not known: often BusyBox sh, which execs
        old_bash = _old_bash(shell, reference, written, app)
        if shell in REPLACES_ITSELF and _runs_last(written, app) and old_bash is None:
            continue
        seen.add(app.span)
        yield _diagnostic(context, written, app, shell, old_bash)


def _runs_once(project: Project, written: WrittenCheck) -> bool:
    """The container does its work and exits (``cypress run && cypress run -b chrome``,
    ``wait_for_db && manage.py migrate``): there is no app for ``docker stop`` to stop."""
    service = _service(project, written)
    if service is not None:
        return service_runs_once(project, service)
    return written.image is not None and runs_once(project.stage_start(*written.image))


def _service(project: Project, written: WrittenCheck) -> Service | None:
    if project.compose is None or written.service is None:
        return None
    return project.compose.service(written.service)


def _needs_exec(written: WrittenCheck, app: SimpleCommand) -> bool:
    """The app runs as the child of a POSIX shell that has more to do than run it, and keeps
    running (``ls``, ``echo``: a last command that returns at once needs no signals)."""
    if any(word.value == "exec" for word in app.wrappers) or app.program in SHORT_LIVED:
        return False
    if _keeper(app) or _client_task(written.check, app):
        return False
    script = written.check.part.script
    in_shell = script.shell or app.host is not None
    image = written.image
    if written.check.part.origin == "image" and image is not None and runs_windows(*image):
        return False
    return in_shell


def _keeper(app: SimpleCommand) -> bool:
    """A last command that only keeps the container up after the app was started in the
    background (``service start && tail -f /var/log/app.log``, ``sleep infinity``): ``exec``
    would not let the app see SIGTERM, so the advice does not apply."""
    if app.program == "sleep":
        return True
    return app.program == "tail" and app.option("fF", "follow") is not None


RUNTIMES = SHELL_PROGRAMS | {"python", "python3", "node", "ruby", "php", "java", "perl", "dotnet"}
"""Programs that run whatever script they are given: the same one may check, then serve."""


def _client_task(check: StartupCheck, app: SimpleCommand) -> bool:
    """The app is the client the check retries against the dependency, given its one task
    (``until mc alias set local http://minio:9000; do sleep 1; done; mc mb local/uploads``):
    it returns by itself, with no signal to wait for."""
    if not check.hosts or app.program is None or app.program in RUNTIMES:
        return False
    return any(command.program == app.program for command in check.commands)


def _reference(project: Project, written: WrittenCheck) -> str | None:
    """The image the start command runs in: the base the Dockerfile is built from, or the image
    a compose service pulls."""
    if written.image is not None:
        dockerfile, stage = written.image
        return dockerfile.root_stage(stage).base_image
    service = _service(project, written)
    return service.image.value if service is not None and service.image else None


def _shell(written: WrittenCheck, app: SimpleCommand, reference: str | None) -> str | None:
    """The shell that runs the app: the one named (``bash -c``, a ``SHELL ["/bin/bash", "-c"]``),
    else what ``/bin/sh`` is in the image (None: not known)."""
    named = app.host.program if app.host is not None else _shell_instruction(written)
    if named not in (None, "sh"):
        return named
    return reference_shell(reference) if reference is not None else None


def _old_bash(
    shell: str | None, reference: str | None, written: WrittenCheck, app: SimpleCommand
) -> tuple[int, int] | None:
    """The version of a bash that keeps itself as the parent of the app: older than 4.4, or
    older than 5.1 with the app after ``;`` (not ``&&``/``||``), as the image's release says;
    None when the image's bash is newer or not known (bash is trusted then)."""
    version = reference_bash(reference) if shell == "bash" and reference is not None else None
    if version is None:
        return None
    and_or = bool(written.check.part.script.chain(app, ("&&", "||")))
    keeps = version < BASH_AND_OR or (version < BASH_SEMICOLON and not and_or)
    return version if keeps else None


def _shell_instruction(written: WrittenCheck) -> str | None:
    """The program of the image's SHELL, for a shell-form start command written in it."""
    if written.check.part.origin != "image" or written.image is None:
        return None
    return shell_of(*written.image).rsplit("/", 1)[-1]


def _runs_last(written: WrittenCheck, app: SimpleCommand) -> bool:
    """The app is the last command of the script, outside loops and conditions: the one a
    shell that replaces itself execs."""
    last = written.check.part.script.last
    return last is app and app.loop is None and not app.in_condition


def _diagnostic(
    context: Context,
    written: WrittenCheck,
    app: SimpleCommand,
    shell: str | None,
    old_bash: tuple[int, int] | None,
) -> Diagnostic:
    first = app.wrappers[0] if app.wrappers else app.argv[0]
    program = app.program or first.value
    runs = (
        f"The shell runs {_first_step(written.check, program)} and then `{program}` without `exec`"
    )
    lost = f"`{program}` never receives SIGTERM and `docker stop` kills it after the grace period"
    if shell is None:
        message = (
            f"{runs}. Whether the shell stays PID 1 depends on the base image's `/bin/sh`, which "
            f"lintdock cannot tell: Debian's and Ubuntu's dash does, and then {lost}; BusyBox sh "
            "(Alpine) replaces itself with the last command. Write `exec` before the app: it "
            "works in every shell."
        )
    else:
        message = (
            f"{runs}: {_parent(shell, old_bash)} stays PID 1, {lost}. Write `exec` before the app."
        )
    part = written.check.part
    fix = _fix(first, program)
    severity = Severity.INFO if shell is None else None
    return context.report(message, part.path, first.span, severity, written.service, fix)


def _parent(shell: str, old_bash: tuple[int, int] | None) -> str:
    """Who stays PID 1, as the message says it."""
    if shell == "dash":
        return "`/bin/sh` is dash here, which never replaces itself with the last command, so it"
    if old_bash is not None:
        version = ".".join(map(str, old_bash))
        after = "a lone command" if old_bash < BASH_AND_OR else "a last command after `&&` or `||`"
        return f"the image's bash is {version}, which replaces itself only with {after}, so it"
    return f"`{shell}` does not replace itself with a command that is not the last, so it"


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
