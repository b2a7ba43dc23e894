"""LD502 restart-unbounded (off by default): an on-failure policy (``restart`` or Swarm's
``condition: on-failure``) without a retry limit, so a crash loop never stops."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lintdock.facts.restart_policy import Policy, effective_policy
from lintdock.facts.service_graph import report
from lintdock.facts.stage_process import service_runs_once
from lintdock.model.compose import Located, Service
from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.span import Span
from lintdock.project import Project
from lintdock.roles import Role
from lintdock.rules.base import Context, option


def _positive_problem(value: int) -> str | None:
    return None if value > 0 else f"expected 1 or more, got {value}"


@dataclass(frozen=True)
class Options:
    """LD502's options (``[tool.lintdock.rules.LD502]``)."""

    max_retries: int = option(
        5, "The limit the message and the autofix suggest.", _positive_problem
    )


def check(context: Context) -> Iterator[Diagnostic]:
    project, options = context.project, context.options
    retries = options.max_retries
    for service in project.services:
        policy = effective_policy(service)
        if policy is None or not policy.unbounded:
            continue
        if policy.mode != "on-failure" or _retries_until_done(project, service):
            continue  # always, and Swarm's any (its default): unbounded by intent
        if policy.from_deploy:
            yield _deploy_finding(context, service, policy, retries)
        else:
            yield _restart_finding(context, service, policy, retries)


def _retries_until_done(project: Project, service: Service) -> bool:
    """A job (a migration, a test run, one another service waits to complete): on-failure
    without a limit retries it until its dependencies are ready, and stops once it succeeds.
    A cap would make a slow database fail the start-up."""
    return project.service_role(service).role is Role.JOB or service_runs_once(project, service)


def _restart_finding(
    context: Context, service: Service, policy: Policy, retries: int
) -> Diagnostic:
    limit = "retries forever" if policy.retries is None else "retries forever (0 means no limit)"
    message = (
        f"{policy.setting} {limit}: a service that crashes at start-up is restarted in an "
        f"endless loop. Cap it, e.g. restart: on-failure:{retries} (CIS Docker Benchmark 5.14)"
    )
    return report(context, message, service, policy.where, fix=_cap_fix(policy.where, retries))


def _deploy_finding(context: Context, service: Service, policy: Policy, retries: int) -> Diagnostic:
    restart_policy = service.deploy.restart_policy if service.deploy is not None else None
    attempts = restart_policy.max_attempts if restart_policy is not None else None
    written = "max_attempts: 0 means no limit" if attempts is not None else "no max_attempts"
    message = (
        f"{policy.setting} with {written}: a task that keeps failing is restarted forever. "
        f"Set max_attempts: {retries}"
    )
    return report(context, message, service, attempts or policy.where)


def _cap_fix(where: Located[Any], retries: int) -> Fix | None:
    """``on-failure`` -> ``on-failure:5`` in place, keeping the quotes, when the value is
    written as a one-line scalar (plain or quoted)."""
    span = _scalar_text(where)
    if span is None:
        return None
    edit = Edit(span, f"on-failure:{retries}")
    return Fix(f"Limit restarts: restart: on-failure:{retries}", (edit,))


def _scalar_text(where: Located[Any]) -> Span | None:
    """The span of the value's characters inside its quotes, when the span holds exactly the
    value (plain) or the value between one pair of quotes."""
    span = where.span
    value = str(where.value)
    if span.end_line != span.line:
        return None
    width = span.end_column - span.column
    if width == len(value):
        return span
    if width == len(value) + 2:
        return Span(span.line, span.column + 1, span.line, span.end_column - 1)
    return None
