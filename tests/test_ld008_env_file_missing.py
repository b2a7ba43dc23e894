"""LD008 env-file-missing: a required env_file that does not exist is compose's refusal; beside
a template of it (``.env.example``, ``.env.dist``) it is a setup step each checkout has done,
told as an info, and so it is in a file that declares itself an example."""

from __future__ import annotations

from textwrap import dedent

import pytest

from lintdock.engine import lint_texts
from lintdock.model.span import Span

COMPOSE = "services:\n  app:\n    image: example/app:1\n    env_file: .env\n"


def test_a_missing_env_file_is_an_error_at_its_entry() -> None:
    [finding] = lint_texts({"compose.yaml": COMPOSE}, select=["LD008"])
    assert (finding.span, finding.severity and finding.severity.label) == (
        Span(4, 15, 4, 19),
        "error",
    )
    assert finding.message.startswith("env file .env not found: docker compose refuses to start")


@pytest.mark.parametrize("template", [".env.example", ".env.dist", "example.env", "env.example"])
def test_beside_a_template_it_is_a_setup_step_told_as_an_info(template: str) -> None:
    files = {"compose.yaml": COMPOSE, template: "DB_PASSWORD=\n"}
    [finding] = lint_texts(files, select=["LD008"])
    assert (finding.span, finding.severity and finding.severity.label) == (
        Span(4, 15, 4, 19),
        "info",
    )
    assert finding.message == (
        f"env file .env not found: copy {template} to .env and fill it in, a setup step the "
        'repository asks of each user; until then docker compose refuses to start "app"'
    )


def test_a_file_several_services_read_is_told_once_naming_them() -> None:
    # firefly-iii's docker-compose.yml: app and cron both read .env, db reads .db.env
    compose = """\
        services:
          app:
            image: fireflyiii/core:latest
            env_file: .env
          db:
            image: mariadb:lts
            env_file: .db.env
          cron:
            image: alpine
            env_file: .env
        """
    found = lint_texts({"docker-compose.yml": dedent(compose)}, select=["LD008"])
    assert [(d.span, d.severity and d.severity.label, d.message) for d in found] == [
        (
            Span(4, 15, 4, 19),
            "error",
            'env file .env not found: docker compose refuses to start "app" and "cron". Create '
            "it, or mark it optional with the long syntax (`- path: ...` and `required: false`)",
        ),
        (
            Span(7, 15, 7, 22),
            "error",
            'env file .db.env not found: docker compose refuses to start "db". Create it, or '
            "mark it optional with the long syntax (`- path: ...` and `required: false`)",
        ),
    ]


CLUSTER = """\
    x-common: &common
      image: memcached:1.6.5-alpine
      env_file:
        - ./scripts/cli/timezone.env
    services:
      memcached-1: *common
      memcached-2: *common
      redis_up:
        image: redis:7
        env_file:
          - ./.env.example
          - ./.env
          - ./cluster.env
    """


def test_a_file_written_for_a_project_directory_above_its_own() -> None:
    # lnmp's scripts/cluster/*.yml, run as docker compose --project-directory=$PWD -f ...:
    # their paths resolve from the repository root, where the scripts run them
    files = {
        "scripts/cluster/docker-cluster.redis.yml": dedent(CLUSTER),
        "scripts/cli/timezone.env": "TZ=Asia/Shanghai\n",
        ".env.example": "LNMP_DOMAIN=\n",
    }
    found = lint_texts(files, select=["LD008"])
    assert [(d.span, d.severity and d.severity.label, d.message) for d in found] == [
        (
            Span(4, 7, 4, 33),
            "info",
            "env file scripts/cluster/scripts/cli/timezone.env not found, but "
            "scripts/cli/timezone.env is: the file is written for the project directory . "
            "(docker compose --project-directory . -f scripts/cluster/docker-cluster.redis.yml); "
            'from its own directory docker compose refuses to start "memcached-1" and '
            '"memcached-2"',
        ),
        (
            Span(11, 9, 11, 23),
            "info",
            "env file scripts/cluster/.env.example not found, but .env.example is: the file is "
            "written for the project directory . (docker compose --project-directory . -f "
            "scripts/cluster/docker-cluster.redis.yml); from its own directory docker compose "
            'refuses to start "redis_up"',
        ),
        (
            Span(12, 9, 12, 15),
            "info",
            "env file scripts/cluster/.env not found: copy .env.example to .env (from the "
            "project directory . it is written for) and fill it in, a setup step the "
            'repository asks of each user; until then docker compose refuses to start "redis_up"',
        ),
        (
            Span(13, 9, 13, 22),
            "error",
            "env file scripts/cluster/cluster.env not found: docker compose refuses to start "
            '"redis_up". Create it, or mark it optional with the long syntax (`- path: ...` and '
            "`required: false`)",
        ),
    ]


