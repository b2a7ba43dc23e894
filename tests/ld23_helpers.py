"""Helpers for the LD2xx/LD3xx tests: lint in-memory files through the engine, and compare what
was found by code, file and exact position."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lintdock.config import resolve
from lintdock.discovery import kind_from_name
from lintdock.engine import Source, cli_layer, run
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules import registry

Found = tuple[str, str, int, int, int, int]


def lint(
    files: Mapping[str, str] | str,
    *select: str,
    options: Mapping[str, Mapping[str, object]] | None = None,
) -> list[Diagnostic]:
    """Lint ``files`` (path -> text; a lone string is ``Dockerfile``) with the ``select``ed
    rules. A rule that raises fails the test instead of being recorded quietly."""
    texts = {"Dockerfile": files} if isinstance(files, str) else dict(files)
    rules = registry()
    settings = resolve(rules, [cli_layer(rules, select=list(select), options=options)])
    sources = [
        Source(path, kind, text)
        for path, text in sorted(texts.items())
        if (kind := kind_from_name(path)) is not None
    ]
    result = run(sources, texts.get, lambda _path: settings, rules)
    assert not result.failures, result.failures
    return list(result.diagnostics)


def found(diagnostics: Iterable[Diagnostic]) -> list[Found]:
    """``(code, path, line, column, end_line, end_column)`` of each diagnostic, in order."""
    return [
        (d.code, d.path, d.span.line, d.span.column, d.span.end_line, d.span.end_column)
        for d in diagnostics
    ]


def codes(diagnostics: Iterable[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]
