"""LD303 dependency-check-unbounded: a start-up check that can wait forever.

Bounded (rules.md "Bounded checks"): curl with ``--max-time``/``-m``; wget unless ``-T 0`` /
``--timeout=0`` / ``--read-timeout=0``; ``nc -z``; ``wait-for-it``/``wait-for`` unless
``-t 0``; ``dockerize -wait`` unless ``-timeout 0``; anything under ``timeout N`` (N > 0);
loops with a counter or deadline; custom utilities (unknown, never reported).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.startup_checks import (
    WAIT_TIMEOUT_OPTIONS,
    WrittenCheck,
    is_zero,
    loop_bounded,
    timeout_duration,
    written_checks,
)
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.shell import SimpleCommand
from lintdock.model.span import Span
from lintdock.rules.base import Context

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
