"""LD002 yaml-syntax: a compose file that is not valid YAML, or repeats a key in one mapping."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from lintdock.model.compose import ComposeFinding
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context


def loader_findings(
    context: Context, told: Collection[ComposeFinding] = ()
) -> Iterator[Diagnostic]:
    """The compose loader's findings of the context's rule, as its diagnostics; none that
    depend on variables the platform of a catalogue sets when it installs the app, nor those
    the rule has ``told`` otherwise."""
    compose = context.project.compose
    if compose is None:
        return
    for finding in compose.findings:
        if finding.depends_on_environment and compose.installed_by_platform:
            continue
        if finding in told:
            continue
        if finding.code == context.code:
            severity = None
            if finding.depends_on_environment:
                severity = Severity.WARNING
            yield context.report(finding.message, finding.path, finding.span, severity)


def check(context: Context) -> Iterator[Diagnostic]:
    return loader_findings(context)
