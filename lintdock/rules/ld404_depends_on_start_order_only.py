"""LD404 depends-on-start-order-only: ``depends_on`` that only orders start-up, on a dependency
that serves requests, while the dependant does not wait for it to be ready. A dependant whose
start lintdock cannot see is left out unless ``report-unknown-dependants`` is set (it may wait
by itself), except a one-shot job, which fails for good when it loses the race. A cron job is not
reported: it reaches its dependencies when a job is due, not at start; nor is a dependant kept
idle for ``docker exec`` (``sleep infinity``), which connects to nothing at start."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.compose_edits import (
    block_is_regular,
    has_comment_inside,
    in_own_section,
    long_form,
    scalar_edit,
)
from lintdock.facts.images import named
from lintdock.facts.needs import runs_on_schedule
from lintdock.facts.overlays import merged_service
from lintdock.facts.restart_policy import effective_policy
from lintdock.facts.service_graph import (
    dependency_edges,
    entry_anchor,
    is_swarm_file,
    report,
    spoken_list,
)
from lintdock.facts.stage_process import service_idles
from lintdock.facts.startup_checks import (
    PROBES,
    StartupCheck,
    names_a_check,
    service_checks,
    start_hidden,
)
from lintdock.model.compose import Dependency, Service
from lintdock.model.diagnostic import Diagnostic, Fix, Severity
from lintdock.project import EffectiveHealthcheck, Project
from lintdock.roles import FileRole, Role
from lintdock.rules.base import Context, option
from lintdock.vocabulary import BACKEND_IMAGES

SERVER_IMAGES = (*BACKEND_IMAGES, "minio", "consul", "vault", "keycloak")


@dataclass(frozen=True)
class Options:
    """LD404's options (``[tool.lintdock.rules.LD404]``)."""

    server_images: tuple[str, ...] = option(
        SERVER_IMAGES,
        "Image names that mark a server. A name matches a word of the image's repository path "
        "(`bitnami/postgresql:16`, `confluentinc/cp-kafka`), registry and tag left out.",
    )
    report_unknown_dependants: bool = option(
        False,
        "Also report, at `info`, a dependant whose start lintdock cannot see (a pulled image "
        "without a compose `entrypoint`, a Dockerfile without CMD or ENTRYPOINT, a script it "
        "cannot read): it may wait by itself, as most server images do. A one-shot job is "
        "reported either way.",
    )


OUTSIDE_PRODUCTION = {
    Role.TEST: "a test harness, where the race makes runs flaky but takes nothing down",
    Role.DEVELOPMENT: "a development environment, where someone restarts it by hand",
    Role.EXAMPLE: "an example, worth fixing before it is copied into production",
}
"""Roles in which LD404 is info, and what the race costs there."""

HEALTH_EVIDENCE = {"compose": "it has a healthcheck", "image": "its image has a HEALTHCHECK"}


def check(context: Context) -> Iterator[Diagnostic]:
    project, options = context.project, context.options
    if is_swarm_file(project.compose):
        return  # Swarm ignores depends_on altogether: LD406's finding
    servers = tuple(name.lower() for name in options.server_images)
    one_shots = project.one_shot_services()
    for service, dependency, target in dependency_edges(project):
        if (
            dependency.source != "depends_on"
            or dependency.condition_value != "service_started"
            or target is service
            or target.key in one_shots
            or runs_on_schedule(project, service)
            or service_idles(project, service)
        ):
            continue
        finding = _finding(context, project, service, dependency, target, servers)
        if finding is not None:
            yield finding


def _finding(
    context: Context,
    project: Project,
    service: Service,
    dependency: Dependency,
    target: Service,
    servers: tuple[str, ...],
) -> Diagnostic | None:
    health = project.effective_healthcheck(target)
    evidence = _serving_evidence(project, target, health, servers)
    waits = _waits_for(project, service, target)
    if not evidence or waits == "yes":
        return None
    role = project.service_role(service)
    unseen = waits == "unknown" and role.role is not Role.JOB
    if unseen and not context.options.report_unknown_dependants:
        return None  # it may well wait by itself, as most server images do: not actionable
    healthy = health.state in HEALTH_EVIDENCE
    remedy = "use condition: service_healthy"
    if not healthy:
        remedy += f' with a healthcheck on "{target.key}"'
    message = (
        f'"{service.key}" is only started after "{target.key}", not when it is ready: '
        f'{_written(dependency)} orders start-up, and "{target.key}" serves requests '
        f'({spoken_list(evidence)}). To wait, {remedy}, or give "{service.key}" a start-up '
        "dependency check"
    )
    severity, note = _why_it_matters(service, target, role, waits, _restart(project, service))
    message += note
    fix = _fix(project, service, dependency) if healthy else None
    return report(context, message, service, entry_anchor(dependency), severity=severity, fix=fix)


def _restart(project: Project, service: Service) -> str | None:
    """The restart policy that brings the dependant back when it exits (``restart: always``),
    as the file writes it; None without one."""
    policy = effective_policy(merged_service(project, service) or service)
    return policy.setting if policy is not None and policy.mode != "no" else None


