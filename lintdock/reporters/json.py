"""The JSON output (a contract, see interface.md): one object with the tool, every diagnostic
and a summary. Nothing else goes to stdout; keys are written in the documented order."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from lintdock import __version__
from lintdock.engine import LintResult
from lintdock.model.diagnostic import Diagnostic, Fix, Severity
from lintdock.model.span import Span
from lintdock.reporters import severity
from lintdock.rules import registry


def render(result: LintResult, statistics: bool = False) -> str:
    """The JSON document; with ``statistics``, a count per rule instead of the diagnostics."""
    document = {
        "tool": {"name": "lintdock", "version": __version__},
        "statistics" if statistics else "diagnostics": (
            statistics_objects(result.diagnostics)
            if statistics
            else [diagnostic_object(d) for d in result.diagnostics]
        ),
        "summary": summary_object(result),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def statistics_objects(diagnostics: Sequence[Diagnostic]) -> list[dict[str, Any]]:
    """``{"code", "name", "count", "fixable"}`` per rule that fired, most frequent first, as
    ruff's ``--statistics --output-format json`` (``fixable``: some of them have a fix)."""
    counts = Counter(d.code for d in diagnostics)
    fixable = {d.code for d in diagnostics if d.fix is not None}
    return [
        {"code": code, "name": _name(code), "count": count, "fixable": code in fixable}
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _name(code: str) -> str | None:
    rule = registry().get(code)
    return rule.name if rule else None


def diagnostic_object(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "code": diagnostic.code,
        "name": _name(diagnostic.code),
        "severity": severity(diagnostic).label,
        "path": diagnostic.path,
        **_position(diagnostic.span),
        "message": diagnostic.message,
        "service": diagnostic.service,
        "fix": _fix_object(diagnostic.fix),
    }


def _position(span: Span) -> dict[str, int]:
    return {
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def _fix_object(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "description": fix.description,
        "safe": fix.safe,
        "edits": [{**_position(e.span), "replacement": e.replacement} for e in fix.edits],
    }


def summary_object(result: LintResult) -> dict[str, int]:
    counts = Counter(severity(d) for d in result.diagnostics)
    return {
        "files": len(result.files),
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
    }
