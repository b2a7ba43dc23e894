"""LD666 copy-archive-then-extract: COPY brings a local tar archive into the image and a later
RUN of the stage unpacks it: ADD unpacks it in one step, without a layer that holds the archive
itself."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from lintdock.facts.copies import local_archive
from lintdock.facts.run_scripts import posix_script
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage, Token
from lintdock.model.shell import SimpleCommand
from lintdock.rules.base import Context

_DECOMPRESSORS = frozenset({"gunzip", "bunzip2", "unxz", "unlzma", "zcat", "unzstd"})


def check(context: Context) -> Iterator[Diagnostic]:
    for dockerfile in context.project.dockerfiles:
        for stage in dockerfile.stages:
            yield from _check_stage(context, dockerfile, stage)


def _check_stage(context: Context, dockerfile: Dockerfile, stage: Stage) -> Iterator[Diagnostic]:
    archives: dict[str, Token] = {}
    for instruction in stage.instructions:
        if instruction.keyword == "COPY" and instruction.flag("from") is None:
            archives.update(_copied_archives(instruction))
            continue
        script = posix_script(context.project, dockerfile, stage, instruction)
        for command in script.commands if script is not None and archives else ():
            for name in _extracted(command):
                source = archives.pop(name, None)
                if source is not None:
                    message = (
                        f"COPY of the archive {source.value}, unpacked on line "
                        f"{command.span.line}: ADD {source.value} <directory> unpacks it without "
                        "a layer that keeps the archive"
                    )
                    yield context.report(message, dockerfile.path, source.span)


def _copied_archives(instruction: Instruction) -> Iterator[tuple[str, Token]]:
    """Each local tar archive a COPY brings in, by the base name it lands under."""
    if len(instruction.words) < 2:
        return
    *sources, destination = instruction.words
    for source in sources:
        if local_archive(source.value):
            landed = destination.value if local_archive(destination.value) else source.value
            yield posixpath.basename(landed), source


def _extracted(command: SimpleCommand) -> Iterator[str]:
    """The base names of the files ``command`` unpacks (``tar -x``, ``gunzip``, …)."""
    if command.program == "tar":
        extracting = any(
            word.value in ("--extract", "--get")
            or (
                word.value.startswith("-") and not word.value.startswith("--") and "x" in word.value
            )
            or (word is command.args[0] and not word.value.startswith("-") and "x" in word.value)
            for word in command.args
        )
    else:
        extracting = command.program in _DECOMPRESSORS
    if extracting:
        yield from (posixpath.basename(word.value) for word in command.args)
