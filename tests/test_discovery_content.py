"""Compose files found by content, templates left out of walks, and what each says."""

from __future__ import annotations

import pytest
from conftest import WriteTree

from lintdock.config import ConfigError
from lintdock.engine import Skipped, lint_paths, lint_texts
from lintdock.model.span import Span
from lintdock.parsers.sniff import looks_like_compose, template_mark


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  web:\n    image: nginx\n",
        "# app\nname: demo\n\nservices:  # all of them\n\n  # the api\n  api: {}\n",
        "x-base: &base\n  restart: always\nservices:\n  'db':\n    <<: *base\n",
        "services: {web: {image: nginx}}\n",
        "services:\n\t\n  ${NAME}-web:\n    image: nginx\n",
        "services:\n  web:\n    image: nginx\nvolume:\n  data: {}\n",
    ],
)
def test_a_top_level_mapping_of_services_is_compose(text: str) -> None:
    assert looks_like_compose(text)


@pytest.mark.parametrize(
    "text",
    [
        "jobs:\n  test:\n    services:\n      db:\n        image: postgres\n",
        "services:\n- web\n- db\n",
        "services: 3\n",
        "services:\nother: 1\n",
        "name: x\nversion: '3'\n",
        "on: push\n",
        "",
        "workspace:\n  base: /app\nsteps:\n  test:\n    image: php\nservices:\n  mysql:\n"
        "    image: mysql:8\n",
    ],
)
def test_other_yaml_is_not(text: str) -> None:
    assert not looks_like_compose(text)


@pytest.mark.parametrize(
    ("path", "text", "reason", "line"),
    [
        ("Dockerfile.template", "FROM alpine\n", "its name ends in `.template`", 1),
        ("app/Dockerfile.j2", "FROM alpine\n", "its name ends in `.j2`", 1),
        ("{{cookiecutter.slug}}/Dockerfile", "FROM alpine\n", "filled in by a template", 1),
        ("Dockerfile", "FROM alpine\n\n  {% if dev %}\nRUN x\n", "line 3 opens with `{%`", 3),
        (
            "eng/dockerfile-templates/Dockerfile",
            "FROM alpine\nRUN echo {{ VERSION }}\n",
            "templates folder and uses `{{`",
            2,
        ),
    ],
)
def test_a_template_is_named_with_its_reason(path: str, text: str, reason: str, line: int) -> None:
    mark = template_mark(path, text)
    assert mark is not None and reason in mark.reason and mark.line == line


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("Dockerfile", "FROM alpine\nRUN echo '{{ not at the start }}'\n"),
        ("templates/Dockerfile", "FROM alpine\nRUN echo ok\n"),
        ("Dockerfile.prod", "FROM alpine\n"),
    ],
)
def test_a_dockerfile_is_not_a_template(path: str, text: str) -> None:
    assert template_mark(path, text) is None


COMPOSE_WITHOUT_RESTART = "services:\n  web:\n    image: nginx:1.27\n    ports: ['80:80']\n"


def test_a_walk_lints_compose_files_by_other_names_and_by_content(tree: WriteTree) -> None:
    root = tree(
        {
            "docker-compose-v3.yml": COMPOSE_WITHOUT_RESTART,
            "deploy/pwd.yml": COMPOSE_WITHOUT_RESTART,
            "deploy/ci.yml": "jobs:\n  t:\n    services:\n      db: {}\n",
            "deploy/values.yaml": "replicas: 3\n",
        }
    )
    assert root.is_dir()
    result = lint_paths(["."], workers=1)
    assert result.files == ("deploy/pwd.yml", "docker-compose-v3.yml")
    assert [(d.path, d.span) for d in result.diagnostics if d.code == "LD504"] == [
        ("deploy/pwd.yml", Span(2, 3, 2, 6)),
        ("docker-compose-v3.yml", Span(2, 3, 2, 6)),
    ]


