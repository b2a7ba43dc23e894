"""``--format gitlab``: a GitLab Code Quality report (the subset of Code Climate's issue
format that GitLab reads), for a job's ``artifacts:reports:codequality``.

One JSON array with an issue per finding: ``description``, ``check_name`` (the rule's code),
``fingerprint`` (unique per issue, stable when unrelated lines move: GitLab compares it
between the base and head of a merge request), ``severity`` (GitLab's ``info``, ``minor``,
``major``: lintdock's info, warning, error), and ``location`` with the path relative to the
project root (the repository, as GitLab expects) and the first and last lines.
"""

from __future__ import annotations

import json
from typing import Any

from lintdock.engine import LintResult
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.reporters import severity
from lintdock.reporters.fingerprints import Fingerprints
from lintdock.root import path_from_root
from lintdock.rules import registry

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result: LintResult) -> str:
    fingerprints = Fingerprints(result.texts)
    issues = []
    for diagnostic in result.diagnostics:
        path = path_from_root(diagnostic.path, result.root)
        issues.append(_issue(diagnostic, path, fingerprints.of(diagnostic, path)))
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _issue(diagnostic: Diagnostic, path: str, fingerprint: str) -> dict[str, Any]:
    span = diagnostic.span
    rule = registry().get(diagnostic.code)
    return {
        "type": "issue",
        "check_name": diagnostic.code,
        "description": f"{diagnostic.code} {rule.name if rule else ''}: {diagnostic.message}",
        "categories": ["Security"] if rule and rule.security_severity else ["Bug Risk"],
        "severity": SEVERITIES[severity(diagnostic)],
        "fingerprint": fingerprint,
        "location": {
            "path": path,
            "lines": {"begin": max(span.line, 1), "end": max(span.end_line, span.line, 1)},
        },
    }
