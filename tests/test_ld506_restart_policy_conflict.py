"""LD506 restart-policy-conflict: what "disagree" means (rules.md), and the Swarm-only keys."""

from __future__ import annotations

import pytest
from compose_lint import Found, found, lint


def both(restart: str, policy: str) -> str:
    return (
        "services:\n  api:\n    image: example/api:1.4\n"
        f"    restart: {restart}\n    deploy:\n      restart_policy:\n{policy}"
    )


def test_always_against_on_failure() -> None:
    compose = both("always", "        condition: on-failure\n        max_attempts: 3\n")
    assert found(compose, "LD506") == [
        Found("LD506", "compose.yaml", (4, 14, 4, 20), "api", "warning")
    ]
    [diagnostic] = lint(compose, "LD506")
    assert diagnostic.message.startswith(
        "restart: always disagrees with deploy.restart_policy.condition: on-failure "
        "(max_attempts: 3): docker compose and docker stack deploy apply deploy.restart_policy"
    )


def test_different_retry_counts_and_swarm_only_keys() -> None:
    compose = both(
        "on-failure:10",
        "        condition: on-failure\n        max_attempts: 3\n        delay: 10s\n",
    )
    [diagnostic] = lint(compose, "LD506")
    assert diagnostic.message.endswith("; docker compose also ignores its delay (Swarm only)")
    swarm = compose + "      placement:\n        constraints: [node.role == worker]\n"
    [diagnostic] = lint(swarm, "LD506")
    assert "delay" not in diagnostic.message


@pytest.mark.parametrize(
    ("restart", "policy"),
    [
        ("on-failure", "        condition: on-failure\n        max_attempts: 5\n"),
        ("unless-stopped", "        condition: any\n"),
        ("always", "        delay: 5s\n"),
        ('"no"', "        condition: none\n"),
        ("sometimes", "        condition: on-failure\n"),
    ],
)
def test_agreeing_or_invalid_pairs(restart: str, policy: str) -> None:
    assert found(both(restart, policy), "LD506") == []


def test_no_against_the_default_condition() -> None:
    [diagnostic] = lint(both('"no"', "        delay: 5s\n"), "LD506")
    assert "restart: no disagrees with deploy.restart_policy.condition: any" in diagnostic.message
