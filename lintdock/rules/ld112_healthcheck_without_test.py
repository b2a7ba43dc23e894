"""LD112 healthcheck-without-test: a compose ``healthcheck`` with timings but no ``test``. Docker
takes the test from the image: when the image has none, the block does nothing."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.official_images import official_without_healthcheck
from lintdock.facts.reporting import report
from lintdock.model.compose import Healthcheck, Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import Project
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for service in project.services:
        healthcheck = service.healthcheck
        if healthcheck is None or healthcheck.disabled or healthcheck.test is not None:
            continue
        finding = _finding(context, project, service)
        if finding is not None:
            yield finding


def _finding(context: Context, project: Project, service: Service) -> Diagnostic | None:
    assert service.healthcheck is not None
    state = project.effective_healthcheck(service).state
    key = service.healthcheck.key
    name = f'"{service.key}"'
    if state == "unknown" and service.image and official_without_healthcheck(service.image.value):
        message = (
            f"The healthcheck of {name} sets no test, and its image {service.image.value} (a "
            "Docker Official Image) defines no HEALTHCHECK: the block does nothing and the "
            "container has no health check. Add a test"
        )
        return report(context, message, service, key, at_key=True)
    if state == "unknown" and not _sets_timings(service.healthcheck):
        return None  # `disable: false` alone: it keeps the image's check and tunes nothing
    if state == "unknown":
        image = f" {service.image.value}" if service.image is not None else ""
        message = (
            f"The healthcheck of {name} sets no test: it only tunes the HEALTHCHECK of the "
            f"pulled image{image}, which lintdock cannot see. If that image defines none, the "
            "container gets no health check; add a test to be sure"
        )
        return report(context, message, service, key, at_key=True, severity=Severity.INFO)
    if state == "image":
        return None
    why = "switches it off (HEALTHCHECK NONE)" if state == "disabled" else "has no HEALTHCHECK"
    message = (
        f"The healthcheck of {name} sets no test and the image it builds {why}: the block does "
        "nothing and the container has no health check. Add a test"
    )
    return report(context, message, service, key, at_key=True)


def _sets_timings(healthcheck: Healthcheck) -> bool:
    timings = (
        healthcheck.interval,
        healthcheck.timeout,
        healthcheck.retries,
        healthcheck.start_period,
        healthcheck.start_interval,
    )
    return any(timing is not None for timing in timings)
