"""LD301-LD305 on the patterns the judged sample of 2026-12-02 found false or noisy, each on a
small project that imitates the real case: exact codes, positions and severities."""

from __future__ import annotations

from ld23_helpers import found, lint

from lintdock.model.diagnostic import Severity

# -- the dependant's own image waits already ------------------------------------------------------

WAITING_IMAGE = {
    "Dockerfile": "FROM ubuntu:24.04\nCOPY run-server.sh /app/run-server.sh\n"
    'ENTRYPOINT ["/app/run-server.sh"]\n',
    # A document server's entrypoint: helpers that poll with nc, called from other helpers.
    "run-server.sh": """\
#!/bin/bash
waiting_for_connection(){
  until nc -z -w 3 "$1" "$2"; do
    >&2 echo "Waiting for $1:$2"
    sleep 1
  done
}
waiting_for_db(){
  waiting_for_connection $DB_HOST $DB_PORT
}
waiting_for_redis(){
  waiting_for_connection ${REDIS_SERVER_HOST} ${REDIS_SERVER_PORT}
}
waiting_for_db
waiting_for_redis
exec /usr/bin/supervisor-free-server
""",
}


DOCUMENT_SERVER = """\
services:
  docs:
    build: .
    restart: always
    environment:
      REDIS_SERVER_HOST: docs-redis
  docs-redis:
    image: redis:7
"""


def test_ld301_a_wait_in_a_function_the_entrypoint_calls_through_another() -> None:
    """`DB_HOST` is not set: that helper's host is unknown, and the check counts for it."""
    assert lint({**WAITING_IMAGE, "compose.yaml": DOCUMENT_SERVER}, "LD301", "LD302") == []


def test_ld102_sees_the_host_the_function_waits_for_through_its_variable() -> None:
    """Every variable the helper is called with is set: the check's hosts are known, so LD102
    knows `docs` waits for `docs-redis` and `docs-db` by itself."""
    compose = (
        DOCUMENT_SERVER.replace("    environment:\n", "    environment:\n      DB_HOST: docs-db\n")
        + "  docs-db:\n    image: postgres:16\n"
    )
    assert lint({**WAITING_IMAGE, "compose.yaml": compose}, "LD102", "LD301") == []


# -- test, development and example files ---------------------------------------------------------

TEST_HARNESS = """\
services:
  app:
    image: example/app:1.0
    entrypoint: ["sh", "-c", "wait-for-it db:5432 -t 30 && exec node server.js"]
    environment:
      DATABASE_URL: postgres://app@db:5432/app
      CACHE_URL: redis://cache:6379/0
  db:
    image: postgres:16
  cache:
    image: redis:7
"""


def test_ld301_in_a_test_file_is_info_and_says_why() -> None:
    diagnostics = lint({"tests/compose.yaml": TEST_HARNESS}, "LD301", "LD302")
    assert found(diagnostics) == [("LD301", "tests/compose.yaml", 7, 7, 7, 16)]
    assert diagnostics[0].severity is Severity.INFO
    assert diagnostics[0].message.endswith("(test file: in a tests/ folder)")


def test_ld301_and_ld302_in_production() -> None:
    diagnostics = lint({"compose.yaml": TEST_HARNESS}, "LD301", "LD302")
    assert found(diagnostics) == [
        ("LD302", "compose.yaml", 2, 3, 2, 6),
        ("LD301", "compose.yaml", 7, 7, 7, 16),
    ]
    assert [d.severity for d in diagnostics] == [Severity.WARNING, Severity.WARNING]


def test_ld301_in_a_lone_example_dockerfile_is_info() -> None:
    dockerfile = 'FROM python:3.12-slim\nENV API_URL=http://api:8080/\nCMD ["python", "app.py"]\n'
    diagnostics = lint({"examples/client/Dockerfile": dockerfile}, "LD301")
    assert found(diagnostics) == [("LD301", "examples/client/Dockerfile", 2, 13, 2, 29)]
    assert diagnostics[0].severity is Severity.INFO


# -- not a start-up dependency ------------------------------------------------------------------

