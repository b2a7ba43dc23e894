"""LD673 env-same-statement-reference: an ENV value uses a variable that the same ENV sets
(``ENV A=1 B=$A``): every value of an ENV is expanded with the variables as they were before
it, so B gets A's earlier value (empty when there was none), not 1."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, KeyValue, Stage, VariableReference
from lintdock.model.span import Span
from lintdock.rules.base import Context

INSTRUCTIONS = ("ENV",)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    for pair, reference, setter in _same_statement_references(instruction):
        earlier = _previous_value(dockerfile, stage, instruction, reference.name)
        if earlier is not None and earlier == setter.expanded:
            continue  # ``ENV V=${V} X=$V``: re-exporting an ARG, the value is the same
        was = f"its value from before this ENV ('{earlier}')" if earlier else "an empty value"
        written = setter.value.value if setter.value is not None else ""
        message = (
            f"{pair.key.value} uses ${reference.name}, which this same ENV sets: it gets "
            f"{was}, not '{written}'; set {reference.name} in an ENV of its own before this one"
        )
        yield context.report(message, dockerfile.path, reference.span)


def _same_statement_references(
    instruction: Instruction,
) -> Iterator[tuple[KeyValue, VariableReference, KeyValue]]:
    """``(pair, reference, setter)`` for each reference in a pair's value to a variable that an
    earlier pair of the same ENV sets; one pass over pairs and references, both in file order."""
    setters: dict[str, KeyValue] = {}
    references = iter(instruction.references)
    reference = next(references, None)
    for pair in instruction.pairs:
        value = pair.value
        while value is not None and reference is not None and _starts_before(reference, value.span):
            reference = next(references, None)
        while value is not None and reference is not None and _inside(reference, value.span):
            setter = setters.get(reference.name)
            if setter is not None:
                yield pair, reference, setter
            reference = next(references, None)
        setters.setdefault(pair.key.value, pair)


def _starts_before(reference: VariableReference, span: Span) -> bool:
    return (reference.span.line, reference.span.column) < (span.line, span.column)


def _inside(reference: VariableReference, span: Span) -> bool:
    return span.cover(reference.span) == span


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
