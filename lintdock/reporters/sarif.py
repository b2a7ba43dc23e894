"""SARIF 2.1.0 output, for GitHub code scanning, the VS Code SARIF Viewer and other SARIF tools.

API (the CLI calls this)::

    render(diagnostics, rules, *, root, source, notifications=(), successful=True, docs=...) -> str

``diagnostics`` are the findings to report (severities resolved by the engine; None falls back to
the rule's default). ``rules`` are the rules that ran: all of them go into
``tool.driver.rules``, sorted by code, whether they fired or not. ``root`` is the directory
paths are made relative to (``%SRCROOT%``, the current directory for a CLI run: the repository
root in CI). ``source(path)`` returns a linted file's text (or None), used for fingerprints.
``notifications`` are files that could not be read (anything with ``path`` and ``message``);
they become ``toolExecutionNotifications``. ``successful`` False marks a run that lintdock itself
could not complete. ``docs(rule)`` returns the rule's markdown page, or None.

Shape of the log, and why:

- one run; ``columnKind`` is ``unicodeCodePoints`` because lintdock counts characters;
- a result's location is relative to ``%SRCROOT%``, which ``originalUriBaseIds`` maps to the root
  as a ``file://`` URI ending in ``/`` (without the slash the multitool reports an error); a
  file outside the root gets an absolute ``file://`` URI and no base id;
- regions carry all four numbers: SARIF, like lintdock, counts lines and columns from 1 with an
  exclusive end column;
- ``partialFingerprints["lintdock/v1"]`` is a hash of the rule, the file, the service and the
  whitespace-normalised text of the flagged lines, plus the occurrence number of that hash: it
  survives edits elsewhere in the file, unlike a line number. ``primaryLocationLineHash`` is
  left to GitHub's upload action, which computes it itself;
- ``fixes`` holds each diagnostic's Fix as ``artifactChanges`` of ``replacements``;
- everything is sorted, so the same input gives byte-identical output.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from lintdock import __version__
from lintdock.model.diagnostic import Diagnostic, Fix, Severity
from lintdock.model.span import Span
from lintdock.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
PROJECT_URI = "https://github.com/lintdock/lintdock"
RULE_DOCS_URI = f"{PROJECT_URI}/blob/main/rules"
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT_KEY = "lintdock/v1"
DESCRIPTION_LIMIT = 1024

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SECURITY_FAMILIES = frozenset({"LD2"})

JSON = dict[str, Any]


class FileProblem(Protocol):
    """A file lintdock could not read."""

    @property
    def path(self) -> str: ...
    @property
    def message(self) -> str: ...


def render(
    diagnostics: Sequence[Diagnostic],
    rules: Iterable[Rule],
    *,
    root: Path,
    source: Callable[[str], str | None],
    notifications: Sequence[FileProblem] = (),
    successful: bool = True,
    docs: Callable[[Rule], str | None] | None = None,
) -> str:
    """The SARIF log of one lintdock run, as JSON text ending in a newline."""
    locator = _Locator(root)
    ran = sorted({rule.code: rule for rule in rules}.values(), key=lambda rule: rule.code)
    run: JSON = {
        "tool": {"driver": _driver(ran, docs or rule_page)},
        "invocations": [_invocation(notifications, successful, locator)],
        "originalUriBaseIds": {SOURCE_ROOT: {"uri": locator.root_uri}},
        "columnKind": "unicodeCodePoints",
        "results": _results(diagnostics, ran, locator, source),
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


# --- paths ----------------------------------------------------------------------------------------


class _Locator:
    """Turns the paths diagnostics carry into SARIF artifact locations."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.realpath(root))
        self.root_uri = self.root.as_uri().rstrip("/") + "/"

    def artifact(self, path: str) -> JSON:
        """``{"uri": "svc/Dockerfile", "uriBaseId": "%SRCROOT%"}``, or an absolute file URI."""
        real = Path(os.path.realpath(path))
        if real.is_relative_to(self.root):
            relative = real.relative_to(self.root).as_posix()
            return {"uri": quote(relative, safe="/"), "uriBaseId": SOURCE_ROOT}
        return {"uri": real.as_uri()}


# --- rules ----------------------------------------------------------------------------------------


def _driver(rules: Sequence[Rule], docs: Callable[[Rule], str | None]) -> JSON:
    return {
        "name": "lintdock",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": PROJECT_URI,
        "rules": [_descriptor(rule, docs(rule)) for rule in rules],
    }


def _descriptor(rule: Rule, page: str | None) -> JSON:
    """A rule's ``reportingDescriptor``, its help taken from the rule's page."""
    markdown = page or f"# {rule.code} {rule.name}\n\n{rule.summary}\n"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _limit(rule.summary)},
        "fullDescription": {"text": _limit(_plain(summary_paragraph(markdown) or rule.summary))},
        "help": {"text": _plain(markdown), "markdown": markdown},
        "helpUri": f"{RULE_DOCS_URI}/{rule.code}-{rule.name}.md",
        "defaultConfiguration": {
            "level": LEVELS[rule.severity],
            "enabled": rule.enabled_by_default,
        },
        "properties": {"tags": _tags(rule)},
    }


