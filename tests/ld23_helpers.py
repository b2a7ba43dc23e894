"""Helpers for the LD2xx/LD3xx tests: lint in-memory files through the engine, compare what was
found by code, file and exact position, and build the project a rule would see."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lintdock.config import resolve
from lintdock.discovery import Kind, kind_from_name
from lintdock.engine import Source, cli_layer, run
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile
from lintdock.parsers.compose import load_compose
from lintdock.parsers.dockerfile import parse_dockerfile
from lintdock.project import Project, build_projects
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


def project_of(files: Mapping[str, str]) -> Project:
    """The first project the engine would build from ``files`` (one compose file at most)."""
    dockerfiles = []
    composes = []
    for path, text in sorted(files.items()):
        kind = kind_from_name(path)
        if kind is Kind.DOCKERFILE:
            dockerfiles.append(parse_dockerfile(text, path))
        elif kind is Kind.COMPOSE:
            composes.append(load_compose([(path, text)]))

    def load(path: str) -> Dockerfile | None:
        text = files.get(path)
        return parse_dockerfile(text, path) if text is not None else None

    return build_projects(dockerfiles, composes, files.get, load)[0]
