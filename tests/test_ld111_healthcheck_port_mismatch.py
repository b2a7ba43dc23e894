"""LD111 healthcheck-port-mismatch: probed localhost ports against EXPOSE and compose ports."""

from __future__ import annotations

import pytest
from ld1_helpers import Hit, hits, run

CODE = "LD111"


def image(expose: str, url: str) -> str:
    return f"FROM node:20\nEXPOSE {expose}\nHEALTHCHECK CMD curl --fail {url}\n"


@pytest.mark.parametrize(
    ("expose", "url"),
    [
        ("8080", "http://localhost:8080/health"),
        ("8080/tcp 9090", "http://127.0.0.1:9090/"),
        ("80", "http://localhost/"),
        ("443", "https://localhost/"),
        ("8000-8010", "localhost:8005/health"),
        ("$PORT", "http://localhost/"),
        ("8080", "http://localhost:$PORT/"),
        ("8080", "http://example.com/"),
    ],
)
def test_matching_or_unknown_ports(expose: str, url: str) -> None:
    assert hits(image(expose, url), CODE) == []


def test_default_port_of_a_url_without_one() -> None:
    text = image("8080", "http://localhost/health")
    assert hits(text, CODE) == [Hit("Dockerfile", 3, 29, 3, 52, "info")]
    assert "port 80 (the URL's default port)" in run(text, CODE)[0].message


def test_nothing_exposed_says_nothing() -> None:
    assert hits("FROM node:20\nHEALTHCHECK CMD curl --fail http://localhost:1/\n", CODE) == []


def test_expose_inherited_from_a_parent_stage() -> None:
    text = """\
        FROM node:20 AS base
        EXPOSE 3000

        FROM base
        HEALTHCHECK CMD ["wget", "-q", "--spider", "http://localhost/"]
        """
    assert hits(text, CODE) == [Hit("Dockerfile", 5, 44, 5, 63, "info")]


def test_a_port_written_out_is_deliberate() -> None:
    """Mailu's nginx serves its status on 127.0.0.1:10204 only, ONLYOFFICE's docservice on 8000
    behind its own nginx: an explicit port is an internal one, not a forgotten ``:8080``."""
    assert hits(image("80 443", "http://127.0.0.1:10204/health"), CODE) == []


COMPOSE_PORTS = """\
    services:
      web:
        {source}
        ports: ["127.0.0.1:80:3000/tcp", {{target: 3001, published: 81}}]
        expose: ["9000"]
        healthcheck:
          test: curl --fail http://localhost:3001/ && curl --fail http://localhost/
    """


def test_compose_ports_and_expose_count_for_an_image_built_here() -> None:
    files = {
        "compose.yaml": COMPOSE_PORTS.format(source="build: ."),
        "Dockerfile": 'FROM node:20\nCMD ["node", "s.js"]\n',
    }
    assert hits(files, CODE) == [Hit("compose.yaml", 7, 63, 7, 80, "info", "web")]


def test_a_pulled_image_may_listen_on_ports_compose_does_not_publish() -> None:
    """ZooKeeper publishes 2181 and serves its admin server on 8080."""
    compose = COMPOSE_PORTS.format(source="image: example/web:1.0")
    assert hits({"compose.yaml": compose}, CODE) == []
    zookeeper = """\
        services:
          zookeeper:
            image: zookeeper:3.9
            ports: ["2181:2181"]
            healthcheck:
              test: ["CMD", "curl", "--fail", "http://localhost:8080/commands/ruok"]
        """
    assert hits({"compose.yaml": zookeeper}, CODE) == []


def test_an_image_built_from_a_server_image_may_serve_its_ports() -> None:
    dockerfile = (
        "FROM zookeeper:3.9\nEXPOSE 2181\n"
        "HEALTHCHECK CMD curl --fail http://localhost:8080/commands/ruok\n"
    )
    assert hits(dockerfile, CODE) == []


def test_compose_test_with_the_image_expose() -> None:
    files = {
        "Dockerfile": 'FROM node:20\nEXPOSE 3000\nCMD ["node", "s.js"]\n',
        "compose.yaml": """\
            services:
              web:
                build: .
                healthcheck:
                  test: ["CMD", "wget", "-q", "--spider", "http://web:3000/"]
            """,
    }
    assert hits(files, CODE) == []
