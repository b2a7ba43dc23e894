"""Fingerprints of findings that survive edits elsewhere in a file (SARIF's
``partialFingerprints``, GitLab Code Quality's ``fingerprint``)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.span import Span


class Fingerprints:
    """``hash:n`` keys that stay put when unrelated lines move: the hash covers the rule, the
    file (as the report names it), the service and the flagged lines' text, and ``n`` numbers
    equal hashes in order. One instance per report, fed the diagnostics in report order."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = texts
        self._lines: dict[str, list[str]] = {}
        self._seen: Counter[str] = Counter()

    def of(self, diagnostic: Diagnostic, reported_path: str) -> str:
        flagged = self._flagged_text(diagnostic.path, diagnostic.span)
        key = "\0".join((diagnostic.code, reported_path, diagnostic.service or "", flagged))
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        self._seen[digest] += 1
        return f"{digest}:{self._seen[digest]}"

    def _flagged_text(self, path: str, span: Span) -> str:
        if path not in self._lines:
            self._lines[path] = self._texts.get(path, "").splitlines()
        lines = self._lines[path][max(span.line, 1) - 1 : span.end_line]
        return "\n".join(" ".join(line.split()) for line in lines)
