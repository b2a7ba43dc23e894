"""LD8 container security, Compose side: compose-lint's rules and CIS (LD801-LD849)."""

from __future__ import annotations

from lintdock.rules.base import Rule

RULES: tuple[Rule, ...] = ()
