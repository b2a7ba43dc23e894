"""What rules report: diagnostics, with the fixes they propose."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from lintdock.model.span import Span


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that ``>=`` compares with a ``--fail-on`` threshold."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """``"warning"`` -> ``Severity.WARNING``; ValueError for anything else."""
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r} (expected error, warning or info)"
            ) from None


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text at ``span`` (empty span: insert) with ``replacement``."""

    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A change that resolves a diagnostic, in the diagnostic's own file."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding. ``severity`` None means the rule's default; the engine resolves it.
    ``hadolint_span`` is where hadolint reports the same finding when that is another
    instruction (DL4003 at the CMD that replaces this one): a ``# hadolint ignore=`` written
    there suppresses it, as it does in hadolint."""

    code: str
    message: str
    path: str
    span: Span
    severity: Severity | None = None
    service: str | None = None
    fix: Fix | None = None
    hadolint_span: Span | None = None