def _why_it_matters(
    service: Service, target: Service, role: FileRole, waits: str, restart: str | None
) -> tuple[Severity | None, str]:
    """The severity (None: the rule's) and what the message adds: a one-shot job fails for good
    (whatever lintdock sees of its start) unless a restart policy runs it again; outside
    production, where the start is not all visible, and where a restart policy brings the
    dependant back after a lost race, the finding is info."""
    if role.role is Role.JOB and restart is None:
        outcome = (
            "unless what it runs at start waits, which lintdock cannot see"
            if waits == "unknown"
            else "instead of retrying"
        )
        return None, (
            f' ("{service.key}" is a one-shot job, since {role.reason}: started before '
            f'"{target.key}" is ready, it fails for good {outcome})'
        )
    notes = []
    if restart is not None:
        notes.append(
            f"`{restart}` brings it back if it exits on a failed first connection: a lost race "
            "costs a restart, not an outage"
        )
    if waits == "unknown":
        notes.append("lintdock cannot see everything it runs at start: it may wait by itself")
    if role.role in OUTSIDE_PRODUCTION:
        notes.append(f"{OUTSIDE_PRODUCTION[role.role]}: {role.reason}")
    if not notes:
        return None, ""
    return Severity.INFO, f" ({'; '.join(notes)})"


def _written(dependency: Dependency) -> str:
    if dependency.short_form:
        return "depends_on without a condition"
    return "condition: service_started"


def _serving_evidence(
    project: Project, target: Service, health: EffectiveHealthcheck, servers: tuple[str, ...]
) -> list[str]:
    """What shows that ``target`` answers requests."""
    evidence = []
    if health.state in HEALTH_EVIDENCE:
        evidence.append(HEALTH_EVIDENCE[health.state])
    if target.ports:
        evidence.append("it publishes ports")
    elif target.expose:
        evidence.append("it exposes ports")
    elif _image_exposes(project, target):
        evidence.append("its image EXPOSEs ports")
    server = named(_image_run(project, target), servers)
    if server is not None:
        evidence.append(f"it runs {server}")
    return evidence


def _image_run(project: Project, target: Service) -> str:
    """The image that names what ``target`` runs: the pulled image, or for an image built here
    the base its Dockerfile starts FROM (a built image's own name is a label of this project:
    zabbix tags the builder of its MySQL packages ``zabbix-build-mysql``, which runs no MySQL)."""
    link = project.build_of(target)
    if link is not None:
        return link.dockerfile.lineage(link.stage)[-1].base_image
    return target.image.value if target.image is not None else ""


def _image_exposes(project: Project, service: Service) -> bool:
    link = project.build_of(service)
    if link is None:
        return False
    return any(stage.all("EXPOSE") for stage in link.dockerfile.lineage(link.stage))


def _waits_for(project: Project, service: Service, target: Service) -> str:
    """``"yes"`` when ``service`` runs a start-up check that probes ``target`` (or one that
    waits for a target that is not visible), ``"unknown"`` when what it runs at start is not
    all visible, else ``"no"``."""
    names = {target.key.lower(), *(alias.lower() for alias in target.aliases)}
    for startup_check in service_checks(project, service):
        hosts = startup_check.hosts
        if names.intersection(hosts) or any("$" in host for host in hosts):
            return "yes"
        if not hosts and _waits_unseen(startup_check):
            return "yes"
    return "unknown" if start_hidden(project, service) else "no"


def _waits_unseen(startup_check: StartupCheck) -> bool:
    """A check whose target is not visible but that waits or probes: a loop, a wait tool, a
    script, a probe program (``pg_isready`` reading ``PGHOST``), a host in a variable, or a
    command that says it checks (``manage.py wait_for_db``). A step merely chained before the
    app (``manage.py migrate && gunicorn …``) fails, rather than waits, when the dependency is
    not up yet."""
    if startup_check.kind != "chain" or startup_check.variables:
        return True
    programs = {command.program for command in startup_check.commands}
    return bool(programs & PROBES) or names_a_check(startup_check)


def _fix(project: Project, service: Service, dependency: Dependency) -> Fix | None:
    """``condition: service_healthy`` for this entry: the condition value replaced, or the
    short-form list rewritten as a map (the other entries keep ``service_started``)."""
    compose = project.compose
    if compose is None:
        return None
    description = f'Wait for "{dependency.service.value}" to be healthy: condition: service_healthy'
    if dependency.condition is not None:
        edit = scalar_edit(dependency.condition, "service_healthy")
        if edit is None:
            return None
        shared = sum(
            d.condition == dependency.condition for s in compose.services for d in s.depends_on
        )
        safe = shared == 1 and in_own_section(compose, service, dependency.condition)
        return Fix(description, (edit,), safe=safe)
    block = service.depends_on_block
    entries = tuple(d for d in service.depends_on if d.source == "depends_on")
    if block is None or not all(d.short_form for d in entries):
        return None
    conditions = {
        d.service.value: "service_healthy" if d is dependency else "service_started"
        for d in entries
    }
    located_entries = tuple(d.service for d in entries)
    safe = (
        block_is_regular(block, located_entries)
        and not has_comment_inside(compose, block.node.path, block.node.span)
        and in_own_section(compose, service, block.node)
        and not any(o.depends_on_block == block for o in compose.services if o is not service)
    )
    return Fix(description, (long_form(block, conditions),), safe=safe)
