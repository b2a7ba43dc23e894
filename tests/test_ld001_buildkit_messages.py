"""LD001 says what BuildKit would say. BuildKit reads a Dockerfile in two layers: its parser
(``frontend/dockerfile/parser``, which the ``dockerfile`` wheel wraps: the oracle here) and its
instruction layer (``frontend/dockerfile/instructions``: argument counts, flags, HEALTHCHECK
types), whose error texts are listed below as BuildKit writes them. Every LD001 error is one of
the two, and what BuildKit builds gets none."""

from __future__ import annotations

import re

import pytest

from lintdock.engine import lint_texts

dockerfile = pytest.importorskip("dockerfile", reason="BuildKit's parser (the dockerfile wheel)")

INSTRUCTION_LAYER = tuple(
    re.compile(pattern)
    for pattern in (
        r"[A-Z]+ requires at least one argument$",
        r"[A-Z]+ requires exactly one argument$",
        r"(COPY|ADD) requires at least two arguments, but only one was provided\. Destination "
        r"could not be determined$",
        r"FROM requires either one or three arguments$",
        r'invalid name for build stage: ".*", name can\'t start with a number or contain symbols$',
        r"[A-Z]+ names can not be blank$",
        r"SHELL requires the arguments to be in JSON form$",
        r"HEALTHCHECK NONE takes no arguments$",
        r"Missing command after HEALTHCHECK CMD$",
        r'Unknown type ".*" in HEALTHCHECK \(try CMD\)$',
        r"Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed$",
        r"[A-Z]+ isn't allowed as an ONBUILD trigger$",
        r"unknown flag: --\S+",
        r"duplicate flag specified: --\S+$",
        r"missing a value on flag: --\S+$",
        r"unknown instruction: \S+",
        r"no build stage in current context",
        r"(COPY|ADD) cannot accept a heredoc as a destination$",
        r"VOLUME specified can not be an empty string$",
        r'failed to process ".*": ',
    )
)

CASES = [
    "FROM busybox\nENV PATH\n",
    'FROM a\nCMD [ "echo", [ "nested json" ] ]\n',
    "",
    "# only a comment\n",
    "FROM a\nRUN <<EOF\necho never ends\n",
    "# syntax=docker/dockerfile:1\n# syntax=docker/dockerfile:1\nFROM a\n",
    "FROM a\nENV a=1 b\n",
    "FROM a\nFOO bar\n",
    "RUN echo no stage\n",
    "FROM a\nCOPY only-one\n",
    "FROM a b\n",
    "FROM a AS 1st\n",
    "FROM a\nHEALTHCHECK\n",
    "FROM a\nHEALTHCHECK CMD\n",
    "FROM a\nHEALTHCHECK NONE x\n",
    "FROM a\nHEALTHCHECK CONNECT x\n",
    "FROM a\nSHELL sh -c\n",
    "FROM a\nRUN --bogus=1 true\n",
    "FROM a\nCOPY --from x y\n",
    "FROM a\nWORKDIR\n",
    "FROM a\nUSER\n",
    "FROM a\nEXPOSE\n",
    "FROM a\nLABEL =x\n",
    "FROM a\nONBUILD ONBUILD RUN x\n",
    "FROM a\nONBUILD FROM b\n",
    "FROM a\nSTOPSIGNAL\n",
    "FROM a\nCOPY a <<EOF\nx\nEOF\n",
    'FROM a\nENV A="unterminated\n',
]

BUILT = [
    "FROM alpine\nRUN --mount=type=cache,target=/root/.cache\n",
    "FROM alpine\nRUN --mount=type=secret,id=token --network=none\n",
    "FROM alpine\nRUN\n",
    "FROM alpine\nCMD\n",
    "FROM alpine\nENTRYPOINT\n",
]


def _errors(text: str) -> list[str]:
    return [d.message for d in lint_texts({"Dockerfile": text}, select=["LD001"])]


def _parser_error(text: str) -> str | None:
    try:
        dockerfile.parse_string(text)
    except dockerfile.GoParseError as error:
        return str(error)
    return None


@pytest.mark.parametrize("text", CASES)
def test_every_error_is_what_buildkit_says(text: str) -> None:
    errors = _errors(text)
    assert errors, "BuildKit refuses this file"
    parser_error = _parser_error(text)
    if parser_error is not None:
        assert any(message.startswith(parser_error) for message in errors), (parser_error, errors)
    for message in errors:
        said_by_parser = parser_error is not None and message.startswith(parser_error)
        said_by_instructions = any(p.match(message) for p in INSTRUCTION_LAYER)
        assert said_by_parser or said_by_instructions, message


@pytest.mark.parametrize("text", BUILT)
def test_what_buildkit_builds_has_no_error(text: str) -> None:
    assert _parser_error(text) is None
    assert _errors(text) == []
