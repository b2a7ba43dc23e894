"""LD607 no-empty-continuation: an empty line inside an instruction continued with ``\\``."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    for dockerfile in context.project.dockerfiles:
        yield from _check_file(context, dockerfile)


def _check_file(context: Context, dockerfile: Dockerfile) -> Iterator[Diagnostic]:
    for instruction in dockerfile.instructions:
        empty = instruction.empty_continuation_lines
        if not empty:
            continue
        lines = ", ".join(str(number) for number in empty)
        message = (
            f"Empty continuation line ({lines}) in this {instruction.keyword}: BuildKit skips "
            "such lines today and will refuse them in a future release; remove them"
        )
        yield context.report(message, dockerfile.path, instruction.keyword_span)
