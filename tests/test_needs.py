"""needs.py: which services a service needs, and what a Dockerfile alone points at."""

from __future__ import annotations

import pytest
from ld23_helpers import project_of

from lintdock.facts.needs import (
    dependants_of,
    hosts_in,
    image_needs,
    needed_services,
    needs_of,
    service_aliases,
)


@pytest.mark.parametrize(
    ("value", "name", "hosts"),
    [
        ("http://numbers-api/rng", "RngApi:Url", ("numbers-api",)),
        ("postgres://user:p@ss@db:5432/app", "", ("db",)),
        ("jdbc:postgresql://DB/x?ssl=true", "", ("db",)),
        ("mongodb://a:27017,b:27017/x?replicaSet=rs0", "", ("a", "b")),
        ("amqp://guest:guest@broker:5672/%2f", "", ("broker",)),
        ("redis://cache:6379/0", "", ("cache",)),
        ("kafka-1:9092,kafka-2:9092", "BOOTSTRAP", ("kafka-1", "kafka-2")),
        ("Host=db;Port=5432;Database=app", "ConnectionStrings__Default", ("db",)),
        ("Server=sql,1433;User Id=sa", "", ("sql",)),
        ("cache", "REDIS_HOST", ("cache",)),
        ("cache", "REDIS_SERVER", ("cache",)),
        ("cache", "REDIS_NAME", ()),
        ("db:5432", "DB_ADDR", ("db",)),
        ("http://[::1]:8080/", "", ("[::1]",)),
        ("12:30", "TIME", ("12",)),
        ("just words", "", ()),
        ("$HOSTNAME:8080", "", ()),
        ("${API_HOST}:80", "", ()),
    ],
)
def test_hosts_in(value: str, name: str, hosts: tuple[str, ...]) -> None:
    assert hosts_in(value, name) == hosts


COMPOSE = """\
services:
  api:
    build: .
    environment:
      DATABASE_URL: postgres://app:secret@db:5432/app
      HTTP_PROXY: http://cache:3128
      SELF: http://api:8080/
      LOCAL: http://localhost:8080/
    depends_on:
      - broker
  worker:
    image: example/worker:1.0
    environment:
      - CACHE_HOST=cache
      - DATABASE_URL=postgres://db/app
  db:
    image: postgres:16
  redis:
    image: redis:7
    networks:
      default:
        aliases: [cache]
  broker:
    image: rabbitmq:3.13
"""

DOCKERFILE = """\
FROM python:3.12-slim
ENV BROKER_URL=amqp://broker:5672/ \\
    DATABASE_URL=postgres://ignored-by-compose/app
CMD ["python", "-m", "app"]
"""


def test_needs_of_a_service_in_order() -> None:
    project = project_of({"compose.yaml": COMPOSE, "Dockerfile": DOCKERFILE})
    api = project.services[0]
    needs = needs_of(project, api)
    assert [(n.target, n.via, n.variable, n.host, n.path) for n in needs] == [
        ("broker", "depends_on", None, None, "compose.yaml"),
        ("db", "environment", "DATABASE_URL", "db", "compose.yaml"),
        ("broker", "image-env", "BROKER_URL", "broker", "Dockerfile"),
    ]
    spans = [(n.span.line, n.span.column, n.span.end_line, n.span.end_column) for n in needs]
    assert spans == [(10, 9, 10, 15), (5, 7, 5, 19), (2, 16, 2, 35)]
    assert needs[0].dependency is api.depends_on[0]


def test_needs_through_an_alias_and_a_split_host_variable() -> None:
    project = project_of({"compose.yaml": COMPOSE, "Dockerfile": DOCKERFILE})
    worker = project.services[1]
    assert {t: n.host for t, n in needed_services(project, worker).items()} == {
        "redis": "cache",
        "db": "db",
    }
    assert service_aliases(project, "redis") == {"redis", "cache"}


def test_needed_services_filters_by_kind_and_dependants() -> None:
    project = project_of({"compose.yaml": COMPOSE, "Dockerfile": DOCKERFILE})
    api = project.services[0]
    assert list(needed_services(project, api, via=("image-env",))) == ["broker"]
    assert [(s.key, n.via) for s, n in dependants_of(project, "db")] == [
        ("api", "environment"),
        ("worker", "environment"),
    ]
    assert dependants_of(project, "redis")[0][1].variable == "CACHE_HOST"


def test_image_needs_single_label_non_local_urls() -> None:
    dockerfile = """\
FROM node:20-slim AS base
ARG API=numbers-api
ENV RngApi:Url=http://${API}/rng
FROM base
ENV PUBLIC=https://registry.npmjs.org/ LOCAL=http://localhost:3000 \\
    BIND=http://+:80 HTTP_PROXY=http://proxy:3128 CACHE=redis://cache:6379
CMD ["node", "server.js"]
"""
    project = project_of({"Dockerfile": dockerfile})
    parsed = project.dockerfiles[0]
    needs = image_needs(parsed, parsed.stages[-1])
    assert [(n.host, n.variable, n.span.line, n.span.column) for n in needs] == [
        ("numbers-api", "RngApi:Url", 3, 16),
        ("cache", "CACHE", 6, 57),
    ]


def test_a_mail_server_or_renderer_is_used_on_demand_not_needed_to_start() -> None:
    """full-stack-fastapi's backend sends mail through mailpit, Grafana renders panels through
    its image renderer when one is exported: no start-up need."""
    project = project_of(
        {
            "compose.yaml": """\
services:
  backend:
    image: example/backend:1.0
    environment:
      SMTP_HOST: mailpit
      EMAILS_SERVER: mailpit:1025
      MAILER_DSN: smtp://mailpit:1025
      NOTIFY_URL: submission://mailpit:587
      GF_RENDERING_SERVER_URL: http://renderer:8081/render
      DATABASE_URL: postgres://app@db:5432/app
  renderer:
    image: grafana/grafana-image-renderer:3.11.0
  mailpit:
    image: axllent/mailpit:v1.20
  db:
    image: postgres:16
"""
        }
    )
    backend = project.compose.service("backend") if project.compose else None
    assert backend is not None
    assert list(needed_services(project, backend)) == ["db"]


def test_image_needs_keep_the_host_as_written_and_skip_capital_placeholders() -> None:
    project = project_of(
        {
            "Dockerfile": (
                "FROM alpine\n"
                "ENV NATS_URL=nats://TODO:4222 API=http://Numbers-Api/rng HOOK=http://HOSTNAME/\n"
                'CMD ["app"]\n'
            )
        }
    )
    dockerfile = project.dockerfiles[0]
    needs = image_needs(dockerfile, dockerfile.stages[-1])
    assert [need.host for need in needs] == ["Numbers-Api"]


def test_a_cron_job_does_not_need_what_a_shared_anchor_points_at() -> None:
    """sentry's cleanup job inherits VROOM from *sentry_defaults with the web service."""
    project = project_of(
        {
            "compose.yaml": """\
x-defaults: &defaults
  image: example/sentry:1.0
  environment:
    VROOM: vroom:8085
services:
  web:
    <<: *defaults
    entrypoint: ["sentry", "run", "web"]
  cleanup:
    <<: *defaults
    entrypoint: /entrypoint.sh
    command: '"0 0 * * * gosu sentry sentry cleanup --days 90"'
  vroom:
    image: example/vroom:1.0
"""
        }
    )
    compose = project.compose
    assert compose is not None
    needs = {
        name: list(needed_services(project, service))
        for name in ("web", "cleanup")
        if (service := compose.service(name)) is not None
    }
    assert needs == {"web": ["vroom"], "cleanup": []}
