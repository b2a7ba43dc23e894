"""The SARIF reporter on hand-made findings: every field GitHub and SARIF viewers read, checked
against the official schema, and (slow) Microsoft's validator with GitHub's ingestion rules."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import make_rule
from sarif_check import assert_valid_sarif, multitool_errors

from lintdock import __version__
from lintdock.docs import Page, load_page
from lintdock.engine import Failure, LintResult, Notification
from lintdock.model import Diagnostic, Edit, Fix, Severity, Span
from lintdock.reporters.sarif import render
from lintdock.rules.base import Rule

RULES = (
    make_rule("LD502", "restart-unbounded", severity=Severity.INFO),
    make_rule("LD105", "curl-without-fail", severity=Severity.ERROR),
    make_rule("LD203", "pipe-to-shell", severity=Severity.WARNING),
    make_rule("LD505", "restart-ignores-unhealthy", severity=Severity.INFO, enabled=False),
)

PAGE = """# LD105 curl-without-fail

**Severity:** error · **Fixable:** yes · **Views:** Dockerfile, compose

A health check runs `curl` without `--fail`, so
it **never** fails.

## Why
curl exits 0 on HTTP 500.

## Examples

**Bad**: no flag

```dockerfile
FROM alpine
HEALTHCHECK CMD curl http://localhost/
```
"""

PAGE_FILE = "docs/LD105-curl-without-fail.md"
DOCKERFILE = 'FROM alpine:3.20\nHEALTHCHECK CMD curl http://localhost/health\nCMD ["app"]\n'
COMPOSE = "services:\n  web:\n    restart: on-failure\n  worker:\n    restart: on-failure\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout with a Dockerfile and a compose file; the current directory is its root."""
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    (tmp_path / PAGE_FILE).parent.mkdir()
    (tmp_path / PAGE_FILE).write_text(PAGE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings() -> list[Diagnostic]:
    insert_fail = Fix("Insert --fail", (Edit(Span.point(2, 22), "--fail "),))
    limit = Fix("Limit restarts to 5", (Edit(Span(3, 14, 3, 24), "on-failure:5"),), safe=False)
    return [
        Diagnostic(
            "LD105",
            "curl exits 0 on HTTP 500.",
            "api/Dockerfile",
            Span(2, 17, 2, 21),
            Severity.ERROR,
            fix=insert_fail,
        ),
        Diagnostic(
            "LD502",
            "Restarts forever.",
            "compose.yaml",
            Span(3, 14, 3, 24),
            Severity.INFO,
            service="web",
            fix=limit,
        ),
        Diagnostic(
            "LD502",
            "Restarts forever.",
            "compose.yaml",
            Span(5, 14, 5, 24),
            Severity.WARNING,
            service="worker",
        ),
    ]


def linted(
    diagnostics: Sequence[Diagnostic], rules: Sequence[Rule] = RULES, **more: Any
) -> LintResult:
    """The engine's result for these findings, with the texts of the files they are in."""
    paths = sorted({d.path for d in diagnostics})
    texts = {path: Path(path).read_text() for path in paths}
    return LintResult(tuple(diagnostics), tuple(paths), tuple(rules), texts=texts, **more)


def docs(rule: Rule) -> Page | None:
    """The test page for LD105 (written by the ``project`` fixture), no page for the others."""
    return load_page(Path(PAGE_FILE)) if rule.code == "LD105" else None


def sarif(diagnostics: Sequence[Diagnostic], **more: Any) -> dict[str, Any]:
    return assert_valid_sarif(render(linted(diagnostics, **more), docs=docs))


def test_log_and_driver(project: Path) -> None:
    log = sarif(findings())
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("lintdock", __version__)
    assert driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": project.as_uri() + "/"}}


def test_every_rule_that_ran_is_described_sorted_by_code(project: Path) -> None:
    rules = sarif([])["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["LD105", "LD203", "LD502", "LD505"]
    curl, pipe, restart, unhealthy = rules
    assert curl["name"] == "curl-without-fail"
    assert curl["shortDescription"] == {"text": "curl-without-fail summary"}
    assert curl["fullDescription"] == {
        "text": "A health check runs curl without --fail, so it never fails."
    }
    assert curl["help"]["markdown"] == PAGE
    assert curl["help"]["text"].startswith("LD105 curl-without-fail\n\nSeverity: error")
    assert "FROM alpine\nHEALTHCHECK CMD curl http://localhost/\n" in curl["help"]["text"]
    assert "```" not in curl["help"]["text"]
    assert curl["helpUri"].endswith("/rules/LD105-curl-without-fail.md")
    assert curl["defaultConfiguration"] == {"level": "error", "enabled": True}
    assert curl["properties"]["tags"] == ["healthcheck"]
    assert pipe["properties"]["tags"] == ["image-contents", "security"]
    assert pipe["defaultConfiguration"]["level"] == "warning"
    assert restart["defaultConfiguration"]["level"] == "note"
    assert restart["fullDescription"] == {"text": "restart-unbounded summary"}
    assert unhealthy["defaultConfiguration"] == {"level": "note", "enabled": False}


def test_results_point_at_the_rule_and_the_exact_region(project: Path) -> None:
    run = sarif(findings())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    curl, web, worker = run["results"]
    for result in (curl, web, worker):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert (curl["ruleId"], curl["level"]) == ("LD105", "error")
    assert (web["level"], worker["level"]) == ("note", "warning")
    assert curl["message"] == {"text": "curl exits 0 on HTTP 500."}
    assert curl["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "api/Dockerfile", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 2, "startColumn": 17, "endLine": 2, "endColumn": 21},
            }
        }
    ]
    assert web["properties"] == {"service": "web"}
    assert "properties" not in curl


