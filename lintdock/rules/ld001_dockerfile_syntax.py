"""LD001 dockerfile-syntax: what BuildKit refuses to build, as the parser found it."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import Project
from lintdock.rules.base import Options, Rule

CODE = "LD001"


def check(project: Project, options: Options) -> Iterator[Diagnostic]:
    for dockerfile in project.dockerfiles:
        if dockerfile.template is not None:
            template = dockerfile.template
            yield Diagnostic(CODE, template.message, dockerfile.path, template.span, Severity.INFO)
        for error in dockerfile.errors:
            yield Diagnostic(CODE, error.message, dockerfile.path, error.span)


RULES = (
    Rule(
        code=CODE,
        name="dockerfile-syntax",
        severity=Severity.ERROR,
        summary=(
            "The Dockerfile cannot be built as written: unknown instruction, unterminated "
            "heredoc, instruction before FROM, no FROM, missing arguments."
        ),
        check=check,
    ),
)
