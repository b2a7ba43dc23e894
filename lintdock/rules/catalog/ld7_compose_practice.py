"""LD7 Compose practice and style: dclint's rules (LD701-LD799)."""

from __future__ import annotations

from lintdock.rules.base import Rule

RULES: tuple[Rule, ...] = ()
