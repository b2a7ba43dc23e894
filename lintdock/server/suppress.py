"""Suppression comments the language server offers to insert, in the syntax the engine reads
(see ``lintdock.suppressions``): an edit that adds a code to an existing comment where there is
one, else a new comment.

- On this line, Dockerfile: ``# lintdock: ignore=CODE`` on its own line directly above the
  instruction holding the line (it covers the whole instruction), indented like it.
- On this line, compose: ``  # lintdock: ignore=CODE`` at the end of the line, or on a line of
  its own above when the line already has a ``#`` (a comment, or a ``#`` in a value).
- In this file: ``# lintdock: ignore-file=CODE`` at the top, below a Dockerfile's parser
  directives (``# syntax=``, ``# escape=`` must stay first to stay directives).
"""

from __future__ import annotations

import re

from lintdock.discovery import Kind
from lintdock.model.diagnostic import Edit
from lintdock.model.span import Span
from lintdock.suppressions import LINTDOCK_DIRECTIVE

_LINE_END = re.compile(r"\r\n|\r|\n")


def on_line(text: str, path: str, kind: Kind, code: str, line: int) -> Edit:
    """The edit that suppresses ``code`` on ``line`` (1-based)."""
    lines = _LINE_END.split(text)
    target = _instruction_start(text, path, line) if kind is Kind.DOCKERFILE else line
    candidates = [(target - 1, True)] if kind is Kind.DOCKERFILE else [(target, False)]
    if kind is Kind.COMPOSE:
        candidates.append((target - 1, True))
    for number, own_line in candidates:
        extended = _extend(lines, number, "ignore", code, own_line)
        if extended is not None:
            return extended
    current = lines[target - 1] if target <= len(lines) else ""
    if kind is Kind.COMPOSE and "#" not in current:
        return Edit(Span.point(target, len(current) + 1), f"  # lintdock: ignore={code}")
    indent = current[: len(current) - len(current.lstrip())]
    return Edit(Span.point(target, 1), f"{indent}# lintdock: ignore={code}{_newline(text)}")


def in_file(text: str, path: str, kind: Kind, code: str) -> Edit:
    """The edit that suppresses ``code`` in the whole file."""
    lines = _LINE_END.split(text)
    for number in range(1, len(lines) + 1):
        extended = _extend(lines, number, "ignore-file", code, own_line=True)
        if extended is not None:
            return extended
    top = _below_directives(text, path) if kind is Kind.DOCKERFILE else 1
    return Edit(Span.point(top, 1), f"# lintdock: ignore-file={code}{_newline(text)}")


def _extend(lines: list[str], number: int, scope: str, code: str, own_line: bool) -> Edit | None:
    """An edit adding ``code`` to the ``scope`` comment on line ``number``, if it has one
    (``own_line``: only a comment standing on a line of its own counts)."""
    if not 1 <= number <= len(lines):
        return None
    match = LINTDOCK_DIRECTIVE.search(lines[number - 1])
    if match is None or match["scope"] != scope or not match["codes"]:
        return None
    if own_line and lines[number - 1][: match.start()].strip():
        return None
    return Edit(Span.point(number, match.end("codes") + 1), f",{code}")


def _instruction_start(text: str, path: str, line: int) -> int:
    """The first line of the Dockerfile instruction holding ``line`` (``line`` when none does)."""
    from lintdock.parsers.dockerfile import parse_dockerfile

    dockerfile = parse_dockerfile(text, path)
    for instruction in dockerfile.instructions:
        if instruction.span.line <= line <= instruction.span.end_line:
            return instruction.span.line
    return line


def _below_directives(text: str, path: str) -> int:
    """The first line after a Dockerfile's parser directives (1 when it has none)."""
    from lintdock.parsers.dockerfile import parse_dockerfile

    dockerfile = parse_dockerfile(text, path)
    if not dockerfile.directives:
        return 1
    starts = [c.span.line for c in dockerfile.comments]
    starts += [i.span.line for i in dockerfile.instructions]
    return min(starts, default=dockerfile.line_count + 1)


def _newline(text: str) -> str:
    """The file's own line ending (``\\n`` when it has none yet)."""
    match = _LINE_END.search(text)
    return match.group() if match else "\n"
