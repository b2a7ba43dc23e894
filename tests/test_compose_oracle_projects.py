"""Docker Compose itself as the oracle: on small projects that imitate real ones (a root file
that includes per-service files, extends across folders, ``COMPOSE_FILE`` overlays, required
variables, references compose refuses), lintdock's model agrees with ``docker-compose config``
on the services, their merged ``depends_on``, health checks and restart policies, and its
load errors (LD002, LD003, LD006-LD008, LD401, LD402) agree with compose's accept/refuse
verdict."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

import pytest
from oracles import compose_config

from lintdock.engine import lint_paths
from lintdock.model.compose import ComposeProject
from lintdock.parsers.compose import load_compose

LOAD_ERRORS = ("LD002", "LD003", "LD006", "LD007", "LD008", "LD401", "LD402")

PROJECTS: dict[str, dict[str, str]] = {
    "include-per-service-files": {
        "compose.yaml": (
            "include:\n  - services/php.yml\n  - path: db/db.yml\n    env_file: db.env\n"
            "services:\n  web:\n    image: nginx\n    restart: always\n"
            "    depends_on:\n      php: {condition: service_healthy}\n"
            "      db: {condition: service_started}\n"
        ),
        "services/php.yml": (
            "services:\n  php:\n    build: ./php\n"
            "    healthcheck:\n      test: [CMD, php-fpm-healthcheck]\n"
            "    depends_on: [db]\n"
        ),
        "services/php/Dockerfile": "FROM php:8-fpm\n",
        "db/db.yml": "services:\n  db:\n    image: 'mysql:${MYSQL}'\n    restart: unless-stopped\n",
        "db.env": "MYSQL=8.4\n",
    },
    "extends-across-folders": {
        "compose.yaml": (
            "services:\n  web:\n    extends: {file: common/base.yaml, service: app}\n"
            "    depends_on: [cache]\n  cache:\n    image: redis\n"
        ),
        "common/base.yaml": (
            "services:\n  app:\n    build: ./app\n    restart: on-failure:3\n"
            "    healthcheck: {test: 'wget -q -O- localhost', interval: 5s}\n"
        ),
        "common/app/Dockerfile": "FROM alpine\n",
    },
    "compose-file-overlay": {
        ".env": "COMPOSE_FILE=compose.yaml:compose.agent.yaml\n",
        "compose.yaml": "services:\n  app:\n    image: app\n",
        "compose.agent.yaml": (
            "services:\n  app:\n    depends_on: [agent]\n"
            "  agent:\n    image: otel\n    restart: always\n"
        ),
    },
    "required-variable-unset": {
        "compose.yaml": "services:\n  db:\n    image: 'mysql:${TAG:?set TAG}'\n",
    },
    "include-cycle": {
        "compose.yaml": "include: [b.yaml]\nservices:\n  a:\n    image: x\n",
        "b.yaml": "include: [compose.yaml]\nservices:\n  b:\n    image: y\n",
    },
    "include-missing-file": {
        "compose.yaml": "include: [gone.yaml]\nservices:\n  a:\n    image: x\n",
    },
    "extends-cycle": {
        "compose.yaml": "services:\n  a:\n    extends: b\n  b:\n    extends: a\n",
    },
    "dependency-defined-in-an-included-file": {
        "compose.yaml": (
            "include: [more.yaml]\nservices:\n  a:\n    image: x\n    depends_on: [b]\n"
        ),
        "more.yaml": "services:\n  b:\n    image: y\n    depends_on: [ghost]\n",
    },
    "undeclared-network-in-a-per-service-file": {
        "compose.yaml": "include: [mysql/compose.yml]\nnetworks:\n  backend: {}\n",
        "mysql/compose.yml": "services:\n  mysql:\n    image: mysql\n    networks: [backend]\n",
    },
    "undeclared-volume-secret": {
        "compose.yaml": (
            "services:\n  web:\n    image: x\n    volumes: ['data:/d', './x:/y']\n"
            "    secrets: [token]\nvolumes:\n  data: {}\n"
        ),
    },
    "service-without-image": {
        "compose.yaml": "services:\n  web:\n    restart: always\n  dbg:\n    profiles: [x]\n",
    },
    "env-file-missing": {
        "compose.yaml": (
            "services:\n  web:\n    image: x\n    env_file:\n      - gone.env\n"
            "      - {path: opt.env, required: false}\n"
        ),
    },
    "env-file-present": {
        "compose.yaml": "services:\n  web:\n    image: x\n    env_file: [app.env]\n",
        "app.env": "A=1\n",
    },
    "empty-file": {"compose.yaml": "# to do\n"},
    "environment-list-repeating-an-entry": {
        "compose.yaml": (
            "services:\n  links:\n    image: shortener\n"
            "    environment:\n      - TZ=Europe/Berlin\n      - PORT=3000\n"
            "      - TZ=Europe/Berlin\n      - PORT=3001\n"
            "    labels: [traefik.enable=true, traefik.enable=true]\n"
            "    ports: ['3000:3000', '3000:3000']\n    cap_add: [NET_ADMIN, NET_ADMIN]\n"
        ),
    },
    "depends-on-list-repeating-a-service": {
        "compose.yaml": (
            "services:\n  web:\n    image: x\n    depends_on: [db, db]\n"
            "    security_opt: [no-new-privileges, no-new-privileges]\n  db:\n    image: y\n"
        ),
    },
}


def write(root: Path, files: Mapping[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def lintdock_errors(root: Path) -> list[str]:
    previous = os.getcwd()
    os.chdir(root)
    try:
        result = lint_paths(["."], workers=1)
    finally:
        os.chdir(previous)
    return [f"{d.path}:{d.code}: {d.message}" for d in result.diagnostics if d.code in LOAD_ERRORS]


def model(root: Path, files: Mapping[str, str]) -> ComposeProject:
    env = files.get(".env", "")
    listed = [
        line.split("=", 1)[1] for line in env.splitlines() if line.startswith("COMPOSE_FILE=")
    ]
    paths = listed[0].split(":") if listed else ["compose.yaml"]

    def read(path: str) -> str | None:
        target = root / path
        return target.read_text(encoding="utf-8") if target.is_file() else None

    return load_compose([(p, files[p]) for p in paths], env, read)


def summary_of_compose(config: dict[str, object]) -> dict[str, object]:
    services = config.get("services", {})
    assert isinstance(services, dict)
    return {
        name: {
            "depends_on": {
                dep: value["condition"] for dep, value in (body.get("depends_on") or {}).items()
            },
            "restart": body.get("restart"),
            "healthcheck": bool(body.get("healthcheck", {}).get("test")),
        }
        for name, body in services.items()
    }


def summary_of_lintdock(project: ComposeProject) -> dict[str, object]:
    return {
        service.key: {
            "depends_on": {d.service.value: d.condition_value for d in service.depends_on},
            "restart": None if service.restart is None else str(service.restart.value),
            "healthcheck": service.healthcheck is not None and service.healthcheck.test is not None,
        }
        for service in project.services
    }


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_lintdock_agrees_with_compose(name: str, tmp_path: Path) -> None:
    files = PROJECTS[name]
    write(tmp_path, files)
    verdict = compose_config(tmp_path, (), None, "--format", "json")
    errors = lintdock_errors(tmp_path)
    if verdict.returncode != 0:
        assert errors, f"compose refuses ({verdict.stderr.strip()}) and lintdock is silent"
        return
    assert errors == [], verdict.stdout
    config = json.loads(verdict.stdout)
    assert summary_of_lintdock(model(tmp_path, files)) == summary_of_compose(config)
