"""LD107 healthcheck-options-invalid: HEALTHCHECK flags as BuildKit parses them, compose options
as Compose and the engine accept them."""

from __future__ import annotations

import pytest
from ld1_helpers import Hit, healthcheck_flags, hits, run

CODE = "LD107"


@pytest.mark.parametrize(
    "written",
    [
        "--interval=30s",
        "--interval=1m30s --timeout=0 --start-period=2m --start-interval=500ms",
        "--interval=1.5h --timeout=1500µs",
        "--retries=0 --timeout=0s",
        "--interval=",
        "--timeout=1ms",
    ],
)
def test_valid_healthcheck_flags(written: str) -> None:
    assert hits(healthcheck_flags(written), CODE) == []


@pytest.mark.parametrize(
    ("written", "span", "text"),
    [
        ("--intervall=30s", (13, 28), "Unknown HEALTHCHECK flag --intervall"),
        ("--interval=30", (24, 26), "--interval=30 is not a duration"),
        ("--timeout=1d", (23, 25), "--timeout=1d is not a duration"),
        ("--timeout=500us", (23, 28), "is under 1ms"),
        ("--start-period=-5s", (28, 31), "is under 1ms"),
        ("--retries=-1", (23, 25), "--retries=-1 is negative"),
        ("--retries=three", (23, 28), "is not a whole number"),
        ("--interval", (13, 23), "--interval has no value"),
    ],
)
def test_rejected_healthcheck_flags(written: str, span: tuple[int, int], text: str) -> None:
    [finding] = run(healthcheck_flags(written), CODE)
    assert (finding.span.line, finding.span.column, finding.span.end_column) == (2, *span)
    assert text in finding.message


def test_a_repeated_flag_is_reported_at_the_second() -> None:
    assert hits(healthcheck_flags("--interval=5s --interval=10s"), CODE) == [
        Hit("Dockerfile", 2, 27, 2, 41, "error")
    ]


def test_flags_of_healthcheck_none_are_not_parsed() -> None:
    assert hits("FROM nginx:1.27\nHEALTHCHECK NONE\n", CODE) == []


def compose_check(options: str) -> dict[str, str]:
    body = "\n".join(f"      {line}" for line in options.splitlines())
    return {
        "compose.yaml": f"services:\n  api:\n    image: example/api:1.0\n    healthcheck:\n{body}\n"
    }


@pytest.mark.parametrize(
    "options",
    [
        'test: ["CMD", "/check"]\ninterval: 30s\ntimeout: "5s"\nretries: 3\nstart_period: 1m',
        'test: ["CMD-SHELL", "/check || exit 1"]\nstart_period: 1m\nstart_interval: 2s',
        "test: /check\ninterval: 1d\nretries: '3'",
        'test: ["NONE"]',
        "interval: 0s",
    ],
)
def test_valid_compose_options(options: str) -> None:
    assert hits(compose_check(options), CODE) == []


@pytest.mark.parametrize(
    ("options", "span", "text"),
    [
        ('test: ["CMD", "/c"]\ninterval: 10', (6, 17, 6, 19), "interval 10 is not a string"),
        ('test: ["CMD", "/c"]\ntimeout: "10"', (6, 16, 6, 20), "timeout '10' is not a duration"),
        ('test: ["CMD", "/c"]\ntimeout: 999us', (6, 16, 6, 21), "is under 1ms"),
        ('test: ["CMD", "/c"]\nretries: -2', (6, 16, 6, 18), "retries -2 is negative"),
        ('test: ["CMD", "/c"]\nretries: true', (6, 16, 6, 20), "retries true is not a whole"),
        ('test: ["CMD", "/c"]\nstart_interval: 1s', (6, 7, 6, 21), "start_interval without"),
        ('test: ["curl", "-f", "x"]', (5, 13, 5, 32), 'starts with "curl"'),
        ('test: ""', (5, 7, 5, 11), "test is empty"),
        ("test: []", (5, 7, 5, 11), "test is empty"),
        ('test: ["CMD"]', (5, 7, 5, 11), "test is empty"),
        ("test: 42", (5, 13, 5, 15), "must be a string or a list"),
    ],
)
def test_rejected_compose_options(options: str, span: tuple[int, int, int, int], text: str) -> None:
    [finding] = run(compose_check(options), CODE)
    where = (finding.span.line, finding.span.column, finding.span.end_line, finding.span.end_column)
    assert (where, finding.service) == (span, "api")
    assert text in finding.message
