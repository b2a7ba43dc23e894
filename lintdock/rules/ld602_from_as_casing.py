"""LD602 from-as-casing: ``AS`` of a ``FROM ... AS name`` cased unlike its ``FROM``."""

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
    keyword = instruction.keyword_text
    as_word = instruction.words[1]
    if keyword == keyword.lower():
        wanted = as_word.value.lower()
    elif keyword == keyword.upper():
        wanted = as_word.value.upper()
    else:
        return  # a mixed-case FROM is LD603's
    if as_word.value != wanted:
        message = (
            f"'{as_word.value}' and '{keyword}' keywords' casing do not match: write '{wanted}'"
        )
        yield context.report(message, dockerfile.path, as_word.span)
