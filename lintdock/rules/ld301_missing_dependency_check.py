"""LD301 missing-dependency-check: a service (or a lone Dockerfile's final stage) needs another
service, and nothing makes it wait for that service: no start-up dependency check that covers
it and no ``depends_on`` entry (a short-form or ``service_started`` entry is LD404's business)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from lintdock.facts.images import WINDOWS, base_family
from lintdock.facts.needs import (
    Need,
    image_needs,
    needed_services,
    service_aliases,
    started_before,
)
from lintdock.facts.reporting import outside_production
from lintdock.facts.startup_checks import (
    ImageRef,
    StartupCheck,
    runs_hidden_script,
    service_checks,
    start_hidden,
    startup_checks,
)
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.project import EffectiveStart, Project
from lintdock.rules.base import Context

if TYPE_CHECKING:
    from lintdock.model.compose import Service

ADVICE = (
    "add a start-up dependency check before the app (a small check utility, "
    "`wait-for-it {host}:PORT -- …`), or `depends_on` with `condition: service_healthy`"
)
NO_SHELL_ADVICE = (
    "add a start-up dependency check the image can run before the app (a small check utility "
    "built into it: {why}), or `depends_on` with `condition: service_healthy`"
)


def _advice(host: str, image: ImageRef | None) -> str:
    """What to do, fitted to the image: ``wait-for-it`` is a bash script, of no use where there
    is no shell (``FROM scratch``, distroless) or on Windows."""
    family = base_family(*image) if image is not None else None
    if family is not None and family.bare:
        return NO_SHELL_ADVICE.format(why=f"{family.label} has no shell for `wait-for-it`")
    if family is WINDOWS:
        return NO_SHELL_ADVICE.format(why="`wait-for-it` is a bash script, Windows has no bash")
    return ADVICE.format(host=host)


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for service in project.services:
        yield from _service_findings(context, project, service)
    for dockerfile in project.dockerfiles:
        if not project.builds_of(dockerfile):
            yield from _dockerfile_findings(context, project, dockerfile)


def covers(checks: tuple[StartupCheck, ...], names: frozenset[str]) -> bool:
    """Whether the checks wait for a host known by ``names``: a check whose hosts are not
    visible (a custom utility reading the app's configuration, a variable the environment does
    not set) is taken to cover it."""
    return any(not c.hosts or c.variables or names.intersection(c.hosts) for c in checks)


def _unchecked(
    project: Project, start: EffectiveStart, image: ImageRef | None
) -> tuple[StartupCheck, ...] | None:
    """The checks of a known start command, or None when nothing can be said: the start
    command is unknown, or it runs a script lintdock cannot read."""
    if start.state != "known" or runs_hidden_script(project, start, image):
        return None
    return startup_checks(project, start, image)


def _service_findings(context: Context, project: Project, service: Service) -> Iterator[Diagnostic]:
    if start_hidden(project, service):
        return
    checks = service_checks(project, service)
    waited_for = started_before(project, service)
    needs = needed_services(project, service, via=("environment", "image-env"))
    alternatives = _alternative_backends(needs.values())
    for target, need in needs.items():
        if target in waited_for or covers(checks, service_aliases(project, target)):
            continue
        if need.variable in alternatives:
            continue
        yield _service_diagnostic(context, project, service, need)


def _alternative_backends(needs: Iterable[Need]) -> frozenset[str]:
    """The variables that configure one of several products for the same purpose: each named
    after the service it points at, then the same purpose (``MONGO_STORAGE_SERVER_HOST`` ->
    ``mongo``, ``REDIS_STORAGE_SERVER_HOST`` -> ``redis``). The app uses one of them, chosen
    by another setting (thumbor's ``STORAGE``), and which one is not visible: neither is shown
    to be needed. A purpose of one word (``DATABASE_URL``, ``REDIS_URL``) is no such pair."""
    by_purpose: dict[str, list[Need]] = {}
    for need in needs:
        product, _, purpose = (need.variable or "").upper().partition("_")
        named_after_target = bool(product) and need.target.upper().startswith(product)
        if named_after_target and "_" in purpose:
            by_purpose.setdefault(purpose, []).append(need)
    return frozenset(
        need.variable or ""
        for group in by_purpose.values()
        if len({need.target for need in group}) > 1
        for need in group
    )


def _service_diagnostic(
    context: Context, project: Project, service: Service, need: Need
) -> Diagnostic:
    evidence = f"{need.variable} points at `{need.host}`"
    if need.via == "image-env":
        evidence = f"its image's ENV {evidence}"
    advice = _advice(need.host or need.target, _image_of(project, service))
    message = (
        f"`{service.key}` needs `{need.target}` ({evidence}) but nothing makes it wait for "
        f"`{need.target}` to be ready: {advice}."
    )
    message, severity = outside_production(message, project.service_role(service))
    if severity is None and _restarted(project, service):
        message += RESTARTED
        severity = Severity.INFO
    compose_files = project.compose.files if project.compose is not None else ()
    if need.via == "environment" and need.path in compose_files:
        return context.report(message, need.path, need.span, severity, service.key)
    name = service.name
    return context.report(message, name.path, name.span, severity, service.key)


RESTARTED = (
    " Its restart policy brings it back if the app exits when the dependency is missing, so "
    "a lost race costs a restart; it does not help if the app runs on broken."
)


def _restarted(project: Project, service: Service) -> bool:
    """The restart policy in effect (overlays merged) brings an exited container back."""
    from lintdock.facts.overlays import merged_service  # compose code: not for Dockerfile runs
    from lintdock.facts.restart_policy import effective_policy

    policy = effective_policy(merged_service(project, service) or service)
    return policy is not None and policy.mode != "no"


def _image_of(project: Project, service: Service) -> ImageRef | None:
    link = project.build_of(service)
    return (link.dockerfile, link.stage) if link is not None else None


def _dockerfile_findings(
    context: Context, project: Project, dockerfile: Dockerfile
) -> Iterator[Diagnostic]:
    reported: set[str] = set()
    for stage in project.final_stages(dockerfile):
        checks = _stage_unchecked(project, dockerfile, stage)
        if checks is None:
            continue
        for need in image_needs(dockerfile, stage):
            host = need.host.lower()
            if covers(checks, frozenset({host})) or host in reported:
                continue
            reported.add(host)
            message = (
                f"The image needs `{need.host}` ({need.variable} points at it) but its start "
                f"command does not wait for it: {_advice(need.host, (dockerfile, stage))}."
            )
            message, severity = outside_production(message, project.role(dockerfile.path))
            yield context.report(message, dockerfile.path, need.span, severity)


def _stage_unchecked(
    project: Project, dockerfile: Dockerfile, stage: Stage
) -> tuple[StartupCheck, ...] | None:
    return _unchecked(project, project.stage_start(dockerfile, stage), (dockerfile, stage))
