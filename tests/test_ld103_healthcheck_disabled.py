"""LD103 healthcheck-disabled: HEALTHCHECK NONE in effect for a final stage, compose disable and
NONE tests."""

from __future__ import annotations

from ld1_helpers import Hit, hits

CODE = "LD103"


def test_none_in_the_final_stage() -> None:
    text = 'FROM example/base:1\nHEALTHCHECK NONE\nCMD ["app"]\n'
    assert hits(text, CODE) == [Hit("Dockerfile", 2, 1, 2, 17, "info")]


def test_inherited_none_is_reported_once_where_written() -> None:
    text = """\
        FROM example/base:1 AS base
        HEALTHCHECK NONE

        FROM base AS api
        CMD ["api"]

        FROM base AS worker
        CMD ["worker"]
        """
    compose = """\
        services:
          api:
            build: {context: ., target: api}
          worker:
            build: {context: ., target: worker}
        """
    assert hits({"Dockerfile": text, "compose.yaml": compose}, CODE) == [
        Hit("Dockerfile", 2, 1, 2, 17, "info")
    ]


def test_none_in_a_build_stage_that_does_not_ship() -> None:
    text = "FROM example/base:1 AS build\nHEALTHCHECK NONE\n\nFROM debian:12-slim\n"
    assert hits(text, CODE) == []


def test_none_replaced_by_a_later_check() -> None:
    text = 'FROM example/base:1 AS base\nHEALTHCHECK NONE\nFROM base\nHEALTHCHECK CMD ["c"]\n'
    assert hits(text, CODE) == []


def test_compose_disable_is_reported_at_its_key() -> None:
    compose = """\
        services:
          search:
            image: example/search:7
            healthcheck:
              disable: true
          index:
            image: example/index:7
            healthcheck:
              test: ["NONE"]
          plain:
            image: example/plain:7
            healthcheck:
              disable: false
        """
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 5, 7, 5, 14, "info", "search"),
        Hit("compose.yaml", 9, 7, 9, 11, "info", "index"),
    ]


def test_a_worker_of_a_web_image_may_switch_its_check_off() -> None:
    """evolution CRM's Sidekiq runs the web image, whose check asks a port Sidekiq does not
    serve: disable: true there is right. The web service switching it off is still told."""
    compose = """\
        services:
          auth:
            image: example/auth:1.0
            healthcheck:
              disable: true
          auth-sidekiq:
            image: example/auth:1.0
            command: ["bundle", "exec", "sidekiq", "-C", "config/sidekiq.yml"]
            healthcheck:
              disable: true
        """
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 5, 7, 5, 14, "info", "auth")
    ]


def test_a_service_that_moves_its_app_to_another_port_may_switch_the_check_off() -> None:
    """libreddit's image checks localhost:8080; with PORT: 7420 that check could only fail."""
    compose = """\
        services:
          web:
            image: libreddit/libreddit:latest
            environment:
              PORT: 7420
            healthcheck:
              disable: true
          other:
            image: example/app:1
            environment:
              DB_PORT: 5432
            healthcheck:
              disable: true
        """
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 13, 7, 13, 14, "info", "other")
    ]
