"""What a directory walk skips is what git ignores: ``.gitignore`` files, ``info/exclude``
and the global excludes file (``core.excludesFile``, default ``$XDG_CONFIG_HOME/git/ignore``),
with ``git check-ignore`` as the oracle; ``--no-respect-gitignore`` walks them all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from git_helpers import git, git_environment, init_repository

from lintdock.cli import cli
from lintdock.discovery import walk

FILES = [
    "Dockerfile",
    "build/Dockerfile",
    "keep/Dockerfile",
    "keep/Dockerfile.dev",
    "local/compose.yaml",
    "scratch/web.Dockerfile",
    "services/api/Dockerfile",
    "services/api/Dockerfile.tmp",
    "services/worker/compose.yaml",
    "vendor/compose.yaml",
]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A HOME of the test's own, for git and for the git lintdock asks."""
    home = tmp_path / "home"
    (home / ".config" / "git").mkdir(parents=True)
    for name, value in git_environment(home).items():
        monkeypatch.setenv(name, value)
    return home


def repository(where: Path, home: Path) -> Path:
    root = init_repository(where, home)
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("FROM alpine:3.20\n")
    (root / ".gitignore").write_text("build/\n*.tmp\nkeep/*\n!keep/Dockerfile\n")
    (root / "services" / ".gitignore").write_text("worker/\n")
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("local/\n")
    return root


def walked(root: Path, respect_gitignore: bool = True) -> list[str]:
    return sorted(
        os.path.relpath(path, root)
        for path in walk(str(root), lambda _path, _is_dir: False, respect_gitignore)
    )


def not_ignored_by_git(root: Path, home: Path) -> list[str]:
    every = walked(root, respect_gitignore=False)
    ignored = set(git("check-ignore", "--no-index", *every, cwd=root, home=home).splitlines())
    return [path for path in every if path not in ignored]


def test_info_exclude_and_gitignore_files(tmp_path: Path, home: Path) -> None:
    root = repository(tmp_path / "repo", home)
    assert walked(root) == not_ignored_by_git(root, home)
    assert "local/compose.yaml" not in walked(root)
    assert "keep/Dockerfile" in walked(root)


def test_core_excludes_file(tmp_path: Path, home: Path) -> None:
    root = repository(tmp_path / "repo", home)
    excludes = home / "my-excludes"
    excludes.write_text("scratch/\n")
    git("config", "--global", "core.excludesFile", str(excludes), cwd=root, home=home)
    assert walked(root) == not_ignored_by_git(root, home)
    assert "scratch/web.Dockerfile" not in walked(root)


def test_default_global_excludes_file(tmp_path: Path, home: Path) -> None:
    root = repository(tmp_path / "repo", home)
    (home / ".config" / "git" / "ignore").write_text("vendor/\n")
    assert walked(root) == not_ignored_by_git(root, home)
    assert "vendor/compose.yaml" not in walked(root)


def test_a_linked_worktree_reads_the_shared_info_exclude(tmp_path: Path, home: Path) -> None:
    main = repository(tmp_path / "repo", home)
    git("add", "-A", "-f", cwd=main, home=home)
    git("commit", "-qm", "files", cwd=main, home=home)
    linked = tmp_path / "linked"
    git("worktree", "add", "-q", str(linked), cwd=main, home=home)
    assert (linked / ".git").is_file()
    assert walked(linked) == not_ignored_by_git(linked, home)
    assert "local/compose.yaml" not in walked(linked)


def test_walking_a_subdirectory_keeps_the_repository_rules(tmp_path: Path, home: Path) -> None:
    root = repository(tmp_path / "repo", home)
    (root / ".git" / "info" / "exclude").write_text("api/\n")
    services = root / "services"
    expected = [p for p in not_ignored_by_git(root, home) if p.startswith("services/")]
    assert ["services/" + p for p in walked(services)] == expected


def test_no_respect_gitignore(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repository(tmp_path / "repo", home)
    monkeypatch.chdir(root)
    files = CliRunner().invoke(cli, ["check", "--show-files"]).stdout
    everything = CliRunner().invoke(cli, ["check", "--show-files", "--no-respect-gitignore"])
    assert "build/Dockerfile" not in files
    assert "build/Dockerfile" in everything.stdout
    assert "local/compose.yaml" in everything.stdout
