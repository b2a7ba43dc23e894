"""LD003: validating a Compose document against the Compose Specification JSON schema."""

from __future__ import annotations

from lintdock.model.compose import ComposeFinding
from lintdock.parsers.compose_yaml import YamlNode


def validate(document: YamlNode) -> list[ComposeFinding]:
    """The schema violations of one document (not yet implemented)."""
    return []
