"""LD406 depends-on-ignored-by-swarm: Swarm files and what does not make one."""

from __future__ import annotations

import pytest
from compose_lint import Found, found, lint


def test_depends_on_in_a_stack_file_once_per_service() -> None:
    compose = """\
        services:
          web:
            image: registry.example.com/web:2.0
            depends_on:
              - api
              - cache
            deploy:
              placement:
                constraints: [node.role == worker]
          api:
            image: registry.example.com/api:1.4
          cache:
            image: redis:7
        """
    assert found(compose, "LD406") == [Found("LD406", "compose.yaml", (5, 9, 5, 12), "web", "info")]
    [diagnostic] = lint(compose, "LD406")
    assert "(it sets deploy.placement)" in diagnostic.message
    assert 'without waiting for "api", "cache"' in diagnostic.message
    assert "must be a list" not in diagnostic.message


@pytest.mark.parametrize(
    ("restart_policy", "reported"),
    [
        ("condition: on-failure", False),  # Swarm restarts it until the dependency is up
        ("condition: any", False),
        ("condition: on-failure\n                max_attempts: 5", True),  # then gives up
        ("condition: none", True),
    ],
)
def test_a_restart_policy_without_bound_is_the_remedy_already(
    restart_policy: str, reported: bool
) -> None:
    compose = f"""\
        services:
          worker:
            image: registry.example.com/worker:2.0
            depends_on: [scheduler]
            deploy:
              placement:
                constraints: [node.role == worker]
              restart_policy:
                {restart_policy}
          scheduler:
            image: registry.example.com/scheduler:2.0
        """
    assert [d.service for d in lint(compose, "LD406")] == (["worker"] if reported else [])


def test_long_form_is_also_rejected_by_older_stack_deploy() -> None:
    compose = """\
        services:
          agent:
            image: registry.example.com/agent:1.0
            deploy:
              mode: global
            depends_on:
              collector:
                condition: service_healthy
          collector:
            image: registry.example.com/collector:1.0
        """
    [diagnostic] = lint(compose, "LD406")
    assert (diagnostic.span.line, diagnostic.span.column) == (7, 7)
    assert '"services.agent.depends_on must be a list"' in diagnostic.message


def test_placement_in_the_override_makes_the_project_a_stack() -> None:
    base = (
        "services:\n  web:\n    image: example/web:2.0\n    depends_on: [api]\n"
        "  api:\n    image: example/api:1\n"
    )
    override = {
        "compose.override.yaml": (
            "services:\n  api:\n    deploy:\n      placement:\n"
            "        constraints: [node.role == worker]\n"
        )
    }
    assert [d.service for d in lint(base, "LD406", override)] == ["web"]


def test_resources_and_restart_policy_alone_are_plain_compose() -> None:
    compose = """\
        services:
          web:
            image: example/web:2.0
            depends_on: [api]
            deploy:
              resources:
                limits:
                  memory: 512M
              restart_policy:
                condition: on-failure
                max_attempts: 3
          api:
            image: example/api:1.4
        """
    assert found(compose, "LD406") == []


def test_deploy_keys_docker_compose_honours_are_plain_compose() -> None:
    """An app platform's template (Dokploy's ERPNext) run with docker compose: an anchor gives
    every service deploy.mode: replicated, some set replicas; depends_on works there."""
    compose = """\
        x-app: &app
          image: example/erp:15
          deploy:
            mode: replicated
            replicas: 1
            restart_policy:
              condition: always
        services:
          backend:
            <<: *app
          queue-default:
            <<: *app
            command: [bench, worker, --queue, default]
            depends_on:
              configurator:
                condition: service_completed_successfully
                required: true
          configurator:
            image: example/erp:15
            command: [bench, set-config]
        """
    assert found(compose, "LD406") == []


