"""The default output, for people: one ``path:line:col: CODE [severity] message`` line per
finding, a source excerpt with a caret range under the span, and a one-line summary. Paths,
messages and excerpts are printed with their control characters escaped (``\x1b``, ``\n``):
nothing a file holds can drive the terminal or forge a line.

``quiet`` keeps only the finding lines; ``statistics`` replaces the findings with a count per
rule. Colour is the caller's decision (TTY, ``NO_COLOR``, ``FORCE_COLOR``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import click

from lintdock.engine import LintResult
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.reporters import severity
from lintdock.rules import registry
from lintdock.terminal import printable

SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


@dataclass(frozen=True)
class TextOptions:
    colour: bool = False
    quiet: bool = False
    statistics: bool = False


def render(result: LintResult, options: TextOptions = TextOptions()) -> str:
    paint = _Painter(options.colour)
    if options.statistics:
        body = statistics(result.diagnostics, paint)
    else:
        body = [
            block
            for d in result.diagnostics
            for block in _finding(d, result.texts, paint, excerpt=not options.quiet)
        ]
    if not options.quiet:
        body.append(summary(result.diagnostics, paint))
    return "".join(line + "\n" for line in body)


def _finding(
    diagnostic: Diagnostic, texts: Mapping[str, str], paint: _Painter, excerpt: bool
) -> list[str]:
    span = diagnostic.span
    level = severity(diagnostic)
    head = (
        f"{paint(printable(diagnostic.path), bold=True)}:{span.line}:{span.column}: "
        f"{paint(diagnostic.code, fg=SEVERITY_COLOURS[level], bold=True)} "
        f"[{paint(level.label, fg=SEVERITY_COLOURS[level])}] {printable(diagnostic.message)}"
    )
    lines = [head]
    text = texts.get(diagnostic.path)
    if excerpt and text is not None:
        lines += source_excerpt(text, diagnostic, paint)
    return lines


def source_excerpt(text: str, diagnostic: Diagnostic, paint: _Painter) -> list[str]:
    """The first line of the span with carets under it (to its end on that line), then a blank
    line; nothing when the line does not exist."""
    span = diagnostic.span
    source_lines = text.splitlines()
    if not 1 <= span.line <= len(source_lines):
        return []
    raw = source_lines[span.line - 1].replace("\t", " ")
    end = span.end_column if span.end_line == span.line else len(raw) + 1
    start = min(span.column, len(raw) + 1)
    stop = max(min(end, len(raw) + 1), start + 1)
    before, under = printable(raw[: start - 1]), printable(raw[start - 1 : stop - 1])
    gutter = str(span.line)
    carets = paint("^" * max(len(under), 1), fg=SEVERITY_COLOURS[severity(diagnostic)], bold=True)
    return [
        f" {gutter} | {printable(raw)}".rstrip(),
        f" {' ' * len(gutter)} | {' ' * len(before)}{carets}",
        "",
    ]


def statistics(diagnostics: Sequence[Diagnostic], paint: _Painter) -> list[str]:
    """One line per code: count, code, name, severity; most frequent first."""
    counts = Counter(d.code for d in diagnostics)
    rules = registry()
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = rules.get(code)
        name = rule.name if rule else ""
        lines.append(f"{count:>{width}}  {paint(code, bold=True)}  {name}")
    return lines


def summary(diagnostics: Sequence[Diagnostic], paint: _Painter | None = None) -> str:
    """``Found 3 problems (1 error, 2 warnings) in 2 files.`` or ``All checks passed.``"""
    paint = paint or _Painter(colour=False)
    if not diagnostics:
        return paint("All checks passed.", fg="green", bold=True)
    by_severity = Counter(severity(d) for d in diagnostics)
    parts = [
        _plural(by_severity[level], level.label)
        for level in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if by_severity[level]
    ]
    files = len({d.path for d in diagnostics})
    return (
        f"Found {_plural(len(diagnostics), 'problem')} ({', '.join(parts)}) "
        f"in {_plural(files, 'file')}."
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class _Painter:
    """``click.style`` when colour is on, the plain text otherwise."""

    colour: bool

    def __call__(self, text: str, fg: str | None = None, bold: bool = False) -> str:
        return click.style(text, fg=fg, bold=bold or None) if self.colour else text
