"""LD680 curl-and-wget: a stage's RUNs download with both curl and wget; one HTTP client does
the same work, and the image may carry both. Reported at every RUN that uses one of them once
both have been used, as hadolint's DL4001 does: each is a place to change. A client a RUN
installs and removes again (a temporary build dependency: ``apk add --virtual .build-deps curl``
then ``apk del .build-deps``) is not carried by the image, and its uses in that RUN do not
count."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.presence import tool_installs
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


def _temporary_clients(
    context: Context, dockerfile: Dockerfile, stage: Stage
) -> dict[int, frozenset[str]]:
    """Per instruction (by identity), the clients it installs and removes again (``apk add
    --virtual .build-deps curl`` ... ``apk del .build-deps``): the image does not carry them."""
    temporary: dict[int, set[str]] = {}
    for install in tool_installs(context.project, dockerfile, stage):
        if install.removed_later:
            temporary.setdefault(id(install.instruction), set()).add(install.tool)
    return {key: frozenset(tools) for key, tools in temporary.items()}


def _check_stage(context: Context, dockerfile: Dockerfile, stage: Stage) -> Iterator[Diagnostic]:
    """Each RUN that uses a client once both have been used (ONBUILD RUNs apart: they run in
    another build)."""
    temporaries = _temporary_clients(context, dockerfile, stage)
    for onbuild in (False, True):
        first: dict[str | None, SimpleCommand] = {}  # program -> its first use
        for instruction in stage.instructions:
            if (instruction.keyword == "ONBUILD") != onbuild:
                continue
            script = posix_script(context.project, dockerfile, stage, instruction)
            temporary = temporaries.get(id(instruction), frozenset())
            used = (
                [c for c in script.commands if c.program in CLIENTS and c.program not in temporary]
                if script
                else []
            )
            for command in used:
                first.setdefault(command.program, command)
            if not used or len(first) < len(CLIENTS):
                continue
            earlier, later = sorted(first.values(), key=lambda c: c.span)
            here = next((c for c in used if c.program == later.program), used[0])
            message = (
                f"This stage downloads with both {earlier.program} (line {earlier.span.line}) "
                f"and {later.program} (line {later.span.line}): use one of them"
            )
            yield context.report(message, dockerfile.path, here.argv[0].span)
