"""The role of a file (test harness, development, example, base image, job, production):
inferred from its path and content, set by configuration, and applied by the rules that
matter only for production (LD201, LD504, LD505)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import WriteTree

from lintdock.engine import lint_paths, lint_texts
from lintdock.model.span import Span
from lintdock.roles import (
    FileRole,
    Role,
    lab_roles,
    readme_role,
    repository_role,
    role_by_path,
)


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
        (".examples/nginx/compose.yaml", Role.EXAMPLE, "in a .examples/ folder"),
        (
            "demo-setups/relay/compose.yaml",
            Role.EXAMPLE,
            "`demo` in the name of its demo-setups/ folder",
        ),
        (
            "apps/node_sample/Dockerfile",
            Role.EXAMPLE,
            "`sample` in the name of its node_sample/ folder",
        ),
        ("image/discourse_dev/Dockerfile", Role.DEVELOPMENT, "`dev` in its folder's name"),
        ("factory/test-project/node.Dockerfile", Role.TEST, "`test` in its folder's name"),
        (
            "activemq/CVE-2015-5254/docker-compose.yml",
            Role.EXAMPLE,
            "in CVE-2015-5254/: it reproduces a vulnerability",
        ),
        ("deploy/prod/compose.yaml", Role.PRODUCTION, "in a prod/ folder"),
    ],
)
def test_a_path_gives_a_role(path: str, role: Role, reason: str) -> None:
    found = role_by_path(path)
    assert found is not None and (found.role, found.reason) == (role, reason)


@pytest.mark.parametrize(
    "path",
    ["compose.yaml", "deploy/compose.yaml", "latest/Dockerfile", "stack-dev/compose.yaml"],
)
def test_other_paths_say_nothing(path: str) -> None:
    assert role_by_path(path) is None


RESTARTS = "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n"
CURL = 'FROM alpine:3.20\nRUN apk add --no-cache curl\nEXPOSE 80\nCMD ["web"]\n'


def test_a_service_that_builds_a_development_stage_is_a_development_setup() -> None:
    """docker/getting-started: ``build: {context: ., target: dev}`` and the source mounted."""
    text = (
        "services:\n  docs:\n    build:\n      context: .\n      target: {target}\n"
        "    ports: ['80:80']\n"
    )
    dockerfile = "FROM python:3.12 AS dev\nCMD ['mkdocs']\nFROM nginx:1.27 AS prod\n"
    for target, reported in (("dev", False), ("development", False), ("prod", True)):
        files = {"compose.yaml": text.replace("{target}", target), "Dockerfile": dockerfile}
        found = lint_texts(files, select=["LD504"])
        assert bool(found) is reported, target


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


@pytest.mark.parametrize(
    ("entrypoint", "last_line"),
    [
        ('["tini", "-g", "--", "start.sh"]', 'exec "$@"'),
        ('["start.sh"]', 'cmd=( "$@" )\nexec "${cmd[@]}"'),
    ],
)
def test_a_base_image_behind_an_init_or_through_an_array(entrypoint: str, last_line: str) -> None:
    files = {
        "Dockerfile": (
            "FROM alpine:3.20\nRUN apk add --no-cache curl tini\nCOPY start.sh /usr/local/bin/\n"
            f"EXPOSE 80\nENTRYPOINT {entrypoint}\n"
        ),
        "start.sh": f"#!/bin/bash\nset -e\n{last_line}\n",
    }
    assert lint_texts(files, select=["LD201"]) == []
    files["start.sh"] = "#!/bin/bash\nexec server\n"
    assert [d.code for d in lint_texts(files, select=["LD201"])] == ["LD201"]
    files["start.sh"] = (
        '#!/bin/bash\nif [ $# -lt 1 ]; then\n  exec java -jar app.jar\nfi\nexec "$@"\n'
    )
    assert [d.code for d in lint_texts(files, select=["LD201"])] == ["LD201"]  # its own program


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


# Issue 12's decisions, per role: what LD404 (start order only) and LD504 (no restart policy)
# say in a production file, a test harness, a development file and an example.
RACE = """\
services:
  app:
    image: example/app:1
    depends_on: [db]
    entrypoint: [app, serve]
  db:
    image: postgres:16
