"""LD671 copy-from-own-stage: ``COPY --from`` names the stage it is in (by name or index): a
stage cannot copy from itself, and the build fails with a circular dependency."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("COPY", "ADD")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    flag = instruction.flag("from")
    if flag is None or stage is None or not flag.value:
        return
    if dockerfile.stage_named(flag.value) is stage:
        message = (
            f"COPY --from={flag.value} names its own stage: a stage cannot copy from itself "
            "(copy the files within the stage with RUN cp, or from an earlier stage)"
        )
        yield context.report(message, dockerfile.path, flag.value_span or flag.span)
