"""LD683 copy-whole-filesystem: ``COPY --from=SOURCE / /`` of a source that holds a whole
system, at the source path; artefact stages (``FROM scratch``) and unknown images left alone."""

from __future__ import annotations

import pytest
from ld1_helpers import Hit, hits, run

BUILD = "FROM golang:1.23 AS build\nRUN go build -o /out/app .\n"


def test_the_root_of_a_build_stage_over_the_runtime_image() -> None:
    text = BUILD + "FROM alpine:3.20\nCOPY --from=build / /\n"
    assert hits(text, "LD683") == [Hit("Dockerfile", 4, 19, 4, 20, "warning")]
    (finding,) = run(text, "LD683")
    assert finding.message.startswith(
        "COPY --from=build / / copies the whole filesystem of stage build over this image's"
    )


@pytest.mark.parametrize("source", ["/", ".", "./", "/.", "//"])
def test_every_spelling_of_the_root_source(source: str) -> None:
    text = BUILD + f"FROM alpine:3.20\nCOPY --link --from=build {source} /\n"
    assert hits(text, "LD683") == [Hit("Dockerfile", 4, 26, 4, 26 + len(source), "warning")]


def test_a_destination_that_is_the_root_through_the_workdir() -> None:
    text = BUILD + "FROM alpine:3.20\nWORKDIR /\nCOPY --from=build / ./\n"
    assert [h.line for h in hits(text, "LD683")] == [5]
    elsewhere = BUILD + "FROM alpine:3.20\nWORKDIR /srv\nCOPY --from=build / .\n"
    assert hits(elsewhere, "LD683") == []


@pytest.mark.parametrize("destination", ["/rootfs/", "/opt", "/usr/local/bin/"])
def test_a_copy_kept_in_a_subdirectory_is_left_alone(destination: str) -> None:
    assert hits(BUILD + f"FROM alpine:3.20\nCOPY --from=build / {destination}\n", "LD683") == []


def test_once_per_copy_at_the_root_source_among_several() -> None:
    text = BUILD + 'FROM alpine:3.20\nCOPY --from=build ["/etc/hosts", "/", "/"]\n'
    assert hits(text, "LD683") == [Hit("Dockerfile", 4, 34, 4, 37, "warning")]


def test_a_stage_index_and_a_variable_with_a_default() -> None:
    by_index = BUILD + "FROM alpine:3.20\nCOPY --from=0 / /\n"
    assert [h.line for h in hits(by_index, "LD683")] == [4]
    by_arg = "ARG FROM_STAGE=build\n" + BUILD + "FROM alpine:3.20\nARG FROM_STAGE\n"
    by_arg += "COPY --from=$FROM_STAGE / /\n"
    assert hits(by_arg, "LD683") == [Hit("Dockerfile", 6, 25, 6, 26, "warning")]
    unknown = BUILD + "FROM alpine:3.20\nARG FROM_STAGE\nCOPY --from=$FROM_STAGE / /\n"
    assert hits(unknown, "LD683") == []


@pytest.mark.parametrize("image", ["alpine:3.20", "debian:12", "nginx:1.27", "docker:27-cli"])
def test_images_that_are_systems(image: str) -> None:
    assert [h.line for h in hits(f"FROM ubuntu:24.04\nCOPY --from={image} / /\n", "LD683")] == [2]


@pytest.mark.parametrize(
    "image", ["tonistiigi/xx:1.6.1", "crazymax/yasu", "gloursdocker/docker", "hello-world"]
)
def test_images_of_tools_made_to_be_copied_are_left_alone(image: str) -> None:
    assert hits(f"FROM python:3.12-slim\nCOPY --from={image} / /\n", "LD683") == []


def test_a_stage_that_only_names_an_unknown_image_is_that_image() -> None:
    text = (
        "FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx\n"
        "FROM --platform=$BUILDPLATFORM golang:1.23-alpine AS build\nCOPY --from=xx / /\n"
    )
    assert hits(text, "LD683") == []
    runs = "FROM example.com/tools:1 AS tools\nRUN make\nFROM alpine:3.20\nCOPY --from=tools / /\n"
    assert [h.line for h in hits(runs, "LD683")] == [4]


def test_an_artefact_stage_from_scratch_is_copied_whole_on_purpose() -> None:
    text = (
        BUILD + "FROM scratch AS out\nCOPY --from=build /out/app /\n"
        "FROM out AS more\nCOPY LICENSE /\n"
        "FROM alpine:3.20\nCOPY --from=out / /\nCOPY --from=more / /\n"
    )
    assert hits(text, "LD683") == []


def test_flattening_into_an_empty_image_says_so() -> None:
    text = BUILD + "FROM scratch\nCOPY --from=build / /\n"
    (finding,) = run(text, "LD683")
    assert (finding.span.line, finding.span.column) == (4, 19)
    assert "flattens the whole filesystem of stage build into this image" in finding.message
    after_a_file = BUILD + "FROM scratch\nCOPY app /\nCOPY --from=build / /\n"
    (finding,) = run(after_a_file, "LD683")
    assert "over this image's" in finding.message


def test_copies_from_the_context_own_or_later_stages_are_not_judged() -> None:
    text = (
        "FROM alpine:3.20 AS a\nCOPY / /\nCOPY --from=a / /\nCOPY --from=b / /\n"
        "FROM alpine:3.20 AS b\nRUN true\nONBUILD COPY --from=a / /\n"
    )
    assert hits(text, "LD683") == []


def test_a_hadolint_ignore_of_dl3067_suppresses_it() -> None:
    text = BUILD + "FROM alpine:3.20\n# hadolint ignore=DL3067\nCOPY --from=build / /\n"
    assert hits(text, "LD683") == []
