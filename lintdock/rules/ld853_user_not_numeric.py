"""LD853 user-not-numeric: the image that ships names its USER (``USER app``) rather than giving
a numeric UID, so Kubernetes' ``runAsNonRoot`` cannot verify that it is not root."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.dockerfile_security import NamedUser, named_user
from lintdock.model.diagnostic import Diagnostic
from lintdock.roles import TRIAL_ROLES
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        if project.role(dockerfile.path).role in TRIAL_ROLES:
            continue  # a test, development, example or archive image runs under no policy
        reported = set()
        for stage in project.final_stages(dockerfile):
            user = named_user(project, dockerfile, stage)
            if user is None or user.instruction.span in reported:
                continue
            reported.add(user.instruction.span)
            yield context.report(_message(user), dockerfile.path, user.instruction.span)


def _message(user: NamedUser) -> str:
    written = user.instruction.words[0].value
    if "$" in written:
        written += f" ({user.user}" + (f":{user.group})" if user.group is not None else ")")
    if user.uid is not None and user.uid_text is not None:
        group = f":{user.group}" if user.group is not None else ""
        given = f"{user.uid}, " if "$" in user.uid_text else ""
        advice = (
            f"write USER {user.uid_text}{group} ({given}the UID the Dockerfile gives {user.user})"
        )
    else:
        advice = f"write the UID of {user.user} (USER 10001, after useradd -u 10001 ...)"
    return (
        f"USER {written} names a user, not a UID: Kubernetes' runAsNonRoot can verify only a "
        "numeric UID, and refuses to start a container whose image names its user. To run "
        f"under runAsNonRoot, {advice}"
    )
