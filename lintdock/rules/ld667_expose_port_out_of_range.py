"""LD667 expose-port-out-of-range: an EXPOSE port (or an end of a port range) above 65535, the
largest TCP and UDP port."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("EXPOSE",)
LARGEST_PORT = 65535


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    for word in instruction.words:
        ports = word.value.partition("/")[0].rpartition(":")[2]
        numbers = [int(part) for part in ports.split("-") if part.isdigit()]
        if "$" in word.value or not any(number > LARGEST_PORT for number in numbers):
            continue
        message = f"EXPOSE {word.value}: ports range from 0 to {LARGEST_PORT}, so Docker refuses it"
        yield context.report(message, dockerfile.path, word.span)
