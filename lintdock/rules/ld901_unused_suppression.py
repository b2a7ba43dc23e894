"""LD901 unused-suppression: a suppression comment that suppresses nothing.

The finding needs what only the engine knows (which findings each suppression swallowed, which
rules ran), so ``lintdock.suppressions.unused`` produces it after the other rules; the index
entry lets the rule be selected, ignored, documented and given a severity.
"""

from __future__ import annotations

from collections.abc import Iterable

from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context


def check(context: Context) -> Iterable[Diagnostic]:
    """Nothing: the engine reports unused suppressions itself."""
    return ()
