"""LD005 file-not-read: a file lintdock did not read, at the reference that names it.

A compose file's ``env_file``, ``build.dockerfile`` and ``build.context``, the ``.env`` beside
it, and the entrypoint script a Dockerfile copies from its build context are followed only
inside the project root, to regular files within the size limit of their kind
(``lintdock.files``). The engine reports LD005 itself, at 1:1, for a linted file over its limit
or outside the root.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintdock.discovery import env_file_beside
from lintdock.files import FileProblem, Missing
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.span import Span
from lintdock.project import Project
from lintdock.rules.base import Context

if TYPE_CHECKING:
    from lintdock.model.compose import Located, Service
    from lintdock.model.dockerfile import Dockerfile, Stage
    from lintdock.model.shell import Word


def check(context: Context) -> Iterator[Diagnostic]:
    yield from _service_references(context)
    yield from _dot_env(context)
    yield from _entrypoint_scripts(context)


def _service_references(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    compose = project.compose
    for service in project.services:
        for what, located, path in _references(service):
            problem = _reported(project.file_problem(path))
            if problem is None or compose is None:
                continue
            message = f"{what} `{located.value}` of service `{service.key}` is not read: "
            unset = compose.unset_in(located)
            if unset and compose.installed_by_platform:
                continue  # the platform that installs the app sets them
            severity = None
            if unset:  # where it points is the environment's to say (an app platform's)
                message += (
                    f"its path reads {', '.join(unset)}, which .env does not set, so where it is "
                    "depends on the environment that sets it"
                )
                severity = Severity.INFO
            else:
                message += problem.reason
            yield context.report(message, located.path, located.span, severity, service=service.key)


def _dot_env(context: Context) -> Iterator[Diagnostic]:
    """The ``.env`` beside the base compose file, when it exists and is not read."""
    compose = context.project.compose
    if compose is None:
        return
    base = compose.files[0]
    path = env_file_beside(base)
    problem = _reported(context.project.file_problem(path))
    if problem is not None:
        message = "the `.env` beside it is not read, so nothing is interpolated from it: "
        yield context.report(message + problem.reason, base, Span.point(1, 1))


def _entrypoint_scripts(context: Context) -> Iterator[Diagnostic]:
    """Each script an image starts, copied from the build context, that is not read."""
    project = context.project
    seen: set[tuple[str, Span]] = set()
    for dockerfile in project.dockerfiles:
        for stage in dockerfile.stages:
            for word in _started_programs(project, dockerfile, stage):
                unread = project.unread_entrypoint(dockerfile, stage, word)
                if unread is None or (dockerfile.path, word.span) in seen:
                    continue
                seen.add((dockerfile.path, word.span))
                path, problem = unread
                message = f"the script `{word.value}` runs ({path} in the build context) is "
                yield context.report(
                    f"{message}not read: {problem.reason}", dockerfile.path, word.span
                )


def _reported(problem: FileProblem | None) -> FileProblem | None:
    """``problem`` when it is worth a finding: a missing file (a symbolic link to nothing
    included) is Compose's to report when it runs (or the image build's)."""
    return None if isinstance(problem, Missing) else problem


def _started_programs(project: Project, dockerfile: Dockerfile, stage: Stage) -> Iterator[Word]:
    """The program the stage's ENTRYPOINT (else CMD) starts, as written in the Dockerfile."""
    start = project.stage_start(dockerfile, stage)
    for part in (start.entrypoint, start.command):
        if part is None or part.instruction is None:
            continue
        script = part.script
        words = script.exec_words or (script.commands[0].argv if script.commands else ())
        if words:
            yield words[0]
        return


def _references(service: Service) -> Iterator[tuple[str, Located[str], str]]:
    """What the service refers to on disk: (what, the reference, the path it resolves to)."""
    build = service.build
    if build is not None and build.context_path is not None:
        yield "build context", build.context, build.context_path
    if build is not None and build.dockerfile is not None and build.dockerfile_path is not None:
        yield "Dockerfile", build.dockerfile, build.dockerfile_path
    for env_file in service.env_files:
        yield "env_file", env_file.path, env_file.resolved
