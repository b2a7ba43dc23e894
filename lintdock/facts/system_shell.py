"""Which shell ``/bin/sh`` is in a stage's base image: BusyBox's ash, Debian's dash, or unknown.

A narrower question than the image's family (``lintdock.facts.images``), which also answers
for the tools an image has: ``nginx:alpine`` is unknown there (it may have curl) but its
``/bin/sh`` is certainly ash, and ``eclipse-temurin:21-jre-noble`` is Ubuntu, whose ``/bin/sh``
is dash. Decided by the image reference alone:

- ash: the BusyBox and Alpine families, and any image whose tag or name says ``alpine``;
- dash: the Debian families (``debian``, ``ubuntu``, ``buildpack-deps`` and the images the
  family table builds on them), any image whose tag names a Debian or Ubuntu release by its
  codename (``bookworm``, ``jammy``, ``noble``…) or says ``debian``/``ubuntu``, and the Docker
  Official Images built on Debian or Ubuntu, in their default variants (a tag that names
  another system, ``ubi9-minimal``, ``oraclelinux9``, ``alpine``, Windows, stays unknown).

``reference_bash`` gives the version of bash where the reference names a Debian or Ubuntu
release whose bash is older than 5.1 (``buster``, ``focal``, ``ubuntu:18.04``), which matters
for what ``bash -c`` does with its last command (see LD304).
"""

from __future__ import annotations

import re
from typing import Literal

from lintdock.facts.images import (
    ALPINE,
    ALPINE_BASED,
    BUILDPACK,
    BUSYBOX,
    DEBIAN,
    NGINX_ALPINE,
    TEMURIN,
    image_family,
    parse_reference,
)
from lintdock.model.dockerfile import Dockerfile, Stage

SystemShell = Literal["ash", "dash"]

CODENAMES = frozenset(
    {
        *("jessie", "stretch", "buster", "bullseye", "bookworm", "trixie", "forky", "sid"),
        *("trusty", "xenial", "bionic", "focal", "jammy", "mantic", "noble", "oracular"),
        *("plucky", "questing"),
    }
)
"""Debian and Ubuntu releases by the codenames image tags use."""
DEBIAN_BASED = frozenset(
    {
        *("php", "nginx", "httpd", "node", "python", "ruby", "golang", "rust", "perl", "gcc"),
        *("postgres", "redis", "drupal", "nextcloud", "memcached", "haproxy"),
        *("ghost", "pypy", "julia", "matomo", "joomla", "mediawiki", "jenkins/jenkins"),
    }
)
"""Official Images whose default variants are built on Debian."""
UBUNTU_BASED = frozenset({"eclipse-temurin", "tomcat", "mariadb", "mongo", "rabbitmq"})
"""Official Images whose default variants are built on Ubuntu."""
OTHER_SYSTEMS = (
    *("alpine", "ubi", "oracle", "amazon", "corretto", "al2", "centos", "rocky", "alma"),
    *("fedora", "rhel", "photon", "mariner", "azurelinux", "distroless", "chiseled", "busybox"),
    *("musl", "graalvm", "wolfi", "suse", "windows", "nanoserver", "servercore", "ltsc"),
)
"""Tag words of variants built on something else than Debian or Ubuntu."""
BASH_BEFORE_5_1 = {
    **dict.fromkeys(("jessie", "trusty", "xenial", "14.04", "16.04"), (4, 3)),
    **dict.fromkeys(("stretch", "bionic", "18.04"), (4, 4)),
    **dict.fromkeys(("buster", "focal", "20.04"), (5, 0)),
}
"""The bash of the Debian and Ubuntu releases that have one older than 5.1, by the codename or
Ubuntu version image tags use (later releases have bash 5.1 or newer)."""
DOCKER_HUB = (None, "docker.io", "index.docker.io", "registry-1.docker.io")
_WORDS = re.compile(r"[a-z]+")


def system_shell(dockerfile: Dockerfile, stage: Stage) -> SystemShell | None:
    """What ``/bin/sh`` is in the external image ``stage`` is ultimately built from."""
    return reference_shell(dockerfile.root_stage(stage).base_image)


def reference_shell(reference: str) -> SystemShell | None:
    """What ``/bin/sh`` is in the image ``reference`` names; None when it cannot be told."""
    family = image_family(reference)
    if family.name in (ALPINE.name, ALPINE_BASED.name, NGINX_ALPINE.name, BUSYBOX.name):
        return "ash"
    if family.name in (DEBIAN.name, BUILDPACK.name, TEMURIN.name):
        return "dash"
    if "$" in reference or not reference.strip():
        return None
    repository, tag = _parts(reference)
    name = repository.rsplit("/", 1)[-1]
    words = set(_WORDS.findall(tag))
    systems = words | {name, repository.partition("/")[0]}
    if systems & (CODENAMES | {"debian", "ubuntu"}):
        return "dash"
    if repository in DEBIAN_BASED | UBUNTU_BASED and not any(m in tag for m in OTHER_SYSTEMS):
        return "dash"
    return None


def reference_bash(reference: str) -> tuple[int, int] | None:
    """The version of bash in the image ``reference`` names, when its tag or name gives a
    Debian or Ubuntu release with a bash older than 5.1 (``python:3.8-buster``,
    ``ubuntu:20.04``); None otherwise (newer, or not known)."""
    if "$" in reference or not reference.strip():
        return None
    repository, tag = _parts(reference)
    name = repository.rsplit("/", 1)[-1]
    names = {
        *_WORDS.findall(tag),
        name,
        *(re.findall(r"\d+\.\d+", tag) if name == "ubuntu" else ()),
    }
    found = [BASH_BEFORE_5_1[name] for name in names if name in BASH_BEFORE_5_1]
    return min(found) if found else None


def _parts(reference: str) -> tuple[str, str]:
    """The repository (Docker Hub's name and ``library/`` dropped) and the tag ("" when none),
    lower case."""
    parts = parse_reference(reference.lower())
    registry = parts.registry if parts.registry not in DOCKER_HUB else None
    path = parts.path.removeprefix("library/") if registry is None else parts.path
    return (f"{registry}/{path}" if registry else path), parts.tag or ""
