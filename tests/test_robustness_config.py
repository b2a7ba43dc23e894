"""Hostile configuration: patterns that would backtrack, patterns that do not compile, TOML
nested 100,000 deep, a duplicate ``[tool.lintdock]`` table. Each is a one-line error (exit 2)
naming the file and key, or (in ``.gitignore`` files) a pattern skipped as git skips it, in a
child process limited to 10 s and 300 MB."""

from __future__ import annotations

from pathlib import Path

import pytest
from robustness_helpers import Run, lintdock

from lintdock.discovery import BadPattern, gitignore_spec, safe_pattern

HEALTHY = 'FROM alpine:3.20\nHEALTHCHECK CMD true\nCMD ["app"]\n'


def deep_project(root: Path, depth: int = 60) -> Path:
    """A Dockerfile ``depth`` folders of ``aaaa…`` down, in a git repository."""
    (root / ".git").mkdir()
    directory = root.joinpath(*["a" * 40] * depth)
    directory.mkdir(parents=True)
    (directory / "Dockerfile").write_text("RUN echo hi\n")  # LD001
    return root


def check(root: Path) -> Run:
    run = lintdock("check", "--quiet", ".", cwd=root)
    run.assert_bounded()
    return run


def test_a_pathological_exclude_glob_is_matched_in_bounded_time(tmp_path: Path) -> None:
    root = deep_project(tmp_path)
    (root / ".lintdock.toml").write_text('exclude = ["**/a***/a***/a***/a***/a*z"]\n')
    run = check(root)
    assert run.exit_code == 1  # the glob matches nothing: the Dockerfile is linted
    assert "LD001" in run.stdout


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ('exclude = ["*a*a*a*a*z"]', "exclude: bad pattern '*a*a*a*a*z': more than 3 '*'"),
        ('exclude = ["**/a/**/b/**/c"]', "more than 2 '**' in one pattern"),
        ('[per-file-ignores]\n"[z-a]" = ["LD101"]', "per-file-ignores: bad pattern '[z-a]'"),
    ],
)
def test_bad_patterns_are_one_line_errors(tmp_path: Path, table: str, problem: str) -> None:
    root = deep_project(tmp_path, depth=1)
    (root / ".lintdock.toml").write_text(table + "\n")
    run = check(root)
    assert run.exit_code == 2
    [line] = run.stderr.splitlines()
    assert line.startswith("lintdock: error: ") and problem in line, line


def test_pathological_gitignore_patterns_are_skipped(tmp_path: Path) -> None:
    root = deep_project(tmp_path)
    (root / ".gitignore").write_text("*a*a*a*a*a*a*z\n[z-a]\n**/a/**/a/**/a/**/z\n")
    run = check(root)
    assert (run.exit_code, run.stderr) == (1, "")


def test_toml_nested_100000_deep(tmp_path: Path) -> None:
    root = deep_project(tmp_path, depth=1)
    (root / ".lintdock.toml").write_text("select = " + "[" * 100_000 + "]" * 100_000 + "\n")
    run = check(root)
    assert run.exit_code == 2
    assert (
        run.stderr == f"lintdock: error: {root}/.lintdock.toml: invalid TOML: nested too deeply\n"
    )


def test_a_duplicate_tool_lintdock_table(tmp_path: Path) -> None:
    root = deep_project(tmp_path, depth=1)
    (root / "pyproject.toml").write_text(
        '[tool.lintdock]\nselect = ["LD1"]\n\n[tool.lintdock]\nignore = ["LD101"]\n'
    )
    run = check(root)
    assert run.exit_code == 2
    [line] = run.stderr.splitlines()
    assert "pyproject.toml: invalid TOML: Cannot declare ('tool', 'lintdock') twice" in line


def test_runs_of_stars_are_one_star_to_git() -> None:
    assert safe_pattern("**/a***/b**c/***/d") == "**/a*/b*c/**/d"
    spec = gitignore_spec(["**/a***/x"])
    assert spec.match_file("q/abc/x") and not spec.match_file("q/bc/x")
    with pytest.raises(BadPattern):
        gitignore_spec(["[z-a]"], strict=True)
