"""LD004 json-form-invalid: an exec-form (JSON array) argument that is not valid JSON, which
Docker silently runs as a shell command instead."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.instructions import triggered
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("RUN", "CMD", "ENTRYPOINT", "SHELL", "HEALTHCHECK", "ONBUILD")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    reported = triggered(instruction)
    command = reported.command
    if command is None or not command.json_invalid:
        return
    name = reported.keyword if reported.keyword != "HEALTHCHECK" else "HEALTHCHECK CMD"
    reason = f" ({command.json_error})" if command.json_error else ""
    message = (
        f"{name} is written as a JSON array but is not valid JSON{reason}: Docker runs "
        "it as a shell command instead. Write it as a JSON array of double-quoted strings."
    )
    yield context.report(message, dockerfile.path, command.span)
