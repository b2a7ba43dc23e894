"""LD112 healthcheck-without-test: a compose healthcheck without a test, judged against the
image the service builds or pulls."""

from __future__ import annotations

from ld1_helpers import Hit, hits, run

CODE = "LD112"

TIMINGS_ONLY = """\
    services:
      api:
        {source}
        healthcheck:
          interval: 10s
          retries: 3
    """


def test_pulled_image_is_info_at_the_healthcheck_key() -> None:
    compose = TIMINGS_ONLY.format(source="image: diamol/ch08-numbers-api:v3")
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 4, 5, 4, 16, "info", "api")
    ]
    assert "diamol/ch08-numbers-api:v3" in run({"compose.yaml": compose}, CODE)[0].message


def test_an_official_image_known_to_have_no_healthcheck_is_a_warning() -> None:
    compose = TIMINGS_ONLY.format(source="image: redis:7.4-alpine")
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 4, 5, 4, 16, "warning", "api")
    ]
    assert "(a Docker Official Image)" in run({"compose.yaml": compose}, CODE)[0].message


def test_built_image_without_healthcheck_is_a_warning() -> None:
    files = {
        "compose.yaml": TIMINGS_ONLY.format(source="build: ."),
        "Dockerfile": 'FROM python:3.12-slim\nCMD ["python", "-m", "app"]\n',
    }
    assert hits(files, CODE) == [Hit("compose.yaml", 4, 5, 4, 16, "warning", "api")]


def test_built_image_with_healthcheck_none_is_a_warning() -> None:
    files = {
        "compose.yaml": TIMINGS_ONLY.format(source="build: ."),
        "Dockerfile": 'FROM example/base:1\nHEALTHCHECK NONE\nCMD ["app"]\n',
    }
    [finding] = run(files, CODE)
    assert "switches it off" in finding.message


def test_built_image_with_an_inherited_healthcheck_is_tuned() -> None:
    files = {
        "compose.yaml": TIMINGS_ONLY.format(source="build: ."),
        "Dockerfile": 'FROM python:3.12 AS base\nHEALTHCHECK CMD ["h"]\nFROM base\nCMD ["app"]\n',
    }
    assert hits(files, CODE) == []


def test_a_test_or_disable_is_another_rule_s() -> None:
    compose = """\
        services:
          a:
            image: example/a:1
            healthcheck:
              disable: true
          b:
            image: example/b:1
            healthcheck:
              test: []
        """
    assert hits({"compose.yaml": compose}, CODE) == []


def test_disable_false_alone_keeps_a_pulled_images_check_silently() -> None:
    compose = """\
    services:
      server:
        image: ghcr.io/immich-app/immich-server:v3.0.2
        healthcheck:
          disable: false
    """
    assert hits({"compose.yaml": compose}, CODE) == []


def test_disable_false_with_timings_still_tunes_a_pulled_image() -> None:
    compose = """\
    services:
      server:
        image: ghcr.io/immich-app/immich-server:v3.0.2
        healthcheck:
          disable: false
          interval: 30s
    """
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 4, 5, 4, 16, "info", "server")
    ]


def test_disable_false_on_a_built_image_without_healthcheck_is_still_a_warning() -> None:
    files = {
        "compose.yaml": "services:\n  api:\n    build: .\n    healthcheck:\n      disable: false\n",
        "Dockerfile": 'FROM python:3.12-slim\nCMD ["python", "-m", "app"]\n',
    }
    assert hits(files, CODE) == [Hit("compose.yaml", 4, 5, 4, 16, "warning", "api")]
