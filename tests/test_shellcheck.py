"""ShellCheck on RUN, CMD, ENTRYPOINT and HEALTHCHECK: SC codes at exact positions (continuation
lines, heredocs), the stage's shell and dialect, directives and suppressions, selection by SC
codes, the batching and the cache, and a clear word when ShellCheck is missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintdock import shellcheck
from lintdock.cli import cli
from lintdock.engine import lint_texts
from lintdock.model.diagnostic import Severity
from lintdock.rules import registry

needs_shellcheck = pytest.mark.skipif(
    shellcheck.binary() is None, reason="ShellCheck is not installed (the shellcheck extra)"
)


def findings(text: str, select: tuple[str, ...] = ("SC",)) -> list[tuple[str, int, int]]:
    diagnostics = lint_texts({"Dockerfile": text}, select=list(select))
    return [(d.code, d.span.line, d.span.column) for d in diagnostics]


# -- the index and selection (no ShellCheck needed) ---------------------------------------------


def test_shellcheck_codes_belong_to_one_rule() -> None:
    rule = registry().get("SC2086")
    assert rule is not None and rule.code == "SC" and rule.name == "shellcheck"
    assert registry().get("sc2164") is rule
    assert registry().matching("SC2") == (rule,) == registry().matching("shellcheck")
    assert registry().get("SC20") is None and registry().get("SC20860") is None
    assert not rule.enabled_by_default
    assert rule not in registry().matching("ALL")


def test_rules_lists_shellcheck_once() -> None:
    output = CliRunner().invoke(cli, ["rules", "--format", "json"])
    entries = [e for e in json.loads(output.output)["rules"] if e["family"] == "shellcheck"]
    assert [(e["code"], e["name"], e["default"]) for e in entries] == [("SC", "shellcheck", False)]


def test_all_does_not_run_shellcheck() -> None:
    assert findings("FROM alpine:3\nRUN echo $x\n", select=("ALL",)) == [
        (code, line, column)
        for code, line, column in findings("FROM alpine:3\nRUN echo $x\n", select=("ALL",))
        if code.startswith("LD")
    ]


# -- positions ----------------------------------------------------------------------------------


@needs_shellcheck
def test_findings_are_at_their_place_on_continuation_lines() -> None:
    text = (
        "FROM debian:12-slim\n"
        'RUN version="$(cat /etc/debian_version)" \\\n'
        " && echo $version > /VERSION \\\n"
        " && cd /opt/app\n"
    )
    assert findings(text) == [("SC2086", 3, 10), ("SC2164", 4, 5)]


@needs_shellcheck
def test_findings_in_a_heredoc_script_are_at_their_line() -> None:
    text = "FROM debian:12\nRUN <<EOF\nset -x\ncd /tmp\n  echo $x\nEOF\n"
    assert findings(text) == [("SC2164", 4, 1), ("SC2086", 5, 8), ("SC2154", 5, 8)]


@needs_shellcheck
def test_shell_form_cmd_entrypoint_and_healthcheck_are_checked_exec_form_is_not() -> None:
    text = (
        "FROM debian:12\n"
        "CMD echo $a\n"
        "ENTRYPOINT exec $b\n"
        "HEALTHCHECK CMD test -f $c\n"
        'CMD ["echo", "$d"]\n'
    )
    assert {(code, line) for code, line, _ in findings(text, ("SC2154",))} == {
        ("SC2154", 2),
        ("SC2154", 3),
        ("SC2154", 4),
    }


# -- the shell and the dialect ------------------------------------------------------------------


@needs_shellcheck
def test_sh_dialect_follows_the_base_image() -> None:
    run = "RUN set -o pipefail && wget -qO- example.org | tar x\n"
    assert findings("FROM alpine:3.20\n" + run) == []  # BusyBox ash has pipefail
    assert findings("FROM example/tool:1\n" + run) == [("SC3040", 2, 12)]  # POSIX sh: no


@needs_shellcheck
def test_images_known_to_be_debian_ubuntu_or_alpine_get_their_sh() -> None:
    """``local`` is in dash and in ash; POSIX sh does not define it (SC3043)."""
    run = 'RUN f() { local dir=/opt; echo "$dir"; }; f\n'
    dash_or_ash = (
        "eclipse-temurin:21-jre-noble",  # an Ubuntu codename in the tag
        "registry.example.com/base/java:17-bookworm",  # a Debian one
        "tomcat:10.1-jdk21",  # an Official Image built on Ubuntu
        "php:8.3-apache",  # one built on Debian
        "nginx:1.27-alpine",  # BusyBox ash whatever the image
    )
    for image in dash_or_ash:
        assert findings(f"FROM {image}\n{run}") == [], image
    posix = ("eclipse-temurin:21-jdk-ubi9-minimal", "example/tool:1", "mysql:8.4")
    for image in posix:
        assert findings(f"FROM {image}\n{run}") == [("SC3043", 2, 11)], image


@needs_shellcheck
def test_the_stage_shell_decides_the_dialect_and_is_inherited() -> None:
    text = (
        "FROM debian:12 AS base\n"
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
        "RUN [[ -d /tmp ]] && echo yes\n"
        "FROM base\n"
        "RUN [[ -d /tmp ]] && echo again\n"
        "FROM debian:12\n"
        "RUN [[ -d /tmp ]] && echo sh\n"
    )
    assert findings(text) == [("SC3010", 7, 5)]


@needs_shellcheck
def test_a_heredoc_script_is_checked_as_the_shell_it_names() -> None:
    bash = "FROM debian:12\nRUN <<EOF\n#!/bin/bash\n[[ -d /tmp ]] && echo yes\nEOF\n"
    host = "FROM debian:12\nRUN <<EOF bash -e\n[[ -d /tmp ]] && echo yes\nEOF\n"
    python = "FROM debian:12\nRUN <<EOF\n#!/usr/bin/env python3\nprint($x)\nEOF\n"
    assert findings(bash) == findings(host) == findings(python) == []


@needs_shellcheck
def test_powershell_and_windows_images_are_not_checked() -> None:
    powershell = 'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN echo $x\n'
    windows = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo %x% $y\n"
    assert findings(powershell) == findings(windows) == []


@needs_shellcheck
def test_build_arguments_and_environment_set_before_the_instruction_count_as_set() -> None:
    text = (
        "ARG base_version=12\n"
        "FROM debian:${base_version} AS base\n"
        "ENV app_home=/opt/app\n"
        "FROM base\n"
        'RUN echo "$app_version"\n'
        "ARG app_version\n"
        'RUN echo "$app_version $app_home $http_proxy $base_version"\n'
    )
    # base_version is a global ARG this stage does not declare: empty in its RUNs, as Docker has it
    assert findings(text) == [("SC2154", 5, 11), ("SC2154", 7, 46)]


@needs_shellcheck
def test_hadolint_exclusions() -> None:
    """SC1090 (a computed ``source``) and SC2187 (ash is checked as dash) are left out."""
    text = 'FROM debian:12\nRUN . "$(cat /x)"\nSHELL ["/bin/ash", "-c"]\nRUN true\n'
    assert findings(text) == []
    assert "SC1090" in shellcheck.EXCLUDED and "SC2187" in shellcheck.EXCLUDED


# -- directives and suppressions ---------------------------------------------------------------


@needs_shellcheck
@pytest.mark.parametrize(
    "comment",
    ["# shellcheck disable=SC2086", "# lintdock: ignore=SC2086", "# hadolint ignore=SC2086"],
)
def test_comments_above_the_instruction_suppress(comment: str) -> None:
    text = f"FROM debian:12\n# install the list\n{comment}\nRUN p='a b' && echo $p\n"
    assert findings(text) == []
    assert findings(text.replace(comment, "# nothing")) == [("SC2086", 4, 21)]


@needs_shellcheck
def test_a_directive_inside_a_heredoc_works_as_in_a_script() -> None:
    text = "FROM debian:12\nRUN <<EOF\n# shellcheck disable=SC2164\ncd /tmp\nEOF\n"
    assert findings(text) == []


# -- selection through the command line and configuration ---------------------------------------

SCRIPT = "FROM debian:12\nRUN p='a b' && echo $p && cd /tmp\n"


def check_json(tmp_path: Path, *arguments: str) -> list[tuple[str, str]]:
    (tmp_path / "Dockerfile").write_text(SCRIPT)
    output = CliRunner().invoke(
        cli, ["check", "--format", "json", "--exit-zero", *arguments, str(tmp_path)]
    )
    assert output.exit_code == 0, output.output
    diagnostics = json.loads(output.output)["diagnostics"]
    return [(d["code"], d["severity"]) for d in diagnostics if d["code"].startswith("SC")]


@needs_shellcheck
def test_select_ignore_and_severity_by_code(tmp_path: Path) -> None:
    both = [("SC2086", "info"), ("SC2164", "warning")]
    assert check_json(tmp_path, "--select", "SC") == both
    assert check_json(tmp_path, "--select", "shellcheck") == both
    assert check_json(tmp_path, "--select", "SC2086") == [("SC2086", "info")]
    assert check_json(tmp_path, "--select", "SC", "--ignore", "SC2164") == [("SC2086", "info")]
    assert check_json(tmp_path, "--select", "SC2", "--ignore", "SC21") == [("SC2086", "info")]
    assert check_json(tmp_path, "--select", "ALL") == []
    assert check_json(tmp_path, "--extend-select", "SC2164") == [("SC2164", "warning")]
    assert check_json(tmp_path, "--select", "SC", "--severity", "SC2086=error") == [
        ("SC2086", "error"),
        ("SC2164", "warning"),
    ]


@needs_shellcheck
def test_per_file_ignores_take_shellcheck_codes(tmp_path: Path) -> None:
    (tmp_path / ".lintdock.toml").write_text(
        'extend-select = ["SC"]\n[per-file-ignores]\n"Dockerfile" = ["SC2164"]\n'
    )
    assert check_json(tmp_path) == [("SC2086", "info")]


# -- cost ---------------------------------------------------------------------------------------


@needs_shellcheck
def test_scripts_are_checked_in_batches_and_once(monkeypatch: pytest.MonkeyPatch) -> None:
    batches: list[int] = []
    real = shellcheck._run_batches

    def counting(executable: str, parts: list[list[str]], processes: int):  # type: ignore[no-untyped-def]
        batches.extend(len(part) for part in parts)
        return real(executable, parts, processes)

    monkeypatch.setattr(shellcheck, "_run_batches", counting)
    unique = "run-once-marker-{}"
    files = {
        f"app{n}/Dockerfile": f"FROM debian:12\nRUN echo {unique.format(n % 3)} $x\n"
        for n in range(6)
    }
    first = lint_texts(files, select=["SC"])
    again = lint_texts(files, select=["SC"])
    assert batches == [3]  # three distinct scripts, one ShellCheck process, none the second time
    assert len(first) == len(again) == 6 * 2


def test_missing_shellcheck_says_so_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(shellcheck, "binary", lambda: None)
    files = {f"a{n}/Dockerfile": "FROM debian:12\nRUN echo $x\n" for n in range(2)}
    assert lint_texts(files, select=["SC"]) == []
    assert capsys.readouterr().err.count("pip install 'lintdock[shellcheck]'") == 1


@needs_shellcheck
def test_levels_become_severities() -> None:
    diagnostics = lint_texts({"Dockerfile": SCRIPT}, select=["SC"])
    assert [(d.code, d.severity) for d in diagnostics] == [
        ("SC2086", Severity.INFO),
        ("SC2164", Severity.WARNING),
    ]


@needs_shellcheck
def test_sarif_has_a_descriptor_per_shellcheck_code(tmp_path: Path) -> None:
    from sarif_check import assert_valid_sarif

    (tmp_path / "Dockerfile").write_text(SCRIPT)
    output = CliRunner().invoke(
        cli, ["check", "--format", "sarif", "--select", "SC", str(tmp_path)]
    )
    run = assert_valid_sarif(output.output)["runs"][0]
    descriptors = [d["id"] for d in run["tool"]["driver"]["rules"]]
    assert descriptors == ["SC", "SC2086", "SC2164"]
    assert run["tool"]["driver"]["rules"][1]["helpUri"] == "https://www.shellcheck.net/wiki/SC2086"
    assert [(r["ruleId"], r["ruleIndex"]) for r in run["results"]] == [("SC2086", 1), ("SC2164", 2)]


@needs_shellcheck
def test_hadolint_configuration_overrides_shellcheck_codes(tmp_path: Path) -> None:
    (tmp_path / ".hadolint.yaml").write_text("override:\n  error: [SC2086]\n")
    assert check_json(tmp_path, "--select", "SC") == [("SC2086", "error"), ("SC2164", "warning")]
