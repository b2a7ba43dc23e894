"""LD605 reserved-stage-name: a stage named ``scratch`` or ``context``, names BuildKit reserves."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("FROM",)
RESERVED = ("scratch", "context")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    if stage is None or stage.name not in RESERVED or stage.name_token is None:
        return
    message = (
        f"Stage name '{stage.name_token.value}' is reserved ('{stage.name}' already means "
        "something to FROM and COPY --from): rename the stage"
    )
    yield context.report(message, dockerfile.path, stage.name_token.span)
