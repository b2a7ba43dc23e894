"""What assembles a compose file with files or names lintdock does not see: the platform of an
app catalogue, a ``docker compose -f ... -f ...`` chain a comment shows, a devcontainer.json
that lists the file after others in ``dockerComposeFile``.

A **catalogue** is a folder of app folders, each holding a compose file of the same name
(``apps/immich/docker-compose.yml``, ``apps/zipline/docker-compose.yml``, ...): an app store
whose platform completes each file when it installs the app. What the platform adds shows in
the files themselves: a name that many of them use without defining (umbrel's ``app_proxy``
service without an image, runtipi's ``tipi_main_network``) is the platform's. Those names are
``Supplied``: the file's other names are still its own to define (a dependency on a service no
sibling shares is a mistake of that file).

A file named after another in a ``-f`` chain (by its own comment, or by a devcontainer.json) is
a **fragment**: the files before it define what it patches (``overlay_reasons``).
docs/project-model.md says how each is inferred; configuration (``projects``) lints the files
of a chain together instead.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from lintdock.discovery import files_in_folders_from, undefined_names
from lintdock.model.compose import ComposeProject, Supplied

ReadText = Callable[[str], "str | None"]
Name = tuple[str, str]

CATALOGUE_MIN_APPS = 5
"""App folders a catalogue has at least (one folder per app, each with its compose file)."""
SHARED_MIN_APPS = 3
SHARED_SHARE = 3
"""A name the platform supplies is used undefined by at least ``SHARED_MIN_APPS`` apps of the
catalogue and at least one in ``SHARED_SHARE`` of them; a name fewer use is the app's own."""


