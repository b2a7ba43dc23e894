"""Lint a corpus and tell how lintdock fared: crashes, internal rule errors, files it could not
read, and the findings per code with a few samples of each (to spot noisy rules).

    python benchmarks/survey.py DIR [DIR ...] [--samples 3] [--select ALL]

A crash is an exception escaping ``lint_paths``; a rule error is a rule (or a parser) that
raised on one project (lintdock reports it and goes on). Each folder is linted in one run, as
``lintdock check DIR`` would.
"""

from __future__ import annotations

import argparse
import random
import sys
import traceback
from collections import Counter, defaultdict
from collections.abc import Sequence

from lintdock.engine import LintResult, cli_layer, lint_paths
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules import registry


def survey(folder: str, select: Sequence[str] | None) -> LintResult | None:
    layer = cli_layer(registry(), select=select)
    try:
        return lint_paths([folder], layer=layer)
    except Exception:
        print(f"CRASH on {folder}:\n{traceback.format_exc()}")
        return None


def describe(diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    return f"{diagnostic.path}:{span.line}:{span.column}: {diagnostic.message}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--samples", type=int, default=3, help="sample findings per code")
    parser.add_argument("--select", action="append", help="rules to run (default: the defaults)")
    parser.add_argument("--seed", type=int, default=0, help="for choosing the samples")
    args = parser.parse_args(argv)

    crashes = 0
    files = 0
    counts: Counter[str] = Counter()
    files_per_code: dict[str, set[str]] = defaultdict(set)
    found: dict[str, list[Diagnostic]] = defaultdict(list)
    for folder in args.folders:
        result = survey(folder, args.select)
        if result is None:
            crashes += 1
            continue
        files += len(result.files)
        for failure in result.failures:
            what = f"rule {failure.code}" if failure.code else "parser"
            print(f"RULE ERROR: {what} on {failure.path}: {failure.error}")
        for notification in result.notifications:
            print(f"NOT LINTED: {notification.path}: {notification.message}")
        for diagnostic in result.diagnostics:
            counts[diagnostic.code] += 1
            files_per_code[diagnostic.code].add(diagnostic.path)
            found[diagnostic.code].append(diagnostic)

    print(f"\n{files} files, {crashes} crashes, {sum(counts.values())} findings\n")
    print("| code | findings | files | samples |")
    print("|---|---|---|---|")
    chooser = random.Random(args.seed)
    for code, count in counts.most_common():
        samples = chooser.sample(found[code], min(args.samples, len(found[code])))
        shown = "<br>".join(describe(d).replace("|", "\\|") for d in samples)
        print(f"| {code} | {count} | {len(files_per_code[code])} | {shown} |")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
