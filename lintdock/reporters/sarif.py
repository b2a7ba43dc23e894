"""SARIF 2.1.0 output, for GitHub code scanning, the VS Code SARIF Viewer and other SARIF tools.

API (the CLI calls this)::

    render(result: LintResult, *, root: Path | None = None, docs=rule_page) -> str

Every rule in ``result.rules`` (the rules that ran) goes into ``tool.driver.rules``, sorted by
code, whether it fired or not. ``root`` is the directory result paths are made relative to,
``%SRCROOT%``: by default ``result.root``, the project root (``--root``, else the git
repository's top level, see ``lintdock.root``). Files that could not
be read (``result.notifications``) and rules or parsers that crashed (``result.failures``) become
``toolExecutionNotifications``; ``executionSuccessful`` is false when something crashed or a path
named on the command line could not be read (the runs that exit with code 2). ``docs(rule)``
returns the rule's parsed page or None; by default ``lintdock.docs.rule_page``, the page shipped
with lintdock. ``help.markdown`` is the whole page, ``help.text`` the same without markdown
syntax, ``fullDescription`` its summary paragraph.

Shape of the log, and why:

- one run; ``columnKind`` is ``unicodeCodePoints`` because lintdock counts characters;
- a result's location is relative to ``%SRCROOT%``, which ``originalUriBaseIds`` maps to the root
  as a ``file://`` URI ending in ``/`` (without the slash the multitool reports an error); a
  file outside the root gets an absolute ``file://`` URI and no base id; symlinks are resolved
  (GitHub hides alerts on symlinked paths);
- regions carry all four numbers: SARIF, like lintdock, counts lines and columns from 1 with an
  exclusive end column;
- ``partialFingerprints["lintdock/v1"]`` is a hash of the rule, the file, the service and the
  whitespace-normalised text of the flagged lines, plus the occurrence number of that hash: it
  survives edits elsewhere in the file, unlike a line number. ``primaryLocationLineHash`` is
  left to GitHub's upload action, which computes it itself;
- ``fixes`` holds each diagnostic's Fix as ``artifactChanges`` of ``replacements``;
- rules of the LD2xx family (what ships in the image) are tagged ``security``; a rule whose
  index entry has a ``security_severity`` (LD203, LD204, the LD8 family) carries it as the
  descriptor's ``security-severity`` property, so GitHub files its findings as security
  alerts graded by it (9.0+ critical, 7.0+ high, 4.0+ medium, else low);
- everything is sorted, so the same input gives byte-identical output.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from lintdock import __version__
from lintdock.docs import PROJECT_URI, Page, page_url, rule_page
from lintdock.engine import LintResult
from lintdock.model.diagnostic import Diagnostic, Fix, Severity
from lintdock.model.span import Span
from lintdock.reporters.fingerprints import Fingerprints
from lintdock.root import relative_to_root
from lintdock.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT_KEY = "lintdock/v1"
DESCRIPTION_LIMIT = 1024

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SECURITY_FAMILIES = frozenset({"LD2"})

JSON = dict[str, Any]
Docs = Callable[[Rule], "Page | None"]


def render(result: LintResult, *, root: Path | None = None, docs: Docs | None = None) -> str:
    """The SARIF log of one lintdock run, as JSON text ending in a newline."""
    locator = _Locator(root or Path(result.root))
    ran = sorted({rule.code: rule for rule in result.rules}.values(), key=lambda rule: rule.code)
    driver = _driver(ran, docs or rule_page)
    driver["rules"] += _subcode_descriptors(result.diagnostics, ran)
    run: JSON = {
        "tool": {"driver": driver},
        "invocations": [_invocation(result, locator)],
        "originalUriBaseIds": {SOURCE_ROOT: {"uri": locator.root_uri}},
        "columnKind": "unicodeCodePoints",
        "results": _results(result.diagnostics, ran, driver["rules"], locator, result.texts),
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


# --- paths ----------------------------------------------------------------------------------------


class _Locator:
    """Turns the paths diagnostics carry into SARIF artifact locations."""

    def __init__(self, root: Path) -> None:
        self.root = os.path.realpath(root)
        self.root_uri = Path(self.root).as_uri().rstrip("/") + "/"

    def artifact(self, path: str) -> JSON:
        """``{"uri": "svc/Dockerfile", "uriBaseId": "%SRCROOT%"}``, or an absolute file URI."""
        relative = relative_to_root(path, self.root)
        if relative is not None:
            return {"uri": quote(relative, safe="/"), "uriBaseId": SOURCE_ROOT}
        return {"uri": Path(os.path.realpath(path)).as_uri()}


# --- rules ----------------------------------------------------------------------------------------


def _driver(rules: Sequence[Rule], docs: Docs) -> JSON:
    return {
        "name": "lintdock",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": PROJECT_URI,
        "rules": [_descriptor(rule, docs(rule)) for rule in rules],
    }


def _descriptor(rule: Rule, page: Page | None) -> JSON:
    """A rule's ``reportingDescriptor``, its help taken from the rule's page."""
    markdown = page.text if page else f"# {rule.code} {rule.name}\n\n{rule.summary}\n"
    summary = page.summary if page and page.summary else rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _limit(rule.summary)},
        "fullDescription": {"text": _limit(_plain(summary))},
        "help": {"text": _plain(markdown), "markdown": markdown},
        "helpUri": page_url(rule),
        "defaultConfiguration": {
            "level": LEVELS[rule.severity],
            "enabled": rule.enabled_by_default,
        },
        "properties": _properties(rule),
    }


SHELLCHECK_WIKI = "https://www.shellcheck.net/wiki/"


def _subcode_descriptors(diagnostics: Sequence[Diagnostic], rules: Sequence[Rule]) -> list[JSON]:
    """A descriptor for each ShellCheck code found (``SC2086``): GitHub files alerts by rule, and
    each code has its own page in ShellCheck's wiki."""
    owners = [rule for rule in rules if rule.subcode_digits]
    found = sorted({d.code for d in diagnostics if d.code not in {r.code for r in rules}})
    descriptors = []
    for code in found:
        owner = next((rule for rule in owners if rule.owns(code)), None)
        if owner is not None:
            text = f"ShellCheck {code}: see {SHELLCHECK_WIKI}{code}"
            descriptors.append(
                {
                    "id": code,
                    "name": owner.name,
                    "shortDescription": {"text": text},
                    "helpUri": SHELLCHECK_WIKI + code,
                    "defaultConfiguration": {"level": LEVELS[owner.severity], "enabled": False},
                    "properties": _properties(owner),
                }
            )
    return descriptors


