"""LD404 depends-on-start-order-only: what serves requests, what counts as waiting, severities,
and the autofix to the long form in every layout (block, flow, map entry, anchors, comments)."""

from __future__ import annotations

from textwrap import dedent

import pytest
from compose_lint import Found, fixed, found, lint

APP_DOCKERFILE = {"Dockerfile": 'FROM python:3.12-slim\nCMD ["python", "main.py"]\n'}
API_WITH_HEALTHCHECK = (
    '  api:\n    image: example/api:1.4\n    healthcheck:\n      test: ["CMD", "/healthcheck"]\n'
    "  log-shipper:\n    image: example/log-shipper:2.1\n"
)


def test_short_form_on_a_database() -> None:
    compose = """\
        services:
          app:
            build: .
            depends_on:
              - db
          db:
            image: postgres:16
        """
    assert found(compose, "LD404", APP_DOCKERFILE) == [
        Found("LD404", "compose.yaml", (5, 9, 5, 11), "app", "warning")
    ]
    [diagnostic] = lint(compose, "LD404", APP_DOCKERFILE)
    assert "depends_on without a condition orders start-up" in diagnostic.message
    assert "(it runs postgres)" in diagnostic.message
    assert 'use condition: service_healthy with a healthcheck on "db"' in diagnostic.message
    assert diagnostic.fix is None


RESTARTED_BACKEND = """\
    services:
      backend:
        build: .
        restart: always
        depends_on:
          - mongo
      mongo:
        image: mongo:7
    """


def test_a_dependant_that_restarts_loses_the_race_for_a_restart_only() -> None:
    # awesome-compose's backend: its code retries, which lintdock cannot see, but its restart
    # policy it can: a crash on the first connection costs a restart, not an outage
    assert found(RESTARTED_BACKEND, "LD404", APP_DOCKERFILE) == [
        Found("LD404", "compose.yaml", (6, 9, 6, 14), "backend", "info")
    ]
    [diagnostic] = lint(RESTARTED_BACKEND, "LD404", APP_DOCKERFILE)
    assert diagnostic.message.endswith(
        "(`restart: always` brings it back if it exits on a failed first connection: a lost "
        "race costs a restart, not an outage)"
    )
    never = RESTARTED_BACKEND.replace("restart: always", 'restart: "no"')
    assert found(never, "LD404", APP_DOCKERFILE) == [
        Found("LD404", "compose.yaml", (6, 9, 6, 14), "backend", "warning")
    ]


def test_a_one_shot_job_that_restarts_on_failure_runs_again() -> None:
    restarted = MIGRATION.replace(
        '["alembic", "upgrade", "head"]',
        '["alembic", "upgrade", "head"]\n        deploy:\n          restart_policy:\n'
        "            condition: on-failure",
    )
    assert [(f.service, f.severity) for f in found(restarted, "LD404")] == [("migrate", "info")]
    [diagnostic] = lint(restarted, "LD404")
    assert "`deploy.restart_policy.condition: on-failure` brings it back" in diagnostic.message
    assert "fails for good" not in diagnostic.message


UNSEEN = {"report-unknown-dependants": True}
PULLED_APP = """\
    services:
      app:
        image: example/app:1.0
        depends_on:
          - db
      db:
        image: mariadb:11
    """


def test_a_dependant_whose_start_is_not_visible_is_left_out() -> None:
    # a pulled image runs its own ENTRYPOINT, which may wait by itself (most server images do)
    assert found(PULLED_APP, "LD404") == []


def test_report_unknown_dependants_reports_them_as_info() -> None:
    assert found(PULLED_APP, "LD404", options=UNSEEN) == [
        Found("LD404", "compose.yaml", (5, 9, 5, 11), "app", "info")
    ]
    [diagnostic] = lint(PULLED_APP, "LD404", options=UNSEEN)
    assert diagnostic.message.endswith(
        "(lintdock cannot see everything it runs at start: it may wait by itself)"
    )


