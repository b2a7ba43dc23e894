"""LD608 expose-proto-casing: an EXPOSE protocol not in lower case (``80/TCP``)."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage, Token
from lintdock.rules.base import Context

INSTRUCTIONS = ("EXPOSE",)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    for word in instruction.words:
        port, slash, protocol = word.value.rpartition("/")
        if not slash or protocol == protocol.lower():
            continue
        message = (
            f"EXPOSE protocol '{protocol}' should be lower case: write '{port}/{protocol.lower()}'"
        )
        fix = _lower_protocol(word, f"{port}/{protocol.lower()}")
        yield context.report(message, dockerfile.path, word.span, fix=fix)


def _lower_protocol(word: Token, replacement: str) -> Fix | None:
    """The word rewritten, when it is written as its value (on one line, no quotes or escapes)."""
    span = word.span
    if span.line != span.end_line or span.end_column - span.column != len(word.value):
        return None
    return Fix("write the protocol in lower case", (Edit(span, replacement),))
