"""The size and layer rules judge images that ship: a test, development or archive file, or a
stage only a development or test target builds on, is left alone; an example is info."""

from __future__ import annotations

from ld1_helpers import Hit, hits, run

PIP = "FROM python:3.12\nRUN pip install flask\n"
APT = "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends git\n"
TARGET_DEV = "services:\n  app:\n    build:\n      context: .\n      target: dev\n"


def test_test_and_development_files_are_left_alone() -> None:
    assert hits({"tests/Dockerfile": PIP}, "LD648") == []
    assert hits({".devcontainer/Dockerfile": APT}, "LD631") == []


def test_an_example_is_info_and_says_why() -> None:
    found = run({"examples/web/Dockerfile": PIP}, "LD648")
    assert [(d.span.line, d.span.column, d.severity.label) for d in found] == [(2, 5, "info")]
    assert "examples/web/Dockerfile is example (in a examples/ folder)" in found[0].message
    assert found[0].message.endswith("nobody ships this image, so its size matters little)")


def test_a_production_file_keeps_its_finding() -> None:
    assert hits(PIP, "LD648") == [Hit("Dockerfile", 2, 5, 2, 16, "warning")]
    assert hits(APT, "LD631") == [Hit("Dockerfile", 2, 5, 2, 19, "info")]


VOTE = """\
FROM python:3.11-slim AS base
RUN pip install gunicorn

FROM base AS dev
RUN pip install watchdog

FROM base AS final
CMD ["gunicorn"]
"""


def test_a_compose_dev_target_is_left_alone_and_the_base_it_shares_is_not() -> None:
    files = {"Dockerfile": VOTE, "compose.yaml": TARGET_DEV}
    assert hits(files, "LD648") == [Hit("Dockerfile", 2, 5, 2, 16, "warning")]


def test_a_base_only_a_dev_target_builds_on_is_left_alone() -> None:
    text = "FROM python:3 AS base\nRUN pip install mkdocs\n\nFROM base AS dev\n\nFROM nginx:1\n"
    assert hits({"Dockerfile": text, "compose.yaml": TARGET_DEV}, "LD648") == []
    assert hits(text, "LD648") == []  # without the target, base ships in no image either
    shipped = text.replace("FROM nginx:1", "FROM base AS final")
    assert hits({"Dockerfile": shipped, "compose.yaml": TARGET_DEV}, "LD648") == [
        Hit("Dockerfile", 2, 5, 2, 16, "warning")
    ]


def test_a_stage_only_a_dev_target_builds_on_is_unshipped_in_an_example_too() -> None:
    """awesome-compose's samples are examples (info), but a stage only their ``dev-envs``
    target builds on is not shipped even as an example: left alone."""
    files = {"examples/web/Dockerfile": VOTE, "examples/web/compose.yaml": TARGET_DEV}
    assert hits(files, "LD648") == [Hit("examples/web/Dockerfile", 2, 5, 2, 16, "info")]


def test_consecutive_runs_in_a_test_image_are_left_alone() -> None:
    text = "FROM debian:12\nRUN echo a\nRUN echo b\n"
    assert hits({"tests/gpu/Dockerfile": text}, "LD679") == []
    assert hits(text, "LD679") == [Hit("Dockerfile", 3, 1, 3, 4, "info")]
