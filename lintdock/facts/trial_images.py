"""Images nobody ships: a Dockerfile whose role is a test, a development environment, an
example or an archive (``Project.role``), or a stage that only development or test builds use
(a compose ``target: dev`` whose stage the image the file ends with is not built on).

The size and layer rules (LD631, LD633, LD636, LD638, LD641, LD645, LD648, LD650, LD679) judge
"an image that ships": they leave test, development and archive images alone, as they leave
build stages only copied from, and report in an example at info (an example is what people
copy into images that do ship).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lintdock.facts.memo import Fact
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.roles import TRIAL_ROLES, Role, role_by_path

if TYPE_CHECKING:
    from lintdock.project import Project

NOBODY_SHIPS = "nobody ships this image, so its size matters little"
"""What the size rules add to a message about an example."""


@dataclass(frozen=True)
class TrialImage:
    """Why an image is not shipped; ``example``: an example, whose practice people copy."""

    reason: str
    example: bool


def trial_image(project: Project, dockerfile: Dockerfile, stage: Stage | None) -> TrialImage | None:
    """Why the image ``stage`` is part of is never shipped, or None when it may be. A stage
    only development or test builds use is not shipped even in an example."""
    role = project.role(dockerfile.path)
    reason = f"{dockerfile.path} is {role.role.value} ({role.reason})"
    if role.role in TRIAL_ROLES - {Role.EXAMPLE}:
        return TrialImage(reason, False)
    by_stage = _trial_stage(project, dockerfile, stage)
    if by_stage is None and role.role is Role.EXAMPLE:
        return TrialImage(reason, True)
    return by_stage


def _trial_stage(
    project: Project, dockerfile: Dockerfile, stage: Stage | None
) -> TrialImage | None:
    """Why ``stage`` is not shipped when only development or test stages are built on it."""
    if stage is None or not dockerfile.stages:
        return None
    using = [
        final for final, built in SHIPPED_LINEAGES(project, dockerfile) if stage.index in built
    ]
    trial = [final for final in using if _trial_name(final)]
    if not using or len(trial) != len(using):
        return None
    names = ", ".join(f"'{final.name}'" for final in trial)
    return TrialImage(f"only the development or test stage {names} is built on it", False)


def _shipped_lineages(
    project: Project, dockerfile: Dockerfile
) -> tuple[tuple[Stage, frozenset[int]], ...]:
    """Each image the Dockerfile ends in (its last stage, a compose ``target:``) with the
    indexes of the stages it is built on: worked out once per file, not once per stage."""
    images = {s.index: s for s in project.final_stages(dockerfile)}
    images.setdefault(dockerfile.stages[-1].index, dockerfile.stages[-1])
    return tuple(
        (final, frozenset(s.index for s in dockerfile.lineage(final))) for final in images.values()
    )


SHIPPED_LINEAGES = Fact("shipped images' lineages", _shipped_lineages)


def _trial_name(stage: Stage) -> bool:
    """A stage named for development or tests (``dev``, ``development``, ``test``)."""
    if stage.name is None:
        return False
    named = role_by_path(stage.name)
    return named is not None and named.role in TRIAL_ROLES
