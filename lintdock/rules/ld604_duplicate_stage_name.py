"""LD604 duplicate-stage-name: two stages with the same name (compared case-insensitively)."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Stage
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    for dockerfile in context.project.dockerfiles:
        first_named: dict[str, Stage] = {}
        for stage in dockerfile.stages:
            if stage.name is None or stage.name_token is None:
                continue
            first = first_named.setdefault(stage.name, stage)
            if first is not stage:
                message = (
                    f"Duplicate stage name '{stage.name_token.value}' (first named on line "
                    f"{first.from_instruction.span.line}): FROM, COPY --from and --target by that "
                    "name can mean only one of the stages; give each its own name"
                )
                yield context.report(message, dockerfile.path, stage.name_token.span)
