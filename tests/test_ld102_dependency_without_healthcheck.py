"""LD102 dependency-without-healthcheck: depends_on and inferred needs, built and pulled
dependencies, and the cases other rules own (one-shots, LD403, LD112, LD103)."""

from __future__ import annotations

import pytest
from ld1_helpers import Hit, hits, run

CODE = "LD102"


API_NEEDS_DB = """\
services:
  api:
    image: example/api:1.0
    depends_on: [db]
  db:
    image: postgres:16
"""


def test_pulled_dependency_is_info_at_its_name() -> None:
    compose = API_NEEDS_DB.replace("postgres:16", "bitnami/postgresql:16")
    assert hits({"compose.yaml": compose}, CODE) == [Hit("compose.yaml", 5, 3, 5, 5, "info", "db")]
    [finding] = run({"compose.yaml": compose}, CODE)
    assert (
        "it is unknown whether its pulled image bitnami/postgresql:16 defines one: if it has "
        in (finding.message)
    )  # the image may have one (axllent/mailpit does): the message does not say it cannot
    assert finding.message.endswith("Give it a healthcheck in compose to be sure")


@pytest.mark.parametrize(
    "image", ["postgres:16", "docker.io/library/redis:7", "mariadb", "node:26", "nats:2.10"]
)
def test_an_official_image_known_to_have_no_healthcheck_is_a_warning(image: str) -> None:
    compose = API_NEEDS_DB.replace("postgres:16", image)
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 5, 3, 5, 5, "warning", "db")
    ]
    [finding] = run({"compose.yaml": compose}, CODE)
    assert "(a Docker Official Image) defines none" in finding.message


def test_a_test_harness_says_it_at_info_with_its_role() -> None:
    files = {"tests/compose.yaml": API_NEEDS_DB}
    assert hits(files, CODE) == [Hit("tests/compose.yaml", 5, 3, 5, 5, "info", "db")]
    [finding] = run(files, CODE)
    assert finding.message.endswith("(test file: in a tests/ folder)")


def test_another_official_image_is_not_called_unknown() -> None:
    compose = API_NEEDS_DB.replace("postgres:16", "sonarqube:10")
    assert hits({"compose.yaml": compose}, CODE) == [Hit("compose.yaml", 5, 3, 5, 5, "info", "db")]
    [finding] = run({"compose.yaml": compose}, CODE)
    assert "unknown" not in finding.message
    assert (
        "sonarqube:10 has no namespace: a Docker Official Image, which as a rule define none, "
        "unless it is built locally under that name"
    ) in finding.message


def test_built_dependency_without_healthcheck_is_a_warning() -> None:
    compose = """\
        services:
          web:
            image: example/web:1.0
            depends_on:
              api:
                condition: service_started
          api:
            build: ./api
        """
    files = {"compose.yaml": compose, "api/Dockerfile": 'FROM node:20\nCMD ["node", "s.js"]\n'}
    assert hits(files, CODE) == [Hit("compose.yaml", 7, 3, 7, 6, "warning", "api")]
    [finding] = run(files, CODE)
    assert '"api" is needed by "web" (depends_on)' in finding.message


def test_inferred_need_from_the_environment() -> None:
    compose = """\
        services:
          worker:
            image: example/worker:1.0
            environment:
              BROKER_URL: amqp://guest:guest@rabbit:5672/
          rabbit:
            image: rabbitmq:3.13
        """
    [finding] = run({"compose.yaml": compose}, CODE)
    assert (finding.span.line, finding.service) == (6, "rabbit")
    assert '"worker" (BROKER_URL)' in finding.message


def test_image_healthcheck_of_a_built_dependency_counts() -> None:
    compose = "services:\n  web:\n    image: w\n    depends_on: [api]\n  api:\n    build: .\n"
    dockerfile = 'FROM node:20\nHEALTHCHECK CMD ["node", "h.js"]\nCMD ["node", "s.js"]\n'
    assert hits({"compose.yaml": compose, "Dockerfile": dockerfile}, CODE) == []


def test_compose_healthcheck_counts() -> None:
    compose = API_NEEDS_DB + '    healthcheck:\n      test: ["CMD", "pg_isready"]\n'
    assert hits({"compose.yaml": compose}, CODE) == []


def test_waiting_for_healthy_is_ld403s_finding() -> None:
    compose = """\
        services:
          api:
            image: example/api:1.0
            depends_on:
              db:
                condition: service_healthy
          db:
            image: postgres:16
        """
    assert hits({"compose.yaml": compose}, CODE) == []


def test_one_shot_dependency_is_exempt() -> None:
    compose = """\
        services:
          api:
            image: example/api:1.0
            depends_on:
              migrate:
                condition: service_completed_successfully
          migrate:
            image: example/migrate:1.0
        """
    assert hits({"compose.yaml": compose}, CODE) == []


