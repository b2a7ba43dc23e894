"""Templates of the files each user of a repository creates: ``.env.example`` beside the
``.env`` that ``docker compose`` reads, ``app.env.dist`` beside ``app.env``.

A project whose ``.env`` is not there but a template of it is was loaded with the template's
values (the engine reads them as ``.env``: each user's checkout has them once it is set up);
the variables the template leaves empty are the user's to fill in.

API
---
``template_of(project, path) -> str | None``   the template a user copies to make ``path``
``dotenv_template(project) -> DotenvTemplate | None``   the compose project's ``.env`` is not
    there, but a template of it is: its path, the variables it sets and those it leaves empty
"""

from __future__ import annotations

from dataclasses import dataclass

from lintdock.discovery import env_file_beside, template_names
from lintdock.project import Project


def template_of(project: Project, path: str) -> str | None:
    """The template a user copies to make the file at ``path`` (``.env.example``,
    ``env.example`` or ``example.env`` beside ``.env``), when the repository has one."""
    return next((found for found in template_names(path) if project.exists(found)), None)


@dataclass(frozen=True, slots=True)
class DotenvTemplate:
    """The template of a compose project's missing ``.env``: the variables it sets to a value,
    and those it leaves empty (``DB_PASSWORD=``) for the user to fill in."""

    path: str
    dotenv: str
    variables: frozenset[str]
    placeholders: frozenset[str] = frozenset()


def dotenv_template(project: Project) -> DotenvTemplate | None:
    """The template of the ``.env`` beside the project's first compose file, when that
    ``.env`` is not there (a setup step: ``cp env.example .env``)."""
    if project.compose is None:
        return None
    dotenv = env_file_beside(project.compose.path)
    if project.exists(dotenv):
        return None
    template = template_of(project, dotenv)
    if template is None:
        return None
    from lintdock.parsers.compose_interpolation import parse_env_file

    values = parse_env_file(project.read_text(template) or "")
    variables = frozenset(name for name, value in values.items() if value)
    return DotenvTemplate(template, dotenv, variables, frozenset(values) - variables)
