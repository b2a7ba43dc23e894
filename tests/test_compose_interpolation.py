"""Compose interpolation from ``.env`` only: every operator, escapes, malformed templates (LD003
at the value), type conversion where Compose converts, positions kept at the original scalar."""

from __future__ import annotations

from textwrap import dedent

import pytest

from lintdock.model.span import Span
from lintdock.parsers.compose import load_compose
from lintdock.parsers.compose_interpolation import (
    InvalidInterpolation,
    MissingRequired,
    interpolate,
    parse_env_file,
)

VARIABLES = {"SET": "value", "EMPTY": "", "NESTED": "${SET}"}


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("plain", "plain"),
        ("${SET}", "value"),
        ("$SET", "value"),
        ("$SET.suffix", "value.suffix"),
        ("pre-${SET}-post", "pre-value-post"),
        ("${UNSET}", ""),
        ("$UNSET", ""),
        ("${UNSET:-default}", "default"),
        ("${EMPTY:-default}", "default"),
        ("${EMPTY-default}", ""),
        ("${UNSET-default}", "default"),
        ("${SET:-default}", "value"),
        ("${SET:+alt}", "alt"),
        ("${EMPTY:+alt}", ""),
        ("${EMPTY+alt}", "alt"),
        ("${UNSET+alt}", ""),
        ("${SET:?must be set}", "value"),
        ("${UNSET:-${SET}}", "value"),
        ("${UNSET:-a}-${UNSET:-b}", "a-b"),
        ("${UNSET:-x:y}", "x:y"),
        ("$$", "$"),
        ("$${SET}", "${SET}"),
        ("cost: 5$", "cost: 5$"),
        ("$1", "$1"),
        ("${set}", ""),
        ("${UNSET:-a{b}c}", "a{b}c"),
        ("${SET:?${}", "value"),
        ("${UNSET:-x}" * 2000, "x" * 2000),
    ],
)
def test_interpolate(template: str, expected: str) -> None:
    assert interpolate(template, VARIABLES) == expected


def test_a_required_variable_that_is_unset_is_an_error() -> None:
    for template in ("${UNSET:?must be set}", "${UNSET?must be set}", "${EMPTY:?must be set}"):
        with pytest.raises(MissingRequired, match=r"required variable \w+ is missing a value"):
            interpolate(template, VARIABLES)
    assert interpolate("${EMPTY?must be set}", VARIABLES) == ""
    with pytest.raises(MissingRequired) as raised:
        interpolate("${UNSET:?set ${SET} first}", VARIABLES)
    assert str(raised.value) == "required variable UNSET is missing a value: set value first"


@pytest.mark.parametrize(
    "template",
    [
        "${SET",
        "${}",
        "${ SET}",
        "x ${SET-a} ${",
        "${SET!}",
        "${UNSET:-x\n}",
        "${UNSET:?${}",
        "${A:-" * 40 + "x" + "}" * 40,
    ],
)
def test_malformed(template: str) -> None:
    with pytest.raises(InvalidInterpolation) as raised:
        interpolate(template, VARIABLES)
    assert raised.value.template in template


def test_values_never_come_from_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME_GROWN", "from-the-machine")
    assert interpolate("${HOME_GROWN:-default}", {}) == "default"


class TestEnvFile:
    def test_formats(self) -> None:
        text = dedent(
            """\
            \ufeff# a comment
            PLAIN=value
            export EXPORTED=yes
            SPACED = padded  # trailing comment
            SINGLE='literal ${PLAIN} \\n'
            DOUBLE="line\\nbreak ${PLAIN}"
            EXPANDED=${PLAIN}-x
            DEFAULTED=${MISSING:-fallback}
            YAMLISH: colon
            MULTI="one
            two"
            INHERITED
            EMPTY=
            """
        )
        assert parse_env_file(text) == {
            "PLAIN": "value",
            "EXPORTED": "yes",
            "SPACED": "padded",
            "SINGLE": "literal ${PLAIN} \\n",
            "DOUBLE": "line\nbreak value",
            "EXPANDED": "value-x",
            "DEFAULTED": "fallback",
            "YAMLISH": "colon",
            "MULTI": "one\ntwo",
            "EMPTY": "",
        }

    def test_reading_stops_at_a_malformed_line(self) -> None:
        assert parse_env_file("A=1\nB='unterminated\nC=3\n") == {"A": "1"}
        assert parse_env_file("A=1\nBAD KEY=2\nC=3\n") == {"A": "1"}


