"""LD108 healthcheck-timing: timing that defeats the check: an interval under ``min-interval``,
more retries than ``max-retries`` that leave an outage unnoticed for longer than
``max-unnoticed``. A timeout longer than the interval is fine: dockerd runs one
probe at a time and starts the interval when a probe ends, so probes never overlap."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from lintdock.facts.healthchecks import DEFAULT_INTERVAL, MAX_RETRIES, retries_count
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction
from lintdock.model.duration import format_seconds, parse_duration
from lintdock.model.span import Span
from lintdock.project import Project
from lintdock.rules.base import Context, option

if TYPE_CHECKING:
    from lintdock.model.compose import Duration, Located, Service


def _duration_problem(value: str) -> str | None:
    seconds = parse_duration(value)
    if seconds is None or seconds < 0:
        return f"expected a duration such as 2s or 1m30s, got {value!r}"
    return None


def _count_problem(value: int) -> str | None:
    return None if value >= 0 else f"expected 0 or more, got {value}"


@dataclass(frozen=True)
class Options:
    """LD108's options (``[tool.lintdock.rules.LD108]``)."""

    min_interval: str = option(
        "2s", "The shortest interval not reported (a duration).", _duration_problem
    )
    max_retries: int = option(10, "The largest retries not reported.", _count_problem)
    max_unnoticed: str = option(
        "2m",
        "More retries than max-retries are reported only when they leave an outage unnoticed "
        "for longer than this (retries times the interval; a duration).",
        _duration_problem,
    )


@dataclass(frozen=True)
class Thresholds:
    """The options, the interval in seconds."""

    min_interval: float
    max_retries: int
    max_unnoticed: float


@dataclass(frozen=True)
class Setting:
    """A timing option as written: its value (seconds, or a count) and where to report it
    (the flag, or the compose key)."""

    value: float
    path: str
    span: Span


@dataclass(frozen=True)
class Timing:
    """The timing options of one health check. ``interval`` is the one in effect (None:
    unknown, as for a pulled image that may set its own)."""

    interval: float | None
    interval_written: Setting | None
    retries: Setting | None


def check(context: Context) -> Iterator[Diagnostic]:
    project, options = context.project, context.options
    thresholds = Thresholds(
        parse_duration(options.min_interval) or 0.0,
        options.max_retries,
        parse_duration(options.max_unnoticed) or 0.0,
    )
    for dockerfile in project.dockerfiles:
        for instruction in dockerfile.instructions:
            if instruction.keyword == "HEALTHCHECK" and not instruction.healthcheck_none:
                yield from _findings(
                    context, _dockerfile_timing(dockerfile, instruction), thresholds
                )
    for service in project.services:
        timing = _compose_timing(project, service)
        if timing is not None:
            for finding in _findings(context, timing, thresholds):
                yield replace(finding, service=service.key)


def _findings(context: Context, timing: Timing, thresholds: Thresholds) -> Iterator[Diagnostic]:
    for finding in (
        _short_interval(context, timing, thresholds),
        _many_retries(context, timing, thresholds),
    ):
        if finding is not None:
            yield finding


def _short_interval(context: Context, timing: Timing, thresholds: Thresholds) -> Diagnostic | None:
    written = timing.interval_written
    if written is None or not 0 < written.value < thresholds.min_interval:
        return None
    message = (
        f"interval {format_seconds(written.value)} runs the check more often than every "
        f"{format_seconds(thresholds.min_interval)}, for as long as the container lives: "
        "health checks must stay cheap. Use a longer interval (and start_interval for a "
        "quick first check)"
    )
    return context.report(message, written.path, written.span)


def _many_retries(context: Context, timing: Timing, thresholds: Thresholds) -> Diagnostic | None:
    retries = timing.retries
    if retries is None or retries.value <= thresholds.max_retries:
        return None
    count = int(retries.value)
    noticed = ""
    if timing.interval is not None:
        unnoticed = count * timing.interval
        if unnoticed <= thresholds.max_unnoticed:
            return None  # retries 30 every 2s: noticed within a minute
        noticed = f" (about {format_seconds(unnoticed)})"
    message = (
        f"retries {count} is above {thresholds.max_retries}: an outage is reported only after "
        f"{count} failed checks in a row{noticed}. Lower retries"
    )
    return context.report(message, retries.path, retries.span)


# -- Dockerfile ----------------------------------------------------------------------------------


def _dockerfile_timing(dockerfile: Dockerfile, instruction: Instruction) -> Timing:
    path = dockerfile.path
    interval = _flag_seconds(path, instruction, "interval")
    retries = instruction.flag("retries")
    counted = None
    if retries is not None and (count := retries_count(retries.value)) is not None:
        counted = Setting(count, path, retries.span)
    return Timing(_in_effect(interval, DEFAULT_INTERVAL), interval, counted)


def _in_effect(written: Setting | None, otherwise: float | None) -> float | None:
    """A written duration, unless it is 0 (which means "the default")."""
    return written.value if written is not None and written.value > 0 else otherwise


def _flag_seconds(path: str, instruction: Instruction, name: str) -> Setting | None:
    flag = instruction.flag(name)
    seconds = flag.seconds if flag is not None else None
    return Setting(seconds, path, flag.span) if flag is not None and seconds is not None else None


# -- compose -------------------------------------------------------------------------------------


def _compose_timing(project: Project, service: Service) -> Timing | None:
    healthcheck = service.healthcheck
    if healthcheck is None or healthcheck.disabled:
        return None
    interval = _compose_seconds(healthcheck.interval)
    retries = healthcheck.retries
    counted = None
    if retries is not None and type(retries.value) is int and retries.value <= MAX_RETRIES:
        counted = Setting(retries.value, retries.path, retries.anchor)
    effective = _in_effect(interval, None) or _image_interval(project, service)
    return Timing(effective, interval, counted)


def _compose_seconds(located: Located[Duration] | None) -> Setting | None:
    if located is None or located.value.seconds is None:
        return None
    return Setting(located.value.seconds, located.path, located.anchor)


def _image_interval(project: Project, service: Service) -> float | None:
    """The interval the service's image sets (Docker fills in each option compose leaves at
    zero from the image), the default when a known image sets none, None for a pulled image."""
    link = project.build_of(service)
    if link is None:
        return None
    health = project.stage_healthcheck(link.dockerfile, link.stage)
    if health.instruction is not None and health.dockerfile is not None:
        written = _flag_seconds(health.dockerfile.path, health.instruction, "interval")
        return _in_effect(written, DEFAULT_INTERVAL)
    return DEFAULT_INTERVAL
