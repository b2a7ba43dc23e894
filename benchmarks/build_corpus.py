"""Build a benchmark corpus from git repositories: every version, in the whole history, of every
file ``lintdock check`` would lint (Dockerfiles and compose files, by name).

    python benchmarks/build_corpus.py OUT REPO [REPO ...] [--per-repo N]

``REPO`` is a local clone with its full history (a bare or mirror clone will do). Each distinct
file version (git blob) is written once, as ``OUT/dockerfiles/<repo>/<blob>/<name>`` or
``OUT/compose/<repo>/<blob>/<name>``, keeping its file name so that ``lintdock check`` finds it.
``--per-repo`` keeps at most N versions of each kind per repository (those with the smallest
blob ids: a reproducible, effectively random choice), so that a repository with thousands of
near-identical versions does not dominate the corpus.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from lintdock.discovery import Kind, kind_from_name

FOLDERS = {Kind.DOCKERFILE: "dockerfiles", Kind.COMPOSE: "compose"}


def blobs(repository: Path) -> dict[str, dict[str, str]]:
    """kind -> blob id -> file name, for every matching file in every commit."""
    listing = subprocess.run(
        ["git", "-C", str(repository), "rev-list", "--objects", "--all", "--missing=allow-any"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found: dict[str, dict[str, str]] = {"dockerfiles": {}, "compose": {}}
    for line in listing.splitlines():
        blob, _, path = line.partition(" ")
        name = path.rpartition("/")[2]
        kind = kind_from_name(name) if name else None
        if kind is not None:
            found[FOLDERS[kind]].setdefault(blob, name)
    return found


def label_of(repository: Path) -> str:
    """The corpus folder of a repository: its name, or its parent's for a fetched mirror
    (``/work/.mirror/owner+name/repo``)."""
    name = repository.name.removesuffix(".git")
    return repository.parent.name if name == "repo" else name


def extract(repository: Path, out: Path, per_repo: int | None) -> dict[str, int]:
    written = {}
    for kind, named in blobs(repository).items():
        written[kind] = 0
        for blob in sorted(named)[:per_repo]:
            read = subprocess.run(
                ["git", "-C", str(repository), "cat-file", "blob", blob], capture_output=True
            )
            if read.returncode:
                continue  # a blob the snapshot left out (the largest files of a fetched mirror)
            content = read.stdout
            target = out / kind / label_of(repository) / blob / named[blob]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            written[kind] += 1
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("repositories", type=Path, nargs="+")
    parser.add_argument("--per-repo", type=int, help="at most this many versions per kind")
    args = parser.parse_args(argv)
    for repository in args.repositories:
        written = extract(repository, args.out, args.per_repo)
        counts = f"{written['dockerfiles']} Dockerfiles, {written['compose']} compose"
        print(f"{label_of(repository)}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