"""
ROLE_FILES = {
    "compose.yaml": ("", "warning", "warning"),
    "docker-compose.test.yml": ("(a test harness, ", "info", None),
    "compose.dev.yaml": ("(a development environment, ", "info", None),
    "examples/compose.yaml": ("(an example, ", "info", None),
}
ROLE_NOTES = [note for note, _, _ in ROLE_FILES.values() if note]


@pytest.mark.parametrize("path", sorted(ROLE_FILES))
def test_start_order_and_restart_policy_by_role(path: str) -> None:
    note, ld404, ld504 = ROLE_FILES[path]
    found = lint_texts({path: RACE}, select=["LD404", "LD504"])
    by_code = {d.code: d for d in found}
    assert by_code["LD404"].span == Span(4, 18, 4, 20)
    assert by_code["LD404"].severity is not None
    assert by_code["LD404"].severity.label == ld404
    notes = [n for n in ROLE_NOTES if n in by_code["LD404"].message]
    assert notes == ([note] if note else [])
    assert ("LD504" in by_code) == (ld504 is not None)
    if ld504 is not None:
        assert by_code["LD504"].span == Span(6, 3, 6, 5)


def test_ld404_in_a_test_harness_says_what_the_race_costs_there() -> None:
    [finding] = lint_texts({"tests/compose.yaml": RACE}, select=["LD404"])
    assert finding.message.endswith(
        "(a test harness, where the race makes runs flaky but takes nothing down: in a tests/ "
        "folder)"
    )


def test_official_image_sources_leave_the_health_check_to_the_deployer() -> None:
    server = 'FROM debian:bookworm-slim\nEXPOSE 6379\nCMD ["redis-server"]\n'
    files = {"7.4/bookworm/Dockerfile": server, "generate-stackbrew-library.sh": "#!/bin/sh\n"}
    assert lint_texts(files, select=["LD101"]) == []
    del files["generate-stackbrew-library.sh"]
    [finding] = lint_texts(files, select=["LD101"])
    assert (finding.path, finding.span) == ("7.4/bookworm/Dockerfile", Span(1, 1, 1, 26))


def test_an_official_image_source_shows_its_role(tree: WriteTree) -> None:
    tree(
        {
            "generate-stackbrew-library.sh": "#!/bin/sh\n",
            "8/alpine/Dockerfile": 'FROM alpine:3.20\nCMD ["mongod"]\n',
        }
    )
    result = lint_paths(["."], workers=1, layer=None)
    assert result.roles == {
        "8/alpine/Dockerfile": (
            "image-source (a Docker Official Image's source (generate-stackbrew-library.sh))"
        )
    }


def test_a_folder_beside_a_vulnerability_folder_is_a_lab() -> None:
    """vulhub's redis/4-unacc/ sits next to redis/CVE-2022-0543/: both reproduce a vulnerability."""
    roles = lab_roles(
        [
            "redis/4-unacc/docker-compose.yml",
            "redis/CVE-2022-0543/docker-compose.yml",
            "compose.yaml",
        ]
    )
    assert {path: (role.role, role.reason) for path, role in roles.items()} == {
        "redis/4-unacc/docker-compose.yml": (
            Role.EXAMPLE,
            "beside redis/CVE-2022-0543/: a vulnerability lab",
        )
    }


def test_every_file_of_a_catalogue_of_labs_is_a_lab() -> None:
    """vulhub's root: three apps with CVE folders make spark/unacc/ and base/ images labs too."""
    labs = [f"{app}/CVE-2020-{n}/docker-compose.yml" for n, app in enumerate(["a", "b", "c"], 1)]
    others = ["spark/unacc/docker-compose.yml", "base/redis/5.0.7/Dockerfile", "Dockerfile"]
    roles = lab_roles(labs + others)
    assert {path: role.reason for path, role in roles.items()} == {
        "spark/unacc/docker-compose.yml": "in the repository, a catalogue of vulnerability labs",
        "base/redis/5.0.7/Dockerfile": "in the repository, a catalogue of vulnerability labs",
    }
    assert lab_roles(labs[:2] + others) == {}
    assert lab_roles(["/abs/app/Dockerfile", "/Dockerfile"]) == {}  # absolute paths end at "/"


def test_a_lab_keeps_production_only_rules_quiet(tree: WriteTree) -> None:
    files = {f"{app}/CVE-2021-{n}/Dockerfile": CURL for n, app in enumerate("abc", 1)}
    tree({**files, "spark/unacc/docker-compose.yml": RESTARTS, "spark/unacc/Dockerfile": CURL})
    result = lint_paths(["."], workers=1)
    assert [d.code for d in result.diagnostics if d.code in ("LD201", "LD504")] == []
    assert result.roles["spark/unacc/docker-compose.yml"] == (
        "example (in the repository, a catalogue of vulnerability labs)"
    )


