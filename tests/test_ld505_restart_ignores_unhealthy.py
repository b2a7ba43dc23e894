"""LD505 restart-ignores-unhealthy: off by default; a health check and a restart policy outside
Swarm."""

from __future__ import annotations

from compose_lint import Found, found, lint

from lintdock.engine import lint_texts
from lintdock.rules import registry

API = (
    "services:\n  api:\n    image: example/api:1.4\n"
    '    healthcheck:\n      test: ["CMD", "/check"]\n'
)


def test_off_by_default() -> None:
    rule = registry().get("LD505")
    assert rule is not None and not rule.enabled_by_default
    diagnostics = lint_texts({"compose.yaml": API + "    restart: always\n"})
    assert "LD505" not in {d.code for d in diagnostics}


def test_health_check_and_restart_policy_without_orchestrator() -> None:
    compose = API + "    restart: always\n"
    assert found(compose, "LD505") == [
        Found("LD505", "compose.yaml", (6, 14, 6, 20), "api", "info")
    ]
    [diagnostic] = lint(compose, "LD505")
    assert "never because it is unhealthy (moby#28400)" in diagnostic.message


def test_health_check_from_the_image() -> None:
    compose = "services:\n  api:\n    build: .\n    restart: on-failure:5\n"
    files = {"Dockerfile": 'FROM example/runtime:1\nHEALTHCHECK CMD ["/check"]\nCMD ["/api"]\n'}
    [diagnostic] = lint(compose, "LD505", files)
    assert diagnostic.message.startswith('"api" has a HEALTHCHECK in its image and restart:')


def test_swarm_no_restart_or_no_health_check_are_fine() -> None:
    placement = "      placement:\n        constraints: [node.role == worker]\n"
    swarm = API + "    deploy:\n" + placement + "      restart_policy:\n        condition: any\n"
    no_restart = API + '    restart: "no"\n'
    no_health = "services:\n  worker:\n    image: example/worker:1.0\n    restart: always\n"
    for compose in (swarm, no_restart, no_health):
        assert found(compose, "LD505") == []


def test_a_container_that_restarts_unhealthy_ones_acts_on_the_checks() -> None:
    compose = API + "    restart: always\n"
    healers = [
        "  autoheal:\n    image: willfarrell/autoheal:1.2.0\n",
        "  watchdog-mailcow:\n    image: ghcr.io/mailcow/watchdog:2.11\n",
        "  healer:\n    image: qmcgaw/deunhealth:v0.3.0\n",
    ]
    for healer in healers:
        assert found(compose + healer, "LD505") == []
    bystander = "  worker:\n    image: example/worker:1.0\n"
    assert len(found(compose + bystander, "LD505")) == 1


def test_once_per_project_naming_the_other_services() -> None:
    web = '  web:\n    image: example/web:1\n    healthcheck:\n      test: ["CMD", "/check"]\n'
    compose = API + "    restart: always\n" + web + "    restart: unless-stopped\n"
    [diagnostic] = lint(compose, "LD505")
    assert diagnostic.service == "api"
    assert 'and restart: always (as do "web"), but Docker restarts' in diagnostic.message


def test_a_health_check_that_gates_a_dependant_is_deliberate() -> None:
    """db's check exists so that api starts once db is healthy: not reported for db; api, whose
    check nothing waits for, still is."""
    compose = """\
services:
  db:
    image: postgres:16
    restart: unless-stopped
    healthcheck:
      test: ["CMD", "pg_isready"]
  api:
    image: example/api:1.4
    restart: always
    healthcheck:
      test: ["CMD", "/check"]
    depends_on:
      db:
        condition: service_healthy
"""
    assert found(compose, "LD505") == [
        Found("LD505", "compose.yaml", (9, 14, 9, 20), "api", "info")
    ]
    [diagnostic] = lint(compose, "LD505")
    assert "as do" not in diagnostic.message


def test_a_pulled_database_decides_for_itself_when_to_exit() -> None:
    """big-bear's redis, frappe's mariadb: the advice to let the app exit is its publisher's."""
    compose = (
        "services:\n  cache:\n    image: redis:7.4\n    restart: always\n"
        '    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n'
    )
    assert found(compose, "LD505") == []
    edge = compose.replace("redis:7.4", "mcr.microsoft.com/azure-sql-edge:1.0.4")
    assert found(edge, "LD505") == []  # awesome-compose's aspnet-mssql
    built = compose.replace("image: redis:7.4", "build: ./redis")
    assert len(found(built, "LD505", {"redis/Dockerfile": "FROM redis:7.4\n"})) == 1
