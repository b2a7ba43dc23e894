"""``--format github``: workflow command lines, exactly."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_rule
from sarif_check import assert_valid_sarif

from lintdock.cli import cli
from lintdock.engine import LintResult
from lintdock.model import Diagnostic, Severity, Span
from lintdock.reporters import github
from lintdock.reporters.github import escape_data, escape_property

RULES = (
    make_rule("LD105", "curl-without-fail", severity=Severity.ERROR),
    make_rule("LD304", "check-chain-not-exec", severity=Severity.WARNING),
    make_rule("LD502", "restart-unbounded", severity=Severity.INFO),
)


def render(diagnostics: Sequence[Diagnostic]) -> str:
    return github.render(LintResult(tuple(diagnostics), files=(), rules=RULES))


def test_one_command_per_finding_sorted_with_severity_mapped() -> None:
    diagnostics = [
        Diagnostic("LD502", "Unbounded restarts.", "compose.yaml", Span(7, 14, 7, 24)),
        Diagnostic("LD105", "curl exits 0 on HTTP 500.", "api/Dockerfile", Span(3, 17, 3, 21)),
        Diagnostic("LD304", "sh stays PID 1.", "api/Dockerfile", Span(5, 1, 5, 4)),
    ]
    assert render(diagnostics).splitlines() == [
        "::error file=api/Dockerfile,line=3,col=17,endLine=3,endColumn=21,"
        "title=LD105 curl-without-fail::curl exits 0 on HTTP 500.",
        "::warning file=api/Dockerfile,line=5,col=1,endLine=5,endColumn=4,"
        "title=LD304 check-chain-not-exec::sh stays PID 1.",
        "::notice file=compose.yaml,line=7,col=14,endLine=7,endColumn=24,"
        "title=LD502 restart-unbounded::Unbounded restarts.",
    ]


def test_resolved_severity_overrides_the_rule_default() -> None:
    diagnostic = Diagnostic("LD502", "m", "compose.yaml", Span(1, 1, 1, 2), Severity.ERROR)
    assert render([diagnostic]).startswith("::error ")


def test_multi_line_span_has_lines_but_no_columns() -> None:
    diagnostic = Diagnostic("LD304", "m", "Dockerfile", Span(4, 5, 6, 9))
    assert render([diagnostic]) == (
        "::warning file=Dockerfile,line=4,endLine=6,title=LD304 check-chain-not-exec::m\n"
    )


def test_properties_and_message_are_escaped() -> None:
    diagnostic = Diagnostic(
        "LD105", "100% broken:\r\nsee a,b", "dir,with:colon/Dockerfile", Span(1, 1, 1, 2)
    )
    assert render([diagnostic]) == (
        "::error file=dir%2Cwith%3Acolon/Dockerfile,line=1,col=1,endLine=1,endColumn=2,"
        "title=LD105 curl-without-fail::100%25 broken:%0D%0Asee a,b\n"
    )


def test_escaping_encodes_percent_first() -> None:
    assert escape_data("%0A\n") == "%250A%0A"
    assert escape_property("a:%,\r") == "a%3A%25%2C%0D"


def test_unknown_rule_gets_its_code_as_title_and_no_findings_print_nothing() -> None:
    diagnostic = Diagnostic("LD999", "m", "Dockerfile", Span(1, 1, 1, 2))
    assert render([diagnostic]) == (
        "::warning file=Dockerfile,line=1,col=1,endLine=1,endColumn=2,title=LD999::m\n"
    )
    assert render([]) == ""


def test_the_workflows_three_steps_write_what_github_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/github.md's job, step by step, on a scratch repository: the summary, the SARIF
    file the upload action takes, and the annotations of the step that fails the job."""
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "Dockerfile").write_text(
        "FROM node:22\nHEALTHCHECK CMD curl http://localhost:3000/health\nCMD node server.js\n",
        encoding="utf-8",
    )
    (tmp_path / "compose.yaml").write_text(
        "services:\n  api:\n    build: ./api\n    restart: always\n", encoding="utf-8"
    )
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    summary = runner.invoke(cli, ["check", "--format", "markdown", "--exit-zero"])
    sarif = runner.invoke(
        cli, ["check", "--format", "sarif", "--output", "lintdock.sarif", "--exit-zero"]
    )
    annotations = runner.invoke(cli, ["check", "--format", "github"])
    assert (summary.exit_code, sarif.exit_code, annotations.exit_code) == (0, 0, 1)
    assert summary.stdout.startswith("## lintdock\n\nFound ")
    assert "### `compose.yaml`" in summary.stdout and "```mermaid\nflowchart LR" in summary.stdout
    log = assert_valid_sarif((tmp_path / "lintdock.sarif").read_text(encoding="utf-8"))
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"LD105"}
    location = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uriBaseId"] == "%SRCROOT%" and not location["uri"].startswith("/")
    lines = annotations.stdout.splitlines()
    assert any(line.startswith("::error file=api/Dockerfile,line=2,") for line in lines)
