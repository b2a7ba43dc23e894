"""``lintdock check --format sarif`` on every fixture project: valid SARIF 2.1.0 that says what
the JSON output says, and (slow) no error from Microsoft's validator with GitHub's rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sarif_check import assert_valid_sarif, multitool_errors

from lintdock.cli import cli

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
PROJECTS = sorted(path for path in FIXTURES.iterdir() if path.is_dir())


def check(project: Path, monkeypatch: pytest.MonkeyPatch, output_format: str) -> str:
    monkeypatch.chdir(project)
    return CliRunner().invoke(cli, ["check", "--format", output_format, "."]).stdout


@pytest.mark.parametrize("project", PROJECTS, ids=lambda path: path.name)
def test_sarif_says_what_json_says(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = assert_valid_sarif(check(project, monkeypatch, "sarif"))["runs"][0]
    diagnostics = json.loads(check(project, monkeypatch, "json"))["diagnostics"]
    from_root = project.relative_to(REPO).as_posix()  # SARIF's paths are the repository's
    assert [_as_json(result, run) for result in run["results"]] == [
        {key: d[key] for key in ("code", "severity", "line", "column", "message")}
        | {"path": f"{from_root}/{d['path']}"}
        for d in diagnostics
    ]
    rules = run["tool"]["driver"]["rules"]
    assert all(rule["help"]["markdown"].startswith(f"# {rule['id']} ") for rule in rules)
    assert run["invocations"][0]["executionSuccessful"] is True


def _as_json(result: dict[str, Any], run: dict[str, Any]) -> dict[str, Any]:
    """The JSON output's view of a SARIF result."""
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == result["ruleId"]
    location = result["locations"][0]["physicalLocation"]
    return {
        "code": result["ruleId"],
        "severity": {"note": "info"}.get(result["level"], result["level"]),
        "path": location["artifactLocation"]["uri"],
        "line": location["region"]["startLine"],
        "column": location["region"]["startColumn"],
        "message": result["message"]["text"],
    }


@pytest.mark.slow
def test_microsoft_validator_accepts_the_fixtures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All fixture projects in one log: the validator takes seconds per file (it probes every
    URI), and one run over all of them holds every kind of result the projects produce."""
    log = tmp_path / "fixtures.sarif"
    log.write_text(check(FIXTURES, monkeypatch, "sarif"))
    assert len(json.loads(log.read_text())["runs"][0]["results"]) > len(PROJECTS)
    assert multitool_errors(log) == []
