"""LD104 multiple-healthchecks: more than one HEALTHCHECK in a stage; only the last one takes
effect, so the earlier ones are dead code that reads as if it ran."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Instruction
from lintdock.project import Project
from lintdock.rules.base import Options, Rule


def check(project: Project, options: Options) -> Iterator[Diagnostic]:
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
                yield Diagnostic("LD104", message, dockerfile.path, earlier.span)


def _parsed(healthcheck: Instruction) -> bool:
    """A HEALTHCHECK BuildKit accepts (one it rejects is LD001's)."""
    return healthcheck.healthcheck_none or healthcheck.command is not None


RULES = (
    Rule(
        code="LD104",
        name="multiple-healthchecks",
        severity=Severity.WARNING,
        summary="More than one HEALTHCHECK in a stage: only the last one takes effect.",
        check=check,
    ),
)