def _tags(rule: Rule) -> list[str]:
    tags = [rule.family]
    if rule.code[:3] in SECURITY_FAMILIES:
        tags.append("security")
    return tags


def rule_page(rule: Rule) -> str | None:
    """The markdown page of a rule: ``rules/`` beside the package in a source checkout, the
    copy packaged as ``lintdock/docs`` in an installed wheel."""
    package = Path(__file__).resolve().parent.parent
    name = f"{rule.code}-{rule.name}.md"
    for folder in (package.parent / "rules", package / "docs"):
        try:
            return (folder / name).read_text(encoding="utf-8")
        except OSError:
            continue
    return None


FENCE = re.compile(r"^(```|~~~)")


def summary_paragraph(markdown: str) -> str | None:
    """The page's one-paragraph summary: the first paragraph after the title and the
    ``**Severity:**`` line."""
    for paragraph in re.split(r"\n\s*\n", markdown.strip()):
        text = paragraph.strip()
        if text.startswith(("#", "**Severity:**")) or FENCE.match(text):
            continue
        return text
    return None


def _plain(markdown: str) -> str:
    """Markdown as plain text: no fences, emphasis markers, backticks or heading hashes."""
    lines = [line for line in markdown.splitlines() if not FENCE.match(line.strip())]
    text = "\n".join(lines)
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"`([^`\n]+)`", r"\1", text)
    return text.strip() + "\n"


def _limit(text: str) -> str:
    """GitHub rejects descriptions over 1024 characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= DESCRIPTION_LIMIT else flat[: DESCRIPTION_LIMIT - 1] + "…"


# --- results --------------------------------------------------------------------------------------


def _results(
    diagnostics: Sequence[Diagnostic],
    rules: Sequence[Rule],
    locator: _Locator,
    source: Callable[[str], str | None],
) -> list[JSON]:
    index = {rule.code: position for position, rule in enumerate(rules)}
    severity = {rule.code: rule.severity for rule in rules}
    fingerprints = _Fingerprints(source)
    results = []
    for diagnostic in sorted(diagnostics, key=_order):
        artifact = locator.artifact(diagnostic.path)
        level = diagnostic.severity or severity.get(diagnostic.code, Severity.WARNING)
        result: JSON = {"ruleId": diagnostic.code}
        if diagnostic.code in index:
            result["ruleIndex"] = index[diagnostic.code]
        result |= {
            "level": LEVELS[level],
            "message": {"text": diagnostic.message},
            "locations": [{"physicalLocation": _physical(artifact, diagnostic.span)}],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprints.of(diagnostic, artifact)},
        }
        if diagnostic.fix is not None:
            result["fixes"] = [_fix(diagnostic.fix, artifact)]
        if diagnostic.service is not None:
            result["properties"] = {"service": diagnostic.service}
        results.append(result)
    return results


def _order(diagnostic: Diagnostic) -> tuple[str, Span, str, str]:
    return diagnostic.path, diagnostic.span, diagnostic.code, diagnostic.message


def _region(span: Span) -> JSON:
    """A SARIF region: the same numbers, kept inside what the schema allows (all >= 1)."""
    return {
        "startLine": max(span.line, 1),
        "startColumn": max(span.column, 1),
        "endLine": max(span.end_line, span.line, 1),
        "endColumn": max(span.end_column, 1),
    }


def _physical(artifact: JSON, span: Span) -> JSON:
    return {"artifactLocation": artifact, "region": _region(span)}


def _fix(fix: Fix, artifact: JSON) -> JSON:
    replacements = []
    for edit in fix.edits:
        replacement: JSON = {"deletedRegion": _region(edit.span)}
        if edit.replacement:
            replacement["insertedContent"] = {"text": edit.replacement}
        replacements.append(replacement)
    return {
        "description": {"text": fix.description},
        "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
        "properties": {"safe": fix.safe},
    }


class _Fingerprints:
    """``hash:n`` keys that stay put when unrelated lines move: the hash covers the rule, the
    file, the service and the flagged lines' text, and ``n`` numbers equal hashes in order."""

    def __init__(self, source: Callable[[str], str | None]) -> None:
        self._source = source
        self._lines: dict[str, list[str]] = {}
        self._seen: Counter[str] = Counter()

    def of(self, diagnostic: Diagnostic, artifact: JSON) -> str:
        flagged = self._flagged_text(diagnostic.path, diagnostic.span)
        key = "\0".join((diagnostic.code, artifact["uri"], diagnostic.service or "", flagged))
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        self._seen[digest] += 1
        return f"{digest}:{self._seen[digest]}"

    def _flagged_text(self, path: str, span: Span) -> str:
        if path not in self._lines:
            self._lines[path] = (self._source(path) or "").splitlines()
        lines = self._lines[path][max(span.line, 1) - 1 : span.end_line]
        return "\n".join(" ".join(line.split()) for line in lines)


# --- invocation -----------------------------------------------------------------------------------


def _invocation(notifications: Sequence[FileProblem], successful: bool, locator: _Locator) -> JSON:
    invocation: JSON = {"executionSuccessful": successful}
    if notifications:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": problem.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": locator.artifact(problem.path)}}
                ],
                "descriptor": {"id": "unreadable-file"},
            }
            for problem in sorted(notifications, key=lambda problem: problem.path)
        ]
    return invocation
