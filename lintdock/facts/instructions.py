"""Instructions as they take effect."""

from __future__ import annotations

from lintdock.model.dockerfile import Instruction


def triggered(instruction: Instruction) -> Instruction:
    """The instruction an ``ONBUILD`` triggers in the images built from this one (it is written
    here, so findings about it belong here); any other instruction itself."""
    while instruction.inner is not None:
        instruction = instruction.inner
    return instruction
