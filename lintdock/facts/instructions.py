"""Instructions as they take effect."""

from __future__ import annotations

from lintdock.model.dockerfile import Dockerfile, Instruction, VariableReference


def triggered(instruction: Instruction) -> Instruction:
    """The instruction an ``ONBUILD`` triggers in the images built from this one (it is written
    here, so findings about it belong here); any other instruction itself."""
    while instruction.inner is not None:
        instruction = instruction.inner
    return instruction


def global_args(dockerfile: Dockerfile) -> tuple[str, ...]:
    """The names the ARGs before the first FROM declare, in file order: the only variables a
    FROM can expand (with BuildKit's platform ARGs)."""
    names = (
        pair.key.value for arg in dockerfile.preamble if arg.keyword == "ARG" for pair in arg.pairs
    )
    return tuple(dict.fromkeys(names))


def from_references(instruction: Instruction) -> tuple[VariableReference, ...]:
    """The variables a FROM expands: in ``--platform``, then in the image."""
    platform = instruction.flag("platform")
    return (platform.references if platform is not None else ()) + instruction.references
