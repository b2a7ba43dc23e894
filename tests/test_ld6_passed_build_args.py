"""LD614, LD664 and LD665 judge the image a FROM names with the build arguments every compose
build of the Dockerfile passes, not with the ARG defaults those builds never use."""

from __future__ import annotations

from ld1_helpers import Hit, hits, run

from lintdock.engine import lint_texts

REQUIRED_VERSION = "ARG ELK_VERSION\nFROM elasticsearch:${ELK_VERSION}\n"


def _compose(args: str) -> str:
    return f"services:\n  search:\n    build:\n      context: .\n      args:\n{args}"


def test_an_arg_every_build_passes_is_not_an_invalid_default() -> None:
    files = {
        "Dockerfile": REQUIRED_VERSION,
        "compose.yaml": _compose("        - ELK_VERSION=${ELK_VERSION}\n"),
        ".env": "ELK_VERSION=8.19.13\n",
    }
    assert hits(files, "LD614") == []
    assert hits(files, "LD665") == []


def test_an_arg_from_the_environment_is_not_judged() -> None:
    files = {"Dockerfile": REQUIRED_VERSION, "compose.yaml": _compose("        - ELK_VERSION\n")}
    assert hits(files, "LD614") == []
    unset = {
        "Dockerfile": REQUIRED_VERSION,
        "compose.yaml": _compose("        ELK_VERSION: ${ELK_VERSION}\n"),
    }
    assert hits(unset, "LD614") == []


def test_a_lone_dockerfile_keeps_its_finding_as_information() -> None:
    """With no default at all, the file is written to be built with the argument."""
    assert hits(REQUIRED_VERSION, "LD614") == [Hit("Dockerfile", 2, 6, 2, 34, "info")]


def test_a_service_that_does_not_pass_the_arg_keeps_the_finding() -> None:
    files = {
        "Dockerfile": REQUIRED_VERSION,
        "compose.yaml": _compose("        OTHER: x\n")
        + "  again:\n    build:\n      context: .\n      args:\n        ELK_VERSION: '8'\n",
    }
    assert hits(files, "LD614") == [Hit("Dockerfile", 2, 6, 2, 34, "warning")]


def test_a_passed_value_that_names_no_image_is_reported() -> None:
    files = {"Dockerfile": REQUIRED_VERSION, "compose.yaml": _compose("        ELK_VERSION: ''\n")}
    found = run(files, "LD614")
    assert [(d.span.line, d.span.column) for d in found] == [(2, 6)]
    assert "(build argument ELK_VERSION of every compose build) is 'elasticsearch:'" in (
        found[0].message
    )


def test_latest_is_judged_by_the_value_passed() -> None:
    dockerfile = "ARG BASE_TAG=latest\nFROM example/base:${BASE_TAG}\n"
    pinned = {"Dockerfile": dockerfile, "compose.yaml": _compose("        BASE_TAG: '1.4'\n")}
    assert hits(pinned, "LD665") == []
    passed_latest = {
        "Dockerfile": "ARG V=1.0\nFROM mysql:${V}\n",
        "compose.yaml": _compose("        - V=${MYSQL_VERSION}\n"),
        ".env": "MYSQL_VERSION=latest\n",
    }
    found = run(passed_latest, "LD665")
    assert [(d.span.line, d.span.column, d.span.end_column) for d in found] == [(2, 6, 16)]
    assert "FROM mysql:latest (build argument V of every compose build)" in found[0].message
    assert hits(dockerfile, "LD665") == [Hit("Dockerfile", 2, 6, 2, 30, "warning")]


def test_untagged_is_judged_by_the_value_passed() -> None:
    dockerfile = "ARG BASE=example/base\nFROM ${BASE}\n"
    files = {"Dockerfile": dockerfile, "compose.yaml": _compose("        BASE: example/base:2\n")}
    assert hits(files, "LD664") == []
    assert hits(dockerfile, "LD664") == [Hit("Dockerfile", 2, 6, 2, 13, "warning")]
    untagged = {"Dockerfile": dockerfile, "compose.yaml": _compose("        BASE: other/base\n")}
    assert hits(untagged, "LD664") == [Hit("Dockerfile", 2, 6, 2, 13, "warning")]


def test_a_passed_image_the_project_builds_is_no_pull() -> None:
    files = {
        "Dockerfile": "FROM python:3.12\n",
        "cron/Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n",
        "compose.yaml": (
            "services:\n  web:\n    image: app-local\n    build: .\n"
            "  cron:\n    build:\n      context: ./cron\n      args:\n"
            "        BASE_IMAGE: app-local\n"
        ),
    }
    assert hits(files, "LD664") == []
    assert hits(files, "LD614") == []


def test_a_value_that_reads_an_unset_variable_is_unknown() -> None:
    files = {
        "Dockerfile": "ARG BASE\nFROM ${BASE}\n",
        "compose.yaml": _compose("        BASE: cypress/factory:${FACTORY_VERSION}\n"),
    }
    assert hits(files, "LD614") == []
    assert hits(files, "LD664") == []


def test_a_floating_base_the_repository_builds_itself_is_information() -> None:
    files = {
        "Base/Dockerfile": 'FROM ubuntu:24.04\nCMD ["bash"]\n',
        "Sessions/Dockerfile": 'ARG VERSION=latest\nFROM selenium/base:${VERSION}\nCMD ["s"]\n',
        "Other/Dockerfile": 'FROM selenium/node\nCMD ["s"]\n',
        "Pulled/Dockerfile": 'FROM example/tool:latest\nCMD ["s"]\n',
        "tests/Dockerfile": 'FROM bats-jenkins\nCMD ["s"]\n',
        "tests/official/Dockerfile": 'FROM redis\nCMD ["s"]\n',
    }
    found = lint_texts(files, select=["LD664", "LD665"])
    assert sorted((d.path, d.code, d.severity and d.severity.label) for d in found) == [
        ("Other/Dockerfile", "LD664", "warning"),  # no folder is named after selenium/node
        ("Pulled/Dockerfile", "LD665", "warning"),
        ("Sessions/Dockerfile", "LD665", "info"),  # Base/ is named after selenium/base
        ("tests/Dockerfile", "LD664", "info"),  # a bare name no registry serves
        ("tests/official/Dockerfile", "LD664", "warning"),
    ]
    [own] = [d for d in found if d.path == "Sessions/Dockerfile"]
    assert own.message.endswith("which matters when images are built apart")


def test_a_folder_named_after_the_base_is_not_its_builder() -> None:
    """laradock's swagger-editor/Dockerfile is FROM swaggerapi/swagger-editor:latest: its
    folder is named after its base, and it builds no image of that name."""
    files = {"swagger-editor/Dockerfile": "FROM swaggerapi/swagger-editor:latest\nEXPOSE 8080\n"}
    assert hits(files, "LD665") == [Hit("swagger-editor/Dockerfile", 1, 6, 1, 38, "warning")]


def test_an_example_built_on_a_folder_of_the_repository_pulls_its_tag() -> None:
    """cypress's examples/ build FROM cypress/factory apart from factory/: a user who copies
    one pulls Docker Hub's latest."""
    files = {
        "examples/firefox/Dockerfile": "FROM cypress/factory\nRUN npm ci\n",
        "factory/Dockerfile": "FROM node:22\n",
    }
    assert hits(files, "LD664") == [Hit("examples/firefox/Dockerfile", 1, 6, 1, 21, "warning")]
    files["app/Dockerfile"] = files.pop("examples/firefox/Dockerfile")
    assert hits(files, "LD664") == [Hit("app/Dockerfile", 1, 6, 1, 21, "info")]
