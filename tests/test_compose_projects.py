"""Projects assembled the way ``docker compose`` assembles them: ``include`` (both forms, own
project directory and ``.env``), ``extends.file``, ``COMPOSE_FILE`` from ``.env``, required
variables; a file that another one includes is linted as part of that project, not alone."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from conftest import WriteTree

from lintdock.engine import lint_paths, lint_texts
from lintdock.model.compose import ComposeProject, Service
from lintdock.model.span import Span
from lintdock.parsers.compose import load_compose


def load(files: Mapping[str, str], *paths: str) -> ComposeProject:
    """The project of ``paths`` (base first), reading the other files from ``files``."""
    return load_compose([(p, files[p]) for p in paths], files.get(".env"), files.get)


def service(project: ComposeProject, name: str) -> Service:
    found = project.service(name)
    assert found is not None, [s.key for s in project.services]
    return found


def findings(project: ComposeProject) -> list[tuple[str, str, Span]]:
    return [(f.path, f.message, f.span) for f in project.findings]


ROOT = """\
include:
  - services/php.yml
  - path: [db/db.yml, db/db.override.yml]
    env_file: db.env
services:
  web:
    image: "nginx:${TAG}"
    depends_on: [php, db]
"""
PHP = """\
services:
  php:
    build: ./php
    env_file: php.env
"""
DB = """\
services:
  db:
    image: "mysql:${MYSQL}"
"""
DB_OVERRIDE = """\
services:
  db:
    restart: always
