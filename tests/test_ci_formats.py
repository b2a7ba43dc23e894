"""The CI formats against what their consumers accept: GitLab Code Quality (GitLab's documented
required fields), JUnit XML (read with junitparser, and the elements and attributes of the JUnit
schema Jenkins and GitLab read), Checkstyle XML (the structure Checkstyle's XMLLogger writes)
and reviewdog's rdjson (reviewdog.proto's DiagnosticResult; in slow tests, reviewdog's
rdformat-validator). Paths are the repository's; security rules carry security-severity."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ElementTree
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import WriteTree
from npm_tools import npm_installed
from sarif_check import assert_valid_sarif

from lintdock.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PROJECTS = sorted(path for path in FIXTURES.iterdir() if path.is_dir())
REPO = FIXTURES.parent

CURL = (
    "FROM alpine:3.20\nLABEL x=\u00e9\u00e9 y=1\n"
    "HEALTHCHECK CMD curl -s http://localhost/ # \u00e9\n"
)
"""LD105 (fixable, error) on line 3, after non-ASCII text; LD101 is not reported."""


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args])
    return result.exit_code, result.stdout


def fixtures_report(output_format: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(FIXTURES)
    code, output = check("--format", output_format, ".")
    assert code == 1
    return output


def json_diagnostics(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    diagnostics: list[dict[str, Any]] = json.loads(fixtures_report("json", monkeypatch))[
        "diagnostics"
    ]
    return diagnostics


def from_root(path: str) -> str:
    return f"fixtures/{path}"


# --- GitLab Code Quality ------------------------------------------------------------------

GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_gitlab_code_quality(monkeypatch: pytest.MonkeyPatch) -> None:
    """GitLab's documented requirements: an array of issues, each with a ``description``, a
    ``check_name``, a unique ``fingerprint``, a ``severity`` it knows and a ``location`` with
    a repository-relative ``path`` and ``lines.begin``."""
    issues = json.loads(fixtures_report("gitlab", monkeypatch))
    diagnostics = json_diagnostics(monkeypatch)
    assert isinstance(issues, list) and len(issues) == len(diagnostics)
    for issue, diagnostic in zip(issues, diagnostics, strict=True):
        assert isinstance(issue["description"], str) and issue["description"]
        assert issue["check_name"] == diagnostic["code"]
        assert issue["severity"] in GITLAB_SEVERITIES
        assert issue["type"] == "issue"
        location = issue["location"]
        assert location["path"] == from_root(diagnostic["path"])
        assert (REPO / location["path"]).is_file()
        assert location["lines"]["begin"] == diagnostic["line"]
        assert location["lines"]["end"] >= location["lines"]["begin"]
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    severities = {d["severity"]: i["severity"] for i, d in zip(issues, diagnostics, strict=True)}
    assert severities == {"error": "major", "warning": "minor", "info": "info"}


def test_gitlab_fingerprints_survive_moved_lines(tree: WriteTree) -> None:
    root = tree({"Dockerfile": CURL})
    first = json.loads(check("--format", "gitlab", "--root", ".")[1])
    (root / "Dockerfile").write_text(CURL.replace("FROM", "# moved\nFROM"))
    second = json.loads(check("--format", "gitlab", "--root", ".")[1])
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in second]
    assert [i["location"]["lines"]["begin"] + 1 for i in first] == [
        i["location"]["lines"]["begin"] for i in second
    ]


# --- JUnit XML ------------------------------------------------------------------------------

JUNIT_ATTRIBUTES = {  # the attributes of Jenkins' JUnit schema (junit-10.xsd) lintdock uses
    "testsuites": {"name", "tests", "failures", "errors", "time", "disabled"},
    "testsuite": {"name", "tests", "failures", "errors", "skipped", "time", "timestamp"},
    "testcase": {"name", "classname", "time", "assertions", "status"},
    "failure": {"message", "type"},
}


def test_junit(monkeypatch: pytest.MonkeyPatch) -> None:
    junitparser = pytest.importorskip("junitparser", reason="junitparser reads JUnit XML")
    report = fixtures_report("junit", monkeypatch)
    diagnostics = json_diagnostics(monkeypatch)
    root = ElementTree.fromstring(report)
    for element in root.iter():
        assert set(element.attrib) <= JUNIT_ATTRIBUTES[element.tag], element.tag
        assert "name" not in JUNIT_ATTRIBUTES[element.tag] or element.get("name") != ""
    parsed = junitparser.JUnitXml.fromstring(report)
    failures = []
    for suite in parsed:
        cases = list(suite)
        assert suite.tests == len(cases)
        assert suite.failures == sum(bool(case.result) for case in cases)
        for case in cases:
            for outcome in case.result:
                assert isinstance(outcome, junitparser.Failure)
                failures.append((case.classname, outcome.type, outcome.message))
    assert failures == [(from_root(d["path"]), d["code"], d["message"]) for d in diagnostics]
    assert int(root.get("failures", "0")) == len(diagnostics)


def test_junit_clean_files_pass(tree: WriteTree) -> None:
    tree({"Dockerfile": "FROM alpine:3.20\n"})
    code, report = check("--format", "junit", "--select", "LD001", "--root", ".")
    assert code == 0
    suite = ElementTree.fromstring(report).find("testsuite")
    assert suite is not None
    assert (suite.get("name"), suite.get("tests"), suite.get("failures")) == (
        "Dockerfile",
        "1",
        "0",
    )


def test_xml_formats_carry_control_characters(tree: WriteTree) -> None:
    tree({"Dockerfile": "RUN echo \x01\x1b[31m\n"})
    for output_format in ("junit", "checkstyle"):
        code, report = check("--format", output_format, "--select", "LD001", "--root", ".")
        assert code == 1
        ElementTree.fromstring(report)  # well-formed


# --- Checkstyle -------------------------------------------------------------------------------

CHECKSTYLE_SEVERITIES = {"error", "warning", "info", "ignore"}


def test_checkstyle(monkeypatch: pytest.MonkeyPatch) -> None:
    """The structure of Checkstyle's XMLLogger: ``<checkstyle version>`` of ``<file name>``
    elements holding ``<error line column severity message source>``; every linted file
    listed, findings in it by position."""
    root = ElementTree.fromstring(fixtures_report("checkstyle", monkeypatch))
    diagnostics = json_diagnostics(monkeypatch)
    assert root.tag == "checkstyle" and root.get("version")
    errors = []
    for file in root:
        assert file.tag == "file" and (REPO / str(file.get("name"))).is_file()
        for error in file:
            assert error.tag == "error"
            assert set(error.attrib) == {"line", "column", "severity", "message", "source"}
            assert error.get("severity") in CHECKSTYLE_SEVERITIES
            errors.append(
                (
                    file.get("name"),
                    int(str(error.get("line"))),
                    int(str(error.get("column"))),
                    error.get("source"),
                    error.get("message"),
                )
            )
    assert errors == [
        (from_root(d["path"]), d["line"], d["column"], d["code"], d["message"]) for d in diagnostics
    ]


# --- reviewdog rdjson -------------------------------------------------------------------------

RD_SEVERITIES = {"UNKNOWN_SEVERITY", "ERROR", "WARNING", "INFO"}


def assert_rdjson(document: dict[str, Any]) -> None:
    """reviewdog.proto's DiagnosticResult as JSON: diagnostics with a message, a location
    (path, and a range whose start has a line), an enum severity, a code with a value;
    positions 1-based."""
    assert set(document) <= {"diagnostics", "source", "severity"}
    assert document["source"]["name"] == "lintdock"
    for diagnostic in document["diagnostics"]:
        assert set(diagnostic) <= {
            "message",
            "location",
            "severity",
            "source",
            "code",
            "suggestions",
            "original_output",
        }
        assert isinstance(diagnostic["message"], str)
        assert diagnostic["severity"] in RD_SEVERITIES
        assert isinstance(diagnostic["code"]["value"], str)
        ranges = [diagnostic["location"]["range"]]
        ranges += [s["range"] for s in diagnostic.get("suggestions", [])]
        for range_ in ranges:
            for position in (range_["start"], range_["end"]):
                assert set(position) <= {"line", "column"}
                assert position["line"] >= 1 and position.get("column", 1) >= 1


def test_rdjson(monkeypatch: pytest.MonkeyPatch) -> None:
    document = json.loads(fixtures_report("rdjson", monkeypatch))
    assert_rdjson(document)
    diagnostics = json_diagnostics(monkeypatch)
    assert [
        (d["location"]["path"], d["location"]["range"]["start"]["line"], d["code"]["value"])
        for d in document["diagnostics"]
    ] == [(from_root(d["path"]), d["line"], d["code"]) for d in diagnostics]


def test_rdjson_counts_columns_in_utf8_bytes_and_suggests_safe_fixes(tree: WriteTree) -> None:
    tree({"Dockerfile": CURL})
    _, report = check("--format", "rdjson", "--select", "LD105", "--root", ".")
    document = json.loads(report)
    assert_rdjson(document)
    [diagnostic] = document["diagnostics"]
    line = CURL.splitlines()[2]
    curl = line.index("curl")  # an ASCII prefix: bytes and characters agree here
    assert diagnostic["location"]["range"]["start"] == {"line": 3, "column": curl + 1}
    assert diagnostic["severity"] == "ERROR"
    [suggestion] = diagnostic["suggestions"]
    assert "--fail" in suggestion["text"]


def test_rdjson_multibyte_columns() -> None:
    """reviewdog counts UTF-8 bytes: é is 2, 𐐀 is 4 (reviewdog.proto's own example)."""
    from lintdock.model.span import Span
    from lintdock.reporters.rdjson import _Utf8Columns

    columns = _Utf8Columns({"f": "a\u00e9\U00010400b\n"})
    assert columns.range("f", Span(1, 4, 1, 5)) == {
        "start": {"line": 1, "column": 1 + 1 + 2 + 4},
        "end": {"line": 1, "column": 1 + 1 + 2 + 4 + 1},
    }


VALIDATOR = "@umbrelladocs/rdformat-validator@1.0.1"


@cache
def rdformat_validator() -> Path | None:
    """reviewdog's format validator from npm, installed once into a cache directory."""
    binary = "node_modules/.bin/rdformat-validator"
    prefix = npm_installed((VALIDATOR,), binary)
    return prefix / binary if prefix is not None else None


@pytest.mark.slow
def test_rdformat_validator_accepts_the_fixtures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validator = rdformat_validator()
    if validator is None:
        pytest.skip(f"npm or the npm registry is unavailable: cannot install {VALIDATOR}")
    report = tmp_path / "lintdock.rdjson"
    report.write_text(fixtures_report("rdjson", monkeypatch))
    checked = subprocess.run(
        [str(validator), "--strict", str(report)], capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


# --- security-severity ------------------------------------------------------------------------


def test_security_rules_carry_security_severity(tree: WriteTree) -> None:
    tree({"Dockerfile": CURL})
    _, report = check("--format", "sarif", "--select", "ALL")
    rules = {
        rule["id"]: rule
        for rule in assert_valid_sarif(report)["runs"][0]["tool"]["driver"]["rules"]
    }
    from lintdock.rules import registry

    graded = {r.code for r in registry().rules if r.security_severity is not None}
    assert {"LD203", "LD204"} <= graded
    for code_, rule in rules.items():
        properties = rule["properties"]
        if code_ in graded:
            score = float(properties["security-severity"])
            assert 0.1 <= score <= 10.0
            assert "security" in properties["tags"]
        else:
            assert "security-severity" not in properties
    assert rules["LD203"]["properties"]["security-severity"] == "7.5"
