"""Helpers for the package-practice rule tests (LD630-LD659)."""

from __future__ import annotations

from ld1_helpers import Hit


def at(line: int, column: int, end: int, severity: str = "warning") -> Hit:
    """A finding in ``Dockerfile`` on one line, from ``column`` to ``end``."""
    return Hit("Dockerfile", line, column, line, end, severity)
