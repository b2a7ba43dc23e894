"""Immutable models of Dockerfiles, Compose projects and shell commands, with Spans."""

from lintdock.model.diagnostic import Diagnostic, Edit, Fix, Severity
from lintdock.model.span import MappedText, Span

__all__ = ["Diagnostic", "Edit", "Fix", "MappedText", "Severity", "Span"]
