"""LD303 dependency-check-unbounded: a start-up check that can wait forever.

Bounded (rules.md "Bounded checks"): curl with ``--max-time``/``-m``; wget unless ``-T 0`` /
``--timeout=0`` / ``--read-timeout=0``; ``nc -z``; ``wait-for-it``/``wait-for`` unless
``-t 0``; ``dockerize -wait`` unless ``-timeout 0``; anything under ``timeout N`` (N > 0);
loops with a counter or deadline; custom utilities (unknown, never reported).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.startup_checks import (
    LOOP_EXITS,
    TESTS,
    WrittenCheck,
    inside_loop,
    timeout_duration,
    written_checks,
)
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.shell import Loop, ShellScript, SimpleCommand
from lintdock.model.span import Span
from lintdock.rules.base import Context

_ZERO = re.compile(r"0*(?:\.0*)?(?:ms|s|m|h)?")


@dataclass(frozen=True)
class Unbounded:
    """Why a check can wait forever, and the word or loop at fault."""

    span: Span
    reason: str


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    seen: set[Span] = set()
    for written in written_checks(project):
        for problem in unbounded(written):
            if problem.span not in seen:
                seen.add(problem.span)
                part = written.check.part
                message = f"The start-up check can wait forever: {problem.reason}."
                yield context.report(message, part.path, problem.span, service=written.service)


def unbounded(written: WrittenCheck) -> Iterator[Unbounded]:
    """The unbounded pieces of a check: its polling loop, else each probe that can hang."""
    check_ = written.check
    loop = check_.loop
    if loop is not None and not _loop_bounded(check_.part.script, loop):
        yield Unbounded(
            loop.span, f"the `{loop.kind}` loop retries with no attempt limit or timeout"
        )
        return
    for command in check_.commands:
        problem = command_unbounded(command)
        if problem is not None:
            yield problem


def is_zero(text: str) -> bool:
    """``0``, ``0s``, ``0.0``: a duration that means "no limit" to these tools."""
    return bool(_ZERO.fullmatch(text)) and any(ch == "0" for ch in text)


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
    if program in ("wait-for-it", "wait-for-it.sh", "wait-for", "wait-for.sh"):
        return _zero_option(command, "t", ("timeout",))
    if program == "dockerize":
        return _zero_option(command, "", ("timeout",))
    return None


def _curl(command: SimpleCommand) -> Unbounded | None:
    limit = command.option_value("m", "max-time")
    if limit is None:
        return Unbounded(
            command.argv[0].span,
            "curl without `--max-time`/`-m` waits as long as the dependency keeps the "
            "connection open (`--connect-timeout` and `--retry` do not bound that)",
        )
    if is_zero(limit.value):
        return Unbounded(limit.span, "curl `--max-time 0` means no time limit")
    return None


def _zero_option(command: SimpleCommand, short: str, long: tuple[str, ...]) -> Unbounded | None:
    """A timeout option set to 0, which these tools read as "wait forever"."""
    value = command.option_value(short, long)
    if value is None or not is_zero(value.value):
        return None
    word = command.option(short, long) or command.argv[0]
    return Unbounded(word.span, f"`{command.program}` with a timeout of 0 never gives up")


def _loop_bounded(script: ShellScript, loop: Loop) -> bool:
    """A ``for`` loop over items, a loop under ``timeout N``, a loop whose condition tests a
    counter or deadline, or whose body can leave it another way than success."""
    if loop.kind == "for":
        return True
    body = [c for c in script.commands if inside_loop(c, loop)]
    condition = list(loop.condition)
    launched = [w for c in condition + body for w in c.launched_by]
    limit = timeout_duration(tuple(launched))
    if limit is not None and not is_zero(limit.value):
        return True
    if any(c.program in TESTS for c in condition + body):
        return True
    probing_condition = any(c.program not in ("true", ":") for c in condition)
    exits = {c.program for c in body} & LOOP_EXITS
    return bool(exits - {"break"}) or (probing_condition and "break" in exits)