def catalogues(paths: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The catalogues among compose files: ``"apps/*/docker-compose.yml"`` -> its members'
    paths, for each folder with at least ``CATALOGUE_MIN_APPS`` sub-folders that hold a compose
    file of that name."""
    members: dict[str, list[str]] = {}
    for path in sorted(set(paths)):
        if posixpath.dirname(path):
            members.setdefault(_pattern(path), []).append(path)
    return {
        pattern: tuple(found)
        for pattern, found in members.items()
        if len({posixpath.dirname(p) for p in found}) >= CATALOGUE_MIN_APPS
    }


def used_undefined(compose: ComposeProject) -> set[Name]:
    """What a file uses that it does not define: ``undefined_names``, and ``("service", name)``
    for a service it patches (neither image, build nor extends)."""
    patched = {
        ("service", service.key)
        for service in compose.services
        if service.image is None and service.build is None and service.extends_file is None
    }
    return undefined_names(compose) | patched


def platform_names(pattern: str, projects: Sequence[ComposeProject]) -> Supplied:
    """What the platform of the catalogue ``pattern`` supplies to its apps (``projects``, one
    per app): the names enough of them use without defining (perhaps none)."""
    counts = Counter(name for compose in projects for name in used_undefined(compose))
    needed = max(SHARED_MIN_APPS, -(-len(projects) // SHARED_SHARE))
    shared = frozenset(name for name, count in counts.items() if count >= needed)
    if not shared:
        return Supplied(shared, f"an app of the catalogue {pattern} ({len(projects)} apps)")
    named = ", ".join(f'{kind} "{name}"' for kind, name in sorted(shared))
    most = max(counts[name] for name in shared)
    reason = (
        f"an app of the catalogue {pattern}: {named}, used undefined by {most} of its "
        f"{len(projects)} apps, is the platform's"
    )
    return Supplied(shared, reason)


def bases_of(pattern: str, paths: Iterable[str]) -> list[str]:
    """The compose files in the catalogue's folder and the folders above it, nearest first:
    where a base the apps are given to compose after would be."""
    return files_in_folders_from(posixpath.dirname(posixpath.dirname(pattern)), paths)


def with_base(
    platform: Supplied, bases: Iterable[str], defined_by: Callable[[str], set[Name]]
) -> Supplied:
    """``platform`` with what the nearest of ``bases`` defines (``defined_by``), when it defines
    every name the apps share: the apps are given to compose after it (``-f base.yml -f
    app/docker-compose.yml``), so all its services and resources are theirs."""
    for base in bases if platform.names else ():
        defined = defined_by(base)
        if platform.names <= defined:
            reason = f"{platform.reason}; {base} defines them: the base the apps are given to"
            return Supplied(platform.names | frozenset(defined), f"{reason} compose after")
    return platform


def supplied_to(compose: ComposeProject, platform: Supplied) -> Supplied:
    """What of ``platform``'s names ``compose`` uses."""
    return Supplied(frozenset(used_undefined(compose) & platform.names), platform.reason)


_CHAIN = re.compile(r"(?:^|\s)-f\s+['\"]?([^\s'\"]+)")


def chain_in_comments(compose: ComposeProject) -> str | None:
    """Why a file's own comments show it is given to compose after another file
    (``# docker compose -f this.yml -f docker-compose.yml up``): None when they do not."""
    name = posixpath.basename(compose.path)
    for comment in compose.comments:
        if comment.path != compose.path:
            continue
        files = _CHAIN.findall(comment.text)
        others = [f for f in files if posixpath.basename(f) != name]
        if others and len(others) < len(files):
            chain = " ".join(f"-f {f}" for f in files)
            return f"{compose.path} is one of `{chain}` (its comment, line {comment.span.line})"
    return None


DEVCONTAINER_FILES = ("devcontainer.json", ".devcontainer.json", ".devcontainer/devcontainer.json")
_COMPOSE_FILES = re.compile(r'"dockerComposeFile"\s*:\s*(\[[^\]]*\]|"(?:[^"\\]|\\.)*")')
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def devcontainer_chain(path: str, read_text: ReadText) -> str | None:
    """Why a devcontainer.json beside (or below) the file makes it a fragment: it lists the
    file in ``dockerComposeFile`` after another one (the Dev Containers ``-f`` chain)."""
    found = _devcontainer_listing(path, read_text)
    if found is None:
        return None
    config, files, _ = found
    return f"{config} runs it after another file (dockerComposeFile: {', '.join(files)})"


def devcontainer_first(path: str, read_text: ReadText) -> str | None:
    """The first file of the Dev Containers ``-f`` chain that lists the file after another
    one: its folder is the project directory the file's relative paths resolve from (the
    devcontainer templates say so: "relative to the *primary* docker-compose.yml"); None when
    no devcontainer.json lists it so."""
    found = _devcontainer_listing(path, read_text)
    return found[2][0] if found is not None else None


def _devcontainer_listing(
    path: str, read_text: ReadText
) -> tuple[str, list[str], list[str]] | None:
    """The devcontainer.json beside (or below) the file that lists it in ``dockerComposeFile``
    after another file, with the files as written and as resolved from its folder."""
    folder = posixpath.dirname(path)
    wanted = posixpath.normpath(path)
    for name in DEVCONTAINER_FILES:
        config = posixpath.join(folder, name)
        text = read_text(config)
        found = _COMPOSE_FILES.search(text) if text else None
        if found is None:
            continue
        files = [_decoded(s) for s in _STRING.findall(found.group(1))]
        here = posixpath.dirname(config)
        resolved = [posixpath.normpath(posixpath.join(here, f)) for f in files]
        if wanted in resolved[1:]:
            return config, files, resolved
    return None


def _decoded(text: str) -> str:
    try:
        decoded = json.loads(f'"{text}"')
    except ValueError:
        return text
    return decoded if isinstance(decoded, str) else text


def overlay_reasons(compose: ComposeProject, read_text: ReadText) -> str | None:
    """Why a compose file that compose would load by itself is a fragment of a ``-f`` chain
    something else runs: its comment or a devcontainer.json says so."""
    return chain_in_comments(compose) or devcontainer_chain(compose.path, read_text)


def _pattern(path: str) -> str:
    """``apps/*/docker-compose.yml`` for ``apps/immich/docker-compose.yml``."""
    folder, name = posixpath.split(path)
    return posixpath.join(posixpath.dirname(folder), "*", name)