class TestInTheLoader:
    def test_values_are_interpolated_and_keep_their_position(self) -> None:
        text = 'services:\n  web:\n    image: "nginx:${TAG:-latest}"\n'
        project = load_compose([("compose.yaml", text)], env_text="TAG=1.27\n")
        image = project.services[0].image
        assert image is not None
        assert (image.value, image.span) == ("nginx:1.27", Span(3, 12, 3, 34))

    def test_keys_are_not_interpolated(self) -> None:
        text = "services:\n  web:\n    environment:\n      $KEY: x\n"
        project = load_compose([("compose.yaml", text)], env_text="KEY=VALUE\n")
        assert [v.name.value for v in project.services[0].environment] == ["$KEY"]

    def test_malformed_is_ld003_at_the_value(self) -> None:
        text = "services:\n  web:\n    image: nginx:${TAG\n    command: ok\n"
        project = load_compose([("compose.yaml", text)])
        assert [(f.code, f.message, f.span) for f in project.findings] == [
            (
                "LD003",
                'invalid interpolation format for services.web.image: "nginx:${TAG" (you may '
                "need to escape any $ with another $)",
                Span(3, 12, 3, 23),
            )
        ]

    def test_malformed_in_a_list_names_the_index(self) -> None:
        text = "services:\n  web:\n    command: [echo, '${}']\n"
        (finding,) = load_compose([("compose.yaml", text)]).findings
        assert finding.message.startswith(
            "invalid interpolation format for services.web.command.1:"
        )
        assert finding.span == Span(3, 21, 3, 26)

    def test_strings_are_converted_where_compose_converts_them(self) -> None:
        text = dedent(
            """\
            services:
              web:
                healthcheck:
                  retries: "${RETRIES}"
                  disable: "yes"
                depends_on:
                  db: {condition: service_started, required: "false"}
              db: {}
            """
        )
        project = load_compose([("compose.yaml", text)], env_text="RETRIES=5\n")
        assert project.findings == ()
        healthcheck = project.services[0].healthcheck
        assert healthcheck is not None and healthcheck.retries is not None
        assert healthcheck.retries.value == 5
        assert healthcheck.disable is not None and healthcheck.disable.value is True
        assert project.services[0].depends_on[0].required is False

    def test_a_failed_conversion_is_ld003(self) -> None:
        text = "services:\n  web:\n    healthcheck:\n      retries: ${N:-three}\n"
        (finding,) = load_compose([("compose.yaml", text)]).findings
        assert (finding.code, finding.message, finding.span) == (
            "LD003",
            'services.web.healthcheck.retries: cannot convert "three" to an integer',
            Span(4, 16, 4, 27),
        )

    def test_an_unset_variable_is_not_a_failed_conversion(self) -> None:
        text = "services:\n  web:\n    image: x\n    read_only: ${READ_ONLY}\n"
        assert load_compose([("compose.yaml", text)]).findings == ()

    def test_the_schema_sees_interpolated_values(self) -> None:
        text = "services:\n  web:\n    healthcheck:\n      interval: ${INTERVAL:-10s}\n"
        assert load_compose([("compose.yaml", text)]).findings == ()


def test_an_integer_out_of_range_does_not_convert() -> None:
    text = 'services:\n  web:\n    healthcheck:\n      retries: "' + "9" * 5000 + '"\n'
    (finding,) = load_compose([("compose.yaml", text)]).findings
    assert finding.message.endswith("to an integer")
