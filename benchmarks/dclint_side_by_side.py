"""dclint and lintdock's LD7 rules side by side on whole repositories.

    python benchmarks/dclint_side_by_side.py lint --repos DIR --dclint PATH --out OUT
    python benchmarks/dclint_side_by_side.py compare OUT [--samples N]

``lint`` runs dclint (``PATH`` is its ``bin/dclint.cjs``, from ``npm install dclint``) with every
rule at its default level, recursively, in each repository (in batches of files where one file
crashes a whole run), and ``lintdock check --select LD7`` at each repository's root, as a user
would run them; each writes ``OUT/<tool>/<repo>.json``. ``compare`` counts, per rule, dclint's
findings that lintdock also reports (same file, and same line or same service) and the findings
only one of them has, over the files dclint could lint (no invalid-yaml or invalid-schema), and
prints a sample of each kind of disagreement to judge in its project.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DCLINT_RULES = {
    "no-duplicate-container-names": "LD701",
    "no-duplicate-exported-ports": "LD702",
    "service-container-name-regex": "LD703",
    "service-image-require-explicit-tag": "LD704",
    "no-build-and-image": "LD705",
    "no-version-field": "LD706",
    "require-project-name-field": "LD707",
    "require-quotes-in-ports": "LD708",
    "no-quotes-in-volumes": "LD709",
    "service-keys-order": "LD710",
    "services-alphabetical-order": "LD711",
    "service-dependencies-alphabetical-order": "LD712",
    "service-ports-alphabetical-order": "LD713",
    "top-level-properties-order": "LD714",
}
FILE_LEVEL = {"LD706", "LD707"}  # one finding per file, wherever each tool puts it
NOT_LINTED = {"invalid-yaml", "invalid-schema", "unknown-error"}
NAME = re.compile(r"^(docker-)?compose.*\.ya?ml$")  # the files dclint finds by itself
SKIPPED = {"node_modules", ".git", ".idea", ".tsimp"}
BATCH = 25


def dclint_files(repo: Path) -> list[str]:
    found = []
    for root, dirs, names in os.walk(repo):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED)
        found += [os.path.relpath(os.path.join(root, n), repo) for n in names if NAME.match(n)]
    return sorted(found)


def run_dclint(dclint: str, repo: Path, files: list[str]) -> list[dict[str, Any]] | None:
    command = ["node", dclint, "-f", "json", *files]
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)
    try:
        return list(json.loads(done.stdout))
    except json.JSONDecodeError:
        return None  # dclint crashed (a YAML it cannot turn into JavaScript)


def lint_dclint(dclint: str, repo: Path) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    files = dclint_files(repo)
    for start in range(0, len(files), BATCH):
        batch = files[start : start + BATCH]
        found = run_dclint(dclint, repo, batch)
        if found is None:
            for one in batch:
                results += run_dclint(dclint, repo, [one]) or []
        else:
            results += found
    return results


def lint(repos: Path, dclint: str, out: Path) -> None:
    for tool in ("dclint", "lintdock"):
        (out / tool).mkdir(parents=True, exist_ok=True)
    for repo in sorted(p for p in repos.iterdir() if p.is_dir()):
        (out / "dclint" / f"{repo.name}.json").write_text(json.dumps(lint_dclint(dclint, repo)))
        command = [sys.executable, "-m", "lintdock", "check", "--select", "LD7"]
        command += ["--format", "json", "--exit-zero", "."]
        done = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)
        (out / "lintdock" / f"{repo.name}.json").write_text(done.stdout)


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text()) if path.stat().st_size else None
    except (OSError, json.JSONDecodeError):
        return None


Finding = tuple[str, str, int, str | None, str]  # repo, path, line, service, message


def _matches(ours: dict[str, Any], code: str, line: int, service: str | None) -> bool:
    if ours["code"] != code:
        return False
    if ours["line"] == line or code in FILE_LEVEL:
        return True
    return service is not None and (ours["service"] == service or f'"{service}"' in ours["message"])


class Tally:
    """Per rule: dclint's findings, those lintdock has too, and each side's own."""

    def __init__(self) -> None:
        self.dclint: collections.Counter[str] = collections.Counter()
        self.both: collections.Counter[str] = collections.Counter()
        self.lintdock: collections.Counter[str] = collections.Counter()
        self.dclint_only: dict[str, list[Finding]] = collections.defaultdict(list)
        self.lintdock_only: dict[str, list[Finding]] = collections.defaultdict(list)
        self.unlinted: collections.Counter[str] = collections.Counter()
        self.files = 0
        self.skipped_files = 0

    def add_file(self, repo: str, result: dict[str, Any], ours: list[dict[str, Any]]) -> None:
        path = os.path.normpath(result["filePath"])
        self.files += 1
        used: set[int] = set()
        for message in result["messages"]:
            code = DCLINT_RULES.get(message["rule"])
            if code is None:
                continue
            self.dclint[code] += 1
            service = (message.get("data") or {}).get("serviceName")
            hits = [i for i, o in enumerate(ours) if _matches(o, code, message["line"], service)]
            if hits:
                self.both[code] += 1
                used.add(hits[0])
            else:
                finding = (repo, path, message["line"], service, message["message"])
                self.dclint_only[code].append(finding)
        for index, diagnostic in enumerate(ours):
            self.lintdock[diagnostic["code"]] += 1
            if index not in used:
                finding = (
                    repo,
                    path,
                    diagnostic["line"],
                    diagnostic["service"],
                    diagnostic["message"],
                )
                self.lintdock_only[diagnostic["code"]].append(finding)


def _by_file(lintdock: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for diagnostic in lintdock.get("diagnostics", []):
        if diagnostic["code"].startswith("LD7"):
            found[os.path.normpath(diagnostic["path"])].append(diagnostic)
    return found


def tally(out: Path) -> Tally:
    counts = Tally()
    for path in sorted((out / "dclint").glob("*.json")):
        dclint, lintdock = _load(path), _load(out / "lintdock" / path.name)
        if dclint is None or lintdock is None:
            continue
        ours = _by_file(lintdock)
        seen = set()
        for result in dclint:
            file = os.path.normpath(result["filePath"])
            seen.add(file)
            if any(m["rule"] in NOT_LINTED for m in result["messages"]):
                counts.skipped_files += 1
                continue
            counts.add_file(path.stem, result, ours.get(file, []))
        for file, diagnostics in ours.items():
            if file not in seen:
                for diagnostic in diagnostics:
                    counts.unlinted[diagnostic["code"]] += 1
    return counts


def table(counts: Tally) -> Iterator[str]:
    yield (
        f"{counts.files} files both tools linted ({counts.skipped_files} more that dclint "
        "refused as invalid YAML or schema)"
    )
    yield ""
    yield "| rule | dclint | lintdock too | agreement | dclint only | lintdock | lintdock only |"
    yield "|---|---|---|---|---|---|---|"
    for name, code in DCLINT_RULES.items():
        total = counts.dclint[code]
        share = f"{100 * counts.both[code] / total:.1f}%" if total else "-"
        yield (
            f"| {code} `{name}` | {total} | {counts.both[code]} | {share} | "
            f"{len(counts.dclint_only[code])} | {counts.lintdock[code]} | "
            f"{len(counts.lintdock_only[code])} |"
        )


def compare(out: Path, samples: int) -> None:
    counts = tally(out)
    for line in table(counts):
        print(line)
    print(
        "\nlintdock findings in files dclint does not lint:", dict(sorted(counts.unlinted.items()))
    )
    chooser = random.Random(14)
    for side, found in (
        ("dclint only", counts.dclint_only),
        ("lintdock only", counts.lintdock_only),
    ):
        for code in sorted(found):
            print(f"\n## {code} {side} ({len(found[code])})")
            for finding in chooser.sample(found[code], min(samples, len(found[code]))):
                print("  ", *finding)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("lint")
    run.add_argument("--repos", type=Path, required=True)
    run.add_argument("--dclint", required=True)
    run.add_argument("--out", type=Path, required=True)
    report = commands.add_parser("compare")
    report.add_argument("out", type=Path)
    report.add_argument("--samples", type=int, default=5)
    arguments = parser.parse_args()
    if arguments.command == "lint":
        lint(arguments.repos, arguments.dclint, arguments.out)
    else:
        compare(arguments.out, arguments.samples)


if __name__ == "__main__":
    main()
