"""``--format junit``: JUnit XML, for CI systems that show test reports (GitLab's
``artifacts:reports:junit``, Jenkins, Azure Pipelines, CircleCI).

One ``<testsuite>`` per linted file (named by its path from the project root), one
``<testcase>`` per finding with a ``<failure>`` (its ``type`` the rule's code, its text the
finding as the text format prints it); a file without findings holds one passing test case,
so a clean run still reports what it checked. Only the elements and attributes of the JUnit
schema Jenkins and GitLab read are written.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence

from lintdock.engine import LintResult
from lintdock.model.diagnostic import Diagnostic
from lintdock.reporters import severity
from lintdock.reporters.xml import document, xml_safe
from lintdock.root import path_from_root
from lintdock.rules import registry


def render(result: LintResult) -> str:
    by_path: dict[str, list[Diagnostic]] = {path: [] for path in result.files}
    for diagnostic in result.diagnostics:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    suites = ElementTree.Element("testsuites", name="lintdock")
    for path, diagnostics in sorted(by_path.items()):
        suites.append(_suite(path_from_root(path, result.root), diagnostics))
    failures = len(result.diagnostics)
    suites.set("tests", str(sum(max(len(found), 1) for found in by_path.values())))
    suites.set("failures", str(failures))
    suites.set("errors", "0")
    return document(suites)


def _suite(name: str, diagnostics: Sequence[Diagnostic]) -> ElementTree.Element:
    suite = ElementTree.Element(
        "testsuite",
        name=xml_safe(name),
        tests=str(max(len(diagnostics), 1)),
        failures=str(len(diagnostics)),
        errors="0",
        skipped="0",
    )
    if not diagnostics:
        ElementTree.SubElement(suite, "testcase", name="lintdock", classname=xml_safe(name))
    for diagnostic in diagnostics:
        span = diagnostic.span
        rule = registry().get(diagnostic.code)
        case = ElementTree.SubElement(
            suite,
            "testcase",
            name=f"{diagnostic.code} {rule.name if rule else ''} at {span.line}:{span.column}",
            classname=xml_safe(name),
        )
        failure = ElementTree.SubElement(
            case, "failure", message=xml_safe(diagnostic.message), type=diagnostic.code
        )
        failure.text = xml_safe(
            f"{name}:{span.line}:{span.column}: {diagnostic.code} "
            f"[{severity(diagnostic).label}] {diagnostic.message}"
        )
    return suite
