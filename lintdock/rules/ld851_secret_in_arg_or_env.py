"""LD851 secret-in-arg-or-env: an ARG or ENV named like a secret."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.dockerfile_security import secret_name
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("ARG", "ENV")

WHERE = {
    "ARG": "a build argument's value stays in the image's history (docker history) wherever "
    "a RUN uses it",
    "ENV": "an ENV is part of the image's configuration: every container and docker inspect "
    "shows it",
}


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    for pair in instruction.pairs:
        if not secret_name(pair.key.value):
            continue
        literal = " with a literal default" if instruction.keyword == "ARG" and pair.value else ""
        message = (
            f"{instruction.keyword} {pair.key.value}{literal} looks like a secret: "
            f"{WHERE[instruction.keyword]}. Pass it with RUN --mount=type=secret,id=... and "
            "docker build --secret instead"
        )
        yield context.report(message, dockerfile.path, pair.key.span)
