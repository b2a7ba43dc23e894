"""LD6 Dockerfile practice: hadolint's other DL rules (LD660-LD699)."""

from __future__ import annotations

from lintdock.rules.base import Rule

RULES: tuple[Rule, ...] = ()
