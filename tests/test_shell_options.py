"""Option queries on commands: combined short flags, values, long options, positionals."""

from __future__ import annotations

import pytest

from lintdock.model.shell import SimpleCommand
from lintdock.model.span import MappedText, Span
from lintdock.parsers.shell import parse_shell


def command(text: str) -> SimpleCommand:
    script = parse_shell(MappedText.at(text, 3, 1))
    assert script.last is not None
    return script.last


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("curl -f http://x", "-f"),
        ("curl -fsS http://x", "-fsS"),
        ("curl -sfL http://x", "-sfL"),
        ("curl --fail http://x", "--fail"),
        ("curl --fail-with-body http://x", "--fail-with-body"),
        ("curl -s -o /dev/null http://x", None),  # /dev/null is -o's value, not flags
        ("curl -o-f http://x", None),  # -f glued to -o is its value
        ("curl -H -f http://x", None),
        ("curl -s http://x -- -f", None),
        ("curl -sS http://x", None),
    ],
)
def test_option_finds_flags_in_clusters_and_skips_values(text: str, found: str | None) -> None:
    word = command(text).option(short="f", long=("fail", "fail-with-body"))
    assert (word.value if word else None) == found


@pytest.mark.parametrize(
    "text",
    ["curl -m 5 x", "curl -m5 x", "curl --max-time 5 x", "curl --max-time=5 x", "curl -sm5 x"],
)
def test_option_value_forms(text: str) -> None:
    value = command(text).option_value(short="m", long="max-time")
    assert value is not None and value.value == "5"


def test_option_value_spans_point_at_the_value() -> None:
    clustered = command("curl -m5 x").option_value("m")
    assert clustered is not None and clustered.span == Span(3, 8, 3, 9)
    glued = command("curl --max-time=5 x").option_value(long="max-time")
    assert glued is not None and glued.span == Span(3, 17, 3, 18)
    spaced = command("curl --max-time 5 x").option_value(long="max-time")
    assert spaced is not None and spaced.span == Span(3, 17, 3, 18)


def test_option_value_takes_the_last_occurrence() -> None:
    value = command("wget -T 5 -T 0 http://x").option_value("T", "timeout")
    assert value is not None and value.value == "0"


def test_option_value_of_unknown_program_with_explicit_table() -> None:
    cmd = command("dotnet check.dll -t 900 -c Api:Url")
    assert cmd.option_value("t") is not None
    assert [w.value for w in cmd.positionals(takes_value="tc")] == ["check.dll"]


def test_go_style_flags_of_dockerize() -> None:
    cmd = command("dockerize -wait tcp://db:5432 -timeout 60s app --serve")
    wait = cmd.option_value(long="wait")
    assert wait is not None and wait.value == "tcp://db:5432"
    timeout = cmd.option_value(long="timeout")
    assert timeout is not None and timeout.value == "60s"


def test_positionals_skip_option_values() -> None:
    cmd = command("curl -sS -o /dev/null -w '%{http_code}' --max-time 3 -H 'A: b' http://x/health")
    assert [w.value for w in cmd.positionals()] == ["http://x/health"]
    nc = command("nc -z -w 5 db 5432")
    assert [w.value for w in nc.positionals()] == ["db", "5432"]
    wait = command("wait-for-it db:5432 -t 30 -- exec app")
    assert [w.value for w in wait.positionals()] == ["db:5432", "exec", "app"]
