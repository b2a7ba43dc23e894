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


def test_ld301_a_wait_in_a_function_the_entrypoint_calls_through_another() -> None:
    compose = """\
services:
  docs:
    build: .
    restart: always
    environment:
      - REDIS_SERVER_HOST=docs-redis
      - REDIS_SERVER_PORT=6379
  docs-redis:
    image: redis:7
"""
    assert lint({**WAITING_IMAGE, "compose.yaml": compose}, "LD301", "LD302") == []


def test_ld102_sees_the_host_the_function_waits_for_through_its_variable() -> None:
    """Every variable the helper is called with is set: the check's hosts are known, so LD102
    knows `docs` waits for `docs-redis` and `docs-db` by itself."""
    compose = """\
services:
  docs:
    build: .
    restart: always
    environment:
      DB_HOST: docs-db
      REDIS_SERVER_HOST: docs-redis
  docs-redis:
    image: redis:7
  docs-db:
    image: postgres:16
"""
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
