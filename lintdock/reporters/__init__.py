"""Output formats. Each module renders a whole run to one string:

- ``text.render(result, TextOptions)``: for people (the default);
- ``json.render(result)``: the JSON contract of interface.md;
- ``sarif.render(result)``: SARIF 2.1.0;
- ``github.render(result)``: GitHub Actions annotations;
- ``markdown.render(result, graphs)``: a report for pull requests and job summaries, with the
  resilience map of each project (the run must have kept its projects: ``NEEDS_PROJECTS``);
- ``gitlab``, ``junit``, ``checkstyle``, ``rdjson``: ``render(result)`` for GitLab Code
  Quality, JUnit XML, Checkstyle XML and reviewdog's rdjson (``CI_FORMATS``).

``render`` picks one by name and feeds it from a ``LintResult``. Modules are imported only when
their format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lintdock.engine import LintResult
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules import registry

if TYPE_CHECKING:
    from lintdock.project import Project

CI_FORMATS = ("gitlab", "junit", "checkstyle", "rdjson")
FORMATS = ("text", "json", "sarif", "github", "markdown", *CI_FORMATS)
NEEDS_PROJECTS = frozenset({"markdown"})
"""Formats drawn from the linted projects too, not only from the findings."""


def render(
    format_name: str,
    result: LintResult,
    colour: bool = False,
    quiet: bool = False,
    statistics: bool = False,
    projects: Sequence[Project] = (),
) -> str:
    """The whole output of a run in one format."""
    if format_name == "json":
        from lintdock.reporters import json

        return json.render(result, statistics=statistics)
    if format_name == "sarif":
        from lintdock.reporters import sarif

        return sarif.render(result)
    if format_name == "github":
        from lintdock.reporters import github

        return github.render(result)
    if format_name in CI_FORMATS:
        module = importlib.import_module(f"lintdock.reporters.{format_name}")
        report: str = module.render(result)
        return report
    if format_name == "markdown":
        from lintdock.graph import graphs_of
        from lintdock.reporters import markdown

        return markdown.render(result, graphs_of(projects, result))
    from lintdock.reporters import text

    return text.render(result, text.TextOptions(colour, quiet, statistics))


def severity(diagnostic: Diagnostic) -> Severity:
    """A diagnostic's severity: as the engine resolved it, else its rule's default."""
    rule = registry().get(diagnostic.code)
    return diagnostic.severity or (rule.severity if rule else Severity.WARNING)
