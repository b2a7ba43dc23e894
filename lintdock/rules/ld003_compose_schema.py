"""LD003 compose-schema: what the Compose Specification (and Compose's loader) rejects."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context
from lintdock.rules.ld002_yaml_syntax import loader_findings


def check(context: Context) -> Iterator[Diagnostic]:
    return loader_findings(context)
