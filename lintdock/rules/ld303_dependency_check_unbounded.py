"""LD303 dependency-check-unbounded: a start-up check that can wait forever.

Bounded (rules.md "Bounded checks"): curl with ``--max-time``/``-m``; wget unless ``-T 0`` /
``--timeout=0`` / ``--read-timeout=0``; ``nc -z``; ``wait-for-it``/``wait-for`` unless
``-t 0``; ``dockerize -wait`` unless ``-timeout 0``; anything under ``timeout N`` (N > 0);
loops with a counter or deadline; custom utilities (unknown, never reported).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lintdock.facts.stage_process import service_runs_once
from lintdock.facts.startup_checks import (
    WAIT_TIMEOUT_OPTIONS,
    StartupCheck,
    WrittenCheck,
    is_zero,
    loop_bounded,
    timeout_duration,
    written_checks,
)
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.shell import SimpleCommand
from lintdock.model.span import Span
from lintdock.project import Project
from lintdock.roles import Role
from lintdock.rules.base import Context

if TYPE_CHECKING:
    from lintdock.model.compose import Service

CHOSEN = (
    ", as written on purpose: while it waits the container runs, not ready, and nothing in "
    "`docker ps` says why; a limit would let it exit so the platform can act."
)
"""Said of a limit written as 0: the author's choice, told at info."""


@dataclass(frozen=True)
class Unbounded:
    """Why a check can wait forever, and the word or loop at fault; ``chosen`` when the file
    says so itself (a timeout written as 0)."""

    span: Span
    reason: str
    chosen: bool = False


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    seen: set[Span] = set()
    for written in written_checks(project):
        service = _service(project, written.service)
        if service is not None and _waiting_is_harmless(project, service, written.check):
            continue
        for problem in unbounded(written):
            if problem.span not in seen:
                seen.add(problem.span)
                part = written.check.part
                message = f"The start-up check can wait forever: {problem.reason}."
                severity = None
                if problem.chosen:
                    message = message.removesuffix(".") + CHOSEN
                    severity = Severity.INFO
                yield context.report(message, part.path, problem.span, severity, written.service)


def _service(project: Project, name: str | None) -> Service | None:
    compose = project.compose
    return compose.service(name) if compose is not None and name is not None else None


def _waiting_is_harmless(project: Project, service: Service, check: StartupCheck) -> bool:
    """A wait without end costs nothing a limit would win back: the compose file gives the
    service a health check beside the wait (while it waits, ``docker ps`` shows it unhealthy
    and ``service_healthy`` dependants keep waiting), or it is a one-shot job whose work is to
    wait and then do one thing (with nothing to restart it, a limit only turns "Up" into
    "Exited (1)"). An image's own HEALTHCHECK is not counted: it was written for the app, by
    someone who did not see this wait."""
    if project.effective_healthcheck(service).state == "compose":
        return True
    return _one_shot(project, service, check)


def _one_shot(project: Project, service: Service, check: StartupCheck) -> bool:
    """A job (another service waits for it to complete, or its command runs once), one whose
    start script ends with ``exit 0``, or an init step told never to restart (``restart:
    "no"``) that no service waits for to be healthy, whose loop waits before the commands it
    came to run (a dependant that only needs it started does not wait for the loop)."""
    if project.service_role(service).role is Role.JOB or service_runs_once(project, service):
        return True
    if _ends_with_success(project, service):
        return True
    from lintdock.facts.service_graph import awaited_healthy  # compose code: not at import

    never = _never_restarted(service)
    return never and check.kind == "loop" and service.key not in awaited_healthy(project)


def _never_restarted(service: Service) -> bool:
    """``restart: "no"`` written, or a ``deploy.restart_policy`` (which wins) with ``condition:
    none``."""
    from lintdock.facts.restart_policy import effective_policy  # compose code: not at import

    policy = effective_policy(service)
    return policy is not None and policy.mode == "no"


def _ends_with_success(project: Project, service: Service) -> bool:
    parts = project.effective_start(service).parts
    script = parts[-1].script if parts else None
    last = script.commands[-1] if script is not None and script.commands else None
    return (
        last is not None
        and last.program == "exit"
        and [w.value for w in last.args]
        in (
            [],
            ["0"],
        )
    )


def unbounded(written: WrittenCheck) -> Iterator[Unbounded]:
    """The unbounded pieces of a check: its polling loop, else each probe that can hang."""
    check_ = written.check
    loop = check_.loop
    if loop is not None and not loop_bounded(check_.part.script, loop):
        yield Unbounded(
            loop.span, f"the `{loop.kind}` loop retries with no attempt limit or timeout"
        )
        return
    for command in check_.commands:
        problem = command_unbounded(command)
        if problem is not None:
            yield problem


def command_unbounded(command: SimpleCommand) -> Unbounded | None:
    """Why one probe command can hang forever, or None when it is bounded or unknown."""
    limit = timeout_duration(command.launched_by)
    if limit is not None and not is_zero(limit.value):
        return None
    program = command.program
    if program == "curl":
        return _curl(command)
    if program == "wget":
        return _zero_option(command, "T", ("timeout", "read-timeout"))
    option = WAIT_TIMEOUT_OPTIONS.get(program or "")
    return _zero_option(command, *option) if option is not None else None


def _curl(command: SimpleCommand) -> Unbounded | None:
    limit = command.option_value("m", "max-time")
    if limit is None:
        return Unbounded(
            command.argv[0].span,
            "curl without `--max-time`/`-m` waits as long as the dependency keeps the "
            "connection open (`--connect-timeout` and `--retry` do not bound that)",
        )
    if is_zero(limit.value):
        return Unbounded(limit.span, "curl `--max-time 0` means no time limit", chosen=True)
    return None


def _zero_option(command: SimpleCommand, short: str, long: tuple[str, ...]) -> Unbounded | None:
    """A timeout option set to 0, which these tools read as "wait forever"."""
    value = command.option_value(short, long)
    if value is None or not is_zero(value.value):
        return None
    word = command.option(short, long) or command.argv[0]
    reason = f"`{command.program}` with a timeout of 0 never gives up"
    return Unbounded(word.span, reason, chosen=True)
