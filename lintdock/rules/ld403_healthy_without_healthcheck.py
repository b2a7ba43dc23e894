"""LD403 healthy-without-healthcheck: ``condition: service_healthy`` on a service whose container
has no health check, in compose or in the image it builds."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.official_images import official_without_healthcheck
from lintdock.facts.service_graph import dependency_edges, entry_anchor, report
from lintdock.image_sources import ImageSource
from lintdock.model.compose import Dependency, Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import EffectiveHealthcheck, Project
from lintdock.rules.base import Context

COMPOSE_ERROR = '"dependency failed to start: container … has no healthcheck configured"'
LOWER = {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO}


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    if not project.complete:  # the rest of the project is in files linted elsewhere
        return
    for service, dependency, target in dependency_edges(project):
        if dependency.condition_value == "service_healthy":
            health = project.effective_healthcheck(target)
            link = project.build_of(target)
            finding = _finding(
                context,
                service,
                dependency,
                target,
                health,
                _unseen_image(project, target),
                link.source if link is not None else None,
            )
            if finding is not None:
                yield finding


def _unseen_image(project: Project, target: Service) -> str | None:
    """The image whose own HEALTHCHECK lintdock cannot see: the pulled image, or the base image
    a local build starts FROM; None when it is known to define none (``scratch``, a Docker
    Official Image of the table)."""
    link = project.build_of(target)
    if link is not None:
        image = link.dockerfile.lineage(link.stage)[-1].base_image
    elif target.image is not None:
        image = target.image.value
    else:
        return None
    if image.lower() == "scratch" or official_without_healthcheck(image):
        return None
    return image


def _finding(
    context: Context,
    service: Service,
    dependency: Dependency,
    target: Service,
    health: EffectiveHealthcheck,
    unseen: str | None,
    source: ImageSource | None,
) -> Diagnostic | None:
    missing = _what_is_missing(target, health, unseen, source)
    if missing is None:
        return None
    unknown = health.state in ("unknown", "none") and (
        unseen is not None or (source is not None and not source.certain)
    )
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
    return report(context, message, service, where, severity=severity)


def _what_is_missing(
    target: Service,
    health: EffectiveHealthcheck,
    unseen: str | None,
    source: ImageSource | None,
) -> str | None:
    """Why ``target`` reports no health, or None when it has a health check."""
    name = f'"{target.key}"'
    compose = health.compose
    if health.state == "disabled":
        where = "in compose" if compose is not None and compose.disabled else "by HEALTHCHECK NONE"
        return f"{name}'s health check is disabled {where}"
    in_compose = "its compose healthcheck sets no test" if compose else "none in compose"
    if health.state == "none" and source is not None and target.image is not None:
        base = f'; its base image "{unseen}" may define one' if unseen is not None else ""
        return (
            f"{name} has no health check ({in_compose}, and "
            f"{source.describe(target.image.value)}, which has no HEALTHCHECK{base})"
        )
    if health.state == "none":
        base = f', but its base image "{unseen}" may define one' if unseen is not None else ""
        return (
            f"{name} has no health check ({in_compose}, and its Dockerfile has no "
            f"HEALTHCHECK{base})"
        )
    if health.state == "unknown":
        compose_part = (
            "a compose healthcheck without a test" if compose else "no compose healthcheck"
        )
        image = f' "{target.image.value}"' if target.image is not None else ""
        if unseen is None and target.image is not None:
            return (
                f"{name} has {compose_part} and runs the Docker Official Image{image}, and "
                "Official Images define no HEALTHCHECK"
            )
        return (
            f"{name} has {compose_part} and runs the pulled image{image}, which may or may not "
            "define a HEALTHCHECK"
        )
    return None
