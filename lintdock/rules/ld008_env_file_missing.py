"""LD008 env-file-missing: a required ``env_file`` that does not exist."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field

from lintdock.facts.env_templates import template_of
from lintdock.facts.service_graph import report
from lintdock.files import OutsideRoot, TooLarge
from lintdock.model.compose import ComposeProject, EnvFile, Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import Project
from lintdock.roles import Role
from lintdock.rules.base import Context


@dataclass
class _Missing:
    """One missing env file as one compose file names it, with every service that reads it
    (a ``.env`` shared by ``app`` and ``cron`` is one thing to create)."""

    env_file: EnvFile
    service: Service
    services: list[str] = field(default_factory=list)


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    compose = project.compose
    if compose is None or not compose.complete or compose.installed_by_platform:
        return  # a platform writes an app's settings when it installs it
    missing: dict[tuple[str, str], _Missing] = {}
    for service in compose.services:
        if not compose.is_active(service):
            continue
        for env_file in service.env_files:
            if not env_file.required or project.exists(env_file.resolved):
                continue
            if isinstance(project.file_problem(env_file.resolved), (OutsideRoot, TooLarge)):
                continue  # not read, so not known to be missing: LD005 says why
            entry = missing.setdefault(
                (env_file.path.path, env_file.resolved), _Missing(env_file, service)
            )
            if service.key not in entry.services:
                entry.services.append(service.key)
    written_for = _project_directories(project, list(missing.values()))
    for entry in missing.values():
        message, severity = _finding(project, compose, entry, written_for)
        yield report(context, message, entry.service, entry.env_file.path, severity=severity)


def _finding(
    project: Project,
    compose: ComposeProject,
    entry: _Missing,
    written_for: dict[str, str],
) -> tuple[str, Severity | None]:
    """What to say of one missing env file, and how loudly: error where nothing but the user
    can make it; info where the repository says how (a template to copy, a setup step each
    checkout has done), where something other than the repository writes it, where a project
    directory above finds it, and in an example (whoever tries it creates the file first)."""
    env_file = entry.env_file
    refuses = f"docker compose refuses to start {_names(entry.services)}"
    written = _written_by_setup(compose, env_file)
    if written is not None:
        message = (
            f"env file {env_file.resolved} not found: {written}, so docker compose starts "
            f"{_names(entry.services)} only where that is done"
        )
        return message, Severity.INFO
    directory = written_for.get(env_file.path.path)
    relocated = _from_directory(env_file, directory) if directory is not None else None
    if relocated is not None and project.exists(relocated):
        message = (
            f"env file {env_file.resolved} not found, but {relocated} is: the file is written "
            f"for the project directory {directory or '.'} (docker compose --project-directory "
            f"{directory or '.'} -f {env_file.path.path}); from its own directory {refuses}"
        )
        return message, Severity.INFO
    template = template_of(project, env_file.resolved)
    where = env_file.resolved
    if template is None and relocated is not None:
        template = template_of(project, relocated)
        where = f"{relocated} (from the project directory {directory or '.'} it is written for)"
    if template is not None:
        message = (
            f"env file {env_file.resolved} not found: copy {template} to {where} and fill it in, "
            f"a setup step the repository asks of each user; until then {refuses}"
        )
        return message, Severity.INFO
    message = (
        f"env file {env_file.resolved} not found: {refuses}. Create it, or mark it optional "
        "with the long syntax (`- path: ...` and `required: false`)"
    )
    role = project.service_role(entry.service)
    if role.role is Role.EXAMPLE:
        return f"{message}; the file is an example ({role.reason})", Severity.INFO
    return message, None


def _names(services: list[str]) -> str:
    """The services that read the file, quoted; past four, the first three and how many more."""
    quoted = [f'"{name}"' for name in services]
    if len(quoted) > 4:
        return f"{', '.join(quoted[:3])} and {len(quoted) - 3} other services"
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


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


def _base_directory(env_file: EnvFile) -> str | None:
    """The directory Compose resolved the entry's path from (``scripts/cluster`` for
    ``./scripts/cli/timezone.env`` resolved to ``scripts/cluster/scripts/cli/timezone.env``);
    None for an absolute path or one that climbs out with ``..``."""
    written = _written(env_file)
    if posixpath.isabs(written) or written.split("/")[0] == "..":
        return None
    if env_file.resolved == written:
        return ""
    suffix = f"/{written}"
    return env_file.resolved.removesuffix(suffix) if env_file.resolved.endswith(suffix) else None


def _written(env_file: EnvFile) -> str:
    """The entry's path as written, normalised (``./scripts/cli/timezone.env`` ->
    ``scripts/cli/timezone.env``)."""
    return posixpath.normpath(env_file.path.value.replace("\\", "/"))


def _from_directory(env_file: EnvFile, directory: str) -> str:
    return posixpath.normpath(posixpath.join(directory, _written(env_file)))


def _ancestors(directory: str) -> Iterator[str]:
    """The directories above ``directory``, nearest first, up to the root (``""``)."""
    while directory:
        directory = posixpath.dirname(directory)
        yield directory


def _project_directories(project: Project, missing: list[_Missing]) -> dict[str, str]:
    """The project directory each compose file is written for, where that is not its own: the
    nearest directory above it from which one of its missing env files written with a folder
    exists (lnmp's
    ``scripts/cluster/*.yml`` name ``./scripts/cli/timezone.env``, which its scripts find
    with ``docker compose --project-directory=$PWD``)."""
    found: dict[str, str] = {}
    for entry in missing:
        file = entry.env_file.path.path
        base = _base_directory(entry.env_file)
        if file in found or base is None or "/" not in _written(entry.env_file):
            continue  # a bare name (.env) found above is too common to tell where it runs
        for directory in _ancestors(base):
            if project.exists(_from_directory(entry.env_file, directory)):
                found[file] = directory
                break
    return found
