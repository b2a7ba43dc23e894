"""Suppressions written for hadolint and BuildKit, honoured through the rule index's equivalents,
end to end with the real rules."""

from __future__ import annotations

from ld23_helpers import lint

from lintdock.model.diagnostic import Severity

SHELL_FORMS = "FROM alpine:3.20\nCMD a\nCMD b\nENTRYPOINT c\n"


def where(text: str, *select: str) -> list[tuple[str, int, str]]:
    return [
        (d.code, d.span.line, d.severity.label if d.severity else "")
        for d in lint(text, *select, "LD9")
    ]


def test_hadolint_ignore_above_an_instruction_maps_through_equivalents() -> None:
    text = "FROM alpine:3.20\n# hadolint ignore=DL3025,DL3008\nCMD a\nCMD b\n"
    assert where(text, "LD611", "LD617") == [
        ("LD617", 3, "warning"),
        ("LD611", 4, "warning"),
    ]


def test_hadolint_ignore_of_dl3064_keeps_its_secret_out() -> None:
    text = "FROM alpine:3.20\n# hadolint ignore=DL3064\nARG API_TOKEN\nARG DB_PASSWORD\n"
    assert where(text, "LD851") == [("LD851", 4, "warning")]


def test_hadolint_ignore_applies_where_hadolint_reports_another_instruction() -> None:
    """DL4003 is at the CMD that replaces an earlier one; LD617 at the earlier one."""
    text = "FROM alpine:3.20\nCMD a\nCMD b\n# hadolint ignore=DL4003\nCMD c\n"
    assert where(text, "LD617") == [("LD617", 2, "warning")]
    own = "FROM alpine:3.20\nCMD a\n# lintdock: ignore=LD617\nCMD b\n"
    assert where(own, "LD617") == [("LD617", 2, "warning"), ("LD901", 3, "info")]


def test_hadolint_global_ignore_and_a_code_without_equivalent() -> None:
    text = "# hadolint global ignore=DL4003,DL3025,DL9999\n" + SHELL_FORMS
    assert where(text, "LD611", "LD617") == []


def test_buildkit_check_directive_skips_for_the_whole_file() -> None:
    text = "# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\n" + SHELL_FORMS
    assert where(text, "LD611", "LD617") == [("LD617", 4, "warning")]


def test_buildkit_check_names_are_case_sensitive_and_all_means_every_check() -> None:
    lower = "# check=skip=jsonargsrecommended\n" + SHELL_FORMS
    assert [code for code, _, _ in where(lower, "LD611")] == ["LD611"] * 3
    every = "# check=skip=all\n" + SHELL_FORMS
    assert where(every, "LD611", "LD617", "LD101") == [("LD101", 2, "warning")]


def test_error_true_makes_buildkit_checks_errors() -> None:
    text = "# check=error=true\nFROM --platform=$TARGETPLATFORM alpine:3.20\nCMD a\n"
    assert where(text, "LD611", "LD615", "LD101") == [
        ("LD101", 2, "warning"),
        ("LD615", 2, "error"),
        ("LD611", 3, "error"),
    ]


def test_skip_and_error_together() -> None:
    text = "# check=skip=MultipleInstructionsDisallowed;error=true\n" + SHELL_FORMS
    assert {severity for _, _, severity in where(text, "LD611", "LD617")} == {"error"}
    assert {code for code, _, _ in where(text, "LD611", "LD617")} == {"LD611"}


def test_a_check_comment_above_an_instruction_skips_for_it() -> None:
    text = "FROM alpine:3.20\n# check=skip=JSONArgsRecommended // a script\nCMD a\nCMD b\n"
    assert where(text, "LD611") == [("LD611", 4, "warning")]


def test_foreign_suppressions_never_hide_input_errors_and_are_never_unused() -> None:
    text = "FROM alpine:3.20\n# hadolint ignore=DL1000\nFROOM x\n"
    assert [d.code for d in lint(text, "LD001", "LD9")] == ["LD001"]
    unused = "# hadolint ignore=DL3025\nFROM alpine:3.20\n# check=skip=JSONArgsRecommended\nRUN a\n"
    assert where(unused, "LD611") == []


def test_error_true_alone_suppresses_nothing() -> None:
    text = "# check=error=true\nFROM alpine:3.20\nCMD a\n"
    assert [d.severity for d in lint(text, "LD611")] == [Severity.ERROR]
