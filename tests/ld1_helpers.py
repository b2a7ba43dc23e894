"""Helpers for the health check rule tests (LD1xx): lint dedented in-memory files through the
engine for one rule and read each finding back as a plain tuple with its exact position."""

from __future__ import annotations

from collections.abc import Mapping
from textwrap import dedent
from typing import NamedTuple

from ld23_helpers import lint

from lintdock.fixes import apply_fixes
from lintdock.model.diagnostic import Diagnostic


class Hit(NamedTuple):
    """A finding: file, 1-based line and column, exclusive end, severity, compose service."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    severity: str
    service: str | None = None


def run(
    files: Mapping[str, str] | str,
    code: str,
    options: Mapping[str, object] | None = None,
) -> list[Diagnostic]:
    """The findings of rule ``code`` on ``files`` (path -> text, dedented; a lone string is a
    ``Dockerfile``)."""
    texts = {"Dockerfile": files} if isinstance(files, str) else files
    dedented = {path: dedent(text) for path, text in texts.items()}
    found = lint(dedented, code, options={code: options} if options else None)
    assert all(d.code == code for d in found)
    return found


def hits(
    files: Mapping[str, str] | str,
    code: str,
    options: Mapping[str, object] | None = None,
) -> list[Hit]:
    """Where rule ``code`` reports on ``files``, in report order."""
    return [
        Hit(
            d.path,
            d.span.line,
            d.span.column,
            d.span.end_line,
            d.span.end_column,
            d.severity.label if d.severity is not None else "default",
            d.service,
        )
        for d in run(files, code, options)
    ]


def healthcheck_image(healthcheck: str, base: str = "nginx:1.27") -> str:
    """A one-stage Dockerfile whose line 2 is ``HEALTHCHECK`` followed by ``healthcheck``."""
    return f"FROM {base}\nHEALTHCHECK {healthcheck}\n"


def healthcheck_flags(written: str) -> str:
    """A Dockerfile whose HEALTHCHECK (line 2, from column 13) has the flags ``written``."""
    return healthcheck_image(f"{written} CMD curl --fail http://localhost/")


def fixed(text: str, code: str, path: str = "Dockerfile") -> str:
    """``text`` (dedented, as ``path``) with the fixes of ``code``'s findings applied once."""
    source = dedent(text)
    fixes = [d.fix for d in run({path: source}, code) if d.fix is not None]
    return apply_fixes(source, fixes)
