"""LD677 invalid-label-key: a LABEL key that breaks Docker's key format: lower-case letters,
digits, ``.`` and ``-`` (and ``_``, ``/``), starting with a letter and ending with a letter or
digit, without ``..`` or ``--``, outside the namespaces Docker reserves (``com.docker.``,
``io.docker.``, ``org.dockerproject.``). Off by default (style)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("LABEL",)
_KEY = re.compile(r"[a-z](?:[a-z0-9._/-]*[a-z0-9])?")
RESERVED = ("com.docker.", "io.docker.", "org.dockerproject.")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    for pair in instruction.pairs:
        key = pair.key.value
        problem = _problem(key)
        if problem is not None and "$" not in key:
            yield context.report(f"LABEL key '{key}' {problem}", dockerfile.path, pair.key.span)


def _problem(key: str) -> str | None:
    if key.startswith(RESERVED):
        return "is in a namespace Docker reserves for itself"
    if ".." in key or "--" in key:
        return "has consecutive separators"
    if not _KEY.fullmatch(key):
        return (
            "is not lower-case letters, digits, '.' and '-', starting with a letter and ending "
            "with a letter or digit"
        )
    return None
