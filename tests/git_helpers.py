"""Real git repositories for tests: git itself is the oracle for what lintdock takes from it
(the top level, ignored files). Every command runs with a private global config and HOME, so
the machine's own git settings never leak in."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def git_environment(home: Path) -> dict[str, str]:
    """The environment git (and lintdock, when it asks git) runs in: HOME and the global
    config under ``home``, no system config, XDG_CONFIG_HOME under ``home``."""
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }


def git(*args: str, cwd: Path, home: Path | None = None) -> str:
    """Run git; its stdout, stripped. Skips the test when git is not installed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    environment = git_environment(home) if home is not None else None
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout.strip()


def init_repository(path: Path, home: Path | None = None) -> Path:
    """An empty git repository at ``path`` (created)."""
    path.mkdir(parents=True, exist_ok=True)
    git("init", "-q", "-b", "main", cwd=path, home=home)
    return path