CONFIGURATOR = """\
services:
  configurator:
    image: example/bench:15
    entrypoint: ["bash", "-c"]
    command:
      - >
        ls -1 apps > sites/apps.txt;
        bench set-config -g db_host $$DB_HOST;
        bench set-config -g redis_cache "redis://$$REDIS_CACHE";
    environment:
      DB_HOST: db
      REDIS_CACHE: redis-cache:6379
  db:
    image: mariadb:11
  redis-cache:
    image: redis:7
"""


def test_ld301_a_service_that_only_writes_the_hosts_into_its_configuration() -> None:
    assert lint({"compose.yaml": CONFIGURATOR}, "LD301") == []


def test_ld301_a_service_that_writes_its_configuration_and_then_starts() -> None:
    starts = CONFIGURATOR.replace(
        '"redis://$$REDIS_CACHE";', '"redis://$$REDIS_CACHE";\n        exec bench serve;'
    )
    assert found(lint({"compose.yaml": starts}, "LD301")) == [
        ("LD301", "compose.yaml", 12, 7, 12, 14),
        ("LD301", "compose.yaml", 13, 7, 13, 18),
    ]


def test_ld301_the_upstreams_of_a_proxy_configuration_held_in_a_variable() -> None:
    compose = """\
services:
  proxy:
    image: caddy:2.10-alpine
    restart: unless-stopped
    entrypoint: sh
    command: -c 'printf "%s" "$$CADDYFILE" > /etc/caddy/Caddyfile && exec caddy run'
    environment:
      CADDYFILE: |
        :80 {
            reverse_proxy web:3000
        }
  web:
    image: example/web:1.0
"""
    assert lint({"compose.yaml": compose}, "LD301") == []


def test_a_start_time_download_from_outside_the_project_is_no_check() -> None:
    dockerfile = """\
FROM debian:12-slim
CMD set -xe \\
    && curl -sSL https://core.example.org/getSecret > proxy-secret \\
    && proxy --secret proxy-secret
"""
    assert lint(dockerfile, "LD202", "LD301", "LD303", "LD304") == []


def test_a_download_from_a_service_of_the_project_is_still_a_check() -> None:
    compose = """\
services:
  app:
    build: .
    restart: on-failure
  config.internal:
    image: example/config-server:1
"""
    dockerfile = (
        "FROM debian:12-slim\n"
        "CMD curl -sSL http://config.internal/app.conf > app.conf && exec app\n"
    )
    diagnostics = lint({"compose.yaml": compose, "Dockerfile": dockerfile}, "LD303")
    assert found(diagnostics) == [("LD303", "Dockerfile", 2, 5, 2, 9)]


# -- LD302's premise ------------------------------------------------------------------------------

CHECKING_IMAGE = "FROM debian:12-slim\nCMD wait-for-it db:5432 -t 30 && exec /app/server\n"


def test_ld302_an_overlay_whose_base_file_sets_restart() -> None:
    base = "services:\n  php:\n    build: .\n    restart: unless-stopped\n"
    overlay = "services:\n  php:\n    image: app-php-prod\n    build:\n      context: .\n"
    files = {"compose.yaml": base, "compose.prod.yaml": overlay, "Dockerfile": CHECKING_IMAGE}
    assert lint(files, "LD302") == []


def test_ld302_a_variant_file_whose_base_does_not_define_the_service() -> None:
    base = "services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n"
    variant = "services:\n  php:\n    build: .\n"
    files = {"compose.yaml": base, "compose.prod.yaml": variant, "Dockerfile": CHECKING_IMAGE}
    assert found(lint(files, "LD302")) == [("LD302", "compose.prod.yaml", 2, 3, 2, 6)]


def test_ld302_and_ld303_a_wait_told_to_wait_forever() -> None:
    compose = """\
services:
  app:
    image: example/app:4
    command: ["/usr/bin/wait-for.sh", "-t", "0", "db:3306", "--", "/docker-entrypoint.sh"]
  db:
    image: mariadb:11
"""
    diagnostics = lint({"compose.yaml": compose}, "LD302", "LD303")
    assert found(diagnostics) == [("LD303", "compose.yaml", 4, 39, 4, 43)]
    assert diagnostics[0].severity is Severity.INFO
    assert "as written on purpose" in diagnostics[0].message


