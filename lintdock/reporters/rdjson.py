"""``--format rdjson``: reviewdog's Diagnostic Format (``reviewdog -f=rdjson``), which
reviewdog turns into pull request comments, checks and suggested changes.

One ``DiagnosticResult``: the source (lintdock) and a diagnostic per finding with its
message, location (the path from the project root and a range whose end is exclusive, as
lintdock's), severity (``ERROR``, ``WARNING``, ``INFO``), code (with its page's URL) and, for
a safe fix, its edits as suggestions. reviewdog counts columns in UTF-8 bytes, so columns are
converted from lintdock's characters with the file's text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from lintdock.docs import PROJECT_URI, page_url
from lintdock.engine import LintResult
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.span import Span
from lintdock.reporters import severity
from lintdock.root import path_from_root
from lintdock.rules import registry

JSON = dict[str, Any]
SOURCE = {"name": "lintdock", "url": PROJECT_URI}


def render(result: LintResult) -> str:
    columns = _Utf8Columns(result.texts)
    document = {
        "source": SOURCE,
        "diagnostics": [_diagnostic(d, result.root, columns) for d in result.diagnostics],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _diagnostic(diagnostic: Diagnostic, root: str, columns: _Utf8Columns) -> JSON:
    rule = registry().get(diagnostic.code)
    code: JSON = {"value": diagnostic.code}
    if rule is not None:
        code["url"] = page_url(rule)
    found: JSON = {
        "message": diagnostic.message,
        "location": {
            "path": path_from_root(diagnostic.path, root),
            "range": columns.range(diagnostic.path, diagnostic.span),
        },
        "severity": severity(diagnostic).label.upper(),
        "source": SOURCE,
        "code": code,
    }
    if diagnostic.fix is not None and diagnostic.fix.safe:
        found["suggestions"] = [
            {"range": columns.range(diagnostic.path, edit.span), "text": edit.replacement}
            for edit in diagnostic.fix.edits
        ]
    return found


class _Utf8Columns:
    """Character columns turned into reviewdog's UTF-8 byte columns, line by line."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = texts
        self._lines: dict[str, list[str]] = {}

    def range(self, path: str, span: Span) -> JSON:
        return {
            "start": self._position(path, span.line, span.column),
            "end": self._position(path, span.end_line, span.end_column),
        }

    def _position(self, path: str, line: int, column: int) -> JSON:
        if path not in self._lines:
            self._lines[path] = self._texts.get(path, "").split("\n")
        lines = self._lines[path]
        line, column = max(line, 1), max(column, 1)
        if line <= len(lines):
            column = len(lines[line - 1][: column - 1].encode("utf-8")) + 1
        return {"line": line, "column": column}
