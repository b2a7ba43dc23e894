"""LD107 healthcheck-options-invalid: a HEALTHCHECK flag or compose healthcheck option that
``docker build``, Compose or the engine rejects."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from lintdock.facts.healthchecks import MAX_RETRIES
from lintdock.facts.reporting import report
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Flag, Instruction
from lintdock.model.duration import MINIMUM_DURATION
from lintdock.rules.base import Context

if TYPE_CHECKING:
    from lintdock.model.compose import Duration, Healthcheck, Located, Service

FLAGS = ("interval", "timeout", "start-period", "start-interval", "retries")
COMPOSE_DURATIONS = ("interval", "timeout", "start_period", "start_interval")


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        for instruction in dockerfile.instructions:
            if instruction.keyword == "HEALTHCHECK" and not instruction.healthcheck_none:
                yield from _flag_findings(context, dockerfile, instruction)
    for service in project.services:
        if service.healthcheck is not None:
            yield from _compose_findings(context, service, service.healthcheck)


# -- Dockerfile ----------------------------------------------------------------------------------


def _flag_findings(
    context: Context, dockerfile: Dockerfile, instruction: Instruction
) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for flag in instruction.flags:
        problem = _flag_problem(flag, seen)
        seen.add(flag.name)
        if problem is not None:
            where = flag.value_span if problem[1] and flag.value_span else flag.span
            yield context.report(problem[0], dockerfile.path, where)


def _flag_problem(flag: Flag, seen: set[str]) -> tuple[str, bool] | None:
    """Why BuildKit rejects the flag, and whether the value (not the flag) is at fault."""
    name = f"--{flag.name}"
    if flag.name not in FLAGS:
        known = ", ".join(f"--{f}" for f in FLAGS)
        return f"Unknown HEALTHCHECK flag {name}: docker build fails. The flags are {known}", False
    if flag.name in seen:
        return f"{name} is given twice: docker build fails with a duplicate flag error", False
    if flag.value is None:
        return f"{name} has no value: write {name}=VALUE (docker build fails)", False
    if flag.value == "":
        return None
    if flag.name == "retries":
        problem = _retries_problem(flag.value)
    else:
        problem = _duration_problem(flag.seconds, GO_HINT)
    return (f"{name}={flag.value} {problem} (docker build fails)", True) if problem else None


GO_HINT = "a Go duration such as 30s, 1m30s or 500ms"
COMPOSE_HINT = "a quoted duration such as '30s', '1m30s' or '500ms'"


def _duration_problem(seconds: float | None, hint: str) -> str | None:
    if seconds is None:
        return f"is not a duration: write {hint}"
    if seconds != 0 and seconds < MINIMUM_DURATION:
        return "is under 1ms: a duration must be 0 (the default) or at least 1ms"
    return None


def _retries_problem(text: str) -> str | None:
    if len(text) > len(str(MAX_RETRIES)) + 1 and text.lstrip("+-").isdecimal():
        return TOO_MANY_RETRIES
    try:
        retries = int(text, 10)
    except ValueError:
        return "is not a whole number"
    return _retries_range_problem(retries)


TOO_MANY_RETRIES = "is too large: Docker keeps retries in a 64-bit integer"


def _retries_range_problem(retries: int) -> str | None:
    if retries < 0:
        return "is negative: retries cannot be negative"
    return TOO_MANY_RETRIES if retries > MAX_RETRIES else None


# -- compose -------------------------------------------------------------------------------------


def _compose_findings(
    context: Context, service: Service, healthcheck: Healthcheck
) -> Iterator[Diagnostic]:
    for name in COMPOSE_DURATIONS:
        located: Located[Duration] | None = getattr(healthcheck, name)
        if located is not None:
            problem = _compose_duration_problem(located.value)
            if problem is not None:
                message = f"healthcheck {name} {_shown(located.value.written)} {problem}"
                yield _at_value(context, service, located, message)
    retries = healthcheck.retries
    if retries is not None:
        problem = _compose_retries_problem(retries.value)
        if problem is not None:
            message = f"healthcheck retries {_shown(retries.value)} {problem}"
            yield _at_value(context, service, retries, message)
    test_finding = _test_finding(context, service, healthcheck)
    if test_finding is not None:
        yield test_finding
    if healthcheck.start_interval is not None and healthcheck.start_period is None:
        message = (
            "healthcheck start_interval without start_period: Compose refuses it "
            '("healthcheck.start_interval requires healthcheck.start_period to be set")'
        )
        yield report(context, message, service, healthcheck.start_interval, at_key=True)


def _at_value(
    context: Context, service: Service, located: Located[Any], message: str
) -> Diagnostic:
    return report(context, message, service, located)


def _compose_duration_problem(duration: Duration) -> str | None:
    if not isinstance(duration.written, str):
        return f"is not a string: Compose refuses it; write {COMPOSE_HINT}"
    return _duration_problem(duration.seconds, COMPOSE_HINT)


def _compose_retries_problem(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return "is not a whole number"
    if isinstance(value, int):
        return _retries_range_problem(value)
    return _retries_problem(value.strip())


def _shown(value: object) -> str:
    """A YAML value as written: ``'10'`` for a string, ``10``/``true`` otherwise."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int) and value.bit_length() > SHOWN_BITS:
        return f"{hex(value)[:SHOWN_DIGITS]}… ({value.bit_length()} bits)"
    return str(value)


SHOWN_BITS, SHOWN_DIGITS = 64, 18


def _test_finding(
    context: Context, service: Service, healthcheck: Healthcheck
) -> Diagnostic | None:
    test = healthcheck.test
    if test is None or healthcheck.test_kind == "NONE":
        return None
    value = test.value
    if isinstance(value, list) and value and healthcheck.test_kind is None:
        first = healthcheck.test_args[0] if healthcheck.test_args else test
        suggestion = json.dumps(["CMD", *(str(v) for v in value)])
        message = (
            f"healthcheck test starts with {json.dumps(str(value[0]))}: a list test must start "
            'with "CMD", "CMD-SHELL" or "NONE" (Compose refuses the file). Write '
            f"{suggestion}, or a string for a shell command"
        )
        return _at_value(context, service, first, message)
    if not isinstance(value, (str, list)):
        message = f"healthcheck test {_shown(value)} must be a string or a list"
        return _at_value(context, service, test, message)
    if healthcheck.test_kind is None or not any(a.value.strip() for a in healthcheck.test_args):
        message = (
            "healthcheck test is empty: there is no command to run. Give it a command, or "
            "use disable: true to switch the health check off"
        )
        return report(context, message, service, test, at_key=True)
    return None
