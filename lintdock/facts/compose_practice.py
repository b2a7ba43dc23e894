"""Facts the Compose practice rules (LD7xx) share: how a value is written in its file (before
interpolation and merging), and whether two services can run at the same time."""

from __future__ import annotations

from typing import Any

from lintdock.facts.memo import Fact
from lintdock.model.compose import Located, PresentedScalar, Service
from lintdock.model.span import Span
from lintdock.parsers.compose_interpolation import variable_names
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


def variables_of(project: Project, located: Located[Any]) -> frozenset[str]:
    """The variables the value is written with (``${WEB_PORT:-8080}:80`` reads ``WEB_PORT``)."""
    scalar = written(project, located)
    return frozenset(variable_names(scalar.text)) if scalar is not None else frozenset()


def can_run_together(one: Service, other: Service, *, one_definition: bool = False) -> bool:
    """Whether the two services are meant to run at the same time: yes when either has no
    profile (a plain ``docker compose up`` starts it, or starts it with the other's profile);
    no for variants, where each has a profile of its own (``[cpu]`` and ``[gpu]``, or
    ``[base, cpu]`` and ``[base, gpu]`` through ``extends``). ``one_definition``: the setting
    compared is one entry that both inherit (``extends``, a YAML anchor), so services with
    different profiles are variants of it."""
    if not one.profiles or not other.profiles:
        return True
    mine, theirs = set(one.profiles), set(other.profiles)
    if one_definition:
        return mine == theirs
    return bool(mine & theirs) and (mine <= theirs or theirs <= mine)
