"""The rule catalog: the index entries, one module per family (or per part of a family).

Each module defines ``RULES``, a tuple of ``entry(...)`` in code order; ``lintdock.rules.index``
joins them. A family split over several modules gives each a range of codes, named in its
docstring, so that rules added side by side never collide.
"""

from __future__ import annotations

from lintdock.model.diagnostic import Severity
from lintdock.rules.base import Rule

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def entry(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    views: tuple[str, ...],
    equivalents: tuple[str, ...] = (),
    fixable: bool = False,
    enabled_by_default: bool = True,
    defers_to: tuple[str, ...] = (),
    unanimous: bool = False,
    has_options: bool = False,
    security_severity: float | None = None,
) -> Rule:
    """One index entry; its module is ``lintdock/rules/<code>_<name>.py``."""
    return Rule(
        code=code,
        name=name,
        severity=severity,
        summary=summary,
        implementation=f"{code.lower()}_{name.replace('-', '_')}",
        views=views,
        equivalents=equivalents,
        fixable=fixable,
        enabled_by_default=enabled_by_default,
        defers_to=defers_to,
        unanimous=unanimous,
        has_options=has_options,
        security_severity=security_severity,
    )
