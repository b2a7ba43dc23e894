"""LD003: Compose schema violations, each at its exact key or value with the most specific
cause, every independent one reported."""

from __future__ import annotations

from textwrap import dedent

import pytest

from lintdock.model.span import Span
from lintdock.parsers import compose_schema
from lintdock.parsers.compose import load_compose


def ld003(text: str) -> list[tuple[str, Span]]:
    project = load_compose([("compose.yaml", dedent(text))])
    return [(f.message, f.span) for f in project.findings if f.code == "LD003"]


def test_unknown_key_at_the_key_with_a_suggestion() -> None:
    text = """\
        services:
          web:
            image: nginx
            helthcheck:
              test: [CMD, x]
        """
    assert ld003(text) == [
        (
            'unknown key "helthcheck" in services.web (did you mean "healthcheck"?)',
            Span(4, 5, 4, 15),
        )
    ]


def test_unknown_key_without_a_close_match() -> None:
    assert ld003("services:\n  web:\n    flavour: vanilla\n") == [
        ('unknown key "flavour" in services.web', Span(3, 5, 3, 12))
    ]


def test_unknown_key_in_a_nested_mapping() -> None:
    text = "services:\n  web:\n    healthcheck:\n      intervall: 5s\n"
    assert ld003(text) == [
        (
            'unknown key "intervall" in services.web.healthcheck (did you mean "interval"?)',
            Span(4, 7, 4, 16),
        )
    ]


def test_unknown_top_level_key() -> None:
    assert ld003("service:\n  web: {}\n") == [
        ('unknown key "service" in the top level (did you mean "services"?)', Span(1, 1, 1, 8))
    ]


def test_services_at_the_top_level_are_the_obsolete_v1_format_once_per_file() -> None:
    # docker compose config: "additional properties 'web', 'db', 'server' not allowed", once;
    # "server" is a service here, not a misspelled "services".
    text = "web:\n  image: nginx\ndb:\n  build: ./db\nserver:\n  image: spiped\n"
    assert ld003(text) == [
        (
            'unknown keys "web", "db" and "server" in the top level: services at the top level '
            "are the Compose file format v1, which docker compose no longer reads; put them "
            'under "services:"',
            Span(1, 1, 1, 4),
        )
    ]


def test_one_service_at_the_top_level_beside_a_misspelled_key() -> None:
    text = "verson: '2'\nweb:\n  image: nginx\n"
    assert ld003(text) == [
        ('unknown key "verson" in the top level (did you mean "version"?)', Span(1, 1, 1, 7)),
        (
            'unknown key "web" in the top level: a service at the top level is the Compose file '
            'format v1, which docker compose no longer reads; put it under "services:"',
            Span(2, 1, 2, 4),
        ),
    ]


def test_an_outdented_service_named_like_services_is_a_service() -> None:
    text = "services:\n  web:\n    image: nginx\nserve:\n  image: ludwig\n"
    assert ld003(text) == [
        (
            'unknown key "serve" in the top level: it looks like a service; indent it under '
            '"services:"',
            Span(4, 1, 4, 6),
        )
    ]


def test_a_service_outdented_out_of_services() -> None:
    text = "services:\n  web:\n    image: nginx\nmysql:\n  image: mysql:8\n"
    assert ld003(text) == [
        (
            'unknown key "mysql" in the top level: it looks like a service; indent it under '
            '"services:"',
            Span(4, 1, 4, 6),
        )
    ]


def test_bad_enum_value_not_the_one_of_cascade() -> None:
    text = """\
        services:
          web:
            depends_on:
              db:
                condition: service_ready
          db: {}
        """
    assert ld003(text) == [
        (
            'services.web.depends_on.db.condition: "service_ready" is not one of '
            '"service_started", "service_healthy", "service_completed_successfully"',
            Span(5, 20, 5, 33),
        )
    ]


