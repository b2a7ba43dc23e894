"""The YAML reader through libyaml against ruamel alone, on every ``*.yml``/``*.yaml`` of folders.

    python benchmarks/libyaml_equality.py DIR [DIR ...] [--json]

Each file is read twice in-process, as lintdock reads it (libyaml when it may, ruamel for the
rest) and with ruamel alone, and the two results are compared: trees (kinds, spans, values,
styles, tags, anchors, merges, sizes), comments and LD002 findings. Prints how many files each
reader read, how many results differ (listed), and the CPU time of both ways.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from yaml_trees import described  # noqa: E402 - the tests' description of a result

from lintdock.files import FileProblem  # noqa: E402
from lintdock.fixes import read_source  # noqa: E402
from lintdock.parsers import compose_yaml  # noqa: E402

SKIPPED_FOLDERS = {".git", "node_modules"}


def yaml_files(folders: Iterable[str]) -> list[tuple[str, str]]:
    """``(path, text)`` of the readable YAML files under ``folders``."""
    found = []
    for folder in folders:
        for root, directories, names in os.walk(folder):
            directories[:] = sorted(set(directories) - SKIPPED_FOLDERS)
            for name in sorted(names):
                path = os.path.join(root, name)
                if not name.endswith((".yml", ".yaml")) or not os.path.isfile(path):
                    continue
                try:
                    found.append((path, read_source(path)))
                except (OSError, FileProblem):
                    continue
    return found


def reader(path: str, text: str) -> str:
    """Which reader lintdock's ``read_yaml`` gives the text to."""
    if not compose_yaml.libyaml_may_read(text):
        return "ruamel: not for libyaml"
    lines = compose_yaml.LineIndex(text)
    if compose_yaml._read_with_libyaml(path, text, lines) is None:
        return "ruamel: libyaml or the builder reported something"
    return "libyaml"


def cpu_seconds(files: Sequence[tuple[str, str]], libyaml: bool) -> float:
    start = time.process_time()
    for path, text in files:
        compose_yaml.read_yaml(path, text, libyaml=libyaml)
    return time.process_time() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    files = yaml_files(args.folders)
    readers = Counter(reader(path, text) for path, text in files)
    differing = [
        path
        for path, text in files
        if described(compose_yaml.read_yaml(path, text))
        != described(compose_yaml.read_yaml(path, text, libyaml=False))
    ]
    result = {
        "files": len(files),
        "readers": dict(readers),
        "differing": differing,
        "cpu_seconds_libyaml": round(cpu_seconds(files, libyaml=True), 3),
        "cpu_seconds_ruamel": round(cpu_seconds(files, libyaml=False), 3),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 1 if differing else 0
    print(f"{result['files']} files")
    for name, count in readers.most_common():
        print(f"  {count:6d} read by {name}")
    print(f"{len(differing)} read differently" + "".join(f"\n  {path}" for path in differing))
    print(
        f"read_yaml CPU: {result['cpu_seconds_libyaml']} s as lintdock reads, "
        f"{result['cpu_seconds_ruamel']} s with ruamel alone"
    )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
