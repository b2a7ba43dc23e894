"""Base image families: what lintdock knows about an image from its reference alone (``FROM``
or compose ``image:``). When a fact depends on an image lintdock cannot see, the answer is None
("unknown"), never a guess.

Families
--------
Decided by the image reference, tag included (``docker.io/library/`` and digests ignored):

============== ============================================================ ===== ===== =====
family         images                                                        sh    curl  wget
============== ============================================================ ===== ===== =====
scratch        ``scratch``                                                   no    no    no
distroless     ``gcr.io/distroless/*`` (not ``:debug*``), ``cgr.dev/chainguard/  no    no    no
               static``, ``mcr.microsoft.com/dotnet/*:*-chiseled*``; only
               their language runtime (java, python3, node, dotnet) is there
busybox        ``busybox``, ``gcr.io/distroless/*:debug*`` (BusyBox wget)    yes   no    yes
alpine         ``alpine``; ``docker:*`` (every Linux tag: ``cli``, ``dind``,    yes   no    yes
               ``dind-rootless``); ``python``, ``node``, ``golang``, ``rust``
               and ``mcr.microsoft.com/dotnet/{runtime-deps,runtime,aspnet}``
               with an ``alpine`` tag (BusyBox wget, no curl)
debian         ``debian:*`` and ``ubuntu:*`` (every tag: neither ships an HTTP  yes   no    no
               client), ``python``, ``node``, ``ruby`` with a ``slim`` tag
buildpack-deps ``buildpack-deps:*``; ``python``, ``node``, ``golang``, ``ruby``, yes   yes   yes
               ``rust``, ``perl``, ``gcc``, ``openjdk`` with a plain version or
               Debian codename tag (built on buildpack-deps)
temurin        ``eclipse-temurin`` and the official images built on it          yes   yes   yes
               (``tomcat``, ``jruby``) in their Ubuntu variants (no ``alpine``,
               ``ubi`` or Windows tag): Temurin installs curl and wget
windows        ``mcr.microsoft.com/windows/*``, ``*nanoserver*``,               exempt
               ``*servercore*`` tags (shell form runs ``cmd``)
nginx-alpine   ``nginx`` with an ``alpine`` tag (not ``alpine-slim``): it adds    yes   yes   yes
               curl to register with DNS service discovery
alpine-based   any other image with an ``alpine`` tag (``nginx:1.27-alpine``,    yes   ?     yes
               ``nginxinc/nginx-unprivileged:*-alpine3.22``) or the word
               ``alpine`` in its name (``alpine/git``, ``easypi/alpine-arm``):
               BusyBox is there, whether it adds curl is not known
unknown        everything else, and references with unresolved ``$ARG``s       ?     ?     ?
============== ============================================================ ===== ===== =====

Other images built on Debian are "unknown" on purpose, and those built on Alpine say nothing
of curl: several install it (``nginx:alpine``, ``php:*``), and a wrong "absent" is worse than no
answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.vocabulary import is_windows_image


@dataclass(frozen=True)
class ImageFamily:
    """What is known about a kind of base image.

    ``present``/``absent`` are programs known to be there or not; in a ``bare`` family every
    program not ``present`` is absent (scratch, distroless). ``certain``: the facts hold for every
    image of the family (LD109 reports them as errors; the others as warnings). ``/bin/sh`` is
    the program ``sh``.
    """

    name: str
    label: str
    present: frozenset[str] = frozenset()
    absent: frozenset[str] = frozenset()
    bare: bool = False
    certain: bool = False

    def presence(self, tool: str) -> bool | None:
        """True, False or None (unknown) for a program name."""
        if tool in self.present:
            return True
        if tool in self.absent or self.bare:
            return False
        return None


SCRATCH = ImageFamily("scratch", "scratch (an empty image)", bare=True, certain=True)
DISTROLESS = ImageFamily("distroless", "distroless (no shell, no tools)", bare=True, certain=True)
BUSYBOX = ImageFamily(
    "busybox", "BusyBox (wget, no curl)", frozenset({"sh", "wget"}), frozenset({"curl"})
)
ALPINE = replace(BUSYBOX, name="alpine", label="Alpine (BusyBox wget, no curl)")
ALPINE_BASED = ImageFamily(
    "alpine-based", "built on Alpine (BusyBox wget; curl not known)", frozenset({"sh", "wget"})
)
DEBIAN = ImageFamily(
    "debian",
    "Debian/Ubuntu without curl or wget",
    frozenset({"sh"}),
    frozenset({"curl", "wget"}),
)
BUILDPACK = ImageFamily(
    "buildpack-deps", "buildpack-deps (curl and wget)", frozenset({"sh", "curl", "wget"})
)
NGINX_ALPINE = replace(
    BUILDPACK, name="nginx-alpine", label="nginx on Alpine (curl and BusyBox wget)"
)
TEMURIN = replace(BUILDPACK, name="temurin", label="Eclipse Temurin on Ubuntu (curl and wget)")
WINDOWS = ImageFamily("windows", "Windows")
UNKNOWN = ImageFamily("unknown", "unknown")

FLOATING_TAGS = ("latest", "stable", "edge", "test", "nightly", "dev", "beta", "canary", "lts")
"""Tags that name no fixed version (LD704's default, and what LD804 leaves to it)."""

_DISTROLESS_RUNTIMES = {
    "java": ("java",),
    "python3": ("python3", "python"),
    "nodejs": ("node", "nodejs"),
}
_ALPINE_VARIANTS = frozenset(
    (
        "python",
        "node",
        "golang",
        "rust",
        "mcr.microsoft.com/dotnet/runtime-deps",
        "mcr.microsoft.com/dotnet/runtime",
        "mcr.microsoft.com/dotnet/aspnet",
    )
)
_ALPINE_IMAGES = frozenset(("alpine", "docker"))
"""Images built on Alpine in every Linux variant, with no ``alpine`` in the tag: Docker's
``docker`` image (``docker:29-cli`` is ``FROM alpine``, adding ca-certificates, openssh-client
and git; ``dind`` and ``dind-rootless`` build on it)."""
_SLIM_VARIANTS = frozenset(("python", "node", "ruby"))
_BUILDPACK_BASED = frozenset(("python", "node", "golang", "ruby", "rust", "perl", "gcc", "openjdk"))
_TEMURIN_BASED = frozenset(("eclipse-temurin", "tomcat", "jruby"))
"""Eclipse Temurin's images, and the official images built FROM them: the Ubuntu variants
install curl and wget ("for historical reasons", adoptium/containers#255) and keep them."""
_VARIANT_MARKERS = (
    "alpine",
    "slim",
    "windows",
    "nanoserver",
    "servercore",
    "ltsc",
    "chiseled",
    "distroless",
    "musl",
    "uclibc",
    "glibc",
    "oracle",
)
_UBI = re.compile(r"(^|[^a-z])ubi\d*($|[^a-z])")
"""Red Hat's Universal Base Image in a tag (``21-jdk-ubi9-minimal``; not ``ubuntu``)."""
_HUB_PREFIXES = (
    "docker.io/library/",
    "index.docker.io/library/",
    "docker.io/",
    "index.docker.io/",
    "registry-1.docker.io/library/",
    "library/",
)


def _split_reference(reference: str) -> tuple[str, str | None]:
    """``repository`` (Docker Hub prefixes dropped, lower-cased) and tag (None: none written;
    ``latest`` is implied unless the reference is pinned by digest only)."""
    name, _, digest = reference.strip().lower().partition("@")
    slash, colon = name.rfind("/"), name.rfind(":")
    repository, tag = (name[:colon], name[colon + 1 :]) if colon > slash else (name, None)
    for prefix in _HUB_PREFIXES:
        if repository.startswith(prefix):
            repository = repository[len(prefix) :]
            break
    if tag is None and not digest:
        tag = "latest"
    return repository, tag


@dataclass(frozen=True)
class Reference:
    """An image reference as written: ``registry`` (None for Docker Hub), ``path``, ``tag`` and
    ``digest`` (None when not written)."""

    registry: str | None
    path: str
    tag: str | None
    digest: str | None


def repository_of(reference: str) -> str:
    """An image reference's repository, lower case, Docker Hub prefixes, tag and digest
    dropped (``docker.io/library/kibana:8`` gives ``kibana``, ``ghcr.io/o/app:1``
    ``ghcr.io/o/app``)."""
    return _split_reference(reference)[0]


def parse_reference(reference: str) -> Reference:
    """``registry.example.com:5000/team/app:1.2@sha256:…`` into its parts; the first component
    is a registry when it has a dot or a port, or is ``localhost`` (Docker's rule)."""
    name, _, digest = reference.strip().partition("@")
    slash, colon = name.rfind("/"), name.rfind(":")
    path, tag = (name[:colon], name[colon + 1 :]) if colon > slash else (name, None)
    first, _, rest = path.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        return Reference(first, rest, tag, digest or None)
    return Reference(None, path, tag, digest or None)


def image_family(reference: str) -> ImageFamily:
    """The family of an image reference (see the module docstring's table)."""
    if "$" in reference or not reference.strip():
        return UNKNOWN
    repository, tag = _split_reference(reference)
    if repository == "scratch":
        return SCRATCH
    if is_windows_image(repository, tag or ""):
        return WINDOWS
    for decide in (_distroless_family, _busybox_family, _debian_family):
        family = decide(repository, tag)
        if family is not None:
            return family
    return UNKNOWN


def _distroless_family(repository: str, tag: str | None) -> ImageFamily | None:
    if repository.startswith("gcr.io/distroless/"):
        if tag is None or "debug" in tag:
            return BUSYBOX if tag is not None else None
        flavour = repository.removeprefix("gcr.io/distroless/")
        runtime = next(
            (tools for prefix, tools in _DISTROLESS_RUNTIMES.items() if flavour.startswith(prefix)),
            (),
        )
        return replace(DISTROLESS, present=frozenset(runtime))
    if repository == "cgr.dev/chainguard/static":
        return DISTROLESS
    if repository.startswith("mcr.microsoft.com/dotnet/") and tag and "chiseled" in tag:
        runtime = () if repository.endswith("runtime-deps") else ("dotnet",)
        return replace(DISTROLESS, present=frozenset(runtime))
    return None


def _busybox_family(repository: str, tag: str | None) -> ImageFamily | None:
    if repository == "busybox":
        return BUSYBOX
    alpine_tag = tag is not None and "alpine" in tag
    if repository in _ALPINE_IMAGES or (repository in _ALPINE_VARIANTS and alpine_tag):
        return ALPINE
    if repository == "nginx" and alpine_tag and "slim" not in (tag or ""):
        return NGINX_ALPINE
    return ALPINE_BASED if alpine_tag or named_alpine(repository) else None


def named_alpine(reference: str) -> bool:
    """Whether an image's name has the word ``alpine`` (``alpine/git``, ``easypi/alpine-arm``):
    a name says what the image is built on."""
    return "alpine" in image_words(reference)


def _debian_family(repository: str, tag: str | None) -> ImageFamily | None:
    if repository in ("debian", "ubuntu"):
        return DEBIAN
    if tag is None:
        return None
    if repository in _SLIM_VARIANTS and "slim" in tag:
        return DEBIAN
    plain = not any(marker in tag for marker in _VARIANT_MARKERS) and not _UBI.search(tag)
    if repository == "buildpack-deps" or (repository in _BUILDPACK_BASED and plain):
        return BUILDPACK
    if repository in _TEMURIN_BASED and plain:
        return TEMURIN
    return None


def external_base(dockerfile: Dockerfile, stage: Stage) -> Stage:
    """The stage at the root of ``stage``'s lineage: the one built FROM an external image."""
    return dockerfile.root_stage(stage)


def base_family(dockerfile: Dockerfile, stage: Stage) -> ImageFamily:
    """The family of the external image ``stage`` is ultimately built from."""
    return image_family(external_base(dockerfile, stage).base_image)


_WORD = re.compile(r"[a-z0-9]+")
VARIABLE = re.compile(r"\$\{[^}]*\}|\$\w+")


def image_words(reference: str) -> tuple[str, ...]:
    """The words of an image's repository path, registry, tag, digest and unset
    ``${VARIABLES}`` left out."""
    path = parse_reference(VARIABLE.sub(" ", reference)).path.lower()
    return tuple(_WORD.findall(path))


def named(reference: str, names: Iterable[str]) -> str | None:
    """The first of ``names`` whose words come in a row in the image's words, or None."""
    words = image_words(reference)
    for name in names:
        wanted = tuple(_WORD.findall(name.lower()))
        size = len(wanted)
        if size and any(words[i : i + size] == wanted for i in range(len(words) - size + 1)):
            return name
    return None
