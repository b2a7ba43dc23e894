"""LD853 user-not-numeric: the USER of the image that ships names a user rather than a UID, at
that USER; numeric, root, unknown and Windows users left alone."""

from __future__ import annotations

import pytest
from ld1_helpers import Hit, hits, run


def test_the_last_user_of_the_shipped_image_at_that_user() -> None:
    text = 'FROM alpine:3.20\nUSER app\nRUN id\nUSER app:app\nCMD ["sh"]\n'
    assert hits(text, "LD853") == [Hit("Dockerfile", 4, 1, 4, 13, "info")]


def test_a_test_or_development_image_runs_under_no_policy() -> None:
    text = 'FROM alpine:3.20\nUSER app\nCMD ["sh"]\n'
    assert hits({"tests/Dockerfile": text}, "LD853") == []
    assert hits({".devcontainer/Dockerfile": text}, "LD853") == []
    assert hits({"Dockerfile": text}, "LD853") == [Hit("Dockerfile", 2, 1, 2, 9, "info")]


@pytest.mark.parametrize("user", ["1000", "1000:1000", "1000:app", "65532:65532"])
def test_a_numeric_uid_is_left_alone(user: str) -> None:
    assert hits(f"FROM alpine:3.20\nUSER {user}\n", "LD853") == []


@pytest.mark.parametrize("user", ["root", "root:root", "0", "ROOT"])
def test_root_is_last_user_root_s(user: str) -> None:
    assert hits(f"FROM alpine:3.20\nUSER {user}\n", "LD853") == []


def test_earlier_users_and_build_stages_do_not_ship() -> None:
    text = (
        "FROM golang:1.23 AS build\nUSER builder\nRUN go build ./...\n"
        "FROM alpine:3.20\nUSER app\nRUN id\nUSER 10001\n"
    )
    assert hits(text, "LD853") == []


def test_an_inherited_user_is_reported_once_at_the_parent_stage() -> None:
    text = (
        "FROM alpine:3.20 AS base\nUSER app\n"
        "FROM base AS prod\nRUN id\nFROM base AS debug\nRUN id\n"
    )
    compose = (
        "services:\n  a:\n    build:\n      context: .\n      target: prod\n"
        "  b:\n    build:\n      context: .\n      target: debug\n"
    )
    assert hits({"Dockerfile": text, "compose.yaml": compose}, "LD853") == [
        Hit("Dockerfile", 2, 1, 2, 9, "info")
    ]


def test_variables_resolved_through_arg_and_env_defaults() -> None:
    numeric = "FROM alpine:3.20\nARG UID=1000\nARG GID=1000\nUSER ${UID}:${GID}\n"
    assert hits(numeric, "LD853") == []
    named = "FROM alpine:3.20\nENV APP_USER=app\nUSER $APP_USER\n"
    assert hits(named, "LD853") == [Hit("Dockerfile", 3, 1, 3, 15, "info")]
    (finding,) = run(named, "LD853")
    assert finding.message.startswith("USER $APP_USER (app) names a user, not a UID")
    given_at_build = "FROM alpine:3.20\nARG APP_USER\nUSER $APP_USER\n"
    assert hits(given_at_build, "LD853") == []
    global_default = "ARG APP_USER=app\nFROM alpine:3.20\nARG APP_USER\nUSER $APP_USER\n"
    assert [h.line for h in hits(global_default, "LD853")] == [4]
    not_declared_in_the_stage = "ARG APP_USER=app\nFROM alpine:3.20\nUSER $APP_USER\n"
    assert hits(not_declared_in_the_stage, "LD853") == []


def test_the_uid_the_dockerfile_gives_the_user_is_the_advice() -> None:
    text = (
        "FROM debian:12 AS base\nARG APP_UID=10001\n"
        "RUN groupadd -g 10001 app && useradd --uid=$APP_UID -g app -m app\n"
        "FROM base\nUSER app:app\n"
    )
    (finding,) = run(text, "LD853")
    assert (finding.span.line, finding.span.column) == (5, 1)
    assert "write USER $APP_UID:app (10001, the UID the Dockerfile gives app)" in finding.message
    busybox = "FROM alpine:3.20\nRUN addgroup -S web && adduser -S -D -u 101 -G web web\nUSER web\n"
    (finding,) = run(busybox, "LD853")
    assert "write USER 101 " in finding.message
    unknown = "FROM node:22\nUSER node\n"
    (finding,) = run(unknown, "LD853")
    assert "write the UID of node" in finding.message


def test_windows_images_have_no_uids() -> None:
    nano = "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n"
    assert hits(nano, "LD853") == []
    escape = "# escape=`\nFROM example.com/windows-app:1\nUSER ContainerAdministrator\n"
    assert hits(escape, "LD853") == []


def test_off_by_default() -> None:
    from lintdock.engine import lint_texts

    found = lint_texts({"Dockerfile": "FROM alpine:3.20\nUSER app\n"})
    assert [d.code for d in found if d.code == "LD853"] == []


def test_a_hadolint_ignore_of_dl3066_suppresses_it() -> None:
    text = "FROM alpine:3.20\n# hadolint ignore=DL3066\nUSER app\n"
    assert hits(text, "LD853") == []
