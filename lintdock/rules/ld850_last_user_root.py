"""LD850 last-user-root: a stage that ships runs as root because its last USER (its own, or
the one it inherits from the stage it is built FROM) is root or UID 0."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.dockerfile_security import privilege_drop, shipped_user
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        production = project.role(dockerfile.path).production
        reported = set()
        for stage in project.final_stages(dockerfile):
            user = shipped_user(dockerfile, stage)
            if user is None or not user.root or user.instruction.span in reported:
                continue
            reported.add(user.instruction.span)
            message = (
                f"USER {user.text} is the last USER of the image that ships: its process runs as "
                "root, so a compromise of it is root in the container, a step from the host. "
                "Add a user and end with USER <name> (the entrypoint may still drop privileges "
                "with gosu or su-exec; then say so in a comment and suppress this)"
            )
            drop = privilege_drop(project, dockerfile, stage) if production else None
            if drop is not None:
                message += f"; here {drop}, so check that nothing else runs as root"
            severity = None if production and drop is None else Severity.INFO
            yield context.report(message, dockerfile.path, user.instruction.span, severity)
