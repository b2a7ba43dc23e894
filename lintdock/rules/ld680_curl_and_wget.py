"""LD680 curl-and-wget: a stage's RUNs download with both curl and wget; one HTTP client does
the same work, and the image may carry both."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.run_scripts import posix_script
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.model.shell import SimpleCommand
from lintdock.rules.base import Context

CLIENTS = ("curl", "wget")


def check(context: Context) -> Iterator[Diagnostic]:
    for dockerfile in context.project.dockerfiles:
        for stage in dockerfile.stages:
            yield from _check_stage(context, dockerfile, stage)


def _check_stage(context: Context, dockerfile: Dockerfile, stage: Stage) -> Iterator[Diagnostic]:
    first: dict[str, SimpleCommand] = {}
    for instruction in stage.instructions:
        script = posix_script(context.project, dockerfile, stage, instruction)
        for command in script.commands if script is not None else ():
            program = command.program
            if program not in CLIENTS or program in first:
                continue
            first[program] = command
            if len(first) == len(CLIENTS):
                other = first["curl" if program == "wget" else "wget"]
                message = (
                    f"This stage downloads with {program} and, on line {other.span.line}, with "
                    f"{other.program}: use one of them"
                )
                yield context.report(message, dockerfile.path, command.argv[0].span)
                return