def test_global_mode_is_a_stack() -> None:
    compose = """\
        services:
          agent:
            image: example/agent:1.0
            depends_on: [collector]
            deploy:
              mode: global
          collector:
            image: example/collector:1.0
        """
    [diagnostic] = lint(compose, "LD406")
    assert "(it sets deploy.mode)" in diagnostic.message


def test_links_alone_are_not_reported() -> None:
    compose = """\
        services:
          web:
            image: example/web:2.0
            links: [api]
            deploy:
              placement:
                constraints: [node.role == worker]
          api:
            image: example/api:1.4
        """
    assert found(compose, "LD406") == []


PLAIN_WITH_UPDATE_CONFIG = """\
    services:
      app:
        image: example/app:1.0
        {compose_only}
        cap_add: [NET_ADMIN]
        sysctls:
          net.ipv4.ip_forward: 1
        depends_on: [db]
        deploy:
          update_config:
            parallelism: 1
      db:
        image: postgres:16
    """


def test_a_key_swarm_does_not_support_makes_the_file_plain_compose() -> None:
    compose = PLAIN_WITH_UPDATE_CONFIG.format(compose_only="container_name: app")
    assert found(compose, "LD406") == []
    compose = PLAIN_WITH_UPDATE_CONFIG.format(compose_only="network_mode: host")
    assert found(compose, "LD406") == []


def test_swarm_settings_and_keys_swarm_supports_stay_a_stack() -> None:
    compose = PLAIN_WITH_UPDATE_CONFIG.format(compose_only="stop_grace_period: 30s")
    [diagnostic] = lint(compose, "LD406")
    assert "(it sets deploy.update_config)" in diagnostic.message


def test_a_file_named_as_a_stack_is_one_whatever_it_sets() -> None:
    compose = PLAIN_WITH_UPDATE_CONFIG.format(compose_only="container_name: app")
    [diagnostic] = lint(compose, "LD406", path="docker-compose.stack.yml")
    assert "(it is named docker-compose.stack.yml)" in diagnostic.message


@pytest.mark.parametrize(
    "name", ["localstack.yml", "stackstorm.yaml", "haystack-compose.yml", "swarmui.yml"]
)
def test_stack_inside_another_word_does_not_name_a_stack(name: str) -> None:
    # jitsi's rtcstats/localstack/localstack.yml runs LocalStack with docker compose
    compose = "services:\n  setup:\n    image: amazon/aws-cli\n    depends_on: [localstack]\n"
    compose += "  localstack:\n    image: localstack/localstack\n"
    assert lint(compose, "LD406", path=name) == []


@pytest.mark.parametrize(
    "name", ["stack.yml", "docker-stack.yml", "app_stack.yaml", "docker-compose-v3-swarm.yml"]
)
def test_stack_as_a_word_names_a_stack(name: str) -> None:
    compose = "services:\n  app:\n    image: example/app:1\n    depends_on: [db]\n"
    compose += "  db:\n    image: postgres:16\n"
    [diagnostic] = lint(compose, "LD406", path=name)
    assert f"(it is named {name})" in diagnostic.message


RESTARTED_WITH_RESTART = """\
    services:
      db:
        image: postgres:16
        restart: always
      app:
        image: example/app:1.0
        restart: always
        depends_on:
          - db
        {swarm}
    """


def test_a_stack_name_with_compose_restarts_only_is_plain_compose() -> None:
    # a "stack" of services kept up by restart alone, which docker stack deploy ignores
    compose = RESTARTED_WITH_RESTART.format(swarm="")
    assert lint(compose, "LD406", path="stack.yml") == []


def test_a_stack_name_with_a_deploy_section_stays_a_stack() -> None:
    compose = RESTARTED_WITH_RESTART.format(swarm="deploy:\n          replicas: 2")
    [diagnostic] = lint(compose, "LD406", path="stack.yml")
    assert (diagnostic.service, diagnostic.span.line, diagnostic.span.column) == ("app", 9, 9)
    assert "(it is named stack.yml)" in diagnostic.message
