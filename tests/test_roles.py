"""The role of a file (test harness, development, example, base image, job, production):
inferred from its path and content, set by configuration, and applied by the rules that
matter only for production (LD201, LD504, LD505)."""

from __future__ import annotations

import pytest
from conftest import WriteTree

from lintdock.engine import lint_paths, lint_texts
from lintdock.model.span import Span
from lintdock.roles import Role, role_by_path


@pytest.mark.parametrize(
    ("path", "role", "reason"),
    [
        ("docker-compose.test.yml", Role.TEST, "`test` in its name"),
        ("compose.ci.yaml", Role.TEST, "`ci` in its name"),
        ("tests/integration/compose.yaml", Role.TEST, "in a tests/ folder"),
        (".github/services/docker-compose.yml", Role.TEST, "in a .github/ folder"),
        (".devcontainer/docker-compose.yml", Role.DEVELOPMENT, "in a .devcontainer/ folder"),
        ("compose.dev.yaml", Role.DEVELOPMENT, "`dev` in its name"),
        ("Dockerfile.dev", Role.DEVELOPMENT, "`dev` in its name"),
        ("examples/redis/compose.yaml", Role.EXAMPLE, "in a examples/ folder"),
        ("labs/week1/Dockerfile", Role.EXAMPLE, "in a labs/ folder"),
    ],
)
def test_a_path_gives_a_role(path: str, role: Role, reason: str) -> None:
    found = role_by_path(path)
    assert found is not None and (found.role, found.reason) == (role, reason)


@pytest.mark.parametrize("path", ["compose.yaml", "deploy/prod/compose.yaml", "latest/Dockerfile"])
def test_other_paths_say_nothing(path: str) -> None:
    assert role_by_path(path) is None


RESTARTS = "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n"
CURL = 'FROM alpine:3.20\nRUN apk add --no-cache curl\nEXPOSE 80\nCMD ["web"]\n'


def test_production_only_rules_keep_quiet_outside_production() -> None:
    files = {
        "compose.yaml": RESTARTS,
        "docker-compose.test.yml": RESTARTS,
        "Dockerfile": CURL,
        "tests/Dockerfile": CURL,
    }
    found = lint_texts(files, select=["LD201", "LD504"])
    assert [(d.code, d.path, d.span) for d in found] == [
        ("LD201", "Dockerfile", Span(2, 24, 2, 28)),
        ("LD504", "compose.yaml", Span(2, 3, 2, 6)),
    ]


def test_a_sut_service_makes_a_test_harness() -> None:
    text = RESTARTS + "  sut:\n    image: tester\n    depends_on: [web]\n"
    assert lint_texts({"compose.yaml": text}, select=["LD504"]) == []


def test_a_base_image_is_one_that_runs_what_it_is_given() -> None:
    files = {
        "Dockerfile": (
            "FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY entrypoint.sh /usr/local/bin/\n"
            'EXPOSE 80\nENTRYPOINT ["entrypoint.sh"]\n'
        ),
        "entrypoint.sh": '#!/bin/sh\nset -e\nchown app /data\nexec "$@"\n',
    }
    assert lint_texts(files, select=["LD201"]) == []


def test_configuration_sets_roles(tree: WriteTree) -> None:
    tree(
        {
            ".lintdock.toml": '[roles]\n"deploy/**" = "test"\n"tests/keep/*" = "production"\n',
            "deploy/compose.yaml": RESTARTS,
            "tests/keep/compose.yaml": RESTARTS,
        }
    )
    result = lint_paths(["."], workers=1, layer=None)
    assert [(d.code, d.path) for d in result.diagnostics if d.code == "LD504"] == [
        ("LD504", "tests/keep/compose.yaml")
    ]
    assert result.roles == {
        "deploy/compose.yaml": "test (configured)",
        "tests/keep/compose.yaml": "production (configured)",
    }
