"""Helpers for the depends_on and restart policy rule tests: lint a compose text (with any
other files of the project) for one rule and read the findings back as plain tuples."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from textwrap import dedent

from lintdock.engine import lint_texts
from lintdock.fixes import apply_fixes
from lintdock.model.diagnostic import Diagnostic


@dataclass(frozen=True)
class Found:
    """A finding: where (path, 1-based line/column, exclusive end), which service, how bad."""

    code: str
    path: str
    span: tuple[int, int, int, int]
    service: str | None
    severity: str


def lint(
    compose: str,
    code: str,
    files: Mapping[str, str] | None = None,
    options: Mapping[str, object] | None = None,
    path: str = "compose.yaml",
) -> list[Diagnostic]:
    """The findings of rule ``code`` on a project of ``compose`` (dedented) plus ``files``."""
    texts = {path: dedent(compose), **{name: dedent(text) for name, text in (files or {}).items()}}
    return lint_texts(texts, select=[code], options={code: options} if options else None)


def found(
    compose: str,
    code: str,
    files: Mapping[str, str] | None = None,
    options: Mapping[str, object] | None = None,
) -> list[Found]:
    return [
        Found(
            d.code,
            d.path,
            (d.span.line, d.span.column, d.span.end_line, d.span.end_column),
            d.service,
            d.severity.label if d.severity is not None else "default",
        )
        for d in lint(compose, code, files, options)
    ]


def fixed(compose: str, code: str, *, unsafe: bool = False) -> str:
    """``compose`` (dedented) with the fixes of ``code``'s findings applied once."""
    text = dedent(compose)
    fixes = [d.fix for d in lint(text, code) if d.fix is not None and (d.fix.safe or unsafe)]
    return apply_fixes(text, fixes)