def test_a_command_for_a_pulled_images_entrypoint_is_not_visible() -> None:
    compose = """\
        services:
          worker:
            image: ghcr.io/example/server:2024.8
            command: worker
            depends_on:
              - db
          db:
            image: postgres:16
        """
    assert found(compose, "LD404") == []
    assert found(compose, "LD404", options=UNSEEN) == [
        Found("LD404", "compose.yaml", (6, 9, 6, 11), "worker", "info")
    ]


def test_a_dockerfile_without_a_start_command_is_not_visible() -> None:
    compose = """\
        services:
          app:
            build: .
            depends_on: [db]
          db:
            image: postgres:16
        """
    files = {"Dockerfile": "FROM example/base:1\nCOPY . /app\n"}
    assert found(compose, "LD404", files) == []
    assert found(compose, "LD404", files, UNSEEN) == [
        Found("LD404", "compose.yaml", (4, 18, 4, 20), "app", "info")
    ]


MIGRATION = """\
    services:
      app:
        image: example/app:1.0
        entrypoint: ["python", "-m", "app"]
        depends_on:
          migrate:
            condition: service_completed_successfully
      migrate:
        image: example/app:1.0
        entrypoint: ["alembic", "upgrade", "head"]
        depends_on:
          - db
      db:
        image: postgres:16
        healthcheck:
          test: ["CMD-SHELL", "pg_isready -U postgres"]
    """


def test_a_one_shot_job_keeps_the_warning_and_says_why() -> None:
    assert found(MIGRATION, "LD404") == [
        Found("LD404", "compose.yaml", (12, 9, 12, 11), "migrate", "warning")
    ]
    [diagnostic] = lint(MIGRATION, "LD404")
    assert diagnostic.message.endswith(
        '("migrate" is a one-shot job, since a service waits for it to complete: started '
        'before "db" is ready, it fails for good instead of retrying)'
    )
    assert diagnostic.fix is not None and diagnostic.fix.safe
    assert "      db:\n        condition: service_healthy\n  db:\n" in fixed(MIGRATION, "LD404")


def test_a_one_shot_job_is_reported_even_when_its_start_is_not_visible() -> None:
    compose = """\
        services:
          app:
            image: example/app:1.0
            entrypoint: ["python", "-m", "app"]
            depends_on:
              buckets:
                condition: service_completed_successfully
          buckets:
            image: minio/mc:latest
            command: ["mb", "--ignore-existing", "local/uploads"]
            depends_on: [minio]
          minio:
            image: minio/minio:latest
            ports: ["9000:9000"]
        """
    assert found(compose, "LD404") == [
        Found("LD404", "compose.yaml", (11, 18, 11, 23), "buckets", "warning")
    ]
    [diagnostic] = lint(compose, "LD404")
    assert diagnostic.message.endswith(
        'started before "minio" is ready, it fails for good unless what it runs at start '
        "waits, which lintdock cannot see)"
    )


def test_a_one_shot_job_keeps_the_warning_in_a_test_harness() -> None:
    [diagnostic] = lint(MIGRATION, "LD404", path="tests/compose.yaml")
    assert (diagnostic.path, diagnostic.span.line, diagnostic.span.column) == (
        "tests/compose.yaml",
        12,
        9,
    )
    assert diagnostic.severity is not None and diagnostic.severity.label == "warning"
    assert "(a test harness" not in diagnostic.message


def test_outside_production_an_unseen_start_is_info_with_both_notes() -> None:
    [diagnostic] = lint(PULLED_APP, "LD404", options=UNSEEN, path="compose.dev.yaml")
    assert (diagnostic.span.line, diagnostic.span.column) == (5, 9)
    assert diagnostic.severity is not None and diagnostic.severity.label == "info"
    assert diagnostic.message.endswith(
        "(lintdock cannot see everything it runs at start: it may wait by itself; a "
        "development environment, where someone restarts it by hand: `dev` in its name)"
    )


def test_a_start_up_check_for_the_dependency_is_enough() -> None:
    compose = """\
        services:
          app:
            image: example/app:1.0
            command: ["sh", "-c", "wait-for-it db:5432 -t 60 && exec python -m app"]
            depends_on:
              - db
          db:
            image: postgres:16
        """
    assert found(compose, "LD404") == []


