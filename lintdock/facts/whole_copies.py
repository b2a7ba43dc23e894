"""``COPY --from=SOURCE / /``: a COPY of another stage's or image's whole filesystem onto the
root of this one, and what that filesystem holds.

A source path of ``COPY --from`` is resolved from the root of the stage or image it names, so
``/``, ``.``, ``./`` and ``/.`` all copy everything; the destination is the root when it is
``/`` (or ``.`` while the WORKDIR is ``/``). A destination elsewhere (``/rootfs``) keeps the
copy apart from this image's own files: not a whole copy here.

What the source holds (``system``):

- True, a whole system (an operating system's files, packages and users): a stage whose
  lineage RUNs something (a RUN needs a shell and the programs it calls), or a stage or image
  whose base is a known distribution or runtime image (``alpine``, ``debian``, ``golang``,
  distroless, an Official Image);
- False, only artefacts: a stage built ``FROM scratch`` that never RUNs, which holds only what
  it COPYs in (``FROM scratch AS out`` + ``COPY --from=build /app /``);
- None, unknown: another image (``tonistiigi/xx``, ``crazymax/yasu``: images of tools built
  ``FROM scratch`` to be copied with ``COPY --from=IMAGE / /`` are the usual case).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lintdock.facts.images import SCRATCH, UNKNOWN, image_family
from lintdock.facts.official_images import OFFICIAL_IMAGES, official_name
from lintdock.facts.presence import expanded_at, own_steps
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage, Token
from lintdock.project import Project

_NOT_SYSTEMS = frozenset({"hello-world"})
"""Official Images that hold a program and nothing of a system."""
_FILESYSTEM_CHANGES = frozenset({"COPY", "ADD", "RUN"})


@dataclass(frozen=True)
class WholeCopy:
    """A COPY of the whole filesystem of ``origin`` (the ``--from`` value, variables expanded)
    onto this stage's root: ``source`` is the source word that names the root,
    ``destination`` the destination word, ``stage`` the
    stage copied from (None for an image), ``system`` what it holds (see the module
    docstring), ``into_empty`` True when the copying stage is built ``FROM scratch`` and
    nothing before put a file in it (the copy flattens the source into an image of its own)."""

    instruction: Instruction
    source: Token
    destination: Token
    origin: str
    stage: Stage | None
    system: bool | None
    into_empty: bool


def whole_copy(
    project: Project, dockerfile: Dockerfile, stage: Stage, instruction: Instruction
) -> WholeCopy | None:
    """The whole-filesystem copy ``instruction`` (a COPY of ``stage``) makes, else None."""
    flag = instruction.flag("from")
    words = [w for w in instruction.words if not w.value.startswith("<<")]
    if instruction.keyword != "COPY" or flag is None or not flag.value or len(words) < 2:
        return None
    *sources, destination = words
    source = next((s for s in sources if root_path(s.value)), None)
    if source is None or not _onto_root(project, dockerfile, stage, instruction, destination):
        return None
    origin = expanded_at(project, dockerfile, stage, instruction, flag.value)
    if not origin:
        return None
    named = dockerfile.stage_named(origin)
    if named is not None and named.index >= stage.index:
        return None  # its own stage or a later one: LD670, LD671
    system = image_system(origin) if named is None else stage_system(dockerfile, named)
    empty = _empty_before(dockerfile, stage, instruction)
    return WholeCopy(instruction, source, destination, origin, named, system, empty)


def root_path(source: str) -> bool:
    """Whether a ``COPY --from`` source names the root of the stage or image it copies from."""
    return posixpath.normpath("/" + source.lstrip("/")) == "/"


def stage_system(dockerfile: Dockerfile, stage: Stage) -> bool | None:
    """What the filesystem of a stage holds, at its end (see the module docstring)."""
    lineage = dockerfile.lineage(stage)
    if any(s.last("RUN") is not None for s in lineage):
        return True
    return image_system(dockerfile.root_stage(stage).base_image)


def image_system(reference: str) -> bool | None:
    """What the filesystem of an image holds, by its reference."""
    family = image_family(reference)
    if family is SCRATCH:
        return False
    if family is not UNKNOWN:
        return True
    name = official_name(reference)
    if name is not None and name in OFFICIAL_IMAGES:
        return name not in _NOT_SYSTEMS
    return None


def _onto_root(
    project: Project,
    dockerfile: Dockerfile,
    stage: Stage,
    instruction: Instruction,
    destination: Token,
) -> bool:
    for step, workdir in own_steps(project, dockerfile, stage):
        if step is instruction:
            target = posixpath.join(workdir, destination.value)
            return posixpath.normpath("/" + target.lstrip("/")) == "/"
    return False


def _empty_before(dockerfile: Dockerfile, stage: Stage, instruction: Instruction) -> bool:
    """A stage built ``FROM scratch`` in which nothing before ``instruction`` adds a file."""
    if image_family(dockerfile.root_stage(stage).base_image) is not SCRATCH:
        return False
    for ancestor in reversed(dockerfile.lineage(stage)):
        for step in ancestor.instructions:
            if step is instruction:
                return True
            if step.keyword in _FILESYSTEM_CHANGES:
                return False
    return True
