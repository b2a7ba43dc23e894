"""LD603 consistent-instruction-casing: an instruction keyword cased unlike the file's majority
(or in mixed case, ``Run``)."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile
from lintdock.parsers.dockerfile_instructions import KEYWORDS
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    for dockerfile in context.project.dockerfiles:
        yield from _check_file(context, dockerfile)


def _check_file(context: Context, dockerfile: Dockerfile) -> Iterator[Diagnostic]:
    keywords = [i for i in dockerfile.instructions if i.keyword in KEYWORDS]  # unknown: LD001
    lower = sum(1 for i in keywords if i.keyword_text == i.keyword_text.lower())
    upper = sum(1 for i in keywords if i.keyword_text == i.keyword_text.upper())
    majority_lower = lower > upper
    casing = "lower case" if majority_lower else "upper case"
    for instruction in keywords:
        written = instruction.keyword_text
        wanted = written.lower() if majority_lower else written.upper()
        if written != wanted:
            message = (
                f"Instruction '{written}' should match the casing of the file's majority "
                f"({casing}): write '{wanted}'"
            )
            yield context.report(message, dockerfile.path, instruction.keyword_span)