@pytest.mark.parametrize(
    ("header", "said"),
    [
        (
            "#\n# Don't use this compose file\n# This file is a Example ONLY\n",
            "Don't use this compose file",
        ),
        ("# For demonstration purposes only.\n", "For demonstration purposes"),
        ("# Do not use this setup in production!\n", "Do not use this setup in production"),
        ("# NOT intended for production use\n", "NOT intended for production"),
    ],
)
def test_a_header_that_says_nobody_runs_the_file_makes_it_an_example(
    tree: WriteTree, header: str, said: str
) -> None:
    tree({"deploy/stack.yml": header + "services:\n  web:\n    image: nginx:1.27\n"})
    result = lint_paths(["."], workers=1, layer=None)
    assert result.roles == {"deploy/stack.yml": f'example (its header says "{said}")'}


def test_an_example_header_quiets_the_production_rules_of_a_dockerfile() -> None:
    header = "# This is an example: do not use it in production\n"
    found = lint_texts({"x/Dockerfile": header + CURL, "y/Dockerfile": CURL}, select=["LD201"])
    assert [(d.code, d.path, d.span) for d in found] == [
        ("LD201", "y/Dockerfile", Span(2, 24, 2, 28))
    ]


def test_a_comment_after_the_first_instruction_is_not_a_header(tree: WriteTree) -> None:
    tree({"Dockerfile": 'FROM alpine:3.20\n# an example only\nCMD ["sh"]\n'})
    assert lint_paths(["."], workers=1, layer=None).roles == {
        "Dockerfile": "production (nothing says otherwise)"
    }


SYNOPSES = (
    "FROM B\nARG <name>[=<default value>]\nLABEL <key>=<value> ...\nUSER <user>[:<group>]\n"
    'RUN echo "<html></html>" > /index.html\n'
)


def test_a_dockerfile_of_syntax_synopses_is_a_reference_sheet(tree: WriteTree) -> None:
    """A walk leaves it out; named explicitly, it is linted as an example."""
    tree({"dockerfile/Dockerfile": SYNOPSES})
    walked = lint_paths(["."], workers=1, layer=None)
    assert (walked.roles, walked.diagnostics) == ({}, ())
    assert [(s.path, s.reason) for s in walked.skipped] == [
        (
            "dockerfile/Dockerfile",
            "a reference sheet (its instructions are syntax: ARG <name>[=<default value>]), "
            "not linted",
        )
    ]
    assert lint_paths(["dockerfile/Dockerfile"], workers=1, layer=None).roles == {
        "dockerfile/Dockerfile": (
            "example (a reference sheet: its instructions are syntax (ARG <name>[=<default "
            "value>]))"
        )
    }


def test_placeholders_in_commands_or_in_two_declarations_do_not_make_a_reference_sheet(
    tree: WriteTree,
) -> None:
    two = SYNOPSES.replace("USER <user>[:<group>]\n", "USER app\n")
    tree({"Dockerfile": two})
    assert lint_paths(["."], workers=1, layer=None).roles == {
        "Dockerfile": "production (nothing says otherwise)"
    }


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (
            "build/patch/2020-02-14-1/Dockerfile",
            "in 2020-02-14-1/, named after the day it was made: a record",
        ),
        ("airflow/deprecated/docker-compose-master.yml", "in a deprecated/ folder"),
        ("nfs/old/docker-compose.yml", "in a old/ folder"),
        (
            "unsupported_images/php/7.1/Dockerfile",
            "`unsupported` in the name of its unsupported_images/ folder",
        ),
        ("eol-releases/3.9/Dockerfile", "`eol` in the name of its eol-releases/ folder"),
    ],
)
def test_a_folder_kept_as_a_record_is_an_archive(path: str, reason: str) -> None:
    assert role_by_path(path) == FileRole(Role.ARCHIVE, reason)


@pytest.mark.parametrize(
    "path",
    ["base/minio/2023-02-27T18-10-45Z/Dockerfile", "old-app/Dockerfile", "legacy/compose.yaml"],
)
def test_a_version_named_by_a_timestamp_or_old_in_a_name_is_no_archive(path: str) -> None:
    assert role_by_path(path) is None


def test_an_archive_keeps_production_only_rules_quiet() -> None:
    files = {"patch/2021-01-29/Dockerfile": CURL, "Dockerfile": CURL}
    found = lint_texts(files, select=["LD201"])
    assert [(d.code, d.path, d.span) for d in found] == [
        ("LD201", "Dockerfile", Span(2, 24, 2, 28))
    ]


