"""Rewrite every ``fixtures/**/expected.json`` from what lintdock reports now.

    python tests/regenerate_fixtures.py [FIXTURE_DIR ...]

``expected.json`` holds the ``diagnostics`` list of ``lintdock check --format json .`` run in
that directory. Review the diff before committing: a changed expectation is a changed
behaviour. Without arguments every directory that has an ``expected.json`` is regenerated; name
a new fixture directory to create its file.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"


def fixture_directories() -> list[Path]:
    return sorted(path.parent for path in FIXTURES.rglob("expected.json"))


def reported_diagnostics(directory: Path) -> list[dict[str, Any]]:
    """The ``diagnostics`` of ``lintdock check --format json .`` run inside ``directory``."""
    from lintdock.cli import cli

    previous = os.getcwd()
    os.chdir(directory)
    try:
        result = CliRunner().invoke(cli, ["check", "--format", "json", "."])
    finally:
        os.chdir(previous)
    if result.exit_code not in (0, 1):
        raise RuntimeError(f"{directory}: exit code {result.exit_code}: {result.stderr}")
    diagnostics: list[dict[str, Any]] = json.loads(result.stdout)["diagnostics"]
    return diagnostics


def write_expected(directory: Path) -> None:
    text = json.dumps(reported_diagnostics(directory), indent=2, ensure_ascii=False) + "\n"
    (directory / "expected.json").write_text(text, encoding="utf-8")


def main(arguments: list[str]) -> None:
    directories = [Path(a).resolve() for a in arguments] or fixture_directories()
    for directory in directories:
        write_expected(directory)
        print(f"wrote {(directory / 'expected.json').relative_to(REPO)}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main(sys.argv[1:])
