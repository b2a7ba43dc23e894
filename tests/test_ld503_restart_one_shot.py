"""LD503 restart-one-shot: one-shot jobs restarted after success."""

from __future__ import annotations

from compose_lint import Found, found, lint

APP_WAITS_FOR_MIGRATE = """\
services:
  app:
    image: example/app:1.0
    depends_on:
      migrate:
        condition: service_completed_successfully
  migrate:
    image: example/app:1.0
    command: ["python", "manage.py", "migrate"]
"""


def test_unless_stopped_on_a_migration_job() -> None:
    compose = APP_WAITS_FOR_MIGRATE + "    restart: unless-stopped\n"
    assert found(compose, "LD503") == [
        Found("LD503", "compose.yaml", (10, 14, 10, 28), "migrate", "warning")
    ]
    [diagnostic] = lint(compose, "LD503")
    assert diagnostic.message.startswith(
        '"migrate" is a one-shot job ("app" waits for it to complete), but restart: '
        "unless-stopped starts it again every time it exits"
    )


def test_restart_policy_any_is_reported_at_its_condition() -> None:
    compose = APP_WAITS_FOR_MIGRATE + "    deploy:\n      restart_policy:\n        condition: any\n"
    assert [(d.span.line, d.span.column) for d in lint(compose, "LD503")] == [(12, 20)]


def test_several_dependants_are_named() -> None:
    compose = APP_WAITS_FOR_MIGRATE + (
        "    restart: always\n  worker:\n    image: example/app:1.0\n    depends_on:\n"
        "      migrate:\n        condition: service_completed_successfully\n"
    )
    [diagnostic] = lint(compose, "LD503")
    assert '("app", "worker" wait for it to complete)' in diagnostic.message


def test_on_failure_and_services_nobody_waits_for_are_fine() -> None:
    assert found(APP_WAITS_FOR_MIGRATE + "    restart: on-failure:3\n", "LD503") == []
    always = "services:\n  app:\n    image: example/app:1.0\n    restart: always\n"
    assert found(always, "LD503") == []


BUILT_UPON = """\
services:
  base:
    build: ./base
    image: example/base:1.0
    restart: unless-stopped
{base_extra}  app:
    build:
      context: ./app
      args:
        BASE_IMAGE: example/base:1.0
    restart: unless-stopped
"""


def test_a_build_base_with_nothing_to_run_is_a_job_and_the_message_says_why() -> None:
    """zabbix's zabbix-build-base: built and tagged for the builds after it."""
    compose = BUILT_UPON.format(base_extra="")
    [diagnostic] = lint(compose, "LD503")
    assert (diagnostic.span.line, diagnostic.span.column) == (5, 14)
    assert diagnostic.message.startswith(
        '"base" is a one-shot job ("app" builds FROM its image), but restart: unless-stopped'
    )


def test_a_server_whose_image_others_build_upon_is_not_a_job() -> None:
    """sentry's web: the other services build on its image, and it serves with a command and
    a health check of its own."""
    extra = '    command: ["run", "web"]\n    healthcheck:\n      test: ["CMD", "true"]\n'
    assert lint(BUILT_UPON.format(base_extra=extra), "LD503") == []
