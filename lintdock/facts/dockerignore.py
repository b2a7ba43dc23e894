"""The ``.dockerignore`` that governs a Dockerfile's build context."""

from __future__ import annotations

import posixpath

from lintdock.facts.memo import Fact
from lintdock.model.dockerfile import Dockerfile
from lintdock.model.dockerignore import DockerIgnore
from lintdock.project import Project


def dockerignore_of(project: Project, dockerfile: Dockerfile) -> DockerIgnore | None:
    """The ignore file of ``dockerfile``'s build: ``<Dockerfile>.dockerignore`` beside it, which
    BuildKit prefers, else ``.dockerignore`` at the root of the build context; None when there
    is none (or it cannot be read)."""
    return _DOCKERIGNORE(project, dockerfile)


def _read(project: Project, dockerfile: Dockerfile) -> DockerIgnore | None:
    from lintdock.parsers.dockerignore import parse_dockerignore

    beside = f"{dockerfile.path}.dockerignore"
    at_root = posixpath.join(project.context_dir(dockerfile), ".dockerignore")
    for path in (beside, posixpath.normpath(at_root)):
        text = project.read_text(path)
        if text is not None:
            return parse_dockerignore(text, path)
    return None


_DOCKERIGNORE: Fact[Dockerfile, DockerIgnore | None] = Fact("dockerignore", _read)
