"""The resilience map as Mermaid, Graphviz DOT or JSON.

One picture holds every project of a run, each in a box of its own (a Mermaid subgraph, a DOT
cluster); alike services are drawn as one node (``condense``). Nodes are coloured by their
health check (checked, unchecked, one-shot) and outlined by their worst finding; an edge is
solid when the service waits for the other, dashed when it only starts after it or needs it and
nothing waits, and says how in its label.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from lintdock.graph.condense import condense
from lintdock.graph.model import Edge, Finding, Graph, Node
from lintdock.model.diagnostic import Severity

FILL = {
    "checked": ("#e6f4ea", "#1e8e3e"),
    "unchecked": ("#fdecea", "#c5221f"),
    "one-shot": ("#eceff1", "#607d8b"),
}
SEVERITY_OUTLINE = {
    Severity.ERROR: "#b00020",
    Severity.WARNING: "#e37400",
    Severity.INFO: "#1a73e8",
}
HEALTH_TEXT = {
    "compose": "health check (compose)",
    "image": "health check (image)",
    "disabled": "health check disabled",
    "none": "no health check",
    "unknown": "health check: image's, if any",
}


def node_lines(node: Node) -> list[str]:
    """What a node says: its name, health check, restart policy, role and finding codes."""
    health = HEALTH_TEXT.get(node.health, node.health)
    if node.check is not None and node.health in ("compose", "image"):
        health += f": {node.check}"
    lines = [node.name, health]
    if node.kind == "service":
        lines.append(f"restart: {node.restart or 'no'}")
    if node.one_shot:
        lines.append("runs once")
    if node.role is not None:
        lines.append(f"role: {node.role}")
    if node.findings:
        lines.append(finding_codes(node.findings))
    return lines


def edge_text(edge: Edge) -> str:
    """An edge's label: how the source relies on the target, and what was found about it."""
    text = edge.label if edge.kind != "needs" else f"needs ({edge.label})"
    if edge.kind == "checks":
        text = f"checks with {edge.label}"
    if edge.bounded is False:
        text += ", no time limit"
    if edge.findings:
        text += f" [{finding_codes(edge.findings)}]"
    return text


def finding_codes(findings: Iterable[Finding]) -> str:
    return ", ".join(dict.fromkeys(finding.code for finding in findings))


# -- Mermaid ------------------------------------------------------------------------------------


def mermaid(graphs: Sequence[Graph]) -> str:
    """A Mermaid flowchart (renders in GitHub and GitLab markdown)."""
    lines = ["flowchart LR"]
    for number, graph in enumerate(map(condense, graphs)):
        ids = {node.name: f"p{number}s{index}" for index, node in enumerate(graph.nodes)}
        lines.append(f'  subgraph p{number}["{_mermaid_text(graph.path)}"]')
        for node in graph.nodes:
            label = "<br/>".join(_mermaid_text(line) for line in node_lines(node))
            lines.append(f'    {ids[node.name]}["{label}"]')
        lines.append("  end")
        for edge in graph.edges:
            arrow = "-->" if edge.waits else "-.->"
            label = _mermaid_text(edge_text(edge))
            lines.append(f'  {ids[edge.source]} {arrow}|"{label}"| {ids[edge.target]}')
        for node in graph.nodes:
            lines += [f"  class {ids[node.name]} {name}" for name in _mermaid_classes(node)]
    for state, (fill, stroke) in FILL.items():
        lines.append(
            f"  classDef {state.replace('-', '')} fill:{fill},stroke:{stroke},color:#202124"
        )
    for severity, colour in SEVERITY_OUTLINE.items():
        lines.append(
            f"  classDef {state_class(severity)} stroke:{colour},stroke-width:3px,color:#202124"
        )
    return "\n".join(lines) + "\n"


def state_class(severity: Severity) -> str:
    return f"has{severity.label}"


def _mermaid_classes(node: Node) -> list[str]:
    """The node's fill class, then its outline class when it has findings."""
    worst = node.worst
    fill = node.state.replace("-", "")
    return [fill] if worst is None else [fill, state_class(worst)]


def _mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: quotes and markup as entity codes."""
    out = []
    for char in text:
        if char in '"<>#&|' or ord(char) < 32:
            out.append(f"#{ord(char)};" if ord(char) >= 32 else " ")
        else:
            out.append(char)
    return "".join(out)


# -- Graphviz DOT -------------------------------------------------------------------------------


def dot(graphs: Sequence[Graph]) -> str:
    """A Graphviz digraph, one cluster per project."""
    lines = [
        "digraph resilience {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for number, graph in enumerate(map(condense, graphs)):
        ids = {node.name: f"p{number}s{index}" for index, node in enumerate(graph.nodes)}
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append(f"    label={_dot_text(graph.path)};")
        for node in graph.nodes:
            fill, stroke = FILL[node.state]
            worst = node.worst
            width = 1 if worst is None else 3
            colour = stroke if worst is None else SEVERITY_OUTLINE[worst]
            label = _dot_text("\n".join(node_lines(node)))
            lines.append(
                f'    {ids[node.name]} [label={label}, fillcolor="{fill}", '
                f'color="{colour}", penwidth={width}];'
            )
        lines.append("  }")
        for edge in graph.edges:
            style = "solid" if edge.waits else "dashed"
            colour = "#c5221f" if edge.bounded is False or edge.findings else "#3c4043"
            lines.append(
                f"  {ids[edge.source]} -> {ids[edge.target]} "
                f'[label={_dot_text(edge_text(edge))}, style={style}, color="{colour}"];'
            )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    """A DOT quoted string: backslashes and quotes escaped, newlines as centred line breaks."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(char if ord(char) >= 32 or char == "\n" else " " for char in escaped)
    return '"' + escaped.replace("\n", "\\n") + '"'


# -- JSON ---------------------------------------------------------------------------------------


def as_json(graphs: Sequence[Graph]) -> str:
    """The maps as data: ``{"projects": [{"path", "nodes", "edges"}]}``."""
    return json.dumps({"projects": [_graph_data(graph) for graph in graphs]}, indent=2) + "\n"


def _graph_data(graph: Graph) -> dict[str, object]:
    return {
        "path": graph.path,
        "nodes": [
            {
                "name": node.name,
                "health": node.health,
                "check": node.check,
                "restart": node.restart,
                "one_shot": node.one_shot,
                "role": node.role,
                "state": node.state,
                "path": node.path,
                "line": node.line,
                "findings": _findings_data(node.findings),
            }
            for node in graph.nodes
        ],
        "edges": [
            {
                "source": edge.source,
                "target": edge.target,
                "kind": edge.kind,
                "condition": edge.condition,
                "waits": edge.waits,
                "bounded": edge.bounded,
                "label": edge.label,
                "findings": _findings_data(edge.findings),
            }
            for edge in graph.edges
        ],
    }


def _findings_data(findings: Iterable[Finding]) -> list[dict[str, object]]:
    return [
        {
            "code": finding.code,
            "severity": finding.severity.label,
            "message": finding.message,
            "path": finding.path,
            "line": finding.line,
        }
        for finding in findings
    ]


RENDERERS = {"mermaid": mermaid, "dot": dot, "json": as_json}
