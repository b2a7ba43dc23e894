"""LD664 untagged-base-image: a FROM names an image without a tag or digest, so every build
takes whatever ``latest`` is that day. ARG defaults (or the build arguments every compose build
of the file passes) are resolved first (``FROM ${BASE}`` with
``ARG BASE=python:3.12`` is tagged); ``scratch`` and earlier stages are not images, nor is a
Bake named context (``contexts = { base = "target:base" }`` of a target that builds the
Dockerfile) or a name Docker cannot pull (upper case: ``FROM REPLACE-ME``, a template's
placeholder)."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.build_args import built_base, floating_base_verdict
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("FROM",)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    base = built_base(context.project, dockerfile, stage)
    if base is None or base.reference.tag is not None or base.reference.digest is not None:
        return
    if base.reference.path != base.reference.path.lower():
        return  # not an image reference: BuildKit refuses it ("must be lowercase")
    if base.image in context.project.images.named_contexts(dockerfile.path):
        return
    message = (
        f"FROM {base.image}{base.via} has no tag: every build takes whatever "
        f"'{base.image}:latest' is that day; pin a version tag ({base.image}:<version>) or a "
        "digest"
    )
    message, severity = floating_base_verdict(context.project, base.image, message, dockerfile.path)
    yield context.report(message, dockerfile.path, base.written.span, severity)