def test_test_less_block_is_ld112s_and_disabled_is_ld103s() -> None:
    compose = """\
        services:
          api:
            image: example/api:1.0
            depends_on: [db, cache]
          db:
            image: postgres:16
            healthcheck:
              interval: 10s
          cache:
            image: redis:7
            healthcheck:
              disable: true
        """
    assert hits({"compose.yaml": compose}, CODE) == []


def test_links_alone_are_no_dependency_here() -> None:
    compose = "services:\n  api:\n    image: a\n    links: [db]\n  db:\n    image: postgres:16\n"
    assert hits({"compose.yaml": compose}, CODE) == []


def test_a_dependant_whose_entrypoint_waits_for_it_already_waits() -> None:
    """zabbix's server image loops on its database in docker-entrypoint.sh."""
    files = {
        "compose.yaml": (
            "services:\n  server:\n    build: .\n    depends_on: [db]\n"
            "  web:\n    image: example/web:1.0\n    depends_on: [db]\n"
            "  db:\n    image: postgres:16\n"
        ),
        "Dockerfile": (
            "FROM debian:12-slim\nCOPY docker-entrypoint.sh /usr/bin/\n"
            'ENTRYPOINT ["/usr/bin/docker-entrypoint.sh"]\nCMD ["server"]\n'
        ),
        "docker-entrypoint.sh": (
            '#!/bin/sh\nuntil pg_isready -h db -p 5432; do sleep 1; done\nexec "$@"\n'
        ),
    }
    [finding] = run(files, CODE)
    assert '"web" (depends_on)' in finding.message
    assert '"server"' not in finding.message
    files["compose.yaml"] = files["compose.yaml"].replace(
        "  web:\n    image: example/web:1.0\n    depends_on: [db]\n", ""
    )
    assert run(files, CODE) == []


ZABBIX_STYLE_ENTRYPOINT = """\
#!/bin/bash
check_variables() {
    : ${DB_SERVER_HOST:="db"}
    : ${DB_SERVER_PORT:="5432"}
}
check_db_connect() {
    while true :
    do
        psql --host ${DB_SERVER_HOST} --port ${DB_SERVER_PORT} --username ${DB_USER} \\
            --list --quiet 1>/dev/null 2>&1 && break
        sleep 5
    done
}
check_variables
check_db_connect
exec "$@"
"""


def test_a_wait_on_a_host_the_script_defaults_counts_where_compose_leaves_it_unset() -> None:
    """zabbix's server-pgsql entrypoint: ``: ${DB_SERVER_HOST:="postgres-server"}``, then a
    loop on ``psql --host ${DB_SERVER_HOST} --port ... --username ${DB_USER}`` (the host is
    the ``--host`` value alone); the compose file sets no DB_SERVER_HOST."""
    files = {
        "compose.yaml": (
            "services:\n  server:\n    build: .\n    depends_on: [db]\n"
            "  db:\n    image: postgres:16\n"
        ),
        "Dockerfile": (
            "FROM debian:12-slim\nCOPY docker-entrypoint.sh /usr/bin/\n"
            'ENTRYPOINT ["/usr/bin/docker-entrypoint.sh"]\nCMD ["server"]\n'
        ),
        "docker-entrypoint.sh": ZABBIX_STYLE_ENTRYPOINT,
    }
    assert run(files, CODE) == []
    elsewhere = files["compose.yaml"].replace(
        "depends_on: [db]\n", "depends_on: [db]\n    environment: {DB_SERVER_HOST: other}\n"
    )
    assert hits({**files, "compose.yaml": elsewhere}, CODE) == [
        Hit("compose.yaml", 6, 3, 6, 5, "warning", "db")
    ]
    # the script's own default names another host: without it the host would be unknown and
    # the wait would count for db
    other = ZABBIX_STYLE_ENTRYPOINT.replace(':="db"', ':="other-db"')
    assert hits({**files, "docker-entrypoint.sh": other}, CODE) == [
        Hit("compose.yaml", 5, 3, 5, 5, "warning", "db")
    ]


def test_a_dependant_kept_idle_needs_no_healthcheck_to_wait_for() -> None:
    """A devcontainer that only sleeps (``docker exec`` runs the work later) connects to nothing
    at start; another dependant that runs a program still needs one."""
    compose = API_NEEDS_DB.replace(
        "    depends_on: [db]\n", "    depends_on: [db]\n    command: sleep infinity\n"
    )
    assert hits({"compose.yaml": compose}, CODE) == []
    busy = compose.replace("command: sleep infinity", 'command: sh -c "migrate && sleep infinity"')
    assert hits({"compose.yaml": busy}, CODE) == [Hit("compose.yaml", 6, 3, 6, 5, "warning", "db")]
