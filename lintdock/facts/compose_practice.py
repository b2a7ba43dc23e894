"""Facts the Compose practice rules (LD7xx) share: how a value is written in its file (before
interpolation and merging), and whether two services can run at the same time."""

from __future__ import annotations

from typing import Any

from lintdock.facts.memo import Fact
from lintdock.model.compose import Located, PresentedScalar, Service
from lintdock.model.span import Span
from lintdock.project import Project

_Index = dict[tuple[str, Span], PresentedScalar]


def _scalars(project: Project, _: None) -> _Index:
    compose = project.compose
    if compose is None:
        return {}
    return {
        (file.path, scalar.span): scalar
        for file in compose.presentation
        for scalar in file.scalars
        if not scalar.key
    }


SCALARS = Fact("written scalars", _scalars)


def written(project: Project, located: Located[Any]) -> PresentedScalar | None:
    """The scalar as its file writes it, None when ``located`` is no scalar of a file."""
    return SCALARS(project, None).get((located.path, located.span))


def from_variable(project: Project, located: Located[Any]) -> bool:
    """Whether the value is written with a ``$`` (interpolated: ``.env`` may not hold what the
    real environment sets)."""
    scalar = written(project, located)
    return scalar is not None and "$" in scalar.text


def can_run_together(one: Service, other: Service) -> bool:
    """Whether a plain ``docker compose up`` or one ``--profile`` starts both services: not
    when each is limited to profiles the other does not share (a CPU and a GPU variant)."""
    if not one.profiles or not other.profiles:
        return True
    return bool(set(one.profiles) & set(other.profiles))
