"""LD6 Dockerfile practice: package managers, pinning and caches (LD630-LD659)."""

from __future__ import annotations

from lintdock.rules.base import Rule

RULES: tuple[Rule, ...] = ()
