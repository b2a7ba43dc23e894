"""LD609 expose-invalid-format: an EXPOSE port with an IP address or a host port
(``EXPOSE 8080:80``, ``EXPOSE 127.0.0.1:80``): publishing belongs to ``docker run -p`` or
Compose ``ports``."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("EXPOSE",)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    for word in instruction.words:
        if ":" not in word.value or "$" in word.value:  # ${PORT:-80} is a variable's default
            continue
        container_port = word.value.rpartition(":")[2]
        message = (
            f"EXPOSE '{word.value}' names an IP address or a host port, which EXPOSE ignores: "
            f"write 'EXPOSE {container_port}' and publish the port with -p or Compose 'ports'"
        )
        yield context.report(message, dockerfile.path, word.span)
