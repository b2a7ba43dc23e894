"""Projects assembled the way ``docker compose`` assembles them: ``include`` (both forms, own
project directory and ``.env``), ``extends.file``, ``COMPOSE_FILE`` from ``.env``, required
variables; a file that another one includes is linted as part of that project, not alone."""

from __future__ import annotations

from collections.abc import Mapping
from textwrap import dedent
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


def codes_at(files: Mapping[str, str], *codes: str) -> list[tuple[str, str, Span]]:
    return [(d.code, d.path, d.span) for d in lint_texts(files, select=list(codes))]


class TestWhatComposeRefuses:
    def test_undeclared_network_volume_secret_and_config(self) -> None:
        text = (
            "services:\n  web:\n    image: nginx\n    networks: [front, default]\n"
            "    volumes: [data:/d, ./here:/h, /abs:/a, {type: volume, source: logs, target: /l}]\n"
            "    secrets: [token]\n    configs: [{source: conf}]\n"
        )
        assert codes_at({"compose.yaml": text}, "LD006") == [
            ("LD006", "compose.yaml", Span(4, 16, 4, 21)),
            ("LD006", "compose.yaml", Span(5, 15, 5, 19)),
            ("LD006", "compose.yaml", Span(5, 67, 5, 71)),
            ("LD006", "compose.yaml", Span(6, 15, 6, 20)),
            ("LD006", "compose.yaml", Span(7, 24, 7, 28)),
        ]

    def test_a_network_the_including_root_declares_is_declared(self) -> None:
        files = {
            "docker-compose.yml": "include: [mysql/compose.yml]\nnetworks:\n  backend: {}\n",
            "mysql/compose.yml": (
                "services:\n  mysql:\n    image: mysql:8\n    networks: [backend]\n"
            ),
        }
        assert codes_at(files, "LD006") == []
        assert codes_at({"mysql/compose.yml": files["mysql/compose.yml"]}, "LD006") == [
            ("LD006", "mysql/compose.yml", Span(4, 16, 4, 23))
        ]

    def test_a_service_without_image_or_build(self) -> None:
        text = "services:\n  web:\n    restart: always\n  off:\n    profiles: [debug]\n"
        assert codes_at({"compose.yaml": text}, "LD007") == [
            ("LD007", "compose.yaml", Span(2, 3, 2, 6))
        ]
        with_profile = {"compose.yaml": text, ".env": "COMPOSE_PROFILES=debug\n"}
        assert [s for _, _, s in codes_at(with_profile, "LD007")] == [
            Span(2, 3, 2, 6),
            Span(4, 3, 4, 6),
        ]

    def test_a_missing_required_env_file(self) -> None:
        text = (
            "services:\n  api:\n    image: api\n    env_file:\n      - api.env\n"
            "      - path: local.env\n        required: false\n      - here.env\n"
        )
        files = {"app/compose.yaml": text, "app/here.env": "A=1\n"}
        assert codes_at(files, "LD008") == [("LD008", "app/compose.yaml", Span(5, 9, 5, 16))]

    def test_an_empty_compose_file(self) -> None:
        assert codes_at({"compose.yaml": "# nothing yet\n"}, "LD003") == [
            ("LD003", "compose.yaml", Span(1, 1, 1, 1))
        ]
        overlay = {"compose.yaml": "services:\n  a: {image: x}\n", "compose.override.yaml": ""}
        assert codes_at(overlay, "LD003") == []


OVERLAY = "services:\n  app:\n    depends_on: [agent]\n  agent:\n    image: otel\n"
BASE_APP = "services:\n  app:\n    image: app\n    ports: ['80:80']\n"
WHOLE_PROJECT_RULES = ("LD401", "LD006", "LD007", "LD504")


class TestFragments:
    def test_an_overlay_alone_is_a_fragment(self) -> None:
        files = {"compose.yaml": BASE_APP, "compose.agent.yaml": OVERLAY}
        found = codes_at(files, *WHOLE_PROJECT_RULES)
        assert [c for c, path, _ in found if path == "compose.agent.yaml"] == []

    def test_a_file_under_overrides_is_a_fragment(self) -> None:
        files = {
            "overrides/compose.redis.yaml": "services:\n  redis:\n    image: redis\n"
            "    networks: [bench]\n    ports: ['6379:6379']\n"
        }
        assert codes_at(files, *WHOLE_PROJECT_RULES) == []

    def test_files_named_with_f_make_one_project(self, tree: WriteTree) -> None:
        tree({"compose.yaml": BASE_APP, "compose.agent.yaml": OVERLAY})
        result = lint_paths([], workers=1, compose_files=["compose.yaml", "compose.agent.yaml"])
        assert [(d.code, d.path, d.span) for d in result.diagnostics if d.code == "LD504"] == [
            ("LD504", "compose.agent.yaml", Span(4, 3, 4, 8)),
            ("LD504", "compose.yaml", Span(2, 3, 2, 6)),
        ]

    def test_f_on_the_command_line(self, tree: WriteTree) -> None:
        from click.testing import CliRunner

        from lintdock.cli import cli

        tree({"compose.yaml": BASE_APP, "compose.agent.yaml": OVERLAY.replace("agent]", "gone]")})
        alone = CliRunner().invoke(cli, ["check", "--select", "LD401", "."])
        assert alone.exit_code == 0, alone.output
        together = CliRunner().invoke(
            cli, ["check", "--select", "LD401", "-f", "compose.yaml", "-f", "compose.agent.yaml"]
        )
        assert together.exit_code == 1
        assert "compose.agent.yaml:3:18: LD401" in together.output


