"""LD615 redundant-target-platform: ``FROM --platform=$TARGETPLATFORM`` says what FROM does
anyway (it pulls the image for the target platform)."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.dockerfile import Dockerfile, Flag, Instruction, Stage
from lintdock.model.span import Span
from lintdock.rules.base import Context

INSTRUCTIONS = ("FROM",)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    platform = stage.platform if stage is not None else None
    if stage is None or platform is None or len(platform.references) != 1:
        return
    [reference] = platform.references
    if reference.name != "TARGETPLATFORM" or reference.modifier is not None:
        return
    if reference.span != platform.value_span:
        return  # more than the variable: $TARGETPLATFORM-something
    message = (
        f"FROM --platform={platform.value} is redundant: FROM already pulls the image for the "
        "target platform; drop the flag"
    )
    yield context.report(
        message, dockerfile.path, platform.span, fix=_drop(instruction, stage, platform)
    )


def _drop(instruction: Instruction, stage: Stage, platform: Flag) -> Fix:
    """Remove the flag and the blanks after it, up to what follows on its line."""
    after = [
        f.span
        for f in instruction.flags
        if f.span.line > platform.span.line
        or (f.span.line == platform.span.line and f.span.column > platform.span.column)
    ]
    following = min([*after, stage.base.span])
    span = platform.span
    if following.line == span.end_line:
        span = Span(span.line, span.column, following.line, following.column)
    return Fix("drop --platform", (Edit(span, ""),))
