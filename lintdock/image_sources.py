"""Images a repository builds: a compose service that pulls ``ghcr.io/acme/api`` may run an image
built from a Dockerfile of the same repository. This traces a pulled image to that Dockerfile
where the repository says so:

1. a compose service of the run that builds and tags it (``build:`` and ``image:``), in any
   compose file, not only the service's own project;
2. a Docker Bake target (``docker-bake.hcl``, ``docker-bake.json``, any ``.hcl`` file with
   ``target`` blocks) with that tag;
3. weaker, a service that pulls the image and bind-mounts a file of a folder holding a
   Dockerfile over the file of that name in the container (the image's source mounted over its
   own copy, as a development setup does): that Dockerfile *may* define the image;
4. weaker, a Dockerfile in a folder named after the image's last path component
   (``data/Dockerfiles/unbound/Dockerfile`` for ``ghcr.io/mailcow/unbound``), or in folders
   named after it and its tag (``base/elasticsearch/1.6.0/Dockerfile`` for
   ``vulhub/elasticsearch:1.6.0``, tried first): the Dockerfile *may* define the image. Only
   for images outside Docker's Official Images (a ``redis/`` folder rarely holds the source of
   ``redis``), and only when one folder matches.

A tag matches its reference exactly, else by repository (``acme/api:1.2`` is built by the
target that tags ``acme/api:${VERSION}``): the same source at another version.

    RepositoryImages.build(composes, bakes, dockerfiles, exists) -> RepositoryImages
    RepositoryImages.source_of(reference) -> ImageSource | None
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lintdock.facts.official_images import DOCKER_HUB, OFFICIAL_IMAGES, official_name

if TYPE_CHECKING:
    from lintdock.model.bake import BakeFile, BakeValue
    from lintdock.model.compose import ComposeProject

DOCKERFILE_NAMES = ("Dockerfile", "Containerfile")
REFERENCE = re.compile(r"[a-z0-9][a-z0-9._\-/]*(:[\w][\w.\-]*)?(@[\w:]+)?")


@dataclass(frozen=True)
class ImageSource:
    """The Dockerfile (and stage) an image is built from, and how the repository says so.

    ``evidence`` completes "... is built from Dockerfile X, as ..."; ``certain`` is False for
    a folder named after the image (it *may* define it)."""

    dockerfile: str
    context: str
    stage: str | None
    evidence: str
    certain: bool = True

    def describe(self, image: str) -> str:
        """``its image X is built from D (E)`` or, uncertain, ``D may define its image X (E)``,
        for messages."""
        if self.certain:
            return f"its image {image} is built from {self.dockerfile} ({self.evidence})"
        return f"{self.dockerfile} may define its image {image} ({self.evidence})"


@dataclass(frozen=True)
class RepositoryImages:
    """The images the run's files build, by reference and by repository name."""

    by_reference: Mapping[str, ImageSource] = field(default_factory=dict)
    by_repository: Mapping[str, ImageSource] = field(default_factory=dict)
    by_folder: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    contexts: Mapping[str, frozenset[str]] = field(default_factory=dict)
    context_sources: Mapping[tuple[str, str], ImageSource] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        composes: Iterable[ComposeProject],
        bakes: Iterable[BakeFile],
        dockerfiles: Iterable[str],
        exists: Callable[[str], bool],
    ) -> RepositoryImages:
        """The index of one run: compose builds first, then Bake targets, then folders."""
        found: list[tuple[str, ImageSource]] = []
        bakes = tuple(bakes)
        for compose in composes:
            found += _compose_builds(compose)
        for bake in bakes:
            found += _bake_builds(bake, exists)
        for compose in composes:
            found += _mounted_sources(compose, exists)
        by_reference: dict[str, ImageSource] = {}
        by_repository: dict[str, ImageSource] = {}
        for reference, source in found:
            key = normal_reference(reference)
            if key is not None:
                by_reference.setdefault(key, source)
                by_repository.setdefault(_repository(key), source)
        folders: dict[str, list[str]] = {}
        for path in dockerfiles:
            if posixpath.basename(path) in DOCKERFILE_NAMES and posixpath.dirname(path):
                parent, folder = posixpath.split(posixpath.dirname(path).lower())
                folders.setdefault(_folder_key(folder), []).append(posixpath.normpath(path))
                if parent:  # ``base/elasticsearch/1.6.0/``: the name, then the tag
                    named = f"{_folder_key(posixpath.basename(parent))}/{folder}"
                    folders.setdefault(named, []).append(posixpath.normpath(path))
        return cls(
            by_reference,
            by_repository,
            {k: tuple(v) for k, v in folders.items()},
            _named_contexts(bakes, exists),
            _context_sources(bakes, exists),
        )

    def source_of(self, reference: str) -> ImageSource | None:
        """The Dockerfile the repository builds ``reference`` from, if it says (or suggests) so."""
        key = normal_reference(reference)
        if key is None:
            return None
        source = self.by_reference.get(key) or self.by_repository.get(_repository(key))
        if source is not None or official_name(reference) is not None:
            return source
        repository = _repository(key)
        name, tag = repository.rsplit("/", 1)[-1], key[len(repository) + 1 :]
        tag = tag or "latest"  # what Docker pulls for an untagged reference
        key = _folder_key(name)
        candidates = self.by_folder.get(f"{key}/{tag}", ()) if "@" not in tag else ()
        named = "its folders {folder}/ are named after the image and its tag"
        if len(candidates) != 1:
            candidates = self.by_folder.get(key, ())
            named = "its folder {folder}/ is named after the image"
        if len(candidates) != 1:
            return None
        folder = posixpath.dirname(candidates[0])
        return ImageSource(candidates[0], folder, None, named.format(folder=folder), certain=False)

    def built_here(self, reference: str) -> bool:
        """Whether the run builds rather than pulls ``reference``: a compose service or a Bake
        target builds and tags this very reference (variables at their defaults; a build of
        ``nginx:1.27-custom`` says nothing of a pulled ``nginx``), or it is a bare name outside
        Docker's Official Images (``web``), which no registry serves, so something builds it
        locally (a Makefile's ``docker build -t web``)."""
        key = normal_reference(reference)
        source = self.by_reference.get(key) if key is not None else None
        if source is not None and source.certain:
            return True
        name = official_name(reference)
        return name is not None and name not in OFFICIAL_IMAGES

    def named_contexts(self, dockerfile: str) -> frozenset[str]:
        """The names a Bake target that builds ``dockerfile`` gives named contexts: a ``FROM``
        or ``COPY --from`` of one takes that context (``target:base``), not an image."""
        return self.contexts.get(posixpath.normpath(dockerfile), frozenset())

    def context_source(self, dockerfile: str, name: str) -> ImageSource | None:
        """The Dockerfile (and stage) behind the named context ``name`` of the Bake target that
        builds ``dockerfile``, when it is another target (``base = "target:base"``)."""
        return self.context_sources.get((posixpath.normpath(dockerfile), name))

    def context_of(self, dockerfile: str) -> str | None:
        """The build context an index entry gives ``dockerfile`` (a Bake target's)."""
        wanted = posixpath.normpath(dockerfile)
        for source in self.by_reference.values():
            if source.dockerfile == wanted:
                return source.context
        return None


