"""LD618-LD620: BuildKit's checks of variables, ignored COPY sources and description comments,
at exact positions."""

from __future__ import annotations

from ld1_helpers import Hit, hits, run


def test_meta_and_platform_args_a_stage_does_not_declare() -> None:
    text = (
        "ARG VERSION=1\nFROM golang:1.22\nARG TARGETARCH\n"
        "ENV APP_VERSION=$VERSION GOARCH=$TARGETARCH GOOS=${TARGETOS:-linux}\n"
    )
    assert hits(text, "LD618") == [
        Hit("Dockerfile", 4, 17, 4, 25, "warning"),
        Hit("Dockerfile", 4, 50, 4, 68, "warning"),
    ]
    meta, platform = run(text, "LD618")
    assert "a stage sees it after its own 'ARG VERSION', so here it is empty" in meta.message
    assert "declare 'ARG TARGETOS': here it always takes its default" in platform.message


def test_unknown_names_on_an_external_image_may_be_its_own() -> None:
    text = "FROM eclipse-temurin:21\nENV PATH=$JAVA_HOME/bin:$PATH\nWORKDIR $APP_HOME\n"
    assert hits(text, "LD618") == []


def test_near_misses_of_defined_names_are_reported_anywhere() -> None:
    text = "FROM node:20\nENV APP_HOME=/srv\nWORKDIR $APP_HOM\nCOPY . ${app_home}\n"
    assert hits(text, "LD618") == [
        Hit("Dockerfile", 3, 9, 3, 17, "warning"),
        Hit("Dockerfile", 4, 8, 4, 19, "warning"),
    ]
    assert run(text, "LD618")[0].message.endswith("(did you mean $APP_HOME?)")


def test_on_plain_images_every_undefined_name_counts() -> None:
    text = "FROM alpine:3.20\nWORKDIR $HOME/app\nENV P=$PATH\nFROM scratch\nCOPY a $DEST\n"
    assert hits(text, "LD618") == [
        Hit("Dockerfile", 2, 9, 2, 14, "warning"),
        Hit("Dockerfile", 5, 8, 5, 13, "warning"),
    ]


def test_definitions_in_order_within_and_across_stages() -> None:
    text = (
        "ARG BASE=alpine:3.20\nFROM ${BASE} AS base\nENV A=1 B=$A\nARG C=2 D=$C\nENV E=$A$C\n"
        "FROM base\nWORKDIR $A/$C\n"
    )
    assert hits(text, "LD618") == [Hit("Dockerfile", 3, 11, 3, 13, "warning")]


def test_a_meta_arg_that_named_the_base_image_may_be_in_its_environment() -> None:
    text = "ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}\nLABEL node=$NODE_VERSION\n"
    assert hits(text, "LD618") == []


def test_copy_of_an_ignored_file() -> None:
    files = {
        "app/Dockerfile": (
            "FROM node:20\nCOPY package.json node_modules ./\nCOPY --from=deps /node_modules .\n"
            "COPY docs/guide.md $SRC https://example.com/a /srv/\nCOPY . .\n"
        ),
        "app/.dockerignore": "node_modules\ndocs\n",
    }
    assert hits(files, "LD619") == [
        Hit("app/Dockerfile", 2, 19, 2, 31, "warning"),
        Hit("app/Dockerfile", 4, 6, 4, 19, "warning"),
    ]
    assert "(line 1: 'node_modules')" in run(files, "LD619")[0].message


def test_exceptions_that_may_reinclude_keep_a_path() -> None:
    files = {
        "Dockerfile": "FROM alpine:3.20\nCOPY config /etc/app\nCOPY secrets /s\nCOPY . /all\n",
        ".dockerignore": "config\n!config/app.yaml\nsecrets\n*\n!src\n",
    }
    assert hits(files, "LD619") == [Hit("Dockerfile", 3, 6, 3, 13, "warning")]


def test_the_whole_context_and_the_dockerfiles_own_ignore_file() -> None:
    files = {
        "Dockerfile.dev": "FROM alpine:3.20\nCOPY . /app\n",
        "Dockerfile.dev.dockerignore": "**\n",
        ".dockerignore": "other\n",
        "Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
    }
    assert hits(files, "LD619") == [Hit("Dockerfile.dev", 2, 6, 2, 7, "warning")]


def test_a_compose_build_context_finds_its_ignore_file() -> None:
    files = {
        "compose.yaml": (
            "services:\n  web:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n"
        ),
        "docker/Dockerfile": "FROM alpine:3.20\nCOPY dist /srv\n",
        ".dockerignore": "dist\n",
    }
    assert hits(files, "LD619") == [Hit("docker/Dockerfile", 2, 6, 2, 10, "warning")]


def test_description_comments_follow_buildkit() -> None:
    text = (
        "# foo is the foo\nARG foo=bar\n# BasE the base image\nFROM scratch AS base\n"
        "# a bad comment\nARG version=latest\n# bad\nARG a=1 b=2\n# detached\n\nARG c\n"
        "#\nARG d\n# hadolint ignore=DL3006\nFROM base AS final\n"
        "# renovate: datasource=github-releases depName=just-containers/s6-overlay\n"
        "ARG S6_VERSION=3.2.0\n"
    )
    assert hits(text, "LD620") == [
        Hit("Dockerfile", 4, 1, 4, 5, "info"),
        Hit("Dockerfile", 6, 1, 6, 4, "info"),
        Hit("Dockerfile", 8, 1, 8, 4, "info"),
    ]
    assert "'# <arg_key> <description>'" in run(text, "LD620")[2].message


def test_an_arg_defaulting_to_itself_is_the_idiom_of_a_default() -> None:
    text = "FROM alpine:3.20\nARG VERSION=${VERSION:-master} OTHER=${NOPE:-x}\n"
    assert hits(text, "LD618") == [Hit("Dockerfile", 2, 38, 2, 48, "warning")]
