"""LD302 dependency-check-without-restart: a compose service runs a start-up dependency check,
so it exits when the dependency is not ready, but nothing restarts it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lintdock.facts.needs import needs_of, ready_before
from lintdock.facts.overlays import merged_service
from lintdock.facts.restart_policy import effective_policy, has_restart_setting
from lintdock.facts.stage_process import service_runs_once
from lintdock.facts.startup_checks import (
    StartupCheck,
    names_a_check,
    service_checks,
    waits_forever,
)
from lintdock.model.compose import Located, Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.shell import sets_shell_option
from lintdock.project import Project
from lintdock.roles import TRIAL_ROLES
from lintdock.rules.base import Context

NO_RESTART = ("no", False)


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for service in project.services:
        if project.service_role(service).role in TRIAL_ROLES:
            continue  # a test harness, a development setup, an example: not meant to stay up
        checks = _dependency_checks(project, service)
        merged = merged_service(project, service) or service
        if service_runs_once(project, service):
            continue  # a test runner (``sut``) must not be restarted
        if checks and not _restarts(merged):
            yield _diagnostic(context, service, checks[0], has_restart_setting(merged))


def _dependency_checks(project: Project, service: Service) -> list[StartupCheck]:
    """The service's start-up checks that wait for a dependency and can give up (one that waits
    forever, ``wait-for.sh -t 0``, never makes the container exit). A chain whose first command
    probes no visible host and does not say it checks or waits counts only when the service
    needs another one that compose does not make ready first (a custom utility reading the
    app's configuration): with no dependency in sight, ``go test -c . && ls app.test`` is a
    build step, and with every dependency healthy before it starts, ``node predeploy && node
    main`` is a migration, not a check."""
    checks = [c for c in service_checks(project, service) if not waits_forever(c) and _can_exit(c)]
    ready = ready_before(project, service)
    if any(need.target not in ready for need in needs_of(project, service)):
        return checks
    return [c for c in checks if c.kind != "chain" or c.hosts or names_a_check(c)]


def _can_exit(check: StartupCheck) -> bool:
    """Whether the check's failure ends the script: not a wait tool joined to what follows by
    ``;`` (``wait-for-it -t 120 db:3306; bench new-site``), after which the script goes on
    whatever the wait found, unless ``|| exit`` or ``set -e`` stops it."""
    if check.kind != "wait-tool" or check.operator != ";":
        return True
    return any(c.operator == "||" for c in check.commands) or _errexit(check)


def _errexit(check: StartupCheck) -> bool:
    """``set -e`` (or ``-o errexit``) before the check in its script."""
    return any(
        command.program == "set" and sets_shell_option(command.args, "errexit", "e")
        for command in check.part.script.before(check.commands[0])
    )


def _restarts(service: Service) -> bool:
    """A restart policy in effect that brings an exited container back (``deploy.restart_policy``
    replaces ``restart``; its condition defaults to ``any``). An unreadable ``restart`` value
    counts as restarting unless it is ``no`` (LD501 reports it)."""
    policy = effective_policy(service)
    if policy is not None or (service.deploy and service.deploy.restart_policy):
        return policy is not None and policy.mode != "no"
    return service.restart is not None and service.restart.value not in NO_RESTART


def _policy_written(service: Service) -> str:
    """The policy that keeps the container down, as the file writes it."""
    written = effective_policy(service)
    if written is not None and written.from_deploy:
        return f"`{written.setting}`"
    return '`restart: "no"`' if service.restart is not None else "no restart policy"


def _remedy(service: Service) -> str:
    """The setting to add: ``deploy.restart_policy`` replaces ``restart`` where it is set, so
    the restart must be asked for there."""
    if service.deploy is not None and service.deploy.restart_policy is not None:
        return "Set `deploy.restart_policy.condition: on-failure` (it replaces `restart`)"
    return "Add `restart: on-failure`"


def _anchor(service: Service) -> Located[Any]:
    """Where the policy in effect is written: the ``deploy.restart_policy`` condition (or key),
    else ``restart``, else the service's name."""
    policy = effective_policy(service)
    if policy is not None and policy.from_deploy:
        return policy.where
    return service.restart or service.name


def _diagnostic(
    context: Context, service: Service, first: StartupCheck, written: bool
) -> Diagnostic:
    """The finding: a warning where no policy is written, information where "no restart" is
    (a decision, as for a job meant to run once: frappe's ``create-site``)."""
    probe = first.commands[0].program if first.commands else "a check"
    policy = _policy_written(service)
    message = (
        f"`{service.key}` runs a start-up dependency check (`{probe}`) but has {policy}: when "
        f"the dependency is not ready the container exits once and never comes back. "
        f"{_remedy(service)} so the check and restarts converge"
    )
    message += ", unless it is a job meant to run once." if written else "."
    where = _anchor(service)
    severity = Severity.INFO if written else None
    return context.report(message, where.path, where.span, severity, service.key)
