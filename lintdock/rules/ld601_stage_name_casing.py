"""LD601 stage-name-casing: a stage name (``FROM ... AS Name``) that is not lower case."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("FROM",)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    if stage is None or stage.name_token is None:
        return
    written = stage.name_token.value
    if written != written.lower():
        message = (
            f"Stage name '{written}' should be lower case: stage names are compared "
            f"case-insensitively, write '{written.lower()}'"
        )
        yield context.report(message, dockerfile.path, stage.name_token.span)
