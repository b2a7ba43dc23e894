"""Restart policies as the engine receives them: ``restart`` and ``deploy.restart_policy`` read
the way docker compose maps them (``getRestartPolicy``), shared by the LD5xx rules.

``restart`` is split at its first ``:`` into a policy name and a retry count. docker compose maps
``none`` to ``no`` and ``any`` to ``always`` and passes other names to the engine, which knows
``no``, ``always``, ``on-failure`` and ``unless-stopped``. When ``deploy.restart_policy`` is set
it replaces ``restart`` entirely; its ``condition`` defaults to ``any``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lintdock.model.compose import Located, RestartPolicy, Service

ENGINE_POLICIES = ("no", "always", "on-failure", "unless-stopped")
COMPOSE_ALIASES = {"none": "no", "any": "always"}
SWARM_CONDITIONS = ("none", "on-failure", "any")
RETRY_COUNT = re.compile(r"[+-]?[0-9]+")

# What each policy does, for comparing two of them (rules.md, LD506 "disagree").
BEHAVIOUR = {"no": "never", "always": "always", "unless-stopped": "always", "on-failure": "failure"}


@dataclass(frozen=True)
class RestartText:
    """A ``restart`` string split as docker compose splits it: ``on-failure:5`` has ``name``
    ``on-failure`` and ``count`` ``"5"``; ``count`` is None without a colon."""

    name: str
    count: str | None

    @classmethod
    def parse(cls, text: str) -> RestartText:
        name, colon, rest = text.partition(":")
        return cls(name, rest if colon else None)

    @property
    def policy(self) -> str | None:
        """The engine policy the name maps to, None for an unknown name."""
        mapped = COMPOSE_ALIASES.get(self.name, self.name)
        return mapped if mapped in ENGINE_POLICIES else None

    @property
    def retries(self) -> int | None:
        """The count as a number, None when absent or not a number."""
        if self.count is None or not RETRY_COUNT.fullmatch(self.count):
            return None
        return int(self.count)


@dataclass(frozen=True)
class Policy:
    """The restart policy a container gets: the engine ``mode`` (``no``, ``always``,
    ``unless-stopped``, ``on-failure``), the policy ``name`` as written (``any``, ``none``, …),
    the ``retries`` written (None: none written; 0 means unlimited), the value that sets it
    (``where``: the ``restart`` value, the ``condition`` value, or the ``restart_policy`` key
    when ``condition`` is left to its default) and ``setting``, how the file writes it
    (``restart: always``)."""

    mode: str
    name: str
    retries: int | None
    where: Located[Any]
    setting: str
    from_deploy: bool

    @property
    def restarts_forever(self) -> bool:
        """Restarts even after a clean exit."""
        return self.mode in ("always", "unless-stopped")

    @property
    def unbounded(self) -> bool:
        return self.mode != "no" and not self.retries


def restart_value(service: Service) -> Policy | None:
    """The policy ``restart`` asks for, when it is one the engine accepts."""
    located = service.restart
    if located is None or not isinstance(located.value, str) or not located.value:
        return None
    text = RestartText.parse(located.value)
    policy = text.policy
    retries = text.retries
    if policy is None or (text.count is not None and retries is None):
        return None
    if retries is not None and (retries < 0 or (retries and policy != "on-failure")):
        return None
    setting = f"restart: {located.value}"
    return Policy(policy, text.name, retries, located, setting, from_deploy=False)


def deploy_policy(service: Service) -> Policy | None:
    """The policy ``deploy.restart_policy`` asks for, when it is one docker compose accepts."""
    restart_policy = service.deploy.restart_policy if service.deploy is not None else None
    if restart_policy is None:
        return None
    condition = restart_policy.condition
    name = condition.value if condition is not None else "any"
    if not isinstance(name, str):
        return None
    mode = COMPOSE_ALIASES.get(name, name)
    if mode not in ENGINE_POLICIES:
        return None
    key = restart_policy.key
    where: Located[Any] = condition or Located(None, key.anchor, key.path)
    setting = f"deploy.restart_policy.condition: {name}"
    return Policy(mode, name, max_attempts(restart_policy), where, setting, from_deploy=True)


def max_attempts(restart_policy: RestartPolicy) -> int | None:
    """``max_attempts`` when it is an integer."""
    located = restart_policy.max_attempts
    if located is None or isinstance(located.value, bool) or not isinstance(located.value, int):
        return None
    return located.value


def effective_policy(service: Service) -> Policy | None:
    """The policy docker compose applies: ``deploy.restart_policy`` when set, else ``restart``."""
    if service.deploy is not None and service.deploy.restart_policy is not None:
        return deploy_policy(service)
    return restart_value(service)


def has_restart_setting(service: Service) -> bool:
    """Whether the service says anything about restarting (valid or not)."""
    return service.restart is not None or (
        service.deploy is not None and service.deploy.restart_policy is not None
    )