NO_IMAGES = RepositoryImages()


def normal_reference(reference: str) -> str | None:
    """``reference`` without Docker Hub's implied parts (``docker.io/library/``) and without a
    digest, lower-cased; None when it is not an image reference (a variable left in it)."""
    name = reference.strip().lower().split("@", 1)[0]
    for registry in DOCKER_HUB:
        name = name.removeprefix(registry)
    name = name.removeprefix("library/")
    if not REFERENCE.fullmatch(name) or "//" in name or name.endswith((":", "/")):
        return None
    return name


def _repository(reference: str) -> str:
    """The reference without its tag (a ``:`` after the last ``/``)."""
    head, _, last = reference.rpartition("/")
    return f"{head}/{last.split(':', 1)[0]}" if head else last.split(":", 1)[0]


def _compose_builds(compose: ComposeProject) -> Iterable[tuple[str, ImageSource]]:
    for service in compose.services:
        build = service.build
        if service.image is None or build is None or build.dockerfile_path is None:
            continue
        evidence = f'the service "{service.key}" of {service.name.path} builds and tags it'
        context = posixpath.normpath(build.context_path or posixpath.dirname(build.dockerfile_path))
        stage = build.target.value if build.target is not None else None
        source = ImageSource(posixpath.normpath(build.dockerfile_path), context, stage, evidence)
        yield service.image.value, source


def _mounted_sources(
    compose: ComposeProject, exists: Callable[[str], bool]
) -> Iterable[tuple[str, ImageSource]]:
    """A service that pulls an image and bind-mounts a file of a folder holding a Dockerfile
    over a file of the same name in the container: it runs the image with its source files
    mounted over its own copies (AIO's ``../../Containers/mastercontainer/start.sh:/start.sh``),
    so that Dockerfile may define the image. Not for Docker Official Images."""
    for service in compose.services:
        image = service.image.value if service.image is not None else None
        if service.build is not None or image is None or official_name(image) is not None:
            continue
        for mount in service.mounts:
            if mount.kind != "bind" or mount.source is None or mount.target is None:
                continue
            written, target = mount.source.value, mount.target.value.rstrip("/")
            if "$" in written or written.startswith(("/", "~")):
                continue
            host = posixpath.normpath(posixpath.join(posixpath.dirname(service.name.path), written))
            folder = posixpath.dirname(host)
            dockerfile = posixpath.join(folder, "Dockerfile")
            if posixpath.basename(host) == posixpath.basename(target) and exists(dockerfile):
                evidence = f'the service "{service.key}" mounts {host} over its {target}'
                yield image, ImageSource(dockerfile, folder, None, evidence, certain=False)
                break


