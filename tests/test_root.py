"""The project root (lintdock.root) against git's own answer, and the paths SARIF and
``--format github`` write from inside a repository, from a subdirectory, from outside it and
with ``--root``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from git_helpers import git, init_repository

from lintdock.cli import cli
from lintdock.root import git_top_level, path_from_root, project_root

DOCKERFILE = 'FROM alpine:3.20\nCMD ["/app/server"]\n'  # LD101 at 1:1


def check(*args: str) -> list[str]:
    result = CliRunner().invoke(cli, ["check", "--select", "LD101", *args])
    assert result.exit_code == 1, result.output
    return result.stdout.splitlines()


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository with ``services/api/Dockerfile``."""
    root = init_repository(tmp_path / "repo")
    (root / "services" / "api").mkdir(parents=True)
    (root / "services" / "api" / "Dockerfile").write_text(DOCKERFILE)
    return root


def sarif_location(lines: list[str]) -> tuple[str, dict[str, str]]:
    run = json.loads("\n".join(lines))["runs"][0]
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    return run["originalUriBaseIds"]["%SRCROOT%"]["uri"], artifact


class TestTopLevel:
    @pytest.mark.parametrize("where", ["", "services", "services/api", "services/api/Dockerfile"])
    def test_matches_git(self, repository: Path, where: str) -> None:
        start = repository / where
        folder = start if start.is_dir() else start.parent
        assert git_top_level(str(start)) == git("rev-parse", "--show-toplevel", cwd=folder)

    def test_a_linked_worktree_is_its_own_top_level(self, repository: Path) -> None:
        git("add", ".", cwd=repository)
        git("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "x", cwd=repository)
        linked = repository.parent / "linked"
        git("worktree", "add", "-q", str(linked), cwd=repository)
        assert (linked / ".git").is_file()
        inside = linked / "services" / "api"
        assert git_top_level(str(inside)) == git("rev-parse", "--show-toplevel", cwd=inside)
        assert git_top_level(str(inside)) == os.path.realpath(linked)

    def test_outside_any_repository(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        if shutil.which("git") is None:
            pytest.skip("git is not installed")
        outside = tmp_path / "plain"
        outside.mkdir()
        asked = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=outside, capture_output=True
        )
        if asked.returncode == 0:
            pytest.skip("the temporary directory is inside a git repository")
        assert git_top_level(str(outside)) is None
        (outside / "app").mkdir()
        monkeypatch.chdir(outside)
        assert project_root("app") == os.path.realpath(outside)  # the current directory
        (tmp_path / "cwd").mkdir()
        monkeypatch.chdir(tmp_path / "cwd")
        elsewhere = outside / "app" / "Dockerfile"
        assert project_root(str(elsewhere)) == os.path.realpath(outside / "app")

    def test_explicit_root_wins(self, repository: Path) -> None:
        api = repository / "services" / "api"
        assert project_root(str(api), explicit=str(api)) == os.path.realpath(api)
        assert path_from_root(str(api / "Dockerfile"), os.path.realpath(api)) == "Dockerfile"


class TestCiPaths:
    """Whatever the current directory, paths are the repository's."""

    @pytest.mark.parametrize("cwd", ["repo", "repo/services", "."])
    def test_sarif_is_relative_to_the_repository(
        self, repository: Path, cwd: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(repository.parent / cwd)
        target = os.path.relpath(repository / "services", repository.parent / cwd)
        base, artifact = sarif_location(check("--format", "sarif", target))
        assert base == repository.resolve().as_uri() + "/"
        assert artifact == {"uri": "services/api/Dockerfile", "uriBaseId": "%SRCROOT%"}

    @pytest.mark.parametrize("cwd", ["repo", "repo/services/api", "."])
    def test_github_is_relative_to_the_repository(
        self, repository: Path, cwd: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(repository.parent / cwd)
        target = os.path.relpath(repository / "services" / "api", repository.parent / cwd)
        (line,) = check("--format", "github", target)
        assert line.startswith("::warning file=services/api/Dockerfile,line=1,col=1,")

    def test_text_stays_relative_to_the_current_directory(
        self, repository: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(repository / "services")
        assert check("--quiet")[0].startswith("api/Dockerfile:1:1: LD101")

    def test_root_option(self, repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(repository)
        services = str(repository / "services")
        base, artifact = sarif_location(check("--format", "sarif", "--root", services))
        assert base == (repository / "services").resolve().as_uri() + "/"
        assert artifact == {"uri": "api/Dockerfile", "uriBaseId": "%SRCROOT%"}
        (line,) = check("--format", "github", "--root", services)
        assert line.startswith("::warning file=api/Dockerfile,")