def test_without_a_path_found_above_the_files_own_directory_is_its_project_directory() -> None:
    files = {"scripts/cluster/docker-cluster.redis.yml": dedent(CLUSTER)}
    found = lint_texts(files, select=["LD008"])
    assert [(d.span.line, d.severity and d.severity.label) for d in found] == [
        (4, "error"),
        (11, "error"),
        (12, "error"),
        (13, "error"),
    ]


def test_an_existing_env_file_is_fine() -> None:
    assert lint_texts({"compose.yaml": COMPOSE, ".env": "A=1\n"}, select=["LD008"]) == []


def test_a_file_outside_the_root_is_not_known_to_be_missing() -> None:
    # umbrel's ${APP_DATA_DIR}/settings.env with the variable unset: /settings.env, not read
    compose = "services:\n  app:\n    image: example/app:1\n    env_file: /settings.env\n"
    assert lint_texts({"compose.yaml": compose}, select=["LD008"]) == []
    [unread] = lint_texts({"compose.yaml": compose}, select=["LD005"])
    assert unread.span == Span(4, 15, 4, 28)


def test_a_path_made_of_a_platform_variable_is_the_environments_to_say() -> None:
    # an app store's ${APP_DATA_DIR}: where the file is depends on the platform that sets it
    compose = (
        "services:\n  app:\n    image: example/app:1\n"
        "    env_file:\n      - ${APP_DATA_DIR}/settings.env\n      - ${CONF}app.env\n"
    )
    found = lint_texts({"compose.yaml": compose}, select=["LD005", "LD008"])
    assert [(d.code, d.span, d.severity and d.severity.label) for d in found] == [
        ("LD005", Span(5, 9, 5, 37), "info"),
        ("LD008", Span(6, 9, 6, 23), "info"),
    ]
    assert found[0].message == (
        "env_file `/settings.env` of service `app` is not read: its path reads APP_DATA_DIR, "
        "which .env does not set, so where it is depends on the environment that sets it"
    )
    assert found[1].message.startswith(
        "env file app.env not found: its path reads CONF, which .env does not set"
    )


def test_portainers_stack_env_is_written_by_portainer() -> None:
    compose = COMPOSE.replace(".env", "stack.env")
    [finding] = lint_texts({"docker/compose/docker-compose.portainer.yml": compose})
    assert (finding.code, finding.span, finding.severity and finding.severity.label) == (
        "LD008",
        Span(4, 15, 4, 24),
        "info",
    )
    assert "Portainer writes a stack's environment variables to stack.env" in finding.message


def test_in_a_catalogue_the_platform_writes_an_apps_env_file() -> None:
    # Dokploy's blueprints/<app>/docker-compose.yml reads the .env Dokploy writes at install
    files = {f"blueprints/{app}/docker-compose.yml": COMPOSE for app in "abcde"}
    assert lint_texts(files, select=["LD008"]) == []
    [outside] = lint_texts({**files, "compose.yaml": COMPOSE}, select=["LD008"])
    assert (outside.path, outside.span) == ("compose.yaml", Span(4, 15, 4, 19))


def test_a_bare_name_found_above_does_not_tell_where_the_file_runs() -> None:
    # the root's own .env says nothing of where app/compose.yaml is run from
    files = {"app/compose.yaml": COMPOSE, ".env": "A=1\n"}
    [finding] = lint_texts(files, select=["LD008"])
    assert (finding.span, finding.severity and finding.severity.label) == (
        Span(4, 15, 4, 19),
        "error",
    )


EXAMPLE_HEADER = "\n#\n# Don't use this compose file\n# This file is a Example ONLY\n#\n"


def test_in_a_file_whose_header_says_it_is_an_example_it_is_an_info() -> None:
    # lnmp's scripts/docker-example.yml: nobody runs it, so nobody needs its .env
    files = {"scripts/stack.yml": EXAMPLE_HEADER + COMPOSE}
    [finding] = lint_texts(files, select=["LD008"])
    assert (finding.span, finding.severity and finding.severity.label) == (
        Span(9, 15, 9, 19),
        "info",
    )
    assert finding.message.endswith(
        '; the file is an example (its header says "Don\'t use this compose file")'
    )


def test_a_comment_below_the_first_key_does_not_make_an_example() -> None:
    compose = COMPOSE.replace("  app:\n", "  # not for production use\n  app:\n")
    [finding] = lint_texts({"compose.yaml": compose}, select=["LD008"])
    assert (finding.span.line, finding.severity and finding.severity.label) == (5, "error")
