"""LD617 multiple-cmd-or-entrypoint: a CMD (or ENTRYPOINT) that a later one of the same stage
replaces, so it never takes effect. More than one HEALTHCHECK is LD104's."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("CMD", "ENTRYPOINT")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    last = stage.last(instruction.keyword) if stage is not None else None
    if last is None or last is instruction:
        return
    keyword = instruction.keyword
    message = (
        f"This {keyword} never takes effect: the {keyword} on line {last.span.line} replaces it "
        "(only a stage's last one counts); remove one of them"
    )
    # hadolint reports each CMD after the first: this one's finding is at the next one there.
    later = stage.all(keyword) if stage is not None else ()
    following = later[later.index(instruction) + 1]
    span = instruction.keyword_span
    yield context.report(message, dockerfile.path, span, hadolint_span=following.keyword_span)
