"""LD003 compose-schema: what the Compose Specification (and Compose's loader) rejects."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import Project
from lintdock.rules.base import Options, Rule
from lintdock.rules.ld002_yaml_syntax import loader_findings

CODE = "LD003"


def check(project: Project, options: Options) -> Iterator[Diagnostic]:
    return loader_findings(project, CODE)


RULES = (
    Rule(
        code=CODE,
        name="compose-schema",
        severity=Severity.ERROR,
        summary=(
            "The compose file violates the Compose Specification: unknown key, wrong type, "
            "value not allowed, malformed interpolation; each violation at its key or value."
        ),
        check=check,
    ),
)
