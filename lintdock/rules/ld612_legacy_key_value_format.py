"""LD612 legacy-key-value-format: ``ENV key value`` (or ``LABEL key value``), the legacy form of
``key=value``."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage, Token
from lintdock.model.span import Span
from lintdock.rules.base import Context

INSTRUCTIONS = ("ENV", "LABEL")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    for pair in instruction.pairs:
        if not pair.legacy or pair.value is None:
            continue
        keyword = instruction.keyword
        message = (
            f'"{keyword} key=value" should be used instead of the legacy "{keyword} key value" '
            f"form: write {keyword} {pair.key.value}=..."
        )
        value = pair.value
        span = Span(
            pair.key.span.line, pair.key.span.column, value.span.end_line, value.span.end_column
        )
        yield context.report(message, dockerfile.path, span, fix=_key_equals_value(pair.key, value))


def _key_equals_value(key: Token, value: Token) -> Fix | None:
    """``key value`` rewritten ``key=value`` (``key="a b"`` for a value with blanks), when the
    value is written on the key's line as it reads (no quotes or escapes)."""
    if not key.span.line == value.span.line == value.span.end_line:
        return None
    if value.span.end_column - value.span.column != len(value.value):
        return None
    separator = Span(key.span.line, key.span.end_column, value.span.line, value.span.column)
    if not any(blank in value.value for blank in " \t"):
        return Fix("write key=value", (Edit(separator, "="),))
    closing = Edit(Span.point(value.span.line, value.span.end_column), '"')
    return Fix("write key=value", (Edit(separator, '="'), closing))
