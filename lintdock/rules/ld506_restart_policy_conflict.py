"""LD506 restart-policy-conflict: ``restart`` and ``deploy.restart_policy`` ask for different
policies; ``deploy.restart_policy`` wins."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.restart_policy import BEHAVIOUR, Policy, deploy_policy, restart_value
from lintdock.facts.service_graph import is_swarm_file, report
from lintdock.model.compose import RestartPolicy, Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

SERVICE_KEYS = ("restart",)


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    restart = restart_value(service)
    deploy = deploy_policy(service)
    if restart is None or deploy is None or not disagree(restart, deploy):
        return
    message = (
        f"{restart.setting} disagrees with {_describe(deploy)}: docker compose and docker "
        "stack deploy apply deploy.restart_policy and ignore restart. Keep one of them"
    )
    restart_policy = service.deploy.restart_policy if service.deploy is not None else None
    if restart_policy is not None and not is_swarm_file(context.project.compose):
        message += _swarm_only_keys(restart_policy)
    yield report(context, message, service, restart.where)


def disagree(restart: Policy, deploy: Policy) -> bool:
    """rules.md: different engine behaviour, or retry counts that both are set and differ."""
    if BEHAVIOUR[restart.mode] != BEHAVIOUR[deploy.mode]:
        return True
    both_counted = restart.retries is not None and deploy.retries is not None
    return both_counted and restart.retries != deploy.retries


def _describe(deploy: Policy) -> str:
    if deploy.retries is None:
        return deploy.setting
    return f"{deploy.setting} (max_attempts: {deploy.retries})"


def _swarm_only_keys(restart_policy: RestartPolicy) -> str:
    ignored = [name for name in ("delay", "window") if getattr(restart_policy, name) is not None]
    if not ignored:
        return ""
    return f"; docker compose also ignores its {' and '.join(ignored)} (Swarm only)"
