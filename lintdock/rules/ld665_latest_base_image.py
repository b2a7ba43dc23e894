"""LD665 latest-base-image: a FROM names an image by its ``latest`` tag (after ARG defaults
are resolved, or the build arguments every compose build passes), which moves whenever the
image's maintainers publish."""

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
    if base is None or base.reference.tag != "latest" or base.reference.digest is not None:
        return
    message = (
        f"FROM {base.image}{base.via} follows the latest tag, which moves with every release: "
        "pin a version tag or a digest"
    )
    message, severity = floating_base_verdict(context.project, base.image, message, dockerfile.path)
    yield context.report(message, dockerfile.path, base.written.span, severity)
