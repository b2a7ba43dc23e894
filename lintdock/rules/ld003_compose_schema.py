"""LD003 compose-schema: what the Compose Specification (and Compose's loader) rejects."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.env_templates import DotenvTemplate, dotenv_template
from lintdock.model.compose import ComposeFinding, ComposeProject
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context
from lintdock.rules.codes import COMPOSE_SCHEMA
from lintdock.rules.ld002_yaml_syntax import loader_findings


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    template = dotenv_template(context.project)
    told: list[ComposeFinding] = []
    if compose is not None and template is not None and not compose.installed_by_platform:
        by_file: dict[str, list[ComposeFinding]] = {}
        for finding in _left_to_fill_in(compose, template):
            by_file.setdefault(finding.path, []).append(finding)
        for findings in by_file.values():
            first = findings[0]
            yield context.report(
                _setup_message(compose, template, findings),
                first.path,
                first.span,
                Severity.INFO,
            )
            told += findings
    yield from loader_findings(context, told)


def _variables(compose: ComposeProject, finding: ComposeFinding) -> tuple[str, ...]:
    """The variables ``.env`` does not set that make the finding (a guard's, or the ones an
    invalid value reads as empty)."""
    if finding.guard:
        return (finding.guard,)
    for path, span, names in compose.unset:
        if (path, span) == (finding.path, finding.span):
            return names
    return ()


def _left_to_fill_in(compose: ComposeProject, template: DotenvTemplate) -> Iterator[ComposeFinding]:
    """The findings only the user's own values settle: the project was loaded with the
    template's values, and every variable they need is one the template leaves empty for the
    user to fill in (``DB_PASSWORD=``)."""
    for finding in compose.findings:
        if finding.code != COMPOSE_SCHEMA or not finding.depends_on_environment:
            continue
        names = _variables(compose, finding)
        if names and all(name in template.placeholders for name in names):
            yield finding


def _setup_message(
    compose: ComposeProject, template: DotenvTemplate, findings: list[ComposeFinding]
) -> str:
    """One finding for a file whose values wait for what the user fills in the ``.env`` a
    template makes: compose's words on the first, then the setup step and where the others
    are."""
    names = list(dict.fromkeys(name for f in findings for name in _variables(compose, f)))
    listed = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    first, *others = findings
    message = (
        f"{first.message}; {template.dotenv} is not there: copy {template.path} to "
        f"{template.dotenv} and fill in what it leaves empty ({listed})"
    )
    if others:
        lines = ", ".join(str(line) for line in dict.fromkeys(f.span.line for f in others))
        message += f", which {len(others)} more values of this file need too (lines {lines})"
    return message
