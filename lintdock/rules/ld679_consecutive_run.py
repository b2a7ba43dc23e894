"""LD679 consecutive-run: a RUN of one command right after another with the same flags; one
RUN joined with ``&&`` makes one layer instead of two. Comments between them do not separate
them; heredoc RUNs, RUNs with different flags, and RUNs that already chain commands (``&&``,
``;``, ``|``: their author knows how to join, so the split is on purpose) are left alone, and so
are build stages whose layers no image ships (only copied from): there a split RUN costs no
layer of the image and keeps a cache step. Test and development images are left alone too,
and an example's finding says it ships nothing (``lintdock.facts.trial_images``)."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.package_runs import SHIPPING_STAGES
from lintdock.facts.trial_images import NOBODY_SHIPS, trial_image
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

SHORT = 1  # commands (those in a $(…) substitution not counted)


def check(context: Context) -> Iterator[Diagnostic]:
    for dockerfile in context.project.dockerfiles:
        shipping = SHIPPING_STAGES(context.project, dockerfile)
        for stage in dockerfile.stages:
            if stage.index in shipping:
                yield from _check_stage(context, dockerfile, stage)


def _check_stage(context: Context, dockerfile: Dockerfile, stage: Stage) -> Iterator[Diagnostic]:
    trial = trial_image(context.project, dockerfile, stage)
    if trial is not None and not trial.example:
        return  # a test or development image: its layer count matters to no one
    reason = f" ({trial.reason}: {NOBODY_SHIPS})" if trial is not None else ""
    previous: Instruction | None = None
    for instruction in stage.instructions:
        if instruction.keyword != "RUN" or not _short(context, instruction):
            previous = None
            continue
        if previous is not None and _flags(previous) == _flags(instruction):
            message = (
                f"RUN right after the RUN on line {previous.span.line}: join them with && into "
                f"one RUN (one layer), unless they are apart for the build cache{reason}"
            )
            yield context.report(message, dockerfile.path, instruction.keyword_span)
        previous = instruction


def _short(context: Context, instruction: Instruction) -> bool:
    """A RUN of one command, not a heredoc."""
    if instruction.command is None or instruction.heredocs:
        return False
    script = context.project.script(instruction.command)
    if script is None:
        return False
    return sum(1 for c in script.commands if not c.in_substitution and c.argv) <= SHORT


def _flags(instruction: Instruction) -> tuple[tuple[str, str | None], ...]:
    return tuple((flag.name, flag.value) for flag in instruction.flags)