def test_a_retry_loop_in_a_folded_shell_string_waits() -> None:
    # The commands of a folded ``sh -c`` string share the string's position: the loop is still
    # recognised as running before the last command, by the order of the commands.
    compose = """\
        services:
          bucket-init:
            image: example/object-client:2.0
            entrypoint: >
              sh -c "
              until objcli login http://store:9000; do sleep 1; done;
              objcli create store/uploads
              "
            depends_on:
              - store
          migrate:
            image: example/migrate:1.0
            entrypoint: >
              sh -c "while ! pg_isready -h db; do sleep 1; done; migrate up"
            depends_on: [db, store]
          store:
            image: minio/minio:RELEASE.2024-01-01T00-00-00Z
          db:
            image: postgres:16
        """
    assert found(compose, "LD404") == [
        Found("LD404", "compose.yaml", (15, 22, 15, 27), "migrate", "warning")
    ]


def test_an_entrypoint_script_that_polls_until_a_probe_succeeds_waits() -> None:
    compose = """\
        services:
          server:
            build: .
            environment:
              DB_HOST: db
            depends_on: [db, cache]
          db:
            image: postgres:16
          cache:
            image: redis:7
        """
    script = (
        "#!/bin/bash\nwhile true; do\n"
        '  psql --host "$DB_HOST" --list && break\n  sleep 5\ndone\nexec "$@"\n'
    )
    files = {
        "Dockerfile": 'FROM debian:12\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n'
        'CMD ["server"]\n',
        "entrypoint.sh": script,
    }
    assert found(compose, "LD404", files) == [
        Found("LD404", "compose.yaml", (6, 22, 6, 27), "server", "warning")
    ]


def test_a_cron_job_reaches_its_dependencies_when_a_job_is_due() -> None:
    compose = """\
        services:
          web:
            image: example/app:1.0
            entrypoint: ["python", "-m", "app"]
            depends_on: [db]
          purge:
            image: example/app:1.0
            entrypoint: ["/usr/local/bin/supercronic", "/etc/crontab"]
            depends_on: [db]
          report:
            image: example/app:1.0
            entrypoint: ["/usr/local/bin/schedule"]
            command: '"30 2 * * * app report --mail"'
            depends_on: [db]
          db:
            image: postgres:16
        """
    assert found(compose, "LD404") == [
        Found("LD404", "compose.yaml", (5, 18, 5, 20), "web", "warning")
    ]


def test_a_check_for_another_host_does_not_cover_this_dependency() -> None:
    compose = """\
        services:
          app:
            image: example/app:1.0
            entrypoint: ["sh", "-c", "wait-for-it cache:6379 -t 30 && exec python -m app"]
            depends_on:
              - db
              - cache
          db:
            image: postgres:16
          cache:
            image: redis:7
        """
    assert found(compose, "LD404") == [
        Found("LD404", "compose.yaml", (6, 9, 6, 11), "app", "warning")
    ]


def test_dependencies_that_serve_nothing_or_run_once_are_not_reported() -> None:
    compose = """\
        services:
          app:
            image: example/app:1.0
            entrypoint: ["python", "-m", "app"]
            depends_on:
              log-shipper:
                condition: service_started
              migrate:
                condition: service_completed_successfully
            links:
              - db
          worker:
            image: example/app:1.0
            entrypoint: ["python", "-m", "worker"]
            depends_on: [migrate]
          log-shipper:
            image: example/log-shipper:2.1
          migrate:
            image: example/app:1.0
            command: ["alembic", "upgrade", "head"]
            ports:
              - "9000:9000"
          db:
            image: postgres:16
        """
    assert found(compose, "LD404") == []


def test_server_images_option_replaces_the_list() -> None:
    compose = """\
        services:
          app:
            image: example/app:1.0
            entrypoint: ["python", "-m", "app"]
            depends_on: [directory, db]
          directory:
            image: example/ldap:1
          db:
            image: postgres:16
        """
    diagnostics = lint(compose, "LD404", options={"server-images": ["ldap"]})
    assert [(d.span.column, d.service) for d in diagnostics] == [(18, "app")]


