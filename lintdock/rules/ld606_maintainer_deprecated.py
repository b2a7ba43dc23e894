"""LD606 maintainer-deprecated: MAINTAINER, deprecated since Docker 1.13, in favour of a LABEL."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("MAINTAINER",)
AUTHORS = "org.opencontainers.image.authors"
# Characters a double-quoted LABEL value would treat differently from MAINTAINER's literal text.
_SPECIAL = ('"', "\\", "$", "`")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    message = f'MAINTAINER is deprecated: write LABEL {AUTHORS}="..." instead'
    fix = _to_label(instruction)
    yield context.report(message, dockerfile.path, instruction.keyword_span, fix=fix)


def _to_label(instruction: Instruction) -> Fix | None:
    """The MAINTAINER rewritten as the LABEL, when its text carries over unchanged: one line, and
    nothing a quoted LABEL value would expand or unescape."""
    if not instruction.words or instruction.span.line != instruction.span.end_line:
        return None
    author = _unquoted(instruction.words[0].value)
    if not author or any(character in author for character in _SPECIAL):
        return None
    label = "label" if instruction.keyword_text.islower() else "LABEL"
    edit = Edit(instruction.span, f'{label} {AUTHORS}="{author}"')
    return Fix(f"replace MAINTAINER with LABEL {AUTHORS}", (edit,))


def _unquoted(text: str) -> str:
    """``text`` without one pair of surrounding double quotes."""
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text
