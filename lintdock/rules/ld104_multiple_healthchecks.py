"""LD104 multiple-healthchecks: more than one HEALTHCHECK in a stage; only the last one takes
effect, so the earlier ones are dead code that reads as if it ran."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Instruction
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        for stage in dockerfile.stages:
            healthchecks = [h for h in stage.all("HEALTHCHECK") if _parsed(h)]
            if len(healthchecks) < 2:
                continue
            last = healthchecks[-1]
            for earlier in healthchecks[:-1]:
                message = (
                    f"This HEALTHCHECK never takes effect: the one on line {last.span.line} "
                    "replaces it (only the last HEALTHCHECK of a stage counts). Remove it"
                )
                yield context.report(message, dockerfile.path, earlier.span)


def _parsed(healthcheck: Instruction) -> bool:
    """A HEALTHCHECK BuildKit accepts (one it rejects is LD001's)."""
    return healthcheck.healthcheck_none or healthcheck.command is not None
