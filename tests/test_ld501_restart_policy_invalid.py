"""LD501 restart-policy-invalid: restart values as the engine validates them, the Compose-only
aliases, deploy.restart_policy conditions and max_attempts, with Compose's own wording."""

from __future__ import annotations

import pytest
from compose_lint import Found, found, lint

SWARM_PLACEMENT = "      placement:\n        constraints: [node.role == worker]\n"
"""A deploy key only Swarm acts on: it makes the file a Swarm file."""


def service_with(lines: str) -> str:
    return "services:\n  web:\n    image: example/web:2.0\n" + lines


def test_unknown_policy_quotes_the_engine_and_suggests_a_name() -> None:
    compose = service_with("    restart: on_failure\n")
    assert found(compose, "LD501") == [
        Found("LD501", "compose.yaml", (4, 14, 4, 24), "web", "error")
    ]
    [diagnostic] = lint(compose, "LD501")
    assert diagnostic.message == (
        'restart: on_failure makes docker compose up fail with "invalid restart policy: unknown '
        "policy 'on_failure'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'\". "
        "Did you mean on-failure?"
    )


@pytest.mark.parametrize(
    ("value", "severity", "words"),
    [
        ("always:3", "error", "maximum retry count can only be used with 'on-failure'"),
        ("unless-stopped:2", "error", "maximum retry count can only be used with 'on-failure'"),
        ("always:0", "warning", 'docker compose ignores "0"'),
        ("on-failure:-1", "error", "maximum retry count cannot be negative"),
        ("on-failure:five", "error", "silently reads it as 0, which means retry forever"),
        ("'on-failure:'", "error", "silently reads it as 0, which means retry forever"),
        ("none", "warning", 'docker compose reads it as "no"'),
        ("any", "warning", 'docker compose reads it as "always"'),
        ("Always", "error", "Did you mean always?"),
    ],
)
def test_restart_values(value: str, severity: str, words: str) -> None:
    [diagnostic] = lint(service_with(f"    restart: {value}\n"), "LD501")
    assert diagnostic.severity is not None and diagnostic.severity.label == severity
    assert words in diagnostic.message
    assert (diagnostic.span.line, diagnostic.span.column, diagnostic.span.end_column) == (
        4,
        14,
        14 + len(value),
    )


@pytest.mark.parametrize(
    "value", ["no", '"no"', "always", "unless-stopped", "on-failure", "on-failure:5", "5", "''"]
)
def test_valid_or_schema_only_values_are_not_reported(value: str) -> None:
    assert found(service_with(f"    restart: {value}\n"), "LD501") == []


def test_interpolated_value_is_checked_after_interpolation() -> None:
    compose = service_with("    restart: ${RESTART:-sometimes}\n")
    [diagnostic] = lint(compose, "LD501")
    assert "unknown policy 'sometimes'" in diagnostic.message


def test_restart_policy_condition_spelled_as_a_restart_value() -> None:
    """Dokploy's ERPNext template: condition: always in a file docker compose runs, which maps
    it to restart: always as meant; only a Swarm deploy fails, so only a Swarm file hears it."""
    compose = service_with("    deploy:\n      restart_policy:\n        condition: always\n")
    assert found(compose, "LD501") == []
    swarm = compose + SWARM_PLACEMENT
    assert found(swarm, "LD501") == [Found("LD501", "compose.yaml", (6, 20, 6, 26), "web", "error")]
    [diagnostic] = lint(swarm, "LD501")
    assert diagnostic.message == (
        "deploy.restart_policy.condition: always is not one of none, on-failure, any: docker "
        "compose accepts it, but docker stack deploy rejects it. Write any"
    )


def test_replicas_and_mode_replicated_keep_a_file_plain_compose() -> None:
    deploy = "    deploy:\n      mode: replicated\n      replicas: 2\n"
    compose = service_with(deploy + "      restart_policy:\n        condition: always\n")
    assert lint(compose, "LD501") == []


def test_unless_stopped_condition_in_a_swarm_file_is_any() -> None:
    policy = "    deploy:\n      restart_policy:\n        condition: unless-stopped\n"
    assert lint(service_with(policy), "LD501") == []
    [diagnostic] = lint(service_with(policy) + SWARM_PLACEMENT, "LD501")
    assert "Write any (Swarm has no unless-stopped" in diagnostic.message


def test_unknown_restart_policy_condition() -> None:
    compose = service_with("    deploy:\n      restart_policy:\n        condition: on_failure\n")
    [diagnostic] = lint(compose, "LD501")
    assert diagnostic.message.startswith(
        "deploy.restart_policy.condition: on_failure is not one of none, on-failure, any"
    )
    assert diagnostic.message.endswith("Did you mean on-failure?")


def test_max_attempts_with_any_under_plain_compose() -> None:
    compose = service_with(
        "    deploy:\n      restart_policy:\n        condition: any\n        max_attempts: 3\n"
    )
    assert found(compose, "LD501") == [
        Found("LD501", "compose.yaml", (7, 23, 7, 24), "web", "error")
    ]
    [diagnostic] = lint(compose, "LD501")
    assert "maximum retry count can only be used with 'on-failure'" in diagnostic.message
    assert "Use condition: on-failure" in diagnostic.message


def test_max_attempts_with_any_is_fine_in_a_swarm_file_and_with_on_failure() -> None:
    swarm = service_with(
        "    deploy:\n" + SWARM_PLACEMENT + "      restart_policy:\n        condition: any\n"
        "        max_attempts: 3\n"
    )
    plain = service_with(
        "    deploy:\n      restart_policy:\n        condition: on-failure\n"
        "        max_attempts: 3\n"
    )
    assert found(swarm, "LD501") == []
    assert found(plain, "LD501") == []


def test_negative_max_attempts() -> None:
    compose = service_with(
        "    deploy:\n      restart_policy:\n        condition: on-failure\n"
        "        max_attempts: -1\n"
    )
    [diagnostic] = lint(compose, "LD501")
    assert "maximum retry count cannot be negative" in diagnostic.message


def test_value_from_an_anchor_is_reported_once_naming_the_services() -> None:
    compose = """\
        x-restart: &restart
          restart: sometimes
        services:
          a:
            <<: *restart
            image: example/a:1
          b:
            <<: *restart
            image: example/b:1
        """
    assert found(compose, "LD501") == [
        Found("LD501", "compose.yaml", (2, 12, 2, 21), "a", "error"),  # naming "b" too
    ]


def test_max_attempts_with_any_in_a_service_written_for_swarm_in_a_mixed_file() -> None:
    """privileged: true keeps the file from counting as a Swarm file, but the service's own
    placement says its deploy block is meant for docker stack deploy, which takes any with
    max_attempts."""
    mixed = service_with(
        "    deploy:\n" + SWARM_PLACEMENT + "      restart_policy:\n        condition: any\n"
        "        max_attempts: 3\n"
        "  tools:\n    image: example/tools:1.0\n    privileged: true\n"
    )
    assert found(mixed, "LD501") == []


def test_max_attempts_with_any_in_a_mixed_file_without_swarm_keys_is_an_error() -> None:
    mixed = service_with(
        "    deploy:\n      restart_policy:\n        condition: any\n        max_attempts: 3\n"
        "  tools:\n    image: example/tools:1.0\n    deploy:\n"
        + SWARM_PLACEMENT
        + "    privileged: true\n"
    )
    assert found(mixed, "LD501") == [Found("LD501", "compose.yaml", (7, 23, 7, 24), "web", "error")]
