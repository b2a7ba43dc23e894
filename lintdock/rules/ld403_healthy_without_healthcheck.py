"""LD403 healthy-without-healthcheck: ``condition: service_healthy`` on a service whose container
has no health check, in compose or in the image it builds."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.compose import Dependency, Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import EffectiveHealthcheck, Project
from lintdock.rules.base import Options, Rule
from lintdock.rules.official_images import official_without_healthcheck
from lintdock.rules.service_graph import dependency_edges, entry_anchor, report

COMPOSE_ERROR = '"dependency failed to start: container … has no healthcheck configured"'
LOWER = {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO}


def check(project: Project, options: Options) -> Iterator[Diagnostic]:
    for service, dependency, target in dependency_edges(project):
        if dependency.condition_value == "service_healthy":
            health = project.effective_healthcheck(target)
            finding = _finding(service, dependency, target, health)
            if finding is not None:
                yield finding


def _finding(
    service: Service, dependency: Dependency, target: Service, health: EffectiveHealthcheck
) -> Diagnostic | None:
    missing = _what_is_missing(target, health)
    if missing is None:
        return None
    unknown = health.state == "unknown" and not _runs_official_image(target)
    severity = Severity.WARNING if unknown else Severity.ERROR
    consequence = f"docker compose up fails with {COMPOSE_ERROR}"
    if unknown:
        consequence = f"if it has none, {consequence}"
    if not dependency.required:
        severity = LOWER[severity]
        consequence = (
            f'the dependency is optional (required: false), so Compose only warns and starts "'
            f'{service.key}" without waiting'
        )
    message = (
        f'"{service.key}" waits for "{target.key}" to be healthy, but {missing}: {consequence}. '
        f'Give "{target.key}" a healthcheck, or wait with a different condition'
    )
    where = dependency.condition or entry_anchor(dependency)
    return report("LD403", message, service, where, severity=severity)


def _what_is_missing(target: Service, health: EffectiveHealthcheck) -> str | None:
    """Why ``target`` reports no health, or None when it has a health check."""
    name = f'"{target.key}"'
    compose = health.compose
    if health.state == "disabled":
        where = "in compose" if compose is not None and compose.disabled else "by HEALTHCHECK NONE"
        return f"{name}'s health check is disabled {where}"
    in_compose = "its compose healthcheck sets no test" if compose else "none in compose"
    if health.state == "none":
        return f"{name} has no health check ({in_compose}, and its Dockerfile has no HEALTHCHECK)"
    if health.state == "unknown":
        compose_part = (
            "a compose healthcheck without a test" if compose else "no compose healthcheck"
        )
        if _runs_official_image(target) and target.image is not None:
            return (
                f'{name} has {compose_part} and runs the Docker Official Image "'
                f'{target.image.value}", and Official Images define no HEALTHCHECK'
            )
        image = f' "{target.image.value}"' if target.image is not None else ""
        return (
            f"{name} has {compose_part} and runs the pulled image{image}, which may or may not "
            "define a HEALTHCHECK"
        )
    return None


def _runs_official_image(target: Service) -> bool:
    return target.image is not None and official_without_healthcheck(target.image.value)


RULES = (
    Rule(
        code="LD403",
        name="healthy-without-healthcheck",
        severity=Severity.ERROR,
        summary="condition: service_healthy on a service with no health check in compose or in "
        "its image: docker compose up fails.",
        check=check,
    ),
)
