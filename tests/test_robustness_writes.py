"""lintdock writes nothing unless told to: ``check`` in every format and mode leaves every file
and directory of the tree as it was (contents, modification times, no new or removed entries,
not even a temporary file that is gone again: directory times would show it). Only ``--fix``
changes files, and ``--output`` writes the one report file it names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from lintdock.cli import cli

Snapshot = dict[str, tuple[int, bytes | None]]


def snapshot(root: Path) -> Snapshot:
    """Every entry under ``root`` (itself included): modification time and, for files, bytes."""
    found: Snapshot = {".": (root.stat().st_mtime_ns, None)}
    for path in sorted(root.rglob("*")):
        relative = str(path.relative_to(root))
        content = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        found[relative] = (path.lstat().st_mtime_ns, content)
    return found


@pytest.fixture
def projects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every fixture project, copied over and over: enough files to fork workers."""
    root = tmp_path / "tree"
    for copy in range(5):
        shutil.copytree(REPO / "fixtures", root / f"copy{copy:02}")
    monkeypatch.chdir(root)
    return root


MODES = {
    "text": [],
    "json": ["--format", "json"],
    "sarif": ["--format", "sarif"],
    "github": ["--format", "github"],
    "quiet": ["--quiet"],
    "statistics": ["--statistics"],
    "all rules": ["--select", "ALL"],
    "diff": ["--diff"],
    "unsafe diff": ["--diff", "--unsafe-fixes"],
}


@pytest.mark.parametrize("mode", list(MODES))
def test_check_writes_nothing(projects: Path, mode: str) -> None:
    before = snapshot(projects)
    result = CliRunner().invoke(cli, ["check", *MODES[mode], "."])
    assert result.exit_code == 1, result.output
    assert snapshot(projects) == before


def test_reading_standard_input_writes_nothing(projects: Path) -> None:
    before = snapshot(projects)
    dockerfile = projects / "copy00" / "numbers-app" / "v1" / "numbers-api" / "Dockerfile"
    result = CliRunner().invoke(
        cli,
        ["check", "-", "--stdin-filename", str(dockerfile.relative_to(projects))],
        input=dockerfile.read_text(),
    )
    assert result.exit_code == 1, result.output
    assert snapshot(projects) == before


def test_output_writes_only_the_report(projects: Path, tmp_path: Path) -> None:
    before = snapshot(projects)
    report = tmp_path / "report.sarif"
    result = CliRunner().invoke(cli, ["check", "--format", "sarif", "--output", str(report), "."])
    assert result.exit_code == 1, result.output
    assert snapshot(projects) == before
    assert report.read_text().startswith("{")


def test_fix_does_write(projects: Path) -> None:
    """The same comparison sees changes when there are some."""
    before = snapshot(projects)
    CliRunner().invoke(cli, ["check", "--fix", "."])
    after = snapshot(projects)
    changed = {path for path in before if before[path][1] != after[path][1]}
    assert changed
    assert all(path.endswith(("Dockerfile", ".yaml", ".yml")) for path in changed)
