"""Templates of the files each user of a repository creates: ``.env.example`` beside the
``.env`` that ``docker compose`` reads, ``app.env.dist`` beside ``app.env``.

API
---
``template_of(project, path) -> str | None``   the template a user copies to make ``path``
``dotenv_template(project) -> DotenvTemplate | None``   the compose project's ``.env`` is not
    there, but a template of it is: its path and the variables it sets
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lintdock.project import Project

TEMPLATE_SUFFIXES = (".example", ".dist", ".sample", ".template", ".tpl", ".defaults")
"""What a repository names the template of a file each user creates (``.env.example``)."""


def template_of(project: Project, path: str) -> str | None:
    """The template a user copies to make the file at ``path`` (``.env.example``,
    ``env.example`` or ``example.env`` beside ``.env``), when the repository has one."""
    directory, name = posixpath.split(path)
    stem = name.removesuffix(".env")
    candidates = [f"{name}{suffix}" for suffix in TEMPLATE_SUFFIXES]
    if name.startswith("."):
        candidates += [f"{name[1:]}{suffix}" for suffix in TEMPLATE_SUFFIXES]
    if name.endswith(".env"):
        candidates += [f"{stem}{suffix}.env" for suffix in TEMPLATE_SUFFIXES]
        candidates += [f"{suffix.lstrip('.')}{name}" for suffix in TEMPLATE_SUFFIXES]
    for candidate in candidates:
        found = posixpath.join(directory, candidate)
        if project.exists(found):
            return found
    return None


@dataclass(frozen=True, slots=True)
class DotenvTemplate:
    """The template of a compose project's missing ``.env`` and the variables it sets to a
    value (one left empty, ``DB_PASSWORD=``, is for the user to fill in)."""

    path: str
    dotenv: str
    variables: frozenset[str]


def dotenv_template(project: Project) -> DotenvTemplate | None:
    """The template of the ``.env`` beside the project's first compose file, when that
    ``.env`` is not there (a setup step: ``cp env.example .env``)."""
    if project.compose is None:
        return None
    dotenv = posixpath.join(posixpath.dirname(project.compose.path), ".env")
    if project.exists(dotenv):
        return None
    template = template_of(project, dotenv)
    if template is None:
        return None
    from lintdock.parsers.compose_interpolation import parse_env_file

    values = parse_env_file(project.read_text(template) or "")
    variables = frozenset(name for name, value in values.items() if value)
    return DotenvTemplate(template, dotenv, variables)
