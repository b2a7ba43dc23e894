"""Distributions whose package repositories no longer change: an end-of-life release (CentOS
Linux, Debian up to buster, Ubuntu LTS releases out of standard support), or a stage that points
its package manager at the release's archive (``vault.centos.org``, ``archive.debian.org``,
``old-releases.ubuntu.com``). A package installed there without a version is the same on every
build: pinning it changes nothing (the image has a different problem: no security fixes).

Decided by the base image's reference (name and tag words, Ubuntu's version numbers) and by the
words of the stage's RUN commands; a release that is still supported is never called frozen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintdock.facts.images import parse_reference
from lintdock.facts.memo import Fact
from lintdock.facts.run_scripts import posix_script
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.project import Project

END_OF_LIFE = {
    "jessie": "Debian 8 (jessie)",
    "stretch": "Debian 9 (stretch)",
    "buster": "Debian 10 (buster)",
    "trusty": "Ubuntu 14.04 (trusty)",
    "xenial": "Ubuntu 16.04 (xenial)",
    "bionic": "Ubuntu 18.04 (bionic)",
    "focal": "Ubuntu 20.04 (focal)",
}
"""Debian and Ubuntu LTS releases whose regular repositories get no more updates (Ubuntu's
paid ESM aside), by the codenames image tags use."""
UBUNTU_VERSIONS = {"14.04": "trusty", "16.04": "xenial", "18.04": "bionic", "20.04": "focal"}
SOURCE_MARKERS = ("add-apt-repository", "sources.list.d/", "--add-repo", "addrepo", "apt-key")
"""Words of a command that adds a package source (a PPA, a repository file or key): what is
installed from it may change, whatever the release."""
ARCHIVE_HOSTS = ("vault.centos.org", "archive.debian.org", "old-releases.ubuntu.com")
"""Where an end-of-life release's packages stay, frozen, once its mirrors drop it."""
_WORDS = re.compile(r"[a-z0-9.]+")


def frozen_release(project: Project, dockerfile: Dockerfile, stage: Stage) -> str | None:
    """Why the packages ``stage`` installs cannot change from one build to the next, or None:
    never when the stage adds a package source of its own (a PPA, a repository file)."""
    archive, adds_source = _SOURCES(project, dockerfile).get(stage.index, (None, False))
    if adds_source:
        return None
    base = dockerfile.root_stage(stage).base_image
    release = end_of_life(base)
    if release is not None:
        return f"{base} is {release}, past its end of life, whose repositories no longer change"
    return archive


def _sources(project: Project, dockerfile: Dockerfile) -> dict[int, tuple[str | None, bool]]:
    """Per stage (by index): the release archive it (or a stage it is built FROM) installs
    from, and whether it adds a package source of its own; one pass per file, in stage order
    (a parent comes before the stages built on it)."""
    found: dict[int, tuple[str | None, bool]] = {}
    for stage in dockerfile.stages:
        inherited = found.get(stage.parent) if stage.parent is not None else None
        archive, adds = inherited or (None, False)
        words = list(_stage_words(project, dockerfile, stage))
        host = next((h for w in words for h in ARCHIVE_HOSTS if h in w), None)
        if archive is None and host is not None:
            archive = f"the stage installs from {host}, the frozen archive of its release"
        adds = adds or any(marker in w for w in words for marker in SOURCE_MARKERS)
        found[stage.index] = (archive, adds)
    return found


def _stage_words(project: Project, dockerfile: Dockerfile, stage: Stage) -> Iterator[str]:
    """The words of the commands of the stage's RUNs."""
    for instruction in stage.instructions:
        script = posix_script(project, dockerfile, stage, instruction)
        for command in script.commands if script is not None else ():
            yield from (word.value for word in command.argv)


_SOURCES: Fact[Dockerfile, dict[int, tuple[str | None, bool]]] = Fact("package sources", _sources)


def end_of_life(reference: str) -> str | None:
    """The end-of-life release an image reference names (``centos:7``, ``debian:buster``,
    ``ubuntu:18.04``, ``python:3.8-buster``), by its name (``Debian 10 (buster)``), or None."""
    if "$" in reference:
        return None
    parts = parse_reference(reference.lower())
    name = parts.path.rsplit("/", 1)[-1]
    tag = parts.tag or "latest"
    words = set(_WORDS.findall(tag))
    if name == "centos" and not tag.startswith("stream"):
        return "CentOS Linux"
    if name == "ubuntu":
        words |= {UBUNTU_VERSIONS[v] for v in UBUNTU_VERSIONS if tag.startswith(v)}
    codename = next((c for c in sorted(END_OF_LIFE) if c in words), None)
    if codename is not None:
        return END_OF_LIFE[codename]
    return None