def test_image_expose_and_healthcheck_are_evidence() -> None:
    compose = """\
        services:
          web:
            image: example/web:2.0
            entrypoint: ["node", "server.js"]
            depends_on: [api]
          api:
            build: ./api
        """
    dockerfile = 'FROM example/runtime:1\nEXPOSE 8080\nHEALTHCHECK CMD ["/check"]\n'
    [diagnostic] = lint(compose, "LD404", {"api/Dockerfile": dockerfile})
    assert "(its image has a HEALTHCHECK and its image EXPOSEs ports)" in diagnostic.message


def test_evidence_reads_as_a_list() -> None:
    compose = """\
        services:
          app:
            image: example/app:1.0
            entrypoint: ["python", "-m", "app"]
            depends_on: [db]
          db:
            image: postgres:16
            ports: ["5432:5432"]
            healthcheck:
              test: ["CMD", "pg_isready"]
        """
    [diagnostic] = lint(compose, "LD404")
    assert "(it has a healthcheck, it publishes ports and it runs postgres)" in diagnostic.message
    assert diagnostic.fix is not None and diagnostic.fix.safe


def test_fix_rewrites_a_block_list_as_a_map() -> None:
    compose = (
        dedent("""\
        services:
          web:
            image: example/web:2.0
            entrypoint: ["node", "server.js"]
            depends_on:
              - api
              - log-shipper
        """)
        + API_WITH_HEALTHCHECK
    )
    result = fixed(compose, "LD404")
    assert result.startswith(
        dedent("""\
        services:
          web:
            image: example/web:2.0
            entrypoint: ["node", "server.js"]
            depends_on:
              api:
                condition: service_healthy
              log-shipper:
                condition: service_started
          api:
        """)
    )
    assert found(result, "LD404") == []


def test_fix_indents_a_list_written_at_the_key_column() -> None:
    compose = (
        dedent("""\
        services:
          web:
            image: example/web:2.0
            entrypoint: ["node", "server.js"]
            depends_on:
            - api
        """)
        + API_WITH_HEALTHCHECK
    )
    assert "    depends_on:\n      api:\n        condition: service_healthy\n  api:\n" in fixed(
        compose, "LD404"
    )


def test_fix_rewrites_a_flow_list_as_a_flow_map() -> None:
    compose = (
        dedent("""\
        services:
          web:
            image: example/web:2.0
            entrypoint: ["node", "server.js"]
            depends_on: [api, log-shipper]  # start order
        """)
        + API_WITH_HEALTHCHECK
    )
    assert (
        "    depends_on: {api: {condition: service_healthy}, log-shipper: "
        "{condition: service_started}}  # start order\n"
    ) in fixed(compose, "LD404")


def test_fix_replaces_an_explicit_service_started() -> None:
    compose = (
        dedent("""\
        services:
          web:
            image: example/web:2.0
            entrypoint: ["node", "server.js"]
            depends_on:
              api:
                condition: "service_started"
                restart: true
        """)
        + API_WITH_HEALTHCHECK
    )
    [diagnostic] = lint(compose, "LD404")
    assert "condition: service_started orders start-up" in diagnostic.message
    assert '        condition: "service_healthy"\n        restart: true\n' in fixed(
        compose, "LD404"
    )


def test_fix_is_unsafe_when_a_comment_would_be_lost() -> None:
    compose = (
        dedent("""\
        services:
          web:
            image: example/web:2.0
            entrypoint: ["node", "server.js"]
            depends_on:
              - api  # the API
              - log-shipper
        """)
        + API_WITH_HEALTHCHECK
    )
    assert fixed(compose, "LD404") == dedent(compose)
    assert "      api:\n        condition: service_healthy\n" in fixed(
        compose, "LD404", unsafe=True
    )


def test_fix_is_unsafe_in_an_anchor_shared_by_services() -> None:
    compose = (
        dedent("""\
        x-waits: &waits
          - api
        services:
          web:
            image: example/web:2.0
            entrypoint: ["node", "server.js"]
            depends_on: *waits
          admin:
            image: example/admin:2.0
            entrypoint: ["node", "admin.js"]
            depends_on: *waits
        """)
        + API_WITH_HEALTHCHECK
    )
    diagnostics = lint(compose, "LD404")
    assert [(d.span.line, d.service) for d in diagnostics] == [(2, "web")]  # naming "admin"
    assert all(d.fix is not None and not d.fix.safe for d in diagnostics)


