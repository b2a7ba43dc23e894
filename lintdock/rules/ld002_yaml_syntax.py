"""LD002 yaml-syntax: a compose file that is not valid YAML, or repeats a key in one mapping."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import Project
from lintdock.rules.base import Options, Rule

CODE = "LD002"


def loader_findings(project: Project, code: str) -> Iterator[Diagnostic]:
    """The compose loader's findings with ``code``, as diagnostics."""
    compose = project.compose
    for finding in compose.findings if compose is not None else ():
        if finding.code == code:
            yield Diagnostic(code, finding.message, finding.path, finding.span)


def check(project: Project, options: Options) -> Iterator[Diagnostic]:
    return loader_findings(project, CODE)


RULES = (
    Rule(
        code=CODE,
        name="yaml-syntax",
        severity=Severity.ERROR,
        summary=(
            "The compose file is not valid YAML, repeats a key in one mapping, or cannot be "
            "loaded safely (alias bomb, absurd nesting)."
        ),
        check=check,
    ),
)