def test_the_content_check_can_be_turned_off(tree: WriteTree) -> None:
    root = tree(
        {
            ".lintdock.toml": "compose-by-content = false\n",
            "pwd.yml": COMPOSE_WITHOUT_RESTART,
            "compose.yaml": COMPOSE_WITHOUT_RESTART,
        }
    )
    assert root.is_dir()
    assert lint_paths(["."], workers=1).files == ("compose.yaml",)


def test_the_content_check_setting_is_a_boolean(tree: WriteTree) -> None:
    root = tree({".lintdock.toml": 'compose-by-content = "no"\n', "compose.yaml": ""})
    with pytest.raises(ConfigError, match="compose-by-content: expected true or false"):
        lint_paths([str(root)], workers=1)


def test_a_walk_skips_templates_and_says_why(tree: WriteTree) -> None:
    tree(
        {
            "Dockerfile.template": "FROM {{ .base }}\nSET x\n",
            "web/Dockerfile": "FROM alpine\n{{ if .Dev }}\nRUN apk add gdb\n{{ end }}\n",
            "api/Dockerfile": 'FROM alpine:3.20\nCMD ["api"]\n',
        }
    )
    result = lint_paths(["."], workers=1)
    assert result.files == ("api/Dockerfile",)
    assert result.skipped == (
        Skipped("Dockerfile.template", "a template (its name ends in `.template`), not linted"),
        Skipped("web/Dockerfile", "a template (line 2 opens with `{{`), not linted"),
    )
    assert not [d for d in result.diagnostics if d.code == "LD001"]


def test_a_template_named_explicitly_is_one_finding_that_says_so(tree: WriteTree) -> None:
    tree({"web/Dockerfile": "FROM alpine\nSET x\n{{ if .Dev }}\nRUN apk add gdb\n{{ end }}\n"})
    result = lint_paths(["web/Dockerfile"], workers=1, layer=None)
    assert [(d.code, d.span, d.severity and d.severity.label) for d in result.diagnostics] == [
        ("LD001", Span(3, 1, 3, 14), "info")
    ]
    assert "a template for a Dockerfile, not one (line 3 opens with `{{`)" in (
        result.diagnostics[0].message
    )


def test_lint_texts_finds_compose_files_by_content() -> None:
    found = lint_texts({"stack/pwd.yml": COMPOSE_WITHOUT_RESTART}, select=["LD504"])
    assert [(d.path, d.code) for d in found] == [("stack/pwd.yml", "LD504")]


def test_the_content_check_has_a_command_line_switch(tree: WriteTree) -> None:
    from click.testing import CliRunner

    from lintdock.cli import cli

    tree({"pwd.yml": COMPOSE_WITHOUT_RESTART})
    found = CliRunner().invoke(cli, ["check", "--select", "LD504", "."])
    assert "pwd.yml:2:3: LD504" in found.output
    off = CliRunner().invoke(cli, ["check", "--no-compose-by-content", "."])
    assert "no Dockerfiles or compose files found" in off.output


def test_a_walk_leaves_third_party_code_and_workflows_alone(tree: WriteTree) -> None:
    # docker/buildx vendors compose-go's schema test data; a workflow may hold a services: map
    tree(
        {
            "vendor/github.com/compose-spec/compose-go/schema/using-variables.yaml": (
                COMPOSE_WITHOUT_RESTART
            ),
            "vendor/github.com/creack/pty/Dockerfile": "FROM golang\nWORKDIR src\n",
            "web/node_modules/pkg/Dockerfile": "FROM node\n",
            ".github/workflows/deploy.yml": COMPOSE_WITHOUT_RESTART,
            "pwd.yml": COMPOSE_WITHOUT_RESTART,
        }
    )
    result = lint_paths(["."], workers=1)
    assert result.files == ("pwd.yml",)
    assert result.skipped == (
        Skipped("vendor/", "third-party code, not walked"),
        Skipped("web/node_modules/", "third-party code, not walked"),
    )
    assert lint_paths(["vendor/github.com/creack/pty/Dockerfile"], workers=1).files == (
        "vendor/github.com/creack/pty/Dockerfile",
    )
