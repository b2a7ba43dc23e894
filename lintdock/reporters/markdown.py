"""A Markdown report for pull-request comments and ``$GITHUB_STEP_SUMMARY``: the counts per
rule, then per compose project a table of its services (health check, restart policy, what each
waits for, what it needs with nothing waiting) and its resilience map as a Mermaid block, then
the findings with links to their rule pages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from lintdock.docs import page_url
from lintdock.engine import LintResult
from lintdock.graph.model import Graph, Node
from lintdock.graph.render import HEALTH_TEXT, mermaid
from lintdock.model.diagnostic import Diagnostic
from lintdock.reporters import severity
from lintdock.reporters.text import summary
from lintdock.rules import registry


def render(result: LintResult, graphs: Sequence[Graph]) -> str:
    """The whole report."""
    parts = [f"## lintdock\n\n{summary(result.diagnostics)}\n"]
    if result.diagnostics:
        parts.append(_counts(result.diagnostics))
    for graph in graphs:
        parts.append(_project(graph))
    if result.diagnostics:
        parts.append(_findings(result.diagnostics))
    return "\n".join(parts)


def rule_link(code: str) -> str:
    """``[LD101](…/rules/LD101-missing-healthcheck.md)``, or the bare code of an unknown rule."""
    rule = registry().get(code)
    if rule is None:
        return code
    return f"[{code}]({page_url(rule)})"


def _counts(diagnostics: Sequence[Diagnostic]) -> str:
    counts = Counter((d.code, severity(d).label) for d in diagnostics)
    rows = ["| rule | name | severity | findings |", "|---|---|---|---:|"]
    for (code, level), count in sorted(counts.items()):
        rule = registry().get(code)
        name = rule.name if rule is not None else ""
        rows.append(f"| {rule_link(code)} | {name} | {level} | {count} |")
    return "\n".join(rows) + "\n"


def _project(graph: Graph) -> str:
    rows = [
        f"### `{graph.path}`\n",
        "| service | health check | restart | waits for | needs, nothing waits |",
        "|---|---|---|---|---|",
    ]
    rows += [_service_row(graph, node) for node in graph.nodes]
    return "\n".join(rows) + f"\n\n```mermaid\n{mermaid([graph])}```\n"


def _service_row(graph: Graph, node: Node) -> str:
    waits = [f"{e.target} ({e.label})" for e in graph.edges if e.source == node.name and e.waits]
    needs = [
        f"{e.target} ({e.label})" for e in graph.edges if e.source == node.name and not e.waits
    ]
    health = HEALTH_TEXT.get(node.health, node.health)
    if node.check is not None:
        health += f": `{node.check}`"
    cells = [
        f"`{node.name}`" + (" (runs once)" if node.one_shot else ""),
        health,
        node.restart or "no",
        ", ".join(waits) or "nothing",
        ", ".join(needs) or "",
    ]
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _findings(diagnostics: Sequence[Diagnostic]) -> str:
    lines = [f"<details><summary>Findings ({len(diagnostics)})</summary>\n"]
    for d in diagnostics:
        where = f"{d.path}:{d.span.line}:{d.span.column}"
        lines.append(f"- {rule_link(d.code)} {severity(d).label} `{where}`: {_cell(d.message)}")
    lines.append("\n</details>\n")
    return "\n".join(lines)
