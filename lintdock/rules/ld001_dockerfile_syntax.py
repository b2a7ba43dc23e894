"""LD001 dockerfile-syntax: what BuildKit refuses to build, as the parser found it."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        instead = dockerfile.not_dockerfile
        if instead is not None:
            yield context.report(instead.message, dockerfile.path, instead.span, Severity.INFO)
        for error in dockerfile.errors:
            yield context.report(error.message, dockerfile.path, error.span)
