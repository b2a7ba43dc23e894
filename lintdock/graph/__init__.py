"""The resilience map: how the services of a compose project heal and wait for each other.

``maps`` lints paths as ``lintdock check`` does and returns, beside the result, one ``Graph``
per compose project (and one per folder of Dockerfiles linted alone), with each finding placed
on the service or edge it is about; ``graphs_of`` draws them from projects already linted.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from lintdock.config import Layer
from lintdock.engine import LintResult, lint_paths
from lintdock.graph.build import build_graph, build_image_graph
from lintdock.graph.model import Edge, Graph, Node
from lintdock.project import Project

__all__ = ["Edge", "Graph", "Node", "graphs_of", "maps"]


def maps(
    paths: Sequence[str], *, layer: Layer | None = None, config: str | None = None
) -> tuple[LintResult, list[Graph]]:
    """The run's result and the map of every compose project it linted, in path order."""
    projects: list[Project] = []
    result = lint_paths(paths, layer=layer, config=config, visit=projects.append)
    return result, graphs_of(projects, result)


def graphs_of(projects: Sequence[Project], result: LintResult) -> list[Graph]:
    """The maps of the projects a run linted, in path order, with the run's findings."""
    graphs = []
    alone: dict[str, list[Project]] = {}
    for project in projects:
        if project.compose is None:
            alone.setdefault(_images_folder(project), []).append(project)
            continue
        files = _files_of(project)
        graphs.append(build_graph(project, [d for d in result.diagnostics if d.path in files]))
    for folder, group in alone.items():
        files = frozenset().union(*map(_files_of, group))
        found = [d for d in result.diagnostics if d.path in files]
        graphs.append(build_image_graph(folder, group, found))
    return sorted(graphs, key=lambda graph: graph.path)


def _images_folder(project: Project) -> str:
    """Where a lone Dockerfile's image is mapped with its neighbours: the folder above its own
    (``app/api/Dockerfile`` and ``app/web/Dockerfile`` make one map of ``app``)."""
    folder = posixpath.dirname(posixpath.dirname(project.dockerfiles[0].path))
    return folder or "."


def _files_of(project: Project) -> frozenset[str]:
    compose = project.compose.files if project.compose is not None else ()
    return frozenset((*compose, *(d.path for d in project.dockerfiles)))