def test_a_repository_named_as_an_example_makes_its_files_examples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, role in (("example-voting-app", "example"), ("voting-app", "production")):
        folder = tmp_path / name
        (folder / "tests").mkdir(parents=True)
        (folder / "compose.yaml").write_text(RESTARTS, encoding="utf-8")
        (folder / "tests" / "compose.yaml").write_text(RESTARTS, encoding="utf-8")
        monkeypatch.chdir(folder)
        roles = lint_paths(["."], workers=1).roles
        assert roles["compose.yaml"].split(" (")[0] == role
        assert roles["tests/compose.yaml"] == "test (in a tests/ folder)"  # its path decides
    assert repository_role("/src/Compose-Examples") == FileRole(
        Role.EXAMPLE, "`examples` in the name of the repository's folder Compose-Examples/"
    )
    assert repository_role("/src/shop") is None


SAMPLES_README = """\
# Awesome samples

> The following samples are intended for local development environments. These samples must
> not be deployed in production environments.

## Contents
"""


def test_a_readme_that_says_nothing_is_for_production_makes_the_files_examples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "compose.yaml").write_text(RESTARTS, encoding="utf-8")
    (tmp_path / "tests" / "compose.yaml").write_text(RESTARTS, encoding="utf-8")
    (tmp_path / "README.md").write_text(SAMPLES_README, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    roles = lint_paths(["."], workers=1).roles
    assert roles["compose.yaml"] == (
        'example (the repository\'s README says "must not be deployed in production")'
    )
    assert roles["tests/compose.yaml"] == "test (in a tests/ folder)"  # its path decides
    (tmp_path / "README.md").write_text("# Shop\n\nRuns the shop in production.\n")
    assert lint_paths(["."], workers=1).roles["compose.yaml"].startswith("production")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "# Labs\n\n**For testing and educational purposes only.**\n",
            "For testing and educational purposes only",
        ),
        ("# X\n\nThis is not meant for production.\n", "not meant for production"),
        ("# X\n\nRun it.\n\n## Notes\n\nThe demo/ folder is not for production.\n", None),
        ("# X\n\nThese samples may be deployed in production, with care.\n", None),
        ("# App\n\nUses the official [postgres](https://hub.docker.com/_/postgres) image.\n", None),
        ("# Coder\n\nCoder is a self-hosted cloud development environment.\n", None),
        ("# Outline\n\nThis is a short guide for setting up a development environment.\n", None),
    ],
)
def test_only_the_introduction_of_a_readme_gives_the_repository_a_role(
    text: str, said: str | None
) -> None:
    role = readme_role(text)
    assert (role.reason if role else None) == (
        None if said is None else f'the repository\'s README says "{said}"'
    )


def test_a_readme_that_links_an_official_image_page_makes_an_image_source() -> None:
    text = (
        "# Containers\n[![Pulls](https://img.shields.io/docker/pulls/_/eclipse-temurin)]"
        "(https://hub.docker.com/_/eclipse-temurin)\n\nThis repository contains the Dockerfiles"
        " for the official [Adoptium](https://adoptium.net) images of Eclipse Temurin.\n\n"
        "## Supported images\n"
    )
    assert readme_role(text) == FileRole(
        Role.IMAGE_SOURCE,
        "a Docker Official Image's source: its README links hub.docker.com/_/eclipse-temurin",
    )


def test_a_readme_that_calls_the_repository_a_development_environment() -> None:
    overview = "## Overview\n\n**Laradock is a full PHP development environment for Docker.**\n"
    role = readme_role(f"# Laradock\n\n{overview}\n## Quick start\n")
    assert role == FileRole(
        Role.DEVELOPMENT,
        'the repository\'s README says "is a full PHP development environment"',
    )
    assert role_by_path("production/Dockerfile") == FileRole(
        Role.PRODUCTION, "in a production/ folder"
    )  # what laradock ships, whatever the README says of the rest
    assert role_by_path("production/tests/Dockerfile") == FileRole(Role.TEST, "in a tests/ folder")
    later = f"# Laradock\n\n## Quick start\n\nRun it.\n\n{overview}"
    assert readme_role(later) is None  # a later section speaks of one part, not the whole


def test_every_finding_in_an_archived_file_is_information() -> None:
    """aws-codebuild's unsupported_images/: kept as a record, never built again."""
    text = "FROM ubuntu:18.04\nENV LANG C.UTF-8\nMAINTAINER someone\n"
    found = lint_texts({"unsupported_images/java/Dockerfile": text}, select=["LD612", "LD606"])
    assert [(d.code, d.severity.label if d.severity else None) for d in found] == [
        ("LD612", "info"),
        ("LD606", "info"),
    ]
    assert found[0].message.endswith(
        "(an archived file: `unsupported` in the name of its unsupported_images/ folder)"
    )
    shipped = lint_texts({"java/Dockerfile": text}, select=["LD612"])
    assert [d.severity.label for d in shipped if d.severity] == ["warning"]
