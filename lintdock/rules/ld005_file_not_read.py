"""LD005 file-not-read: a file lintdock did not read, at the reference that names it.

A compose file's ``env_file``, ``build.dockerfile`` and ``build.context`` are followed only
inside the project root, to regular files within the size limit of their kind
(``lintdock.files``). The engine reports LD005 itself, at 1:1, for a linted file over its limit
or outside the root.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintdock.files import NotReadable
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

if TYPE_CHECKING:
    from lintdock.model.compose import Located, Service


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for service in project.services:
        for what, located, path in _references(service):
            problem = project.file_problem(path)
            if problem is None or (isinstance(problem, NotReadable) and not os.path.lexists(path)):
                continue  # a missing file is Compose's to report when it runs
            message = f"{what} `{located.value}` of service `{service.key}` is not read: "
            yield context.report(
                message + problem.reason, located.path, located.span, service=service.key
            )


def _references(service: Service) -> Iterator[tuple[str, Located[str], str]]:
    """What the service refers to on disk: (what, the reference, the path it resolves to)."""
    build = service.build
    if build is not None and build.context_path is not None:
        yield "build context", build.context, build.context_path
    if build is not None and build.dockerfile is not None and build.dockerfile_path is not None:
        yield "Dockerfile", build.dockerfile, build.dockerfile_path
    for env_file in service.env_files:
        yield "env_file", env_file.path, env_file.resolved
