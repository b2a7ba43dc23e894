"""LD673 env-same-statement-reference: an ENV value uses a variable that the same ENV sets
(``ENV A=1 B=$A``): every value of an ENV is expanded with the variables as they were before
it, so B gets A's earlier value (empty when there was none), not 1."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("ENV",)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    pairs = instruction.pairs
    for index, pair in enumerate(pairs):
        if pair.value is None:
            continue
        set_before = {earlier.key.value: earlier for earlier in pairs[:index]}
        for reference in instruction.references:
            inside = pair.value.span.cover(reference.span) == pair.value.span
            setter = set_before.get(reference.name)
            if not inside or setter is None:
                continue
            earlier = _previous_value(dockerfile, stage, instruction, reference.name)
            if earlier is not None and earlier == setter.expanded:
                continue  # ``ENV V=${V} X=$V``: re-exporting an ARG, the value is the same
            was = f"its value from before this ENV ('{earlier}')" if earlier else "an empty value"
            message = (
                f"{pair.key.value} uses ${reference.name}, which this same ENV sets: it gets "
                f"{was}, not '{setter.value.value if setter.value else ''}'; set "
                f"{reference.name} in an ENV of its own before this one"
            )
            yield context.report(message, dockerfile.path, reference.span)


def _previous_value(
    dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction, name: str
) -> str | None:
    """The value ``name`` had before ``instruction`` (ARG or ENV of the stage's lineage)."""
    value = None
    stages = reversed(dockerfile.lineage(stage)) if stage is not None else ()
    for ancestor in stages:
        for earlier in ancestor.instructions:
            if earlier is instruction:
                return value
            for pair in earlier.pairs if earlier.keyword in ("ARG", "ENV") else ():
                if pair.key.value == name:
                    value = pair.expanded or ""
    return value
