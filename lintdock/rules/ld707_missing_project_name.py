"""LD707 missing-project-name: a base compose file without a top-level ``name`` (an app
catalogue's platform, the Dev Containers tooling and ``docker stack deploy`` name the projects
they run)."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.service_graph import is_swarm_file
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.span import Span
from lintdock.roles import TRIAL_ROLES, Role
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    if compose is None or not compose.services or not compose.complete:
        return  # an override or fragment is named by the project it joins
    if any(key.value == "name" for key in compose.top_level_keys):
        return  # the base file or one of its overrides names the project
    if compose.dotenv_name:
        return  # COMPOSE_PROJECT_NAME in .env names it
    if compose.installed_by_platform or _dev_container(compose.path):
        return  # the app platform or the Dev Containers tooling names each project it runs
    if is_swarm_file(compose):
        return  # docker stack deploy takes the stack's name on its command line
    role = context.project.role(compose.path).role
    if role in TRIAL_ROLES and role is not Role.EXAMPLE:
        return  # a test harness or development setup: brought up and down, nothing kept
    base = next((k for k in compose.top_level_keys if k.path == compose.path), None)
    span = base.span if base is not None else Span(1, 1, 1, 1)
    message = (
        "no top-level name: the project takes the name of its folder, so the same file checked "
        "out under another folder name makes other containers, networks and volumes. Add "
        "name: <project>"
    )
    yield context.report(message, compose.path, span)


def _dev_container(path: str) -> bool:
    """A compose file of a dev container (in a ``.devcontainer/`` folder): the Dev Containers
    tooling runs it with a project name of its own (the workspace folder's, ``_devcontainer``
    appended)."""
    return ".devcontainer" in path.split("/")[:-1]
