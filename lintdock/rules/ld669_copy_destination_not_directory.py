"""LD669 copy-destination-not-directory: COPY or ADD of several sources into a destination that
does not end in ``/``: Docker refuses the build ("the destination must be a directory and end
with a /").

An instruction BuildKit already refuses for its flags (``COPY --from build /a /b``: "missing a
value on flag: --from", LD001) is left to LD001: the word after the flag is no source. A
syntax summary with placeholders (``COPY <src>... <dest>``) names no paths and is left alone."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.copies import syntax_template
from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.span import Span
from lintdock.rules.base import Context

INSTRUCTIONS = ("COPY", "ADD")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    if len(instruction.words) < 3 or _refused(dockerfile, instruction):
        return
    if syntax_template(instruction):
        return  # ``COPY <src>... <dest>``: placeholders, not paths
    *sources, destination = instruction.words
    value = destination.value
    if value.endswith(("/", "\\")) or "$" in value:
        return
    message = (
        f"{instruction.keyword} of {len(sources)} sources into '{value}', which does not end in "
        f"/: Docker refuses it; write '{value}/'"
    )
    span = destination.span
    fix = None
    if span.line == span.end_line and span.end_column - span.column == len(value):  # unquoted
        end = Span.point(span.end_line, span.end_column)
        fix = Fix(f"add / to '{value}'", (Edit(end, "/"),))
    yield context.report(message, dockerfile.path, destination.span, fix=fix)


def _refused(dockerfile: Dockerfile, instruction: Instruction) -> bool:
    """Whether LD001 reports the instruction itself (a parse error inside it)."""
    span = instruction.span
    return any(span.cover(error.span) == span for error in dockerfile.errors)
