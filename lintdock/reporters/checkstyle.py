"""``--format checkstyle``: Checkstyle's XML report, which Jenkins' Warnings plugin, reviewdog
(``-f=checkstyle``), SonarQube and many CI dashboards read.

``<checkstyle>`` holds a ``<file>`` per linted file (its path from the project root) and an
``<error>`` per finding: 1-based ``line`` and ``column``, ``severity`` (error, warning, info:
Checkstyle's own names), ``message``, and ``source``, the rule's code.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from lintdock import __version__
from lintdock.engine import LintResult
from lintdock.model.diagnostic import Diagnostic
from lintdock.reporters import severity
from lintdock.reporters.xml import document, xml_safe
from lintdock.root import path_from_root


def render(result: LintResult) -> str:
    by_path: dict[str, list[Diagnostic]] = {path: [] for path in result.files}
    for diagnostic in result.diagnostics:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    root = ElementTree.Element("checkstyle", version=__version__)
    for path, diagnostics in sorted(by_path.items()):
        file = ElementTree.SubElement(
            root, "file", name=xml_safe(path_from_root(path, result.root))
        )
        for diagnostic in diagnostics:
            ElementTree.SubElement(
                file,
                "error",
                line=str(max(diagnostic.span.line, 1)),
                column=str(max(diagnostic.span.column, 1)),
                severity=severity(diagnostic).label,
                message=xml_safe(diagnostic.message),
                source=diagnostic.code,
            )
    return document(root)
