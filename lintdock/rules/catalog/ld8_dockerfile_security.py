"""LD8 container security, Dockerfile side (LD850-LD899)."""

from __future__ import annotations

from lintdock.rules.base import Rule

RULES: tuple[Rule, ...] = ()
