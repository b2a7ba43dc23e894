"""LD008 env-file-missing: a required ``env_file`` that does not exist."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from lintdock.facts.service_graph import report
from lintdock.files import OutsideRoot, TooLarge
from lintdock.model.compose import ComposeProject, EnvFile
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import Project
from lintdock.rules.base import Context

TEMPLATE_SUFFIXES = (".example", ".dist", ".sample", ".template", ".tpl", ".defaults")
"""What a repository names the template of a file each user creates (``.env.example``)."""


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    compose = project.compose
    if compose is None or not compose.complete or compose.installed_by_platform:
        return  # a platform writes an app's settings when it installs it
    for service in compose.services:
        if not compose.is_active(service):
            continue
        for env_file in service.env_files:
            if not env_file.required or project.exists(env_file.resolved):
                continue
            if isinstance(project.file_problem(env_file.resolved), (OutsideRoot, TooLarge)):
                continue  # not read, so not known to be missing: LD005 says why
            written = _written_by_setup(compose, env_file)
            if written is not None:
                message = (
                    f"env file {env_file.resolved} not found: {written}, so docker compose "
                    f'starts "{service.key}" only where that is done'
                )
                yield report(context, message, service, env_file.path, severity=Severity.INFO)
                continue
            template = _template_of(project, env_file.resolved)
            if template is not None:
                message = (
                    f"env file {env_file.resolved} not found, but {template} is beside it: "
                    f'a setup step, docker compose refuses to start "{service.key}" until it is '
                    f"done. Copy {posixpath.basename(template)} to "
                    f"{posixpath.basename(env_file.resolved)} and fill it in"
                )
                yield report(context, message, service, env_file.path, severity=Severity.INFO)
                continue
            message = (
                f"env file {env_file.resolved} not found: docker compose refuses to start "
                f'"{service.key}". Create it, or mark it optional with the long syntax '
                "(`- path: ...` and `required: false`)"
            )
            yield report(context, message, service, env_file.path)


PLATFORM_ENV_FILES = {"stack.env": "Portainer writes a stack's environment variables to stack.env"}
"""Env files an app platform writes beside the compose file it deploys, by name."""


def _written_by_setup(compose: ComposeProject, env_file: EnvFile) -> str | None:
    """Who writes the env file when it is not the repository: an app platform (Portainer's
    ``stack.env``), or the environment (its path reads variables ``.env`` does not set)."""
    unset = compose.unset_in(env_file.path)
    if unset:
        return f"its path reads {', '.join(unset)}, which .env does not set"
    platform = PLATFORM_ENV_FILES.get(posixpath.basename(env_file.resolved))
    if platform is not None:
        return platform
    return None


def _template_of(project: Project, path: str) -> str | None:
    """The template a user copies to make the file at ``path`` (``.env.example`` beside
    ``.env``, ``example.env``), when the repository has one."""
    directory, name = posixpath.split(path)
    stem = name.removesuffix(".env")
    candidates = [f"{name}{suffix}" for suffix in TEMPLATE_SUFFIXES]
    if name.endswith(".env"):
        candidates += [f"{stem}{suffix}.env" for suffix in TEMPLATE_SUFFIXES]
        candidates += [f"{suffix.lstrip('.')}{name}" for suffix in TEMPLATE_SUFFIXES]
    for candidate in candidates:
        found = posixpath.join(directory, candidate)
        if project.exists(found):
            return found
    return None