def test_wrong_type_at_the_value() -> None:
    text = "services:\n  web:\n    healthcheck:\n      test: [CMD, x]\n      interval: 10\n"
    assert ld003(text) == [
        ("services.web.healthcheck.interval must be a string, not 10", Span(5, 17, 5, 19))
    ]


def test_several_independent_errors_are_all_reported() -> None:
    text = """\
        services:
          web:
            image: nginx
            restart: 5
            helthcheck: {}
            depends_on:
              db: {condition: service_ready}
            healthcheck:
              interval: 10
          db:
            ports: {http: 80}
        volumes:
          data:
            driver: local
            drivr: local
        """
    assert [span.line for _, span in ld003(text)] == [4, 5, 7, 9, 11, 15]


def test_a_known_key_failing_inside_is_not_called_unknown() -> None:
    text = "services:\n  web:\n    healthcheck:\n      interval: 10\n"
    messages = [message for message, _ in ld003(text)]
    assert messages == ["services.web.healthcheck.interval must be a string, not 10"]


def test_duplicate_item_at_the_repetition() -> None:
    text = "services:\n  web:\n    depends_on: [db, cache, db]\n"
    assert ld003(text) == [('services.web.depends_on: duplicate item "db"', Span(3, 29, 3, 31))]


def test_no_duplicate_in_a_list_compose_merges_before_validating() -> None:
    text = """\
        services:
          web:
            environment: [TZ=Europe/Berlin, A=1, TZ=Europe/Berlin]
            ports: ["80:80", "80:80"]
            networks:
              default:
                aliases: [web, web]
        networks:
          default:
            labels: [team=a, team=a]
        """
    assert ld003(text) == []


def test_missing_required_key() -> None:
    text = "services:\n  web:\n    env_file:\n      - required: false\n"
    assert ld003(text) == [
        ('services.web.env_file.0: missing required key "path"', Span(4, 9, 4, 24))
    ]


def test_invalid_service_name() -> None:
    assert ld003('services:\n  "my web":\n    image: x\n') == [
        (
            'services: "my web" is not a valid name (it must match ^[a-zA-Z0-9._-]+$)',
            Span(2, 3, 2, 11),
        )
    ]


def test_a_value_reached_through_an_alias_is_reported_once_at_the_anchor() -> None:
    text = """\
        x-check: &check
          interval: 10
        services:
          a: {healthcheck: *check}
          b: {healthcheck: *check}
        """
    assert ld003(text) == [
        ("services.a.healthcheck.interval must be a string, not 10", Span(2, 13, 2, 15))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "version: '3.8'\nservices:\n  web: {image: nginx}\n",
        "services:\n  web:\n    restart: no\n",
        "services:\n  web:\n    restart: sometimes\n",
        "networks:\n  n:\n    external:\n      name: legacy\n",
        "x-anything: {deep: [1, {x: y}]}\nservices:\n  web:\n    x-note: [free, form]\n",
        "services:\n  web:\n    healthcheck:\n      retries: '3'\n      disable: 'false'\n",
    ],
)
def test_valid_documents(text: str) -> None:
    assert ld003(text) == []


def test_missing_schema_is_a_clear_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    compose_schema.compiled_validator.cache_clear()
    monkeypatch.setattr(compose_schema, "SCHEMA_PACKAGE", "no_such_package.vendor")
    try:
        (message, span), *_ = ld003("services: {}\n")
    finally:
        compose_schema.compiled_validator.cache_clear()
    assert message.startswith("cannot check the Compose schema: compose-spec.json was not found")
    assert span == Span(1, 1, 1, 1)


def test_a_value_of_none_of_the_accepted_kinds_names_the_kinds() -> None:
    # nginx-proxy's docker-compose-separate-containers.yml: environment: holding only a comment
    text = """\
        services:
          dockergen:
            image: nginxproxy/docker-gen
            environment:
              # - DEFAULT_HOST=example.org
            ports: {http: 80}
        """
    assert [message for message, _ in ld003(text)] == [
        "services.dockergen.environment must be a mapping or a list, not null",
        "services.dockergen.ports must be a list, not a mapping",
    ]
