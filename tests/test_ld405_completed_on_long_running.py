"""LD405 completed-on-long-running: what shows a dependency never exits."""

from __future__ import annotations

from textwrap import dedent

from compose_lint import Found, found, lint

WAITER = dedent("""\
    services:
      app:
        image: example/app:1.0
        depends_on:
          job:
            condition: service_completed_successfully
      job:
        image: example/app:1.0
    """)
CONDITION = (6, 20, 6, 50)


def test_published_ports_mean_it_never_exits() -> None:
    compose = WAITER + '    ports:\n      - "5432:5432"\n'
    assert found(compose, "LD405") == [Found("LD405", "compose.yaml", CONDITION, "app", "error")]
    [diagnostic] = lint(compose, "LD405")
    assert '"app" waits for "job" to complete, but "job" publishes ports' in diagnostic.message
    assert "docker compose up waits forever" in diagnostic.message


def test_restart_after_every_exit() -> None:
    for restart in ("always", "unless-stopped"):
        [diagnostic] = lint(WAITER + f"    restart: {restart}\n", "LD405")
        assert f"has restart: {restart} (it is started again after every exit)" in (
            diagnostic.message
        )
    swarm_style = WAITER + "    deploy:\n      restart_policy:\n        condition: any\n"
    assert len(lint(swarm_style, "LD405")) == 1


def test_compose_healthcheck_and_ports_are_named_together() -> None:
    compose = WAITER + (
        '    healthcheck:\n      test: ["CMD", "/check"]\n    ports:\n      - "80:80"\n'
    )
    [diagnostic] = lint(compose, "LD405")
    assert '"job" has a healthcheck and publishes ports:' in diagnostic.message


def test_a_real_one_shot_job_is_fine() -> None:
    compose = WAITER + '    restart: on-failure:3\n    command: ["alembic", "upgrade", "head"]\n'
    assert found(compose, "LD405") == []


def test_image_healthcheck_alone_is_no_evidence() -> None:
    compose = WAITER.removesuffix("    image: example/app:1.0\n") + "    build: .\n"
    files = {"Dockerfile": 'FROM python:3.12-slim\nHEALTHCHECK CMD ["python", "-m", "check"]\n'}
    assert found(compose, "LD405", files) == []
