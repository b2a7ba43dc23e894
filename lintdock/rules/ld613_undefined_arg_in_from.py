"""LD613 undefined-arg-in-from: a FROM (its image or ``--platform``) uses a variable that no ARG
before the first FROM declares, so no ``--build-arg`` can set it and it expands to nothing."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from lintdock.facts.instructions import from_references, global_args
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage, VariableReference
from lintdock.rules.base import Context
from lintdock.vocabulary import PLATFORM_ARGS

INSTRUCTIONS = ("FROM",)

_DEFAULTING = (":-", "-")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    declared = global_args(dockerfile)
    for reference in from_references(instruction):
        if reference.name in declared or reference.name in PLATFORM_ARGS:
            continue
        yield context.report(_message(reference, declared), dockerfile.path, reference.span)


def _message(reference: VariableReference, declared: tuple[str, ...]) -> str:
    name = reference.name
    outcome = (
        "it always takes its default"
        if reference.modifier in _DEFAULTING
        else "it is always empty here"
    )
    message = (
        f"FROM uses ${name}, which no ARG before the first FROM declares: {outcome} "
        f"(declare ARG {name} above the first FROM)"
    )
    close = _closest(name, declared)
    return message + (f"; did you mean ${close}?" if close else "")


def _closest(name: str, declared: tuple[str, ...]) -> str | None:
    for candidate in declared:
        if candidate.lower() == name.lower():
            return candidate
    found = difflib.get_close_matches(name, declared, n=1, cutoff=0.8)
    return found[0] if found else None
