"""``--fix`` and ``--diff`` end to end, on copies of every fixture project: the fixable findings
disappear and nothing else changes, a second ``--fix`` changes nothing, and ``--diff`` writes
nothing while printing exactly the patch that ``--fix`` applies."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lintdock.cli import cli
from lintdock.engine import LintResult, lint_paths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PROJECTS = sorted(path for path in FIXTURES.iterdir() if path.is_dir())


def lintdock(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", *args, "."])


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def findings(result: LintResult, *, fixable_only: bool = False, unsafe: bool = False) -> Counter:
    """(path, code) of each finding, or of each finding with a fix that would be applied."""
    return Counter(
        (d.path, d.code)
        for d in result.diagnostics
        if not fixable_only or (d.fix is not None and (d.fix.safe or unsafe))
    )


@pytest.fixture(params=PROJECTS, ids=lambda path: path.name)
def project(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A copy of one fixture project, as the current directory."""
    copy = tmp_path / "project"
    shutil.copytree(request.param, copy)
    monkeypatch.chdir(copy)
    return copy


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fix_removes_exactly_the_fixable_findings_and_is_idempotent(
    project: Path, unsafe: bool
) -> None:
    extra = ("--unsafe-fixes",) if unsafe else ()
    before = lint_paths(["."])
    original = snapshot(project)

    diff = lintdock(*extra, "--diff")
    assert snapshot(project) == original, "--diff must not write"

    lintdock(*extra, "--fix")
    after = lint_paths(["."])
    assert findings(after) == findings(before) - findings(before, fixable_only=True, unsafe=unsafe)
    fixed = snapshot(project)
    assert (fixed != original) == bool(findings(before, fixable_only=True, unsafe=unsafe))

    lintdock(*extra, "--fix")
    assert snapshot(project) == fixed, "a second --fix must change nothing"
    again = lintdock(*extra, "--diff")
    assert (again.exit_code, again.stdout) == (0, "")

    assert diff.exit_code == (1 if fixed != original else 0)
    _assert_patch_gives(diff.stdout, original, fixed, project.parent / "patched")


def _assert_patch_gives(
    patch: str, original: dict[str, bytes], fixed: dict[str, bytes], scratch: Path
) -> None:
    """``git apply`` of ``patch`` on the original files yields the fixed ones."""
    for relative, content in original.items():
        (scratch / relative).parent.mkdir(parents=True, exist_ok=True)
        (scratch / relative).write_bytes(content)
    if patch:
        subprocess.run(["git", "apply", "-"], input=patch.encode(), cwd=scratch, check=True)
    assert snapshot(scratch) == fixed


def test_the_fixtures_exercise_fixes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The numbers app's web v2/v3 chain a check without ``exec`` (LD304) and its compose file
    restarts without a limit (LD502): the round trip above has fixes to apply."""
    monkeypatch.chdir(FIXTURES)
    assert {d.code for d in lint_paths(["."]).diagnostics if d.fix} >= {"LD304", "LD502"}
