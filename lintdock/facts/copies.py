"""Where COPY/ADD files land, and the one walk over a stage's lineage with the WORKDIR in effect.

A destination is a directory when it ends in ``/``, is ``.``, takes several sources, or is (or
holds) a PATH directory; a source then lands inside it under its own base name. A source is
opaque (its content unknown) when it may be a directory: it ends in ``/``, is ``.``/``..``, a
glob, or named like a directory (``bin``, ``out``, ``dist``, ``publish``, …); ADD of a local tar
archive unpacks it, so that is opaque too.

API
---
``lineage_walk(dockerfile, stage) -> Iterator[Step]``
    every instruction from the lineage's root stage to ``stage``, with the WORKDIR in effect.
``landings(instruction, workdir) -> Iterator[Landing]``
    each source of a COPY/ADD and where it lands.
``on_path(directory) -> bool``
    a PATH directory, or one that holds PATH directories (``/usr``).
``syntax_template(instruction) -> bool``
    a COPY/ADD written with placeholders (``COPY <src>... <dest>``), naming no path.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.model.dockerfile import Dockerfile, Instruction, Stage, Token
from lintdock.vocabulary import PATH_DIRS

DIRECTORY_NAMES = frozenset(
    {
        *("bin", "sbin", "out", "dist", "build", "builds", "publish", "release", "target"),
        *("app", "usr", "local", "opt", "rootfs", "root", "output", "artifacts", "tools"),
        "lib",
    }
)
"""Source names that are usually directories of unknown content."""
_GLOB = re.compile(r"[*?\[]")
_PLACEHOLDER = re.compile(r"<[A-Za-z][\w .:-]*>")
"""A placeholder in angle brackets (``<src>``, ``<dest>``, ``<user>``), as syntax summaries
write them; no path is written so, and a heredoc (``<<EOF``) has no closing bracket."""
_ARCHIVE = re.compile(r"\.(tar|tgz|tbz2?|txz|tzst)$|\.tar\.(gz|bz2|xz|zst|lz4|lzma)$", re.I)


@dataclass(frozen=True)
class Step:
    """An instruction of a stage's lineage: the ``stage`` holding it and the ``workdir`` in
    effect when it runs."""

    stage: Stage
    instruction: Instruction
    workdir: str


@dataclass(frozen=True)
class Landing:
    """One COPY/ADD ``source`` and where it lands: ``destination`` is the destination path
    (normalised, joined to the WORKDIR), ``landed`` the path of the file there, ``opaque`` True
    when the source may be a directory of unknown content."""

    source: Token
    destination: str
    landed: str
    opaque: bool


def lineage_walk(dockerfile: Dockerfile, stage: Stage) -> Iterator[Step]:
    """Every instruction from the lineage's root stage to ``stage``, in build order."""
    workdir = "/"
    for ancestor in reversed(dockerfile.lineage(stage)):
        for instruction in ancestor.instructions:
            yield Step(ancestor, instruction, workdir)
            workdir = next_workdir(instruction, workdir)


def next_workdir(instruction: Instruction, workdir: str) -> str:
    """The WORKDIR in effect after ``instruction``."""
    if instruction.keyword == "WORKDIR" and instruction.words:
        return posixpath.join(workdir, instruction.words[0].value)
    return workdir


def landings(instruction: Instruction, workdir: str) -> Iterator[Landing]:
    """Each source of a COPY/ADD instruction and where it lands (heredoc sources aside)."""
    words = [w for w in instruction.words if not w.value.startswith("<<")]
    if len(words) < 2:
        return
    *sources, destination = words
    target = posixpath.normpath(posixpath.join(workdir, destination.value))
    into_directory = (
        destination.value.endswith("/")
        or len(sources) > 1
        or on_path(target)
        or destination.value in (".", "./")
    )
    unpacks = instruction.keyword == "ADD"
    for source in sources:
        opaque = opaque_source(source.value) or (unpacks and local_archive(source.value))
        landed = target
        if into_directory and not opaque:
            landed = posixpath.join(target, posixpath.basename(source.value.rstrip("/")))
        yield Landing(source, target, posixpath.normpath(landed), opaque)


def opaque_source(source: str) -> bool:
    """A source that may be a directory of unknown content."""
    base = posixpath.basename(source.rstrip("/"))
    return (
        source.endswith("/")
        or base in ("", ".", "..")
        or bool(_GLOB.search(source))
        or base.lower() in DIRECTORY_NAMES
    )


def local_archive(source: str) -> bool:
    """A tar archive in the build context: ADD unpacks it (a downloaded one stays packed)."""
    return "://" not in source and bool(_ARCHIVE.search(source))


def on_path(directory: str) -> bool:
    """A directory on PATH, or one that holds PATH directories."""
    directory = posixpath.normpath(directory)
    return directory in PATH_DIRS or any(
        d.startswith(directory.rstrip("/") + "/") for d in PATH_DIRS
    )


def syntax_template(instruction: Instruction) -> bool:
    """Whether a word of the COPY/ADD is a placeholder in angle brackets (``COPY [--chown=<user>
    :<group>] <src>... <dest>`` in a cheat sheet of the syntax): the instruction names no path
    to judge."""
    return any(_PLACEHOLDER.search(word.value) for word in instruction.words)
