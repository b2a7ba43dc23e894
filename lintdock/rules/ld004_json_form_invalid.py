"""LD004 json-form-invalid: an exec-form (JSON array) argument that is not valid JSON, which
Docker silently runs as a shell command instead."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.instructions import triggered
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Instruction
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        for instruction in dockerfile.instructions:
            reported = triggered(instruction)
            command = reported.command
            if command is None or not command.json_invalid:
                continue
            name = reported.keyword if reported.keyword != "HEALTHCHECK" else "HEALTHCHECK CMD"
            reason = f" ({command.json_error})" if command.json_error else ""
            message = (
                f"{name} is written as a JSON array but is not valid JSON{reason}: Docker runs "
                "it as a shell command instead. Write it as a JSON array of double-quoted strings."
            )
            yield context.report(message, dockerfile.path, command.span)


def _triggered(instruction: Instruction) -> Instruction:
    """The instruction itself, or the trigger an ONBUILD wraps."""
    while instruction.inner is not None:
        instruction = instruction.inner
    return instruction
