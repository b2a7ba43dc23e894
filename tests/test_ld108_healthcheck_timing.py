"""LD108 healthcheck-timing: short intervals, many retries (the time to notice an outage from
the interval in effect, compose falling back to the image's), and the thresholds as options. A
timeout longer than the interval is not reported: dockerd never overlaps probes."""

from __future__ import annotations

import re

import pytest
from ld1_helpers import Hit, healthcheck_flags, hits, run

from lintdock.config import ConfigError

CODE = "LD108"


@pytest.mark.parametrize(
    "written",
    [
        "--interval=2s --timeout=2s --retries=10",
        "--interval=0s --timeout=30s",
        "--timeout=0s",
        "--interval=5m --timeout=1m",
        "--interval=1 --retries=x",
        "--interval=3s --timeout=5s",
        "--timeout=1m",
    ],
)
def test_sound_or_unparsable_timings_are_not_reported(written: str) -> None:
    assert hits(healthcheck_flags(written), CODE) == []


def test_each_problem_at_its_flag() -> None:
    assert hits(healthcheck_flags("--interval=1s --timeout=3s --retries=200"), CODE) == [
        Hit("Dockerfile", 2, 13, 2, 26, "info"),
        Hit("Dockerfile", 2, 40, 2, 53, "info"),
    ]


@pytest.mark.parametrize(
    ("written", "reported"),
    [
        ("--interval=2s --retries=30", False),  # frappe's workers: unhealthy within a minute
        ("--interval=5s --retries=12", False),  # just over 10: a minute
        ("--interval=5s --retries=24", False),  # two minutes: not longer than max-unnoticed
        ("--interval=10s --retries=15", True),  # 2m30s
        ("--retries=11", True),  # Docker's default interval, 30s: 5m30s
    ],
)
def test_many_retries_count_only_when_an_outage_goes_unnoticed_long(
    written: str, reported: bool
) -> None:
    assert bool(hits(healthcheck_flags(written), CODE)) is reported


def test_retries_message_tells_when_an_outage_is_noticed() -> None:
    [finding] = run(healthcheck_flags("--interval=1m --retries=20"), CODE)
    assert "(about 20m)" in finding.message


def test_thresholds_are_options() -> None:
    options = {"min-interval": "10s", "max-retries": 2, "max-unnoticed": "10s"}
    assert hits(healthcheck_flags("--interval=5s --retries=3"), CODE, options) == [
        Hit("Dockerfile", 2, 13, 2, 26, "info"),
        Hit("Dockerfile", 2, 27, 2, 38, "info"),
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"min-interval": "soon"}, "rules.LD108.min-interval: expected a duration such as 2s"),
        ({"max-retries": -1}, "rules.LD108.max-retries: expected 0 or more, got -1"),
        ({"max-unnoticed": "long"}, "rules.LD108.max-unnoticed: expected a duration"),
    ],
)
def test_unusable_thresholds_are_config_errors(options: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        hits(healthcheck_flags("--interval=1s --retries=11"), CODE, options)


COMPOSE = """\
    services:
      api:
        {source}
        healthcheck:
          test: ["CMD", "/check"]
          retries: 12
    """


def test_compose_retries_counted_in_the_image_interval() -> None:
    compose = COMPOSE.format(source="build: .")
    dockerfile = 'FROM nginx:1.27\nHEALTHCHECK --interval=1m CMD ["/check"]\n'
    [finding] = run({"compose.yaml": compose, "Dockerfile": dockerfile}, CODE)
    assert "(about 12m)" in finding.message
    dockerfile = 'FROM nginx:1.27\nCMD ["nginx"]\n'
    [finding] = run({"compose.yaml": compose, "Dockerfile": dockerfile}, CODE)
    assert "(about 6m)" in finding.message


def test_compose_retries_of_a_pulled_image_without_interval_say_no_time() -> None:
    [finding] = run({"compose.yaml": COMPOSE.format(source="image: example/api:1.0")}, CODE)
    assert "in a row. Lower retries" in finding.message


def test_compose_keys_are_reported() -> None:
    compose = """\
        services:
          api:
            image: example/api:1.0
            healthcheck:
              test: ["CMD", "/check"]
              interval: 1s
              timeout: 5s
              retries: 150
        """
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 6, 7, 6, 15, "info", "api"),
        Hit("compose.yaml", 8, 7, 8, 14, "info", "api"),
    ]


def test_timing_set_in_an_override_file_is_reported_there() -> None:
    files = {
        "compose.yaml": "services:\n  api:\n    image: a\n    healthcheck:\n      interval: 10s\n",
        "compose.override.yaml": "services:\n  api:\n    healthcheck:\n      interval: 1s\n",
    }
    assert hits(files, CODE) == [Hit("compose.override.yaml", 4, 7, 4, 15, "info", "api")]
