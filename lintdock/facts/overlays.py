"""The base file a compose file linted alone is written to complete.

A variant compose file (``compose.prod.yaml``, ``docker-compose.staging.yml``) linted on its own,
beside a base file (``compose.yaml``, ``docker-compose.yml``) that defines a service of the same
name, is written for ``docker compose -f compose.yaml -f compose.prod.yaml``: what a service
runs with is the two merged. Rules that judge a setting the base may supply (LD302's restart
policy) read the merged service.

API::

    merged_service(project, service) -> Service | None
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from lintdock.discovery import COMPOSE_NAME, env_file_beside
from lintdock.facts.memo import Fact
from lintdock.parsers.compose import load_compose
from lintdock.project import Project

if TYPE_CHECKING:
    from lintdock.model.compose import Service

BASE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
"""The base files ``docker compose`` looks for, in its order."""


def merged_service(project: Project, service: Service) -> Service | None:
    """``service`` as ``-f BASE -f THIS`` makes it, when its file is a variant compose file
    linted alone and the base file in its directory defines a service of the same name; else
    None."""
    return MERGED(project, None).get(service.key)


def _merged_services(project: Project, _: None) -> dict[str, Service]:
    compose = project.compose
    if compose is None or len(compose.files) != 1:
        return {}
    path = compose.files[0]
    match = COMPOSE_NAME.fullmatch(posixpath.basename(path))
    if match is None or match["variant"] in (None, ".override"):
        return {}
    directory = posixpath.dirname(path)
    for name in BASE_NAMES:
        base = posixpath.join(directory, name)
        base_text = project.read_text(base)
        if base_text is None:
            continue
        text = project.read_text(path)
        env_text = project.read_text(env_file_beside(base))
        defined = {s.key for s in load_compose([(base, base_text)], env_text).services}
        if text is None or not defined & {s.key for s in compose.services}:
            return {}
        merged = load_compose([(base, base_text), (path, text)], env_text, project.read_text)
        return {s.key: s for s in merged.services if s.key in defined}
    return {}


MERGED = Fact("services merged with the base file", _merged_services)
