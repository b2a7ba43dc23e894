"""LD101 missing-healthcheck: the final stage of a Dockerfile runs a process but has no
HEALTHCHECK, so Docker only sees that the process runs, not that the app works."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from lintdock.facts.documented_usage import documented_use
from lintdock.facts.healthchecks import stage_label
from lintdock.facts.stage_process import lone_program, service_process
from lintdock.facts.trial_images import trial_image
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.project import Project
from lintdock.roles import FileRole, Role
from lintdock.rules.base import Context

BASE_FOLDERS = frozenset({"base", "bases", "base-image", "base-images", "baseimages"})
"""Folders of images that others build FROM or run with their own checks (``base/tomcat/8.5/``
of a lab collection, ``images/base/``)."""

TOOL_USES = ("terminal", "desktop")


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    one_shots = project.one_shot_services()
    for dockerfile in project.dockerfiles:
        role = project.role(dockerfile.path)
        if role.role is Role.IMAGE_SOURCE:
            continue  # a Docker Official Image leaves the health check to who deploys it
        if documented_use(dockerfile) in TOOL_USES:
            continue  # its comments run it as a terminal tool or a desktop app
        base = _base_image(dockerfile.path, role)
        for stage in project.final_stages(dockerfile):
            if _exempt_by_compose(project, dockerfile, stage, one_shots):
                continue
            if project.stage_healthcheck(dockerfile, stage).state != "none":
                continue  # its own, or that of the repository's image it is built FROM
            process = service_process(project, dockerfile, stage)
            if process is not None:
                doubt = (
                    base
                    or _trial_doubt(project, dockerfile, stage)
                    or _tool_doubt(project, dockerfile, stage)
                )
                yield _finding(context, dockerfile, stage, process, doubt)


def _exempt_by_compose(
    project: Project, dockerfile: Dockerfile, stage: Stage, one_shots: frozenset[str]
) -> bool:
    """Every compose service running this stage gives it a health check of its own (or turns
    it off), or runs once and exits."""
    services = [link.service for link in project.builds_of(dockerfile) if link.stage is stage]
    return bool(services) and all(
        service.key in one_shots
        or (service.healthcheck is not None and service.healthcheck.test is not None)
        for service in services
    )


def _base_image(path: str, role: FileRole) -> str | None:
    """Why the Dockerfile builds an image that others build FROM (a sentence), or None."""
    if role.role is Role.BASE_IMAGE:
        return _base_doubt(role.reason)
    folder = next(
        (f for f in posixpath.dirname(path).split("/") if f.lower() in BASE_FOLDERS), None
    )
    return _base_doubt(f"in a {folder}/ folder") if folder is not None else None


def _base_doubt(reason: str) -> str:
    return (
        f"This is a base image ({reason}): the images built FROM it inherit a HEALTHCHECK "
        "written here, and who runs it may give its own, so it is worth one only if every "
        "image of it serves the same thing"
    )


def _trial_doubt(project: Project, dockerfile: Dockerfile, stage: Stage) -> str | None:
    """Why nobody deploys the image (a test or development image, or an archived one), or
    None; an example keeps the warning, since people copy it into images that ship."""
    trial = trial_image(project, dockerfile, stage)
    if trial is None or trial.example:
        return None
    return f"Nobody deploys this image ({trial.reason}): a health check matters where one is"


def _tool_doubt(project: Project, dockerfile: Dockerfile, stage: Stage) -> str | None:
    """Why the image may be a command-line tool rather than a service, or None."""
    program = lone_program(project, dockerfile, stage)
    if program is None:
        return None
    return (
        f"Its ENTRYPOINT runs `{program}` alone, with no CMD and no EXPOSE: that is how a "
        "command-line tool is packaged (`docker run IMAGE ARGUMENTS`), which needs no "
        "HEALTHCHECK, though a daemon that takes no arguments looks the same"
    )


def _finding(
    context: Context, dockerfile: Dockerfile, stage: Stage, process: str, doubt: str | None
) -> Diagnostic:
    """The warning, or an info note saying ``doubt``: why the image may need no HEALTHCHECK."""
    message = (
        f"{stage_label(dockerfile, stage).capitalize()} {process} but has no HEALTHCHECK: "
        "Docker only sees that the process is running, not whether the app works. Add a "
        "HEALTHCHECK that probes the app (e.g. an exec-form check utility)"
    )
    if doubt is None:
        return context.report(message, dockerfile.path, stage.from_instruction.span)
    message += f". {doubt}"
    return context.report(message, dockerfile.path, stage.from_instruction.span, Severity.INFO)