def test_ld302_names_a_deploy_restart_policy_that_never_restarts() -> None:
    compose = """\
services:
  setup:
    image: example/app:4
    command: ["sh", "-c", "until nc -z db 5432; do n=$$((n+1)); [ $$n -gt 9 ] && exit 1; done; app"]
    deploy:
      restart_policy:
        condition: none
  db:
    image: postgres:16
"""
    [diagnostic] = lint({"compose.yaml": compose}, "LD302")
    assert found([diagnostic]) == [("LD302", "compose.yaml", 7, 20, 7, 24)]
    assert "has `deploy.restart_policy.condition: none`: when" in diagnostic.message


def test_ld302_an_entrypoint_that_waits_for_its_own_server_on_localhost() -> None:
    files = {
        "compose.yaml": "services:\n  clickhouse:\n    build: .\n",
        "Dockerfile": "FROM debian:12-slim\nCOPY entrypoint.sh /entrypoint.sh\n"
        'ENTRYPOINT ["/entrypoint.sh"]\n',
        "entrypoint.sh": """\
#!/bin/bash
server --daemon &
pid="$!"
if ! wget --spider --quiet --tries=12 --retry-connrefused "http://localhost:$HTTP_PORT/ping"; then
  exit 1
fi
kill "$pid"
exec server
""",
    }
    assert lint(files, "LD302") == []


# -- LD304 and the image's /bin/sh ----------------------------------------------------------------


def test_ld304_by_what_the_image_says_its_sh_is() -> None:
    chain = "CMD dbus-daemon --system && shairplay --apname=Player\n"
    assert lint(f"FROM example/alpine-arm\n{chain}", "LD304") == []
    [bookworm] = lint(f"FROM php:8.3-apache-bookworm\n{chain}", "LD304")
    assert bookworm.severity is Severity.WARNING
    assert "`/bin/sh` is dash here" in bookworm.message
    [unknown] = lint(f"FROM example/base:1\n{chain}", "LD304")
    assert found([unknown]) == [("LD304", "Dockerfile", 2, 29, 2, 38)]
    assert unknown.severity is Severity.INFO


def test_ld304_a_pulled_image_whose_sh_is_unknown_is_left_alone() -> None:
    """Plausible's and Logto's images are Alpine builds: BusyBox sh execs the last command, so
    a compose ``sh -c`` on a pulled image whose ``/bin/sh`` is unknown is not reported."""
    compose = """\
services:
  plausible:
    image: ghcr.io/example/analytics:v2
    command: sh -c "/entrypoint.sh db createdb && /entrypoint.sh run"
    restart: always
  known:
    image: debian:bookworm-slim
    command: sh -c "/entrypoint.sh db createdb && /entrypoint.sh run"
    restart: always
"""
    diagnostics = lint({"compose.yaml": compose}, "LD304")
    assert found(diagnostics) == [("LD304", "compose.yaml", 8, 51, 8, 65)]
    assert diagnostics[0].severity is Severity.WARNING
    assert "The shell runs `entrypoint.sh db` and then `entrypoint.sh`" in diagnostics[0].message


def test_ld304_a_test_run_needs_no_signal() -> None:
    compose = """\
services:
  e2e:
    build: .
    command: sh -c "cypress run && cypress run -b chrome"
"""
    files = {"compose.yaml": compose, "Dockerfile": "FROM debian:12\nCOPY . /e2e\n"}
    assert lint(files, "LD304") == []


MIGRATION_FIRST = """\
services:
  app:
    image: example/notes:stable
    command: ["sh", "-c", "node ./scripts/predeploy && node ./dist/main.js"]
    environment:
      DATABASE_URL: postgres://app@app-postgres:5432/app
    depends_on:
      app-postgres:
        condition: service_healthy
  app-postgres:
    image: postgres:16
"""


def test_ld302_a_migration_before_the_app_once_compose_made_the_database_ready() -> None:
    assert lint({"compose.yaml": MIGRATION_FIRST}, "LD302") == []


def test_ld302_a_migration_before_the_app_with_the_database_only_started() -> None:
    started = MIGRATION_FIRST.replace("condition: service_healthy", "condition: service_started")
    assert found(lint({"compose.yaml": started}, "LD302")) == [
        ("LD302", "compose.yaml", 2, 3, 2, 6)
    ]
