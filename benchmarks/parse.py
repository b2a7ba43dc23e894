"""Parser throughput alone: parse every Dockerfile and every compose file in folders, in-process.

    python benchmarks/parse.py DIR [DIR ...] [--json] [--shell]

Files are found as ``lintdock check`` finds them and read before the clock starts; each compose
file is loaded on its own (no override, no ``.env``). ``--shell`` also parses the shell of every
RUN, CMD, ENTRYPOINT and HEALTHCHECK (what the rules ask for), timed separately. Prints files/s
per parser.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence

from lintdock.discovery import Kind, kind_from_name, walk
from lintdock.fixes import read_source


def texts(folders: Iterable[str], kind: Kind) -> list[tuple[str, str]]:
    """``(path, text)`` of the readable files of ``kind`` under ``folders``."""
    found = []
    for folder in folders:
        for path in walk(folder, lambda _path, _is_dir: False):
            if kind_from_name(path) is not kind:
                continue
            try:
                found.append((path, read_source(path)))
            except (OSError, UnicodeDecodeError):
                continue
    return found


def throughput(
    items: Sequence[tuple[str, str]], parse: Callable[[str, str], object]
) -> dict[str, float]:
    start = time.perf_counter()
    for path, text in items:
        parse(text, path)
    seconds = time.perf_counter() - start
    return {
        "files": len(items),
        "seconds": seconds,
        "files_per_second": len(items) / seconds if seconds else 0.0,
    }


def parse_compose(text: str, path: str) -> object:
    from lintdock.parsers.compose import load_compose

    return load_compose([(path, text)])


def parse_shells(text: str, path: str) -> object:
    """The shell of every instruction that runs one, as ``Project.script`` parses it."""
    from lintdock.parsers.dockerfile import parse_dockerfile
    from lintdock.parsers.shell import script_of_command

    dockerfile = parse_dockerfile(text, path)
    return [
        script_of_command(instruction.command)
        for instruction in dockerfile.instructions
        if instruction.command is not None
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--shell", action="store_true", help="also parse shell commands")
    args = parser.parse_args(argv)

    from lintdock.parsers.dockerfile import parse_dockerfile

    dockerfiles = texts(args.folders, Kind.DOCKERFILE)
    composes = texts(args.folders, Kind.COMPOSE)
    results: dict[str, dict[str, float]] = {}
    if dockerfiles:
        results["dockerfile"] = throughput(dockerfiles, parse_dockerfile)
        if args.shell:
            results["dockerfile+shell"] = throughput(dockerfiles, parse_shells)
    if composes:
        parse_compose("services: {}\n", "compose.yaml")  # import and compile the schema first
        results["compose"] = throughput(composes, parse_compose)
    if args.json:
        print(json.dumps(results))
    else:
        for name, numbers in results.items():
            print(
                f"{name}: {numbers['files']:.0f} files, {numbers['files_per_second']:.0f} files/s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
