"""LD675 useradd-high-uid: ``useradd -u`` with a UID of 100000 or more and no ``-l``: useradd
writes a sparse ``/var/log/lastlog`` (and faillog) sized by the UID, which the image layer
stores in full (about 29 MB for UID 100000)."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.packages import expand_variables
from lintdock.facts.presence import command_values
from lintdock.facts.run_scripts import posix_script
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("RUN", "ONBUILD")
HIGH_UID = 100_000


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    script = posix_script(context.project, dockerfile, stage, instruction)
    if script is None or stage is None:
        return
    for command in script.runs("useradd"):
        uid = command.option_value("u", "uid")
        if uid is None or command.option("l", "no-log-init") is not None:
            continue
        values = command_values(context.project, dockerfile, stage, instruction, command)
        number = expand_variables(uid.value, values)
        if number is None or not number.isdigit() or int(number) < HIGH_UID:
            continue
        message = (
            f"useradd -u {number} without -l (--no-log-init) writes a lastlog of about "
            f"{int(number) * 292 // 1_000_000} MB into the layer: add -l"
        )
        yield context.report(message, dockerfile.path, uid.span)