def test_no_fix_for_a_list_merged_from_an_override() -> None:
    base = (
        dedent("""\
        services:
          web:
            image: example/web:2.0
            entrypoint: ["node", "server.js"]
            depends_on:
              - log-shipper
        """)
        + API_WITH_HEALTHCHECK
    )
    override = {"compose.override.yaml": "services:\n  web:\n    depends_on:\n      - api\n"}
    [diagnostic] = lint(base, "LD404", override)
    assert diagnostic.path == "compose.override.yaml"
    assert diagnostic.fix is None


def test_a_built_images_own_name_does_not_make_it_a_server() -> None:
    # zabbix's zabbix-build-mysql builds the packages other images start FROM: it runs no MySQL
    compose = """\
        services:
          server:
            image: example/server:1
            entrypoint: [zabbix_server]
            depends_on: [zabbix-build-mysql, db]
          zabbix-build-mysql:
            build: ./build-mysql
            image: zabbix-build-mysql:7.2
          db:
            build: ./db
            image: example-db:1
        """
    files = {
        "build-mysql/Dockerfile": "FROM ${BUILD_BASE_IMAGE} AS builder\nRUN make\n",
        "db/Dockerfile": "FROM mysql:8.4\nCOPY init.sql /docker-entrypoint-initdb.d/\n",
    }
    [finding] = lint(compose, "LD404", files)
    assert (finding.span.line, finding.span.column) == (5, 38)
    assert '"db" serves requests (it runs mysql)' in finding.message


IDLE_DEVCONTAINER = """\
    services:
      dev:
        build: .
        depends_on:
          - broker
        command: {command}
      broker:
        image: redis:7
    """


@pytest.mark.parametrize(
    "command",
    [
        "sleep infinity",
        '["tail", "-f", "/dev/null"]',
        '/bin/sh -c "chown -R app:app /src/static && while sleep 1000; do :; done"',
        'sh -c "mkdir -p /data; while true; do sleep 3600; done"',
    ],
)
def test_a_dependant_kept_idle_connects_to_nothing_at_start(command: str) -> None:
    """paperless-ngx's devcontainer: chown, then a sleep loop for ``docker exec``."""
    compose = IDLE_DEVCONTAINER.format(command=command)
    assert found(compose, "LD404", APP_DOCKERFILE) == []


@pytest.mark.parametrize(
    "command",
    [
        'sh -c "python main.py; sleep infinity"',
        'sh -c "while true; do python poll.py; sleep 60; done"',
        "python main.py",
    ],
)
def test_a_dependant_that_runs_something_before_idling_is_still_reported(command: str) -> None:
    compose = IDLE_DEVCONTAINER.format(command=command)
    assert found(compose, "LD404", APP_DOCKERFILE) == [
        Found("LD404", "compose.yaml", (5, 9, 5, 15), "dev", "warning")
    ]


MIGRATING_DEPENDANT = """\
    services:
      web:
        build: .
        command: sh -c "{command} && gunicorn app:app"
        depends_on:
          - db
      db:
        image: postgres:16
    """


def test_a_migration_chained_before_the_app_is_no_wait() -> None:
    """A migration fails, rather than waits, when the database is not up yet."""
    compose = MIGRATING_DEPENDANT.format(command="python manage.py migrate")
    assert found(compose, "LD404", APP_DOCKERFILE) == [
        Found("LD404", "compose.yaml", (6, 9, 6, 11), "web", "warning")
    ]


@pytest.mark.parametrize(
    "command", ["python manage.py wait_for_db", "pg_isready", "/usr/local/bin/check-deps"]
)
def test_a_chained_command_that_probes_or_says_it_waits_counts(command: str) -> None:
    assert found(MIGRATING_DEPENDANT.format(command=command), "LD404", APP_DOCKERFILE) == []
