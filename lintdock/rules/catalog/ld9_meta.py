"""LD9 meta: findings about lintdock's own comments and configuration."""

from __future__ import annotations

from lintdock.rules.base import COMPOSE, DOCKERFILE
from lintdock.rules.catalog import INFO, entry
from lintdock.rules.codes import UNUSED_SUPPRESSION

RULES = (
    entry(
        UNUSED_SUPPRESSION,
        "unused-suppression",
        INFO,
        "A suppression comment (or one code in it) suppresses nothing.",
        views=(DOCKERFILE, COMPOSE),
    ),
)
