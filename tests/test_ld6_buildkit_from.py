"""LD613-LD616: BuildKit's checks of FROM (its variables and --platform), at exact positions."""

from __future__ import annotations

import pytest
from ld1_helpers import Hit, fixed, hits, run

from lintdock.rules.ld614_invalid_default_arg_in_from import valid_reference


def test_a_variable_no_global_arg_declares() -> None:
    text = "ARG BASE=alpine\nFROM ${BAS}:3.20 AS build\nFROM ${BASE}:${TAG:-3.20}\n"
    assert hits(text, "LD613") == [
        Hit("Dockerfile", 2, 6, 2, 12, "warning"),
        Hit("Dockerfile", 3, 14, 3, 26, "warning"),
    ]
    first, second = run(text, "LD613")
    assert "did you mean $BASE?" in first.message and "always empty" in first.message
    assert "always takes its default" in second.message


def test_an_arg_inside_a_stage_does_not_declare_it_for_from() -> None:
    text = "FROM alpine:3.20\nARG VERSION=1\nFROM node:${VERSION}\n"
    assert hits(text, "LD613") == [Hit("Dockerfile", 3, 11, 3, 21, "warning")]


def test_global_args_platform_args_and_the_platform_flag() -> None:
    text = (
        "ARG IMAGE\nARG TAG=1\n"
        "FROM --platform=$BUILDPLATFORM ${IMAGE}:${TAG}\n"
        "FROM --platform=$TARGETOS/$ARCH alpine:3.20\n"
    )
    assert hits(text, "LD613") == [Hit("Dockerfile", 4, 27, 4, 32, "warning")]


def test_defaults_that_make_no_image() -> None:
    text = (
        "ARG IMAGE=\nARG TAG=Latest!\nARG GOOD=alpine\n"
        "FROM $IMAGE\nFROM ${GOOD}:${TAG}\nFROM $GOOD:3.20 AS base\nFROM ${GOOD}\n"
    )
    assert hits(text, "LD614") == [
        Hit("Dockerfile", 4, 6, 4, 12, "warning"),
        Hit("Dockerfile", 5, 6, 5, 20, "warning"),
    ]
    empty, invalid = run(text, "LD614")
    assert "FROM $IMAGE is empty" in empty.message
    assert "'alpine:Latest!', which is not an image reference" in invalid.message


@pytest.mark.parametrize(
    ("reference", "valid"),
    [
        ("registry.example.com:5000/team/app:1.2", True),
        ("localhost:5000/app", True),
        ("myhost:5000/app", True),  # a port makes the first component a registry
        ("MyOrg/base:1.0", False),  # no dot, no port: a path, which must be lower case
        ("Alpine", False),
    ],
)
def test_a_registry_is_told_from_a_path_as_docker_tells_it(reference: str, valid: bool) -> None:
    assert valid_reference(reference) is valid


def test_an_arg_with_no_default_at_all_is_meant_to_be_passed() -> None:
    text = "ARG RUNTIME_IMAGE\nFROM $RUNTIME_IMAGE\nCOPY app /app\n"
    assert hits(text, "LD614") == [Hit("Dockerfile", 2, 6, 2, 20, "info")]
    assert run(text, "LD614")[0].message == (
        "ARG RUNTIME_IMAGE has no default, so FROM $RUNTIME_IMAGE needs --build-arg "
        "RUNTIME_IMAGE=<image>: a plain build fails. Give it a default that names an image if "
        "plain builds should work"
    )
    path = "tests/TestAppArtifacts/Dockerfile.copy"
    assert hits({path: text}, "LD614") == [Hit(path, 2, 6, 2, 20, "info")]
    assert run({path: text}, "LD614")[0].message.endswith("its harness passes the argument)")


def test_several_args_with_no_default_around_literal_text_are_meant_to_be_passed() -> None:
    text = "ARG REPOSITORY\nARG SUFFIX\nFROM ${REPOSITORY}:test-${SUFFIX}\n"
    assert hits(text, "LD614") == [Hit("Dockerfile", 3, 6, 3, 34, "info")]
    assert run(text, "LD614")[0].message.startswith(
        "ARGs REPOSITORY, SUFFIX have no default, so FROM ${REPOSITORY}:test-${SUFFIX} needs "
        "each passed: a plain build fails. Give them defaults that name an image"
    )
    with_one_default = "ARG REPOSITORY\nARG SUFFIX=x\nFROM ${REPOSITORY}:test-${SUFFIX}\n"
    assert hits(with_one_default, "LD614") == [Hit("Dockerfile", 3, 6, 3, 34, "warning")]


def test_invalid_default_leaves_undeclared_and_platform_args_alone() -> None:
    text = "FROM ${NOPE}\nFROM ${TARGETARCH}/alpine:3.20\nFROM ${UPPER:-Alpine}\n"
    assert hits(text, "LD614") == []
    assert len(run(text, "LD613")) == 2


def test_a_stage_name_from_an_arg_is_an_image() -> None:
    text = "ARG STAGE=build\nFROM alpine:3.20 AS build\nFROM ${STAGE}\n"
    assert hits(text, "LD614") == []


def test_redundant_target_platform_with_a_fix() -> None:
    text = (
        "FROM --platform=$TARGETPLATFORM alpine:3.20\n"
        "FROM --platform=${TARGETPLATFORM} alpine:3.20 AS b\n"
        "FROM --platform=$BUILDPLATFORM alpine:3.20\n"
        "FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20\n"
    )
    assert hits(text, "LD615") == [
        Hit("Dockerfile", 1, 6, 1, 32, "info"),
        Hit("Dockerfile", 2, 6, 2, 34, "info"),
    ]
    assert fixed(text, "LD615").splitlines()[:2] == ["FROM alpine:3.20", "FROM alpine:3.20 AS b"]


def test_constant_platform() -> None:
    text = (
        "FROM --platform=linux/amd64 golang:1.22 AS build\n"
        "FROM --platform=linux/arm64 alpine:3.20 AS runtime-arm64\n"
        "FROM --platform=aarch64 alpine:3.20 AS runtime-arm64-b\n"
        "FROM --platform=$BUILDPLATFORM golang:1.22\n"
        "FROM --platform=$TARGETOS/$TARGETARCH golang:1.22\n"
        "FROM --platform=windows alpine:3.20 AS w\n"
        "FROM --platform=not/a/plat/form alpine:3.20\n"
    )
    assert hits(text, "LD616") == [
        Hit("Dockerfile", 1, 6, 1, 28, "warning"),
        Hit("Dockerfile", 6, 6, 6, 24, "warning"),
    ]
    assert "--platform=linux/amd64 is a constant" in run(text, "LD616")[0].message


def test_a_default_that_does_not_expand_is_left_to_the_build() -> None:
    text = 'ARG VARIANT="${templateOption:imageVariant}"\nFROM debian:${VARIANT}\n'
    assert hits(text, "LD614") == []
