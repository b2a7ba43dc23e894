"""LD619 copy-ignored-file: a COPY or ADD source that the build's ``.dockerignore`` leaves out
of the build context, so the instruction fails (the file is not there) or copies less than it
says."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from lintdock.facts.dockerignore import dockerignore_of
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage, Token
from lintdock.model.dockerignore import DockerIgnore
from lintdock.rules.base import Context

INSTRUCTIONS = ("COPY", "ADD")

_WHOLE_CONTEXT = frozenset({"*", "**", "**/*"})
_GLOB = frozenset("*?[\\")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    if instruction.flag("from") is not None:
        return  # from another stage or image, not the context
    ignore = dockerignore_of(context.project, dockerfile)
    if ignore is None or not ignore.patterns:
        return
    for source in _context_sources(instruction):
        path = posixpath.normpath("/" + source.value).lstrip("/") or "."
        pattern = _excluding(ignore, path)
        if pattern is None:
            continue
        verb = instruction.keyword
        message = (
            f"{verb} of '{source.value}', which {ignore.path} leaves out of the build context "
            f"(line {pattern[0]}: '{pattern[1]}'): the {verb} fails or copies nothing of it"
        )
        yield context.report(message, dockerfile.path, source.span)


def _context_sources(instruction: Instruction) -> list[Token]:
    """The sources read from the build context: not the destination, heredocs, URLs or
    sources with variables."""
    words = [w for w in instruction.words if not w.value.startswith("<<")]
    return [
        word
        for word in words[:-1]
        if "$" not in word.value and "://" not in word.value and not word.value.startswith("git@")
    ]


def _excluding(ignore: DockerIgnore, path: str) -> tuple[int, str] | None:
    """The line and text of the pattern that excludes ``path``, when nothing can bring it (or
    part of it) back: the context root counts only under a pattern excluding everything, and an
    exception (``!``) that could re-include something under ``path`` keeps it."""
    if path == ".":
        whole = [p for p in ignore.patterns if not p.exclusion and p.text in _WHOLE_CONTEXT]
        if not whole or ignore.has_exceptions:
            return None
        return whole[0].line, whole[0].text
    pattern = ignore.excludes(path)
    if pattern is None:
        return None
    for exception in (p for p in ignore.patterns if p.exclusion):
        if _GLOB & set(exception.text) or exception.text.startswith(path + "/"):
            return None  # it may re-include a file under the path
    return pattern.line, pattern.text
