"""LD901 unused-suppression: a suppression comment that suppresses nothing.

The finding needs what only the engine knows (which findings each suppression swallowed, which
rules ran), so ``lintdock.suppressions.unused`` produces it after the other rules; this module
registers the rule so that it can be selected, ignored, documented and given a severity.
"""

from __future__ import annotations

from collections.abc import Iterable

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import Project
from lintdock.rules.base import Options, Rule


def _reported_by_the_engine(project: Project, options: Options) -> Iterable[Diagnostic]:
    return ()


RULES = (
    Rule(
        code="LD901",
        name="unused-suppression",
        severity=Severity.INFO,
        summary="A suppression comment (or one code in it) suppresses nothing.",
        check=_reported_by_the_engine,
    ),
)
