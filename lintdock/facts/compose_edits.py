"""Text edits in compose files for the LD4xx/LD5xx fixes, computed from model spans only:
replacing a scalar in place (keeping its quotes) and rewriting ``depends_on`` in the long form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from lintdock.model.compose import Block, ComposeProject, Located, Service
from lintdock.model.diagnostic import Edit
from lintdock.model.span import Span

PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*")
# Words YAML 1.1 or 1.2 reads as something other than a string when unquoted.
NOT_PLAIN = frozenset(
    word
    for base in ("true", "false", "null", "yes", "no", "on", "off", "y", "n")
    for word in (base, base.capitalize(), base.upper())
)
DEFAULT_STEP = 2


def scalar_edit(located: Located[Any], replacement: str) -> Edit | None:
    """Replace a one-line scalar's text, inside its quotes when it has them; None when the span
    does not hold exactly the value (interpolated, escaped, or written over several lines)."""
    span = located.span
    width = span.end_column - span.column
    length = len(str(located.value))
    if span.end_line != span.line:
        return None
    if width == length:
        return Edit(span, replacement)
    if width == length + 2:
        return Edit(Span(span.line, span.column + 1, span.line, span.end_column - 1), replacement)
    return None


def yaml_key(name: str) -> str:
    """A service name as a mapping key: plain when YAML reads it back as the same string."""
    if PLAIN_NAME.fullmatch(name) and name not in NOT_PLAIN:
        return name
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def long_form(block: Block, conditions: Mapping[str, str]) -> Edit:
    """``depends_on`` rewritten as a map of name -> ``condition``, in the block's own style."""
    if block.flow:
        items = ", ".join(
            f"{yaml_key(name)}: {{condition: {condition}}}"
            for name, condition in conditions.items()
        )
        return Edit(block.node.span, f"{{{items}}}")
    key_column = (block.node.key_span or block.node.span).column
    value_column = block.node.span.column
    entry_column = value_column if value_column > key_column else key_column + DEFAULT_STEP
    step = entry_column - key_column
    lines = []
    for name, condition in conditions.items():
        lines.append(" " * (entry_column - 1) + f"{yaml_key(name)}:")
        lines.append(" " * (entry_column - 1 + step) + f"condition: {condition}")
    text = "\n".join(lines)[value_column - 1 :]
    return Edit(block.node.span, text)


def block_is_regular(block: Block, entries: tuple[Located[str], ...]) -> bool:
    """A block list with one entry per line, all in one column, starting on the value's first
    line: the layout ``long_form`` re-indents with certainty."""
    if block.flow:
        return True
    lines = [entry.span.line for entry in entries]
    columns = {entry.span.column for entry in entries}
    first_line = block.node.span.line
    return len(columns) == 1 and lines == list(range(first_line, first_line + len(lines)))


def has_comment_inside(compose: ComposeProject, path: str, span: Span) -> bool:
    """Whether a ``#`` comment starts within ``span`` (a rewrite would drop it)."""
    start, end = (span.line, span.column), (span.end_line, span.end_column)
    return any(
        comment.path == path and start <= (comment.span.line, comment.span.column) < end
        for comment in compose.comments
    )


def in_own_section(compose: ComposeProject, service: Service, located: Located[Any]) -> bool:
    """Whether ``located`` is written between ``service``'s name and the next service's name
    (not in an anchor elsewhere): editing it is an edit of this service."""
    if located.path != service.name.path or located.span < service.name.span:
        return False
    return not any(
        service.name.span < other.name.span <= located.span
        for other in compose.services
        if other.name.path == located.path
    )