def test_fixes_become_artifact_changes(project: Path) -> None:
    curl, web, worker = sarif(findings())["runs"][0]["results"]
    assert curl["fixes"] == [
        {
            "description": {"text": "Insert --fail"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "api/Dockerfile", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": 2,
                                "startColumn": 22,
                                "endLine": 2,
                                "endColumn": 22,
                            },
                            "insertedContent": {"text": "--fail "},
                        }
                    ],
                }
            ],
            "properties": {"safe": True},
        }
    ]
    assert web["fixes"][0]["properties"] == {"safe": False}
    assert "fixes" not in worker


def test_unreadable_files_are_execution_notifications(project: Path) -> None:
    unreadable = Notification("secret/Dockerfile", "cannot lint: Permission denied")
    run = sarif([], notifications=(unreadable,))["runs"][0]
    assert run["invocations"] == [
        {
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": "cannot lint: Permission denied"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {
                                    "uri": "secret/Dockerfile",
                                    "uriBaseId": "%SRCROOT%",
                                }
                            }
                        }
                    ],
                    "descriptor": {"id": "unreadable-file"},
                }
            ],
        }
    ]
    assert run["results"] == []


def test_a_missing_named_path_or_a_crash_is_an_unsuccessful_run(project: Path) -> None:
    missing = Notification("nope/Dockerfile", "No such file or directory", fatal=True)
    assert (
        sarif([], notifications=(missing,))["runs"][0]["invocations"][0]["executionSuccessful"]
        is False
    )
    crash = Failure("LD105", "api/Dockerfile", "KeyError: 'x'")
    [invocation] = sarif([], failures=(crash,))["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["message"] == {"text": "KeyError: 'x'"}
    assert notification["descriptor"] == {"id": "internal-error"}
    assert notification["associatedRule"] == {"id": "LD105"}


def test_root_decides_what_is_relative(project: Path) -> None:
    result = linted(findings()[:2])
    run = json.loads(render(result, root=project / "api", docs=docs))["runs"][0]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert uris == [
        {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"},
        {"uri": (project / "compose.yaml").as_uri()},
    ]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (project / "api").as_uri() + "/"


def test_paths_outside_the_root_and_unusual_names(project: Path, tmp_path_factory: Any) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "Dockerfile"
    outside.write_text(DOCKERFILE)
    (project / "wéb app").mkdir()
    (project / "wéb app" / "Dockerfile").write_text(DOCKERFILE)
    diagnostics = [
        Diagnostic("LD105", "m", str(outside), Span(2, 17, 2, 21)),
        Diagnostic("LD105", "m", "wéb app/Dockerfile", Span(2, 17, 2, 21)),
    ]
    locations = [
        result["locations"][0]["physicalLocation"]["artifactLocation"]
        for result in sarif(diagnostics)["runs"][0]["results"]
    ]
    assert locations == sorted(
        [{"uri": outside.as_uri()}, {"uri": "w%C3%A9b%20app/Dockerfile", "uriBaseId": "%SRCROOT%"}],
        key=lambda location: "w" if "uriBaseId" in location else str(outside),
    )


def test_a_symlinked_file_is_reported_at_its_real_path(project: Path) -> None:
    (project / "Dockerfile").symlink_to("api/Dockerfile")
    result = sarif([Diagnostic("LD105", "m", "Dockerfile", Span(2, 17, 2, 21))])["runs"][0]
    location = result["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "api/Dockerfile"


def fingerprints(log: dict[str, Any]) -> list[str]:
    return [result["partialFingerprints"]["lintdock/v1"] for result in log["runs"][0]["results"]]


def shifted(diagnostic: Diagnostic, lines: int) -> Diagnostic:
    span = diagnostic.span
    moved = Span(span.line + lines, span.column, span.end_line + lines, span.end_column)
    return replace(diagnostic, span=moved)


def test_fingerprints_survive_unrelated_edits(project: Path) -> None:
    before = fingerprints(sarif(findings()))
    (project / "api" / "Dockerfile").write_text("# syntax=docker/dockerfile:1\n\n" + DOCKERFILE)
    (project / "compose.yaml").write_text("# the app\n" + COMPOSE)
    moved = [shifted(d, 2 if d.path.startswith("api/") else 1) for d in findings()]
    assert fingerprints(sarif(moved)) == before
    assert len(set(before)) == 3


def test_fingerprints_change_with_the_flagged_text_and_number_repeats(project: Path) -> None:
    (project / "compose.yaml").write_text(COMPOSE.replace("worker", "web2"))
    same_line_twice = [
        Diagnostic("LD502", "m", "compose.yaml", Span(3, 14, 3, 24)),
        Diagnostic("LD502", "m", "compose.yaml", Span(5, 14, 5, 24)),
    ]
    first, second = fingerprints(sarif(same_line_twice))
    assert first.split(":") == [second.split(":")[0], "1"]
    assert second.endswith(":2")
    (project / "compose.yaml").write_text(COMPOSE.replace("on-failure\n  worker", "always\n  x"))
    changed = fingerprints(sarif(same_line_twice))
    assert changed[0] != first


def test_output_is_deterministic(project: Path) -> None:
    diagnostics = findings()
    shuffled = diagnostics[:]
    random.Random(4).shuffle(shuffled)
    one = render(linted(diagnostics), docs=docs)
    two = render(linted(shuffled, tuple(reversed(RULES))), docs=docs)
    assert one == two
    assert one.endswith("}\n")
    assert json.loads(one)["runs"][0]["results"][0]["ruleId"] == "LD105"


def test_positions_below_one_are_clamped_to_stay_valid(project: Path) -> None:
    result = sarif([Diagnostic("LD105", "m", "api/Dockerfile", Span(0, 0, 0, 0))])
    region = result["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}


@pytest.mark.slow
def test_microsoft_validator_with_github_rules_finds_no_error(project: Path) -> None:
    diagnostics = [
        *findings(),
        Diagnostic("LD203", "Piped into sh.", "api/Dockerfile", Span(2, 1, 3, 4)),
    ]
    unreadable = Notification("gone/Dockerfile", "cannot lint: No such file")
    crash = Failure("LD502", "compose.yaml", "KeyError: 'x'")
    result = linted(diagnostics, notifications=(unreadable,), failures=(crash,))
    (project / "lintdock.sarif").write_text(render(result, docs=docs))
    assert multitool_errors(project / "lintdock.sarif") == []


@pytest.mark.slow
def test_microsoft_validator_catches_errors(project: Path) -> None:
    """The validator gate itself can fail: a base URI without its final slash is an error."""
    log = json.loads(render(linted(findings()), docs=docs))
    log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] = project.as_uri()
    (project / "broken.sarif").write_text(json.dumps(log))
    assert multitool_errors(project / "broken.sarif") != []