def _properties(rule: Rule) -> JSON:
    """Tags, equivalents, and for a security rule the ``security-severity`` GitHub grades
    its alerts by."""
    tags = [rule.family]
    if rule.code[:3] in SECURITY_FAMILIES or rule.security_severity is not None:
        tags.append("security")
    properties: JSON = {"tags": tags, "equivalents": list(rule.equivalents)}
    if rule.security_severity is not None:
        properties["security-severity"] = f"{rule.security_severity:.1f}"
    return properties


FENCE = re.compile(r"^(```|~~~)")


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
    descriptors: Sequence[JSON],
    locator: _Locator,
    texts: Mapping[str, str],
) -> list[JSON]:
    index = {descriptor["id"]: position for position, descriptor in enumerate(descriptors)}
    severity = {rule.code: rule.severity for rule in rules}
    fingerprints = Fingerprints(texts)
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
            "partialFingerprints": {FINGERPRINT_KEY: fingerprints.of(diagnostic, artifact["uri"])},
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


# --- invocation -----------------------------------------------------------------------------------


def _invocation(result: LintResult, locator: _Locator) -> JSON:
    """Whether the run completed, and what went wrong on the way."""
    failed = bool(result.failures) or any(problem.fatal for problem in result.notifications)
    notifications = [
        _notification(problem.message, problem.path, locator, "unreadable-file")
        for problem in sorted(result.notifications, key=lambda problem: problem.path)
    ]
    for failure in result.failures:
        crash = _notification(failure.error, failure.path, locator, "internal-error")
        if failure.code is not None:
            crash["associatedRule"] = {"id": failure.code}
        notifications.append(crash)
    invocation: JSON = {"executionSuccessful": not failed}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _notification(message: str, path: str, locator: _Locator, kind: str) -> JSON:
    return {
        "level": "error",
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": locator.artifact(path)}}],
        "descriptor": {"id": kind},
    }
