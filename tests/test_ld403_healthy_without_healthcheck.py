"""LD403 healthy-without-healthcheck: the project view (compose healthcheck, the Dockerfile's
HEALTHCHECK through stages and targets), pulled images, disabled checks, required: false."""

from __future__ import annotations

from compose_lint import Found, found, lint

WAITS_FOR_DB = """\
    services:
      api:
        image: example/api:1.4
        depends_on:
          db:
            condition: service_healthy
      db:
        build: ./db
    """
CONDITION = (6, 20, 6, 35)


def test_built_dependency_without_any_health_check_is_an_error() -> None:
    files = {"db/Dockerfile": "FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n"}
    assert found(WAITS_FOR_DB, "LD403", files) == [
        Found("LD403", "compose.yaml", CONDITION, "api", "error")
    ]
    [diagnostic] = lint(WAITS_FOR_DB, "LD403", files)
    assert "container … has no healthcheck configured" in diagnostic.message
    assert "its Dockerfile has no HEALTHCHECK" in diagnostic.message


def test_a_base_image_that_may_define_a_healthcheck_is_a_warning() -> None:
    files = {"db/Dockerfile": "FROM example/db:3\nCOPY schema.sql /init/\n"}
    assert found(WAITS_FOR_DB, "LD403", files) == [
        Found("LD403", "compose.yaml", CONDITION, "api", "warning")
    ]
    [diagnostic] = lint(WAITS_FOR_DB, "LD403", files)
    assert 'its Dockerfile has no HEALTHCHECK, but its base image "example/db:3" may' in (
        diagnostic.message
    )
    assert "if it has none, docker compose up fails" in diagnostic.message


def test_dockerfile_healthcheck_satisfies_the_condition() -> None:
    files = {"db/Dockerfile": "FROM postgres:16\nHEALTHCHECK CMD pg_isready -U postgres\n"}
    assert found(WAITS_FOR_DB, "LD403", files) == []


def test_healthcheck_inherited_from_an_earlier_stage_counts() -> None:
    dockerfile = """\
        FROM postgres:16 AS base
        HEALTHCHECK CMD pg_isready -U postgres

        FROM base
        COPY init.sql /docker-entrypoint-initdb.d/
        """
    assert found(WAITS_FOR_DB, "LD403", {"db/Dockerfile": dockerfile}) == []


def test_targeted_stage_without_the_healthcheck_is_an_error() -> None:
    compose = """\
        services:
          api:
            image: example/api:1.4
            depends_on:
              db:
                condition: service_healthy
          db:
            build:
              context: ./db
              target: plain
        """
    dockerfile = """\
        FROM postgres:16 AS plain
        COPY init.sql /docker-entrypoint-initdb.d/

        FROM plain AS checked
        HEALTHCHECK CMD pg_isready -U postgres
        """
    assert found(compose, "LD403", {"db/Dockerfile": dockerfile}) == [
        Found("LD403", "compose.yaml", CONDITION, "api", "error")
    ]


def test_health_check_disabled_in_compose() -> None:
    compose = """\
        services:
          web:
            image: example/web:2.0
            depends_on:
              cache:
                condition: service_healthy
          cache:
            image: redis:7
            healthcheck:
              disable: true
        """
    [diagnostic] = lint(compose, "LD403")
    assert diagnostic.severity is not None and diagnostic.severity.label == "error"
    assert '"cache"\'s health check is disabled in compose' in diagnostic.message


def test_timings_without_test_count_as_none_in_compose() -> None:
    compose = """\
        services:
          api:
            image: example/api:1.4
            depends_on:
              db:
                condition: service_healthy
          db:
            build: ./db
            healthcheck:
              interval: 5s
        """
    files = {"db/Dockerfile": "FROM postgres:16\n"}
    [diagnostic] = lint(compose, "LD403", files)
    assert "its compose healthcheck sets no test" in diagnostic.message


def test_pulled_image_without_compose_healthcheck_is_a_warning() -> None:
    compose = """\
        services:
          web:
            image: example/web:2.0
            depends_on:
              queue:
                condition: service_healthy
          queue:
            image: example/queue:3.13
        """
    assert found(compose, "LD403") == [
        Found("LD403", "compose.yaml", (6, 20, 6, 35), "web", "warning")
    ]
    [diagnostic] = lint(compose, "LD403")
    assert 'runs the pulled image "example/queue:3.13"' in diagnostic.message
    assert "which may or may not define a HEALTHCHECK: if it has none" in diagnostic.message


def test_a_docker_official_image_is_known_to_define_no_healthcheck() -> None:
    compose = """\
        services:
          web:
            image: example/web:2.0
            depends_on:
              db:
                condition: service_healthy
              cache:
                condition: service_healthy
          db:
            image: docker.io/library/postgres:16-alpine
          cache:
            image: redis
        """
    assert found(compose, "LD403") == [
        Found("LD403", "compose.yaml", (6, 20, 6, 35), "web", "error"),
        Found("LD403", "compose.yaml", (8, 20, 8, 35), "web", "error"),
    ]
    [db, _] = lint(compose, "LD403")
    assert (
        'runs the Docker Official Image "docker.io/library/postgres:16-alpine", and Official '
        "Images define no HEALTHCHECK" in db.message
    )


def test_compose_healthcheck_satisfies_the_condition() -> None:
    compose = """\
        services:
          web:
            image: example/web:2.0
            depends_on:
              db:
                condition: service_healthy
          db:
            image: postgres:16
            healthcheck:
              test: ["CMD-SHELL", "pg_isready -U postgres"]
        """
    assert found(compose, "LD403") == []


def test_optional_dependency_is_one_level_lower() -> None:
    compose = """\
        services:
          api:
            image: example/api:1.4
            depends_on:
              db:
                condition: service_healthy
                required: false
          db:
            build: ./db
        """
    files = {"db/Dockerfile": "FROM postgres:16\n"}
    [diagnostic] = lint(compose, "LD403", files)
    assert diagnostic.severity is not None and diagnostic.severity.label == "warning"
    assert "Compose only warns" in diagnostic.message


def test_image_built_by_another_service_is_linked() -> None:
    compose = """\
        services:
          builder:
            image: example/db:dev
            build: ./db
          api:
            image: example/api:1.4
            depends_on:
              db:
                condition: service_healthy
          db:
            image: example/db:dev
        """
    files = {"db/Dockerfile": "FROM postgres:16\n"}
    [diagnostic] = lint(compose, "LD403", files)
    assert diagnostic.severity is not None and diagnostic.severity.label == "error"


def test_other_conditions_and_undefined_services_are_not_this_rule() -> None:
    compose = """\
        services:
          web:
            image: example/web:2.0
            depends_on:
              db:
                condition: service_started
              ghost:
                condition: service_healthy
          db:
            image: postgres:16
        """
    assert found(compose, "LD403") == []
