"""LD501 restart-policy-invalid: a ``restart`` value or ``deploy.restart_policy`` that the engine
(or docker stack deploy) rejects, or that docker compose silently reads as something else."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.restart_policy import (
    COMPOSE_ALIASES,
    ENGINE_POLICIES,
    SWARM_CONDITIONS,
    RestartText,
    max_attempts,
)
from lintdock.facts.service_graph import is_swarm_file, report
from lintdock.model.compose import RestartPolicy, Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context

UNKNOWN_POLICY = (
    "invalid restart policy: unknown policy '{}'; use one of 'no', 'always', 'on-failure', or "
    "'unless-stopped'"
)
COUNT_NOT_ON_FAILURE = (
    "invalid restart policy: maximum retry count can only be used with 'on-failure'"
)
NEGATIVE_COUNT = "invalid restart policy: maximum retry count cannot be negative"
# Conditions docker compose maps to an engine policy although the Compose Specification (and
# docker stack deploy) only allow none, on-failure and any.
CONDITION_SPELLINGS = {"no": "none", "always": "any", "unless-stopped": "any"}


@dataclass(frozen=True)
class Problem:
    message: str
    severity: Severity = Severity.ERROR


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    swarm = is_swarm_file(project.compose)
    for service in project.services:
        yield from _restart_findings(context, service)
        restart_policy = service.deploy.restart_policy if service.deploy is not None else None
        if restart_policy is not None:
            yield from _restart_policy_findings(context, service, restart_policy, swarm)


def _restart_findings(context: Context, service: Service) -> Iterator[Diagnostic]:
    located = service.restart
    if located is None or not isinstance(located.value, str) or not located.value:
        return
    problem = restart_problem(located.value)
    if problem is not None:
        yield report(context, problem.message, service, located, severity=problem.severity)


def restart_problem(value: str) -> Problem | None:
    """What is wrong with a ``restart`` string, the most serious problem first."""
    text = RestartText.parse(value)
    policy = text.policy
    if policy is None:
        return Problem(
            f"restart: {value} {_fails_with(UNKNOWN_POLICY.format(text.name))}"
            + _suggestion(text.name, (*ENGINE_POLICIES, *COMPOSE_ALIASES))
        )
    if text.count is not None:
        problem = _count_problem(value, text, policy)
        if problem is not None:
            return problem
    if text.name in COMPOSE_ALIASES:
        return Problem(
            f"restart: {value} is not a restart policy of the Compose Specification: docker "
            f'compose reads it as "{policy}", but docker run, podman-compose and older Compose '
            f'versions reject it. Write "{policy}"',
            Severity.WARNING,
        )
    return None


def _count_problem(value: str, text: RestartText, policy: str) -> Problem | None:
    retries = text.retries
    if policy != "on-failure":
        if retries:
            return Problem(f"restart: {value} {_fails_with(COUNT_NOT_ON_FAILURE)}")
        return Problem(
            f"restart: {value} has a retry count, which only on-failure takes; docker compose "
            f'ignores "{text.count}". Remove it',
            Severity.WARNING,
        )
    if retries is None:
        return Problem(
            f"restart: {value} has a retry count that is not a number: docker compose silently "
            "reads it as 0, which means retry forever. Write a number, e.g. on-failure:5"
        )
    if retries < 0:
        return Problem(f"restart: {value} {_fails_with(NEGATIVE_COUNT)}")
    return None


def _restart_policy_findings(
    context: Context, service: Service, restart_policy: RestartPolicy, swarm: bool
) -> Iterator[Diagnostic]:
    condition = restart_policy.condition
    name = condition.value if condition is not None else None
    if condition is not None and isinstance(name, str):
        problem = condition_problem(name, swarm)
        if problem is not None:
            yield report(context, problem.message, service, condition, severity=problem.severity)
    attempts = max_attempts(restart_policy)
    if attempts is None or restart_policy.max_attempts is None:
        return
    problem = _attempts_problem(attempts, name, swarm or _written_for_swarm(service))
    if problem is not None:
        yield report(context, problem.message, service, restart_policy.max_attempts)


def _written_for_swarm(service: Service) -> bool:
    """The service's own ``deploy`` sets a key only Swarm acts on (``placement``,
    ``update_config``): its restart policy is written for ``docker stack deploy``, even in a
    file that also holds settings Swarm ignores."""
    return service.deploy is not None and bool(service.deploy.swarm_keys)


def condition_problem(name: str, swarm: bool) -> Problem | None:
    """What is wrong with ``deploy.restart_policy.condition``. A ``restart`` value there
    (``always``) is docker compose's to map to the engine policy of that name, as the author
    meant: only ``docker stack deploy`` rejects it, so only a Swarm file hears of it."""
    if name in SWARM_CONDITIONS:
        return None
    spelling = CONDITION_SPELLINGS.get(name)
    if spelling is None:
        return Problem(
            f"deploy.restart_policy.condition: {name} is not one of none, on-failure, any: "
            f"docker stack deploy rejects it and docker compose up fails with "
            f'"{UNKNOWN_POLICY.format(name)}"' + _suggestion(name, SWARM_CONDITIONS)
        )
    if not swarm:
        return None
    advice = f"Write {spelling}"
    if name == "unless-stopped":
        advice = "Write any (Swarm has no unless-stopped: any restarts the task however it exits)"
    return Problem(
        f"deploy.restart_policy.condition: {name} is not one of none, on-failure, any: "
        f"docker compose accepts it, but docker stack deploy rejects it. {advice}"
    )


def _attempts_problem(attempts: int, condition: object, swarm: bool) -> Problem | None:
    if attempts < 0:
        return Problem(
            f"deploy.restart_policy.max_attempts: {attempts} {_fails_with(NEGATIVE_COUNT)}"
        )
    if swarm or not attempts or not isinstance(condition, str):
        return None
    if COMPOSE_ALIASES.get(condition, condition) in ("no", "always", "unless-stopped"):
        return Problem(
            f"deploy.restart_policy.max_attempts with condition: {condition} "
            f"{_fails_with(COUNT_NOT_ON_FAILURE)} (docker compose turns the policy into restart: "
            f"{COMPOSE_ALIASES.get(condition, condition)} with a retry count; only Swarm takes "
            "max_attempts with any). Use condition: on-failure"
        )
    return None


def _fails_with(engine_error: str) -> str:
    return f'makes docker compose up fail with "{engine_error}"'


def _suggestion(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word.lower().replace("_", "-"), choices, n=1, cutoff=0.6)
    return f". Did you mean {close[0]}?" if close else ""