def _folder_key(name: str) -> str:
    """A folder's or an image's name as they are compared: lower case, letters and digits
    only (SeleniumHQ's ``NodeBase/`` builds ``selenium/node-base``)."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _bake_builds(
    bake: BakeFile, exists: Callable[[str], bool]
) -> Iterable[tuple[str, ImageSource]]:
    for target in bake.targets:
        if not target.tags:
            continue
        found = _bake_dockerfile(bake.path, target.context, target.dockerfile, exists)
        if found is None:
            continue
        context, dockerfile = found
        stage = target.stage.value if target.stage is not None else None
        evidence = f'the Bake target "{target.name.value}" of {bake.path} tags it'
        for tag in target.tags:
            yield tag.value, ImageSource(dockerfile, context, stage, evidence)


def _named_contexts(
    bakes: Iterable[BakeFile], exists: Callable[[str], bool]
) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for bake in bakes:
        for target in bake.targets:
            if not target.contexts:
                continue
            located = _bake_dockerfile(bake.path, target.context, target.dockerfile, exists)
            if located is not None:
                found.setdefault(located[1], set()).update(c.value for c in target.contexts)
    return {path: frozenset(names) for path, names in found.items()}


def _context_sources(
    bakes: Iterable[BakeFile], exists: Callable[[str], bool]
) -> dict[tuple[str, str], ImageSource]:
    """(Dockerfile, context name) -> the source of the target a named context takes
    (``contexts = { base = "target:base" }``: ``FROM base`` is the target ``base``'s image)."""
    found: dict[tuple[str, str], ImageSource] = {}
    for bake in bakes:
        built = {
            target.name.value: (target, located)
            for target in bake.targets
            if (located := _bake_dockerfile(bake.path, target.context, target.dockerfile, exists))
        }
        for target, (_, dockerfile) in built.values():
            for name, other_name in target.context_targets:
                if other_name not in built:
                    continue
                other, (context, other_dockerfile) = built[other_name]
                stage = other.stage.value if other.stage is not None else None
                evidence = f'the Bake target "{target.name.value}" of {bake.path} names it'
                source = ImageSource(other_dockerfile, context, stage, evidence)
                found.setdefault((dockerfile, name), source)
    return found


def _bake_dockerfile(
    bake_path: str,
    context: BakeValue | None,
    dockerfile: BakeValue | None,
    exists: Callable[[str], bool],
) -> tuple[str, str] | None:
    """The context and Dockerfile of a Bake target. Bake resolves ``context`` from the folder
    it runs in, usually the Bake file's own, else one above (``docker buildx bake -f
    tests/build.hcl`` from the root): the nearest where the Dockerfile exists."""
    written = context.value if context is not None and context.value else "."
    name = dockerfile.value if dockerfile is not None and dockerfile.value else "Dockerfile"
    if "://" in written or written.startswith(("target:", "docker-image:")):
        return None
    directory = posixpath.dirname(bake_path)
    while True:
        base = posixpath.normpath(posixpath.join(directory, written))
        path = posixpath.normpath(posixpath.join(base, name))
        if exists(path):
            return base, path
        if not directory or directory in (".", "/"):
            return None
        directory = posixpath.dirname(directory)


def repository_images(
    composes: Iterable[tuple[str, str]],
    bakes: Iterable[str],
    dockerfiles: Iterable[str],
    read_text: Callable[[str], str | None],
    load_alone: Callable[[str, str], ComposeProject] | None = None,
) -> RepositoryImages:
    """The index of a run from its compose files (path, text), Bake files and Dockerfiles:
    each compose file that may build and tag an image is loaded alone (with its ``.env``),
    through ``load_alone(path, text)`` when given (a run that loads it for linting anyway);
    a file that cannot be loaded is linted and reported elsewhere and adds nothing here."""
    from lintdock.discovery import env_file_beside, looks_like_bake

    def load(path: str, text: str) -> ComposeProject:
        from lintdock.parsers.compose import load_compose  # not imported by Dockerfile-only runs

        return load_compose([(path, text)], read_text(env_file_beside(path)), read_text)

    loaded = []
    for path, text in composes:
        if "build" not in text or "image" not in text:
            continue
        try:
            loaded.append((load_alone or load)(path, text))
        except Exception:  # the file's own lint reports the failure
            continue
    bake_files = [
        _parse_bake(bake_text, path)
        for path in bakes
        if (bake_text := read_text(path)) is not None and looks_like_bake(path, bake_text)
    ]
    return RepositoryImages.build(
        loaded, bake_files, dockerfiles, lambda path: read_text(path) is not None
    )


def _parse_bake(text: str, path: str) -> BakeFile:
    from lintdock.parsers.bake import parse_bake  # imported only when the run has Bake files

    return parse_bake(text, path)
