"""LD504 missing-restart-policy: long-running evidence, and every exemption (one-shot jobs,
LD302's start-up checks, an explicit "no", Swarm files)."""

from __future__ import annotations

from compose_lint import Found, found, lint


def test_published_ports_without_restart_policy() -> None:
    compose = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n'
    assert found(compose, "LD504") == [Found("LD504", "compose.yaml", (2, 3, 2, 6), "web", "info")]
    [diagnostic] = lint(compose, "LD504")
    assert diagnostic.message.startswith(
        '"web" keeps running (it publishes ports) but has no restart policy'
    )


def test_evidence_reads_as_a_list() -> None:
    compose = """\
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
            healthcheck:
              test: ["CMD", "true"]
          proxy:
            image: example/proxy:1.0
            restart: unless-stopped
            depends_on: [web]
        """
    [diagnostic] = lint(compose, "LD504")
    assert diagnostic.message.startswith(
        '"web" keeps running (it publishes ports, it has a health check and "proxy" needs it)'
    )


def test_a_database_other_services_need() -> None:
    compose = """\
        services:
          app:
            image: example/app:1.0
            restart: unless-stopped
            environment:
              DATABASE_URL: postgres://app:secret@db:5432/app
          worker:
            image: example/app:1.0
            restart: unless-stopped
            depends_on: [db]
          db:
            image: postgres:16
        """
    [diagnostic] = lint(compose, "LD504")
    assert diagnostic.service == "db"
    assert '("app", "worker" need it)' in diagnostic.message


def test_health_check_in_compose_or_in_the_image() -> None:
    compose = """\
        services:
          api:
            build: .
          cache:
            image: redis:7
            healthcheck:
              test: ["CMD", "redis-cli", "ping"]
        """
    files = {"Dockerfile": 'FROM example/runtime:1\nHEALTHCHECK CMD ["/check"]\nCMD ["/api"]\n'}
    assert [(d.service, d.span.line) for d in lint(compose, "LD504", files)] == [
        ("api", 2),
        ("cache", 4),
    ]


def test_any_restart_setting_or_an_explicit_no_is_a_choice() -> None:
    for setting in (
        '    restart: "no"\n',
        "    restart: unless-stopped\n",
        "    restart: sometimes\n",
        "    deploy:\n      restart_policy:\n        condition: on-failure\n",
    ):
        compose = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n'
        assert found(compose + setting, "LD504") == []


def test_one_shot_jobs_and_services_that_serve_nothing() -> None:
    compose = """\
        services:
          app:
            image: example/app:1.0
            restart: unless-stopped
            depends_on:
              migrate:
                condition: service_completed_successfully
          migrate:
            image: example/app:1.0
            command: ["alembic", "upgrade", "head"]
          backup:
            image: example/backup:1.0
        """
    assert found(compose, "LD504") == []


def test_a_start_up_check_without_restart_is_left_to_ld302() -> None:
    compose = """\
        services:
          web:
            image: example/web:2.0
            command: ["sh", "-c", "wait-for-it api:8080 -t 60 && exec web-server"]
            ports:
              - "80:80"
          api:
            image: example/api:1.4
            restart: on-failure:5
        """
    assert found(compose, "LD504") == []


def test_swarm_files_restart_by_default() -> None:
    compose = (
        'services:\n  web:\n    image: example/web:2.0\n    ports:\n      - "80:80"\n'
        "    deploy:\n      placement:\n        constraints: [node.role == worker]\n"
    )
    assert found(compose, "LD504") == []


def test_test_runners_and_jobs_that_publish_ports_are_not_long_running() -> None:
    """nextcloud AIO and full-stack-fastapi's playwright services publish a port and exit."""
    compose = """\
        services:
          playwright:
            image: mcr.microsoft.com/playwright:v1.47.0
            command: ["npx", "playwright", "test"]
            ports:
              - "9323:9323"
          e2e:
            image: cypress/included:13.6.0
            entrypoint: ["sh", "-c", "npm ci && npx cypress run"]
            ports:
              - "8080:8080"
          web:
            image: example/web:2.0
            command: ["node", "server.js"]
            ports:
              - "80:80"
        """
    assert [f.service for f in found(compose, "LD504")] == ["web"]


def test_a_test_runner_image_without_a_start_command_runs_once() -> None:
    compose = """\
        services:
          playwright:
            build:
              context: .
              dockerfile: Dockerfile.playwright
            ports:
              - "9323:9323"
        """
    dockerfile = "FROM mcr.microsoft.com/playwright:v1.47.0-noble\nCOPY . /app\n"
    files = {"Dockerfile.playwright": dockerfile}
    assert found(compose, "LD504", files) == []
