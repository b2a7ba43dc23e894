"""LD102 dependency-without-healthcheck: a compose service that others depend on (``depends_on``
or an inferred need, see LD301) has no health check, so they cannot wait for it to be ready. A
dependant that waits by itself, or is kept idle for ``docker exec`` (``sleep infinity``: it
connects to nothing at start), needs no health check to wait for."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.needs import Need, dependants_of, service_aliases
from lintdock.facts.official_images import official_name, official_without_healthcheck
from lintdock.facts.reporting import outside_production, report
from lintdock.facts.stage_process import service_idles
from lintdock.facts.startup_checks import service_checks
from lintdock.image_sources import ImageSource
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import Project
from lintdock.rules.base import Context

MAX_NAMED = 3


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    if not project.complete:  # the rest of the project is in files linted elsewhere
        return
    one_shots = project.one_shot_services()
    for service in project.services:
        if service.key in one_shots or _has_test_less_block(service):
            continue
        state = project.effective_healthcheck(service).state
        if state not in ("none", "unknown"):
            continue
        link = project.build_of(service)
        source = link.source if link is not None else None
        names = service_aliases(project, service.key)
        dependants = [
            (dependant, need)
            for dependant, need in dependants_of(project, service.key)
            if (need.dependency is None or need.dependency.source == "depends_on")
            and not _checks_it_itself(project, dependant, names)
            and not service_idles(project, dependant)
        ]
        if dependants and not _waited_for_healthy(dependants):
            yield _finding(context, service, state, dependants, source)


def _checks_it_itself(project: Project, dependant: Service, names: frozenset[str]) -> bool:
    """The dependant's own start command (or its image's entrypoint script) probes the
    dependency before the app starts (zabbix's ``check_db_connect_mysql``): it waits."""
    return any(names.intersection(check.hosts) for check in service_checks(project, dependant))


def _has_test_less_block(service: Service) -> bool:
    """A healthcheck block without a test: LD112 reports it."""
    healthcheck = service.healthcheck
    return healthcheck is not None and healthcheck.test is None and not healthcheck.disabled


def _waited_for_healthy(dependants: list[tuple[Service, Need]]) -> bool:
    """A dependant waits with ``service_healthy``: LD403 reports the missing health check."""
    return any(
        need.dependency is not None and need.dependency.condition_value == "service_healthy"
        for _, need in dependants
    )


def _finding(
    context: Context,
    service: Service,
    state: str,
    dependants: list[tuple[Service, Need]],
    source: ImageSource | None,
) -> Diagnostic:
    named = [f'"{dependant.key}" ({_evidence(need)})' for dependant, need in dependants]
    if len(named) > MAX_NAMED:
        named = [*named[:MAX_NAMED], f"{len(dependants) - MAX_NAMED} more"]
    name = f'"{service.key}"'
    if state == "unknown" and service.image and official_without_healthcheck(service.image.value):
        has = (
            f"has no compose healthcheck, and its image {service.image.value} (a Docker Official "
            "Image) defines none"
        )
        severity: Severity | None = None
    elif state == "unknown" and service.image and official_name(service.image.value):
        has = (
            f"has no compose healthcheck, and its image {service.image.value} has no namespace: "
            "a Docker Official Image, which as a rule define none, unless it is built locally "
            "under that name"
        )
        severity = Severity.INFO
    elif state == "unknown":
        image = f" {service.image.value}" if service.image is not None else ""
        has = (
            f"has no compose healthcheck, and it is unknown whether its pulled image{image} "
            "defines one"
        )
        severity = Severity.INFO
    elif source is not None and service.image is not None:
        has = (
            f"has no compose healthcheck, and {source.describe(service.image.value)}, "
            "which has no HEALTHCHECK"
        )
        severity = None if source.certain else Severity.INFO
    else:
        has = "has no healthcheck, in compose or in the image it builds"
        severity = None
    consequence = (
        "they cannot wait for it to be ready (condition: service_healthy), and nothing notices "
        "when it stops answering"
    )
    if severity is Severity.INFO:
        consequence = f"if it has none, {consequence}"  # a pulled image may define one
    message = f"{name} is needed by {', '.join(named)} but {has}: {consequence}. Give it a "
    message += "healthcheck" if severity is None else "healthcheck in compose to be sure"
    message, trial = outside_production(message, context.project.service_role(service))
    return report(context, message, service, severity=trial or severity)


def _evidence(need: Need) -> str:
    if need.via == "depends_on":
        return "depends_on"
    return need.variable or "environment"