"""
LARADOCK = {
    "compose.yaml": ROOT,
    ".env": "TAG=1.27\nMYSQL=8.4\n",
    "services/php.yml": PHP,
    "services/.env": "TAG=ignored\n",
    "db/db.yml": DB,
    "db/db.override.yml": DB_OVERRIDE,
    "db.env": "MYSQL=5.7\n",
}


class TestInclude:
    def test_included_services_join_the_project(self) -> None:
        project = load(LARADOCK, "compose.yaml")
        assert [s.key for s in project.services] == ["web", "php", "db"]
        assert project.files == (
            "compose.yaml",
            "services/php.yml",
            "db/db.yml",
            "db/db.override.yml",
        )
        assert findings(project) == []

    def test_relative_paths_resolve_from_the_included_project_directory(self) -> None:
        php = service(load(LARADOCK, "compose.yaml"), "php")
        assert php.build is not None and php.build.dockerfile_path == "services/php/Dockerfile"
        assert [e.resolved for e in php.env_files] == ["services/php.env"]

    def test_an_included_file_keeps_its_positions(self) -> None:
        db = service(load(LARADOCK, "compose.yaml"), "db")
        assert db.image is not None and (db.image.path, db.image.span) == (
            "db/db.yml",
            Span(3, 12, 3, 28),
        )
        assert db.restart is not None and db.restart.path == "db/db.override.yml"

    def test_the_including_project_variables_win_over_the_included_env_file(self) -> None:
        project = load(LARADOCK, "compose.yaml")
        assert service(project, "db").image.value == "mysql:8.4"  # type: ignore[union-attr]
        files = {**LARADOCK, ".env": "TAG=1\n"}
        assert service(load(files, "compose.yaml"), "db").image.value == "mysql:5.7"  # type: ignore[union-attr]

    def test_a_cycle_is_reported_once_at_the_include(self) -> None:
        files = {
            "a.yaml": "include: [b.yaml]\nservices: {a: {image: x}}\n",
            "b.yaml": "include: [a.yaml]\n",
        }
        assert findings(load(files, "a.yaml")) == [
            (
                "b.yaml",
                "include cycle detected:\na.yaml\n include b.yaml\n include a.yaml",
                Span(1, 11, 1, 17),
            )
        ]

    def test_a_missing_file_and_a_conflict_are_compose_errors(self) -> None:
        files = {
            "compose.yaml": (
                "include:\n  - gone.yaml\n  - other.yaml\nservices:\n  web: {image: x}\n"
            ),
            "other.yaml": "services:\n  web: {image: y}\n",
        }
        assert findings(load(files, "compose.yaml")) == [
            ("compose.yaml", "open gone.yaml: no such file or directory", Span(2, 5, 2, 14)),
            ("compose.yaml", "services.web conflicts with imported resource", Span(3, 5, 3, 15)),
        ]

    def test_without_a_reader_includes_are_not_followed(self) -> None:
        project = load_compose([("compose.yaml", ROOT)])
        assert [s.key for s in project.services] == ["web"] and project.findings == ()


class TestExtendsFile:
    FILES: ClassVar[dict[str, str]] = {
        "app/compose.yaml": (
            "services:\n  web:\n    extends: {file: ../common/base.yaml, service: base}\n"
        ),
        "common/base.yaml": (
            "services:\n  base:\n    build: ctx\n    extends: {file: deeper/x.yaml, service: y}\n"
        ),
        "common/deeper/x.yaml": "services:\n  y:\n    restart: always\n    env_file: e.env\n",
    }

    def test_a_chain_across_files_resolves_paths_from_each_file(self) -> None:
        web = service(load(self.FILES, "app/compose.yaml"), "web")
        assert web.build is not None and web.build.context_path == "common/ctx"
        assert [e.resolved for e in web.env_files] == ["common/deeper/e.env"]
        assert web.restart is not None and web.restart.path == "common/deeper/x.yaml"

    def test_a_missing_file_or_service_is_reported_at_the_reference(self) -> None:
        files = {
            "compose.yaml": "services:\n  a:\n    extends: {file: gone.yaml, service: x}\n"
            "  b:\n    extends: {file: base.yaml, service: ghost}\n",
            "base.yaml": "services: {}\n",
        }
        assert findings(load(files, "compose.yaml")) == [
            ("compose.yaml", "open gone.yaml: no such file or directory", Span(3, 41, 3, 42)),
            (
                "compose.yaml",
                'cannot extend service "b" from base.yaml: service "ghost" not found',
                Span(5, 41, 5, 46),
            ),
        ]

    def test_a_cycle_of_a_thousand_services_is_one_finding(self) -> None:
        names = [f"s{i}" for i in range(1000)]
        text = "services:\n" + "".join(
            f"  {name}:\n    extends: {names[(i + 1) % 1000]}\n" for i, name in enumerate(names)
        )
        project = load_compose([("compose.yaml", text)], None, {}.get)
        assert [(f.message, f.span) for f in project.findings] == [
            (
                "circular extends: s0 -> s1 -> s2 -> ... (996 more) -> s999 -> s0",
                Span(2001, 14, 2001, 16),
            )
        ]
        assert len(project.services) == 1000

    def test_a_long_chain_resolves_without_recursion(self) -> None:
        text = "services:\n  s0: {image: base, restart: always}\n" + "".join(
            f"  s{i}:\n    extends: s{i - 1}\n" for i in range(1, 3000)
        )
        last = service(load_compose([("compose.yaml", text)]), "s2999")
        assert last.image is not None and last.image.value == "base"


def test_a_required_variable_missing_from_env_is_an_error() -> None:
    project = load_compose(
        [("compose.yaml", 'services:\n  db:\n    image: "mysql:${TAG:?set TAG}"\n')]
    )
    assert findings(project) == [
        (
            "compose.yaml",
            "error while interpolating services.db.image: required variable TAG is missing a "
            "value: set TAG (the .env file does not set TAG: docker compose refuses the project "
            "unless the environment does)",
            Span(3, 12, 3, 35),
        )
    ]


class TestLintedAsOneProject:
    def test_included_files_are_not_linted_alone(self) -> None:
        found = lint_texts(
            {
                "docker-compose.yml": "include: [services/php.yml, services/db.yml]\n",
                "services/php.yml": "services:\n  php:\n    image: php:8\n    depends_on: [db]\n",
                "services/db.yml": (
                    "services:\n  db:\n    image: mysql:8\n    depends_on: [ghost]\n"
                ),
            },
            select=["LD401"],
        )
        assert [(d.path, d.span, d.message.split(":")[0]) for d in found] == [
            (
                "services/db.yml",
                Span(4, 18, 4, 23),
                'service "db" depends on undefined service "ghost"',
            )
        ]

    def test_compose_file_in_env_makes_one_project(self, tree: WriteTree) -> None:
        tree(
            {
                ".env": "COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_FILE=base.yaml;overlays/agent.yaml\n",
                "base.yaml": "services:\n  app:\n    image: app:1\n",
                "overlays/agent.yaml": (
                    "services:\n  agent:\n    image: agent:1\n    depends_on: [app]\n"
                ),
            }
        )
        result = lint_paths(["."], workers=1)
        assert not [d for d in result.diagnostics if d.code == "LD401"]
        assert result.files == ("base.yaml", "overlays/agent.yaml")
