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
