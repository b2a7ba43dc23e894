"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

API (the CLI calls this)::

    render(result: LintResult) -> str

One line per diagnostic, sorted by path and position::

    ::error file=a/Dockerfile,line=3,col=12,endLine=3,endColumn=16,title=LD105 curl-without-fail::…

Severities map to ``error``, ``warning`` and ``notice`` (the engine resolves them; None falls back
to the rule's default). Paths are relative to the project root (``result.root``: ``--root``, else
the git repository's top level), which is how GitHub places annotations, from whatever
directory lintdock runs in.
GitHub draws a column range only within one line, so a finding that spans lines gets ``line``
and ``endLine`` without columns. Property values are escaped as the Actions toolkit escapes
them (``%``, CR, LF, ``:`` and ``,``), the message as command data (``%``, CR, LF); other
control characters (ESC, BEL) are written as escapes, so no finding can forge another command
or colour the log.
"""

from __future__ import annotations

from lintdock.engine import LintResult
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.root import path_from_root
from lintdock.rules.base import Rule
from lintdock.terminal import printable

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(result: LintResult) -> str:
    """The workflow commands of a run, one per line (empty when there are no findings)."""
    by_code = {rule.code: rule for rule in result.rules}
    ordered = sorted(result.diagnostics, key=lambda d: (d.path, d.span, d.code, d.message))
    return "".join(
        _command(diagnostic, by_code.get(diagnostic.code), result.root) + "\n"
        for diagnostic in ordered
    )


def _command(diagnostic: Diagnostic, rule: Rule | None, root: str) -> str:
    severity = diagnostic.severity or (rule.severity if rule else Severity.WARNING)
    span = diagnostic.span
    file = path_from_root(diagnostic.path, root)
    properties: list[tuple[str, object]] = [("file", file), ("line", span.line)]
    if span.line == span.end_line:
        properties += [("col", span.column), ("endLine", span.end_line)]
        properties += [("endColumn", span.end_column)]
    else:
        properties += [("endLine", span.end_line)]
    title = f"{diagnostic.code} {rule.name}" if rule else diagnostic.code
    properties.append(("title", title))
    written = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties)
    return f"::{COMMANDS[severity]} {written}::{escape_data(diagnostic.message)}"


def escape_data(text: str) -> str:
    """A command's message: ``%``, CR and LF percent-encoded, other control characters
    escaped (``\x1b``: the log viewer would run them)."""
    encoded = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(encoded)


def escape_property(text: str) -> str:
    """A property value: as a message, plus ``:`` and ``,``, which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
