"""LD664 untagged-base-image: a FROM names an image without a tag or digest, so every build
takes whatever ``latest`` is that day. ARG defaults are resolved first (``FROM ${BASE}`` with
``ARG BASE=python:3.12`` is tagged); ``scratch`` and earlier stages are not images."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.base_images import resolved_base
from lintdock.facts.images import parse_reference
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("FROM",)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    base = resolved_base(dockerfile, stage)
    if base is None or stage is None:
        return
    reference = parse_reference(base)
    if reference.tag is not None or reference.digest is not None:
        return
    written = stage.base.value
    via = f" (ARG default of {written})" if written != base else ""
    message = (
        f"FROM {base}{via} has no tag: every build takes whatever '{base}:latest' is that day; "
        f"pin a version tag ({base}:<version>) or a digest"
    )
    yield context.report(message, dockerfile.path, stage.base.span)
