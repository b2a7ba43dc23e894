"""The ARG and ENV values an instruction of a stage sees: what BuildKit expands in its
arguments (``USER $APP_UID``, ``COPY --from=${STAGE}``), defaults only (a ``--build-arg``
given at build time is not known here)."""

from __future__ import annotations

from lintdock.facts.packages import expand_variables
from lintdock.facts.presence import DECLARED_VALUES
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.project import Project


def values_at(
    project: Project, dockerfile: Dockerfile, stage: Stage, instruction: Instruction
) -> dict[str, str]:
    """The ARG defaults and ENV values of ``stage``'s lineage declared before ``instruction``
    (an instruction of ``stage``)."""
    snapshots, positions = DECLARED_VALUES(project, dockerfile)
    position = positions.get(id(instruction), len(stage.instructions))
    values: dict[str, str] = {}
    for index, declared in snapshots[stage.index]:
        if index >= position:
            break
        values = declared
    return values


def expanded_at(
    project: Project, dockerfile: Dockerfile, stage: Stage, instruction: Instruction, text: str
) -> str | None:
    """``text`` (written in ``instruction``) with its variables replaced by the values in scope;
    None when one of them has no known value."""
    if "$" not in text:
        return text
    return expand_variables(text, values_at(project, dockerfile, stage, instruction))
