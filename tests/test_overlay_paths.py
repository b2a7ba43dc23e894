"""Relative paths of a later ``-f`` file resolve from the project directory.

``docker compose -f docker-compose.yml -f extensions/beat/beat-compose.yml up`` resolves the
extension's ``build.context``, bind mounts, ``env_file``, ``include`` and ``extends.file`` from
the directory of the first file, not from the extension's own folder; only a file loaded by
``include`` or ``extends.file`` keeps its own directory. A lone extension file lintdock infers
to be such an overlay (it uses names of a base above it) is loaded the same way, with the
base's ``.env``, so its services build the Dockerfiles Compose builds.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from conftest import WriteTree
from oracles import compose_config

from lintdock.engine import lint_paths, lint_texts
from lintdock.model.span import Span
from lintdock.parsers.compose import load_compose

BASE = """\
services:
  search:
    image: search:${SEARCH_TAG}
    networks: [elk]
networks:
  elk: {}
"""
BEAT = """\
services:
  beat:
    build:
      context: extensions/beat/
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:5066"]
    volumes:
      - ./extensions/beat/config/beat.yml:/etc/beat.yml:ro
    networks: [elk]
    depends_on: [search]
"""
TOOL = """\
services:
  tool:
    extends:
      file: extensions/tool/common.yml
      service: common
    networks: [elk]
    depends_on: [search]
"""
COMMON = """\
services:
  common:
    build: ./image
"""
PROJECT = {
    "docker-compose.yml": BASE,
    ".env": "SEARCH_TAG=8.1\n",
    "extensions/beat/Dockerfile": 'FROM alpine:3.20\nCMD ["beat"]\n',
    "extensions/beat/config/beat.yml": "output: search\n",
    "extensions/beat/beat-compose.yml": BEAT,
    "extensions/tool/common.yml": COMMON,
    "extensions/tool/image/Dockerfile": 'FROM alpine:3.20\nCMD ["tool"]\n',
    "extensions/tool/tool-compose.yml": TOOL,
}


def found(codes: list[str], path: str) -> list[tuple[str, Span]]:
    return [(d.code, d.span) for d in lint_texts(PROJECT, select=codes) if d.path == path]


def test_an_extension_builds_from_the_project_directory() -> None:
    """The compose healthcheck of the extension is the image's: LD101 on its Dockerfile is gone,
    and the check runs curl, which the Alpine image it builds lacks (LD109)."""
    assert found(["LD101"], "extensions/beat/Dockerfile") == []
    assert found(["LD109"], "extensions/beat/beat-compose.yml") == [("LD109", Span(6, 21, 6, 27))]


def test_a_dockerfile_no_healthcheck_reaches_still_lacks_one() -> None:
    assert found(["LD101"], "extensions/tool/image/Dockerfile") == [("LD101", Span(1, 1, 1, 17))]


def test_the_extension_is_the_project_of_the_dockerfile_it_builds(tree: WriteTree) -> None:
    tree(PROJECT)
    projects = lint_paths(["."], workers=1).projects
    assert projects["extensions/beat/Dockerfile"] == ("extensions/beat/beat-compose.yml",)
    assert projects["extensions/tool/image/Dockerfile"] == (
        "extensions/tool/common.yml",
        "extensions/tool/tool-compose.yml",
    )


def test_extends_file_of_an_extension_resolves_from_the_project_directory() -> None:
    assert found(["LD003"], "extensions/tool/tool-compose.yml") == []


def loaded_chain(*paths: str, directory: str | None = None) -> dict[str, object]:
    compose = load_compose(
        [(p, PROJECT[p]) for p in paths],
        PROJECT[".env"],
        PROJECT.get,
        project_directory=directory,
    )
    return {
        s.key: (s.build.context_path, s.build.dockerfile_path) if s.build else None
        for s in compose.services
    }


def test_a_later_file_resolves_from_the_first_files_directory() -> None:
    services = loaded_chain(
        "docker-compose.yml",
        "extensions/beat/beat-compose.yml",
        "extensions/tool/tool-compose.yml",
    )
    assert services["beat"] == ("extensions/beat", "extensions/beat/Dockerfile")
    assert services["tool"] == ("extensions/tool/image", "extensions/tool/image/Dockerfile")


def test_a_project_directory_given_replaces_the_first_files() -> None:
    services = loaded_chain("extensions/beat/beat-compose.yml", directory="")
    assert services["beat"] == ("extensions/beat", "extensions/beat/Dockerfile")
    alone = loaded_chain("extensions/beat/beat-compose.yml")
    assert alone["beat"] == (
        "extensions/beat/extensions/beat",
        "extensions/beat/extensions/beat/Dockerfile",
    )


def test_an_extension_alone_in_its_folder_keeps_its_own_directory() -> None:
    """With no base above it that it uses, nothing says it is an overlay: it is loaded alone."""
    alone = BEAT.replace("    networks: [elk]\n    depends_on: [search]\n", "")
    files = {"extensions/beat/beat-compose.yml": alone}
    files["extensions/beat/Dockerfile"] = PROJECT["extensions/beat/Dockerfile"]
    codes = [d.code for d in lint_texts(files, select=["LD101", "LD109"])]
    assert codes == ["LD101"]


def test_compose_resolves_the_chain_as_lintdock_does(tree: WriteTree) -> None:
    """The oracle: ``docker-compose -f BASE -f EXTENSION ... config`` resolves each build context
    where lintdock does."""
    root = tree(PROJECT)
    chain = ["docker-compose.yml", "extensions/beat/beat-compose.yml"]
    chain.append("extensions/tool/tool-compose.yml")
    result = compose_config(root, chain, None, "--format", "json")
    assert result.returncode == 0, result.stderr
    contexts = {
        name: Path(service["build"]["context"]).resolve()
        for name, service in json.loads(result.stdout)["services"].items()
        if "build" in service
    }
    ours = loaded_chain(*chain)
    assert contexts == {
        name: (root / posixpath.normpath(str(built[0]))).resolve()  # type: ignore[index]
        for name, built in ours.items()
        if built is not None
    }


DEV_OVERLAY = """\
services:
  search:
    build:
      context: .
      dockerfile: .devcontainer/Dockerfile
    volumes:
      - ..:/workspaces:cached
"""


def test_a_devcontainer_overlay_resolves_from_the_primary_files_folder(tree: WriteTree) -> None:
    """Dev Containers runs ``-f ../docker-compose.yml -f docker-compose.yml``: the overlay's
    build is the root's ``.devcontainer/Dockerfile``."""
    tree(
        {
            "docker-compose.yml": BASE,
            ".devcontainer/devcontainer.json": (
                '{"dockerComposeFile": ["../docker-compose.yml", "docker-compose.yml"]}'
            ),
            ".devcontainer/docker-compose.yml": DEV_OVERLAY,
            ".devcontainer/Dockerfile": "FROM alpine:3.20\n",
        }
    )
    projects = lint_paths(["."], workers=1).projects
    assert projects[".devcontainer/Dockerfile"] == (".devcontainer/docker-compose.yml",)
