"""LD502 restart-unbounded: on-failure without a limit, deploy.restart_policy without
max_attempts, and the on-failure:N autofix."""

from __future__ import annotations

import pytest
from compose_lint import Found, fixed, found, lint


def service_with(lines: str) -> str:
    return "services:\n  web:\n    image: example/web:2.0\n" + lines


def test_on_failure_without_a_limit_is_fixed_in_place() -> None:
    compose = service_with("    restart: on-failure  # retry\n")
    assert found(compose, "LD502") == [
        Found("LD502", "compose.yaml", (4, 14, 4, 24), "web", "info")
    ]
    [diagnostic] = lint(compose, "LD502")
    assert diagnostic.message.startswith("restart: on-failure retries forever:")
    assert fixed(compose, "LD502") == service_with("    restart: on-failure:5  # retry\n")


@pytest.mark.parametrize(
    ("value", "result"),
    [('"on-failure"', '"on-failure:5"'), ("'on-failure:0'", "'on-failure:5'")],
)
def test_fix_keeps_the_quotes(value: str, result: str) -> None:
    compose = service_with(f"    restart: {value}\n")
    assert fixed(compose, "LD502") == service_with(f"    restart: {result}\n")


def test_zero_means_no_limit() -> None:
    [diagnostic] = lint(service_with("    restart: on-failure:0\n"), "LD502")
    assert "(0 means no limit)" in diagnostic.message


def test_max_retries_option() -> None:
    compose = service_with("    restart: on-failure\n")
    [diagnostic] = lint(compose, "LD502", options={"max-retries": 3})
    assert "restart: on-failure:3" in diagnostic.message
    assert diagnostic.fix is not None
    assert [edit.replacement for edit in diagnostic.fix.edits] == ["on-failure:3"]


def test_interpolated_value_has_no_fix() -> None:
    [diagnostic] = lint(service_with("    restart: ${RESTART:-on-failure}\n"), "LD502")
    assert diagnostic.fix is None


@pytest.mark.parametrize("value", ["on-failure:5", "always", "unless-stopped", '"no"', "sometimes"])
def test_bounded_or_intentional_policies(value: str) -> None:
    assert found(service_with(f"    restart: {value}\n"), "LD502") == []


def test_restart_policy_without_max_attempts() -> None:
    compose = service_with(
        "    deploy:\n      restart_policy:\n        condition: on-failure\n        delay: 5s\n"
    )
    assert found(compose, "LD502") == [
        Found("LD502", "compose.yaml", (6, 20, 6, 30), "web", "info")
    ]
    [diagnostic] = lint(compose, "LD502")
    assert "with no max_attempts" in diagnostic.message
    assert diagnostic.fix is None


def test_restart_policy_with_zero_attempts_means_no_limit() -> None:
    zero = service_with(
        "    deploy:\n      restart_policy:\n        condition: on-failure\n"
        "        max_attempts: 0\n"
    )
    assert found(zero, "LD502") == [Found("LD502", "compose.yaml", (7, 23, 7, 24), "web", "info")]
    [diagnostic] = lint(zero, "LD502")
    assert diagnostic.message.endswith("Set max_attempts: 5")


@pytest.mark.parametrize(
    "policy",
    [
        "      restart_policy:\n        condition: any\n",
        "      restart_policy:\n        condition: any\n        max_attempts: 0\n",
        "      restart_policy:\n        delay: 5s\n",  # any is the default
    ],
)
def test_swarm_any_is_unbounded_by_intent_like_always(policy: str) -> None:
    """A Swarm stack's redis under condition: any is meant to keep running, as restart:
    always is: not a crash loop to cap."""
    compose = service_with("    deploy:\n      update_config:\n        parallelism: 1\n" + policy)
    assert found(compose, "LD502") == []


def test_condition_spelled_as_a_restart_value_is_left_to_ld501() -> None:
    compose = service_with("    deploy:\n      restart_policy:\n        condition: always\n")
    assert found(compose, "LD502") == []


def test_restart_is_ignored_when_a_restart_policy_is_set() -> None:
    compose = service_with(
        "    restart: on-failure\n    deploy:\n      restart_policy:\n"
        "        condition: on-failure\n        max_attempts: 3\n"
    )
    assert found(compose, "LD502") == []


def test_anchor_is_reported_once_naming_the_services_with_one_fix() -> None:
    compose = """\
        x-restart: &restart
          restart: on-failure
        services:
          a:
            <<: *restart
            image: example/a:1
          b:
            <<: *restart
            image: example/b:1
        """
    assert [(d.span.line, d.service) for d in lint(compose, "LD502")] == [(2, "a")]  # and "b"
    assert "  restart: on-failure:5\n" in fixed(compose, "LD502")


@pytest.mark.parametrize(
    "job",
    [
        # Kong's migration jobs: retried until the database answers, done once they succeed
        "  migrate:\n    image: kong:3\n    command: kong migrations bootstrap\n",
        "  migrate:\n    build: .\n    command: [python, manage.py, migrate]\n",
        # a job another service waits to complete
        "  seed:\n    image: example/seed:1\n",
    ],
)
def test_a_job_retried_until_it_succeeds_is_not_reported(job: str) -> None:
    compose = (
        "services:\n  web:\n    image: example/web:2.0\n    restart: unless-stopped\n"
        "    depends_on:\n      seed:\n        condition: service_completed_successfully\n"
        + job
        + "    restart: on-failure\n"
    )
    files = {"Dockerfile": 'FROM python:3.12\nCMD ["python", "app.py"]\n'}
    assert found(compose, "LD502", files) == []
