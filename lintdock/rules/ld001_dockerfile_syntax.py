"""LD001 dockerfile-syntax: what BuildKit refuses to build, as the parser found it."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        if dockerfile.template is not None:
            template = dockerfile.template
            yield context.report(template.message, dockerfile.path, template.span, Severity.INFO)
        for error in dockerfile.errors:
            yield context.report(error.message, dockerfile.path, error.span)
