"""LD674 copy-relative-destination: COPY or ADD to a relative destination before the stage (or
a stage it is built FROM) sets a WORKDIR: the files land in whatever working directory the base
image chose. A stage built FROM scratch starts in ``/``: no base image chooses; one built FROM
an Official Image that sets a WORKDIR (``php``), or from the repository's own base image that
sets one, lands where that image documents. A syntax summary
with placeholders (``COPY <src>... <dest>``) names no paths and is left alone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintdock.facts.base_images import resolved_base
from lintdock.facts.copies import syntax_template
from lintdock.facts.official_images import official_workdir
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("COPY", "ADD")
# Absolute on Linux (``/app``) or Windows (``C:\app``, ``C:/app``, ``\app``).
_ABSOLUTE = re.compile(r"[/\\]|[A-Za-z]:")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    if stage is None or len(instruction.words) < 2:
        return
    destination = instruction.words[-1]
    value = destination.value
    if (
        _ABSOLUTE.match(value)
        or value.startswith("$")
        or syntax_template(instruction)
        or _from_scratch(dockerfile, stage)
        or _workdir_before(dockerfile, stage, instruction)
        or _base_workdir(context, dockerfile, stage)
    ):
        return
    message = (
        f"{instruction.keyword} to the relative '{value}' before any WORKDIR: the files land in "
        "the base image's working directory; set WORKDIR first, or write an absolute path"
    )
    yield context.report(message, dockerfile.path, destination.span)


def _from_scratch(dockerfile: Dockerfile, stage: Stage) -> bool:
    """Whether the stage's lineage starts from ``scratch``, whose working directory is ``/``."""
    return dockerfile.stages[stage.root].base_image.lower() == "scratch"


def _base_workdir(context: Context, dockerfile: Dockerfile, stage: Stage) -> bool:
    """Whether the base image is known to set a working directory: an Official Image that does
    (``php``: ``/var/www/html``), or the repository's own base image whose lineage has a
    WORKDIR (Mailu's ``core/base``)."""
    root = dockerfile.stages[stage.root]
    if official_workdir(resolved_base(dockerfile, root) or "") is not None:
        return True
    base = context.project.repository_base(dockerfile, stage)
    return base is not None and any(
        instruction.keyword == "WORKDIR"
        for ancestor in base.dockerfile.lineage(base.stage)
        for instruction in ancestor.instructions
    )


def _workdir_before(dockerfile: Dockerfile, stage: Stage, instruction: Instruction) -> bool:
    """Whether a WORKDIR of the stage's lineage comes before ``instruction``."""
    for ancestor in dockerfile.lineage(stage):
        for earlier in ancestor.instructions:
            if earlier is instruction:
                break
            if earlier.keyword == "WORKDIR":
                return True
    return False
