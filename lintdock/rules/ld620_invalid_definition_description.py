"""LD620 invalid-definition-description: the comment directly above ``FROM ... AS name`` or
``ARG`` is what ``docker build --call=outline`` shows as its description, and BuildKit expects
it to start with the stage's or argument's name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintdock.facts.memo import Fact
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Comment, Dockerfile, Instruction, Stage
from lintdock.project import Project
from lintdock.rules.base import Context

INSTRUCTIONS = ("FROM", "ARG")

# Comments written for a tool, not descriptions: suppressions, BuildKit's check comments, and
# Renovate's annotations, which must stay directly above the ARG they update.
_TOOL_COMMENT = re.compile(
    r"(?:hadolint\s|lintdock:|check\s*=|shellcheck\s|renovate:)", re.IGNORECASE
)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    names = _defined_names(instruction, stage)
    comment = _COMMENTS_BY_LINE(context.project, dockerfile).get(instruction.span.line - 1)
    if not names or comment is None or not comment.text or _TOOL_COMMENT.match(comment.text):
        return
    if comment.text.split(" ")[0] in names:
        return
    example = names[0] if len(names) == 1 else "<arg_key>"
    message = (
        f"The comment above this {instruction.keyword} is its description for "
        f"'docker build --call=outline': start it with the name ('# {example} <description>'), "
        "or leave a blank line between them"
    )
    yield context.report(message, dockerfile.path, instruction.keyword_span)


def _defined_names(instruction: Instruction, stage: Stage | None) -> list[str]:
    if instruction.keyword == "ARG":
        return [pair.key.value for pair in instruction.pairs]
    if stage is not None and stage.from_instruction is instruction and stage.name:
        return [stage.name]
    return []


def _comments_by_line(_project: Project, dockerfile: Dockerfile) -> dict[int, Comment]:
    return {comment.span.line: comment for comment in dockerfile.comments}


_COMMENTS_BY_LINE: Fact[Dockerfile, dict[int, Comment]] = Fact(
    "comments by line", _comments_by_line
)
