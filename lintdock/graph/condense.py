"""Pictures of big projects stay readable: services alike in every way the map shows (the same
health check source and program, restart policy and edges out, often because they share a YAML
anchor) are drawn as one node that names how many they are. The JSON map keeps every service."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace

from lintdock.graph.model import Edge, Graph, Node

SMALLEST_GROUP = 3
"""Fewer services alike than this are drawn one by one."""


def condense(graph: Graph) -> Graph:
    """The graph with each group of alike services merged into its first member."""
    groups: dict[Hashable, list[Node]] = {}
    for node in graph.nodes:
        groups.setdefault(_likeness(graph, node), []).append(node)
    merged_into: dict[str, str] = {}
    nodes: list[Node] = []
    for members in groups.values():
        if len(members) < SMALLEST_GROUP:
            nodes += members
            continue
        group = _group_node(members)
        nodes.append(group)
        merged_into.update((member.name, group.name) for member in members)
    if not merged_into:
        return graph
    order = {node.name: index for index, node in enumerate(graph.nodes)}
    nodes.sort(key=lambda node: order[node.members[0] if node.members else node.name])
    return Graph(graph.path, tuple(nodes), _redirected(graph.edges, merged_into))


def _likeness(graph: Graph, node: Node) -> Hashable:
    """What the picture shows of a node, its name and findings' places aside."""
    out = frozenset(
        (edge.target, edge.kind, edge.waits, edge.bounded, edge.label)
        for edge in graph.edges
        if edge.source == node.name
    )
    return (node.kind, node.health, node.check, node.restart, node.one_shot, node.role, out)


def _group_node(members: list[Node]) -> Node:
    first = members[0]
    findings = tuple(finding for member in members for finding in member.findings)
    name = f"{first.name} and {len(members) - 1} alike"
    names = tuple(member.name for member in members)
    return replace(first, name=name, findings=findings, members=names)


def _redirected(edges: tuple[Edge, ...], merged_into: dict[str, str]) -> tuple[Edge, ...]:
    """Edges between the drawn nodes, once each (findings of merged edges combined)."""
    drawn: dict[tuple[str, str, str, str], Edge] = {}
    for edge in edges:
        source = merged_into.get(edge.source, edge.source)
        target = merged_into.get(edge.target, edge.target)
        key = (source, target, edge.kind, edge.label)
        if key in drawn:
            earlier = drawn[key]
            drawn[key] = replace(earlier, findings=earlier.findings + edge.findings)
        else:
            drawn[key] = replace(edge, source=source, target=target)
    return tuple(drawn.values())
