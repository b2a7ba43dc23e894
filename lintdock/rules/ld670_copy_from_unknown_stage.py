"""LD670 copy-from-unknown-stage: ``COPY --from=NAME`` where NAME is no earlier stage: a later
stage (the classic builder cannot build it first), a stage index out of range, or a name no
stage has, which Docker then pulls as the image ``NAME:latest`` (a typo, or an image without a
tag). A name a Bake target that builds the Dockerfile gives a named context (``contexts = {
assets = "target:assets" }``) is that context, not an image; an untagged image the repository
builds itself, by a compose service, a Bake target or a folder named after it, is
information (``floating_base_verdict``, as LD664's)."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.build_args import floating_base_verdict
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("COPY", "ADD")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    flag = instruction.flag("from")
    if flag is None or stage is None or not flag.value or "$" in flag.value:
        return
    name = flag.value
    if name in context.project.images.named_contexts(dockerfile.path):
        return
    message = _problem(dockerfile, stage, name)
    if message is None:
        return
    severity = None
    if _repository_image(context, dockerfile, name):
        message, severity = floating_base_verdict(context.project, name, message, dockerfile.path)
    yield context.report(message, dockerfile.path, flag.value_span or flag.span, severity)


def _repository_image(context: Context, dockerfile: Dockerfile, name: str) -> bool:
    """Whether ``name`` is an untagged image the repository says it builds (a compose service
    or Bake target tags it, a folder named after it holds its Dockerfile). A bare name that is
    no stage is more likely a stage's name mistyped than an image built elsewhere."""
    untagged_image = dockerfile.stage_named(name) is None and not name.isdigit()
    return untagged_image and context.project.images.source_of(name) is not None


def _problem(dockerfile: Dockerfile, stage: Stage, name: str) -> str | None:
    if name.isdigit():
        if int(name) < stage.index:
            return None
        if int(name) == stage.index:
            return None  # its own stage: LD671
        return f"COPY --from={name}: there is no earlier stage {name} (stages count from 0)"
    named = dockerfile.stage_named(name)
    if named is not None:
        if named.index <= stage.index:
            return None
        line = named.from_instruction.span.line
        return (
            f"COPY --from={name} names a stage defined later (line {line}): define it before "
            "the stages that copy from it"
        )
    if any(mark in name for mark in ":@"):
        return None  # an image reference with a tag or digest
    return (
        f"COPY --from={name}: no stage is named '{name}', so Docker pulls the image "
        f"'{name}:latest'; name an earlier stage, or pin the image's tag ({name}:<version>)"
    )