def test_a_finding_in_an_anchor_shared_by_services_is_one_finding_naming_them() -> None:
    text = (
        "x-defaults: &defaults\n  image: app\n  restart: sometimes\n"
        "services:\n  a:\n    <<: *defaults\n  b:\n    <<: *defaults\n  c:\n    <<: *defaults\n"
        "  d:\n    image: other\n    restart: sometimes\n"
    )
    found = lint_texts({"compose.yaml": text}, select=["LD501"])
    assert [(d.span, d.service) for d in found] == [
        (Span(3, 12, 3, 21), "a"),
        (Span(13, 14, 13, 23), "d"),
    ]
    assert found[0].message.endswith('(the same holds for "b", "c", sharing this definition)')


def test_a_lone_file_that_depends_on_services_of_the_base_beside_it_is_an_overlay() -> None:
    files = {
        "docker-compose.yml": "services:\n  web:\n    image: web\n",
        "jibri.yml": "services:\n  jibri:\n    image: jibri\n    depends_on: [web]\n",
        "typo.yml": "services:\n  jibri:\n    image: jibri\n    depends_on: [wbe]\n",
    }
    assert codes_at(files, "LD401") == [("LD401", "typo.yml", Span(4, 18, 4, 21))]


def test_an_empty_lone_file_is_a_place_for_settings() -> None:
    files = {"compose.yaml": "services:\n  a: {image: x}\n", "compose.extras.yaml": "# later\n"}
    assert codes_at(files, "LD003") == []


def test_a_volume_spec_compose_refuses() -> None:
    text = (
        "services:\n  web:\n    image: x\n"
        "    volumes: [':/etc/caddy', '${DATA}:/data', 'a:', './ok:/ok']\n"
    )
    found = lint_texts({"compose.yaml": text}, select=["LD003"])
    assert [(d.message, d.span, d.severity and d.severity.label) for d in found] == [
        ("invalid spec: :/etc/caddy: empty section between colons", Span(4, 15, 4, 28), "error"),
        (
            "invalid spec: :/data: empty section between colons (unless DATA is set: .env does "
            "not set it, so it is read as empty)",
            Span(4, 30, 4, 45),
            "warning",
        ),
    ]


def test_an_unset_required_variable_is_a_warning_told_once_per_variable() -> None:
    # docker compose config stops at the first use: "required variable DOMAIN is missing a
    # value: Variable not set". Three uses are one thing to do (set DOMAIN), told at the first.
    text = """\
        services:
          backend:
            image: example/api:1.4
            environment:
              FRONTEND_HOST: https://${DOMAIN:?Variable not set}
            labels:
              - traefik.rule=Host(`${DOMAIN:?Variable not set}`)
              - traefik.email=${EMAIL:?No EMAIL set}
          adminer:
            image: adminer:4
            labels:
              - traefik.rule=Host(`adminer.${DOMAIN:?Variable not set}`)
        """
    found = lint_texts({"compose.deploy.yml": dedent(text)}, select=["LD003"])
    assert [(d.message, d.span, d.severity and d.severity.label) for d in found] == [
        (
            "error while interpolating services.backend.environment.FRONTEND_HOST: required "
            "variable DOMAIN is missing a value: Variable not set (the .env file does not set "
            "DOMAIN: docker compose refuses the project unless the environment does; also "
            "required at lines 7, 12)",
            Span(5, 22, 5, 57),
            "warning",
        ),
        (
            "error while interpolating services.backend.labels.1: required variable EMAIL is "
            "missing a value: No EMAIL set (the .env file does not set EMAIL: docker compose "
            "refuses the project unless the environment does)",
            Span(8, 9, 8, 45),
            "warning",
        ),
    ]
    with_env = {"compose.deploy.yml": dedent(text), ".env": "DOMAIN=example.com\nEMAIL=a@b.c\n"}
    assert lint_texts(with_env, select=["LD003"]) == []


def test_a_value_invalid_only_while_a_variable_is_unset_is_a_warning_naming_it() -> None:
    # A development file whose script passes --env-file defaults.env (or exports NAME)
    text = (
        "services:\n  main:\n    image: devenv\n    container_name: ${NAME}\n"
        "    hostname: '${NAME}-host'\n"
    )
    found = lint_texts({"docker/devenv/docker-compose.main.yml": text}, select=["LD003"])
    assert [(d.message, d.span, d.severity and d.severity.label) for d in found] == [
        (
            'services.main.container_name: "" does not match [a-zA-Z0-9][a-zA-Z0-9_.-]+ '
            "(unless NAME is set: .env does not set it, so it is read as empty)",
            Span(4, 21, 4, 28),
            "warning",
        )
    ]
    with_env = {
        "docker/devenv/docker-compose.main.yml": text,
        "docker/devenv/.env": "NAME=penpot-main\n",
    }
    assert lint_texts(with_env, select=["LD003"]) == []


def test_an_overlay_of_a_base_above_that_declares_its_network() -> None:
    files = {
        "docker-compose.yml": "services:\n  es:\n    image: es\n    networks: [elk]\n"
        "networks:\n  elk: {}\n",
        "extensions/curator/curator-compose.yml": (
            "services:\n  curator:\n    image: curator\n    networks: [elk]\n    depends_on: [es]\n"
        ),
    }
    assert codes_at(files, "LD006", "LD401") == []


def test_a_workflow_with_a_compose_like_name_is_not_a_compose_file() -> None:
    workflow = "name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n"
    assert codes_at({".github/workflows/deploy-docker-compose.yml": workflow}, "LD003") == []
