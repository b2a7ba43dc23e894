"""LD610 workdir-relative-path: a relative WORKDIR before any absolute one in its stage: it is
resolved against the base image's working directory, which the Dockerfile does not control."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.rules.base import Context

# Absolute on Linux (``/app``) or Windows (``C:\app``, ``C:/app``, ``\app``).
_ABSOLUTE = re.compile(r"[/\\]|[A-Za-z]:[/\\]")


def check(context: Context) -> Iterator[Diagnostic]:
    for dockerfile in context.project.dockerfiles:
        for stage in dockerfile.stages:
            yield from _check_stage(context, dockerfile, stage)


def _check_stage(context: Context, dockerfile: Dockerfile, stage: Stage) -> Iterator[Diagnostic]:
    parent = dockerfile.stages[stage.parent] if stage.parent is not None else None
    if parent is not None and dockerfile.inherited(parent, "WORKDIR") is not None:
        return  # relative to a directory this Dockerfile set
    for workdir in stage.all("WORKDIR"):
        if not workdir.words:
            continue
        path = workdir.words[0]
        if _ABSOLUTE.match(path.value) or path.value.startswith("$"):
            return
        message = (
            f"Relative WORKDIR '{path.value}' depends on the base image's working directory: "
            "write an absolute path"
        )
        yield context.report(message, dockerfile.path, path.span)
        return
