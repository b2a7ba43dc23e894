"""LD683 copy-whole-filesystem: ``COPY --from=SOURCE / /`` where SOURCE holds a whole system
(a stage that RUNs, a distribution image): its files replace this image's own, and the build
tools come along."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.whole_copies import WholeCopy, whole_copy
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("COPY",)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    if stage is None or instruction.flag("from") is None:
        return
    copy = whole_copy(context.project, dockerfile, stage, instruction)
    if copy is None or not copy.system:
        return
    yield context.report(_message(copy), dockerfile.path, copy.source.span)


def _message(copy: WholeCopy) -> str:
    what = f"stage {copy.origin}" if copy.stage is not None else f"image {copy.origin}"
    written = f"COPY --from={copy.origin} {copy.source.value} {copy.destination.value}"
    if copy.into_empty:
        return (
            f"{written} flattens the whole filesystem of {what} into this image: all of it "
            "ships, build tools included, and its ENV, USER, WORKDIR and ENTRYPOINT do not. "
            f"Copy only the paths the image needs (COPY --from={copy.origin} /out/app /app), "
            "or suppress this if flattening is the intent"
        )
    return (
        f"{written} copies the whole filesystem of {what} over this image's: its libraries, "
        "package database and /etc/passwd replace this image's own, and all it installed "
        f"ships. Copy only the paths the image needs (COPY --from={copy.origin} /out/app "
        "/usr/local/bin/)"
    )
