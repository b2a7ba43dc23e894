"""The pre-commit hooks: the manifest is valid, its ``files`` pattern picks the files lintdock's
discovery picks, and (slow) the real ``pre-commit try-repo`` installs lintdock from this
repository's HEAD and fails a commit on lintdock's findings."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from lintdock.discovery import kind_from_name

REPO = Path(__file__).resolve().parents[1]
MANIFEST = REPO / ".pre-commit-hooks.yaml"


def hooks() -> dict[str, dict[str, object]]:
    return {hook["id"]: hook for hook in YAML(typ="safe").load(MANIFEST.read_text())}


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None:
        pytest.skip("pre-commit or git is not installed")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "pre_commit", *args]
    return subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=900
    )


def test_manifest_is_valid(tmp_path: Path) -> None:
    checked = pre_commit("validate-manifest", str(MANIFEST), cwd=REPO, home=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert set(hooks()) == {"lintdock", "lintdock-fix"}
    for hook in hooks().values():
        assert hook["language"] == "python"
        assert hook["require_serial"] is True
        assert str(hook["entry"]).startswith("lintdock check --force-exclude")


NAMES = [
    "Dockerfile",
    "Dockerfile.dev",
    "Containerfile",
    "Containerfile.prod",
    "web.Dockerfile",
    "web.dockerfile",
    "compose.yaml",
    "compose.yml",
    "compose.override.yaml",
    "compose.prod.yaml",
    "docker-compose.yml",
    "docker-compose.yaml",
    "docker-compose.override.yml",
    "config.yaml",
    "my-compose.yaml",
    "docker-compose-v3.yml",
    "compose-mysql8.yml",
    "docker-stack.yml",
    "voting-app-stack.yml",
    "pwd.yml",
    "compose.json",
    "Dockerfile.d/notes.txt",
    "dockerfile",
    "README.md",
    "Dockerfiles.md",
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("folder", ["", "services/api/"])
def test_files_pattern_picks_what_discovery_picks(name: str, folder: str) -> None:
    pattern = str(hooks()["lintdock"]["files"])
    path = folder + name
    picked_by_hook = re.search(pattern, path) is not None
    assert picked_by_hook == (kind_from_name(path) is not None)


BAD_DOCKERFILE = """\
FROM alpine:3.20
RUN apk add --no-cache curl~8
HEALTHCHECK CMD curl http://localhost:8080/health
CMD ["/app/server"]
"""
BAD_COMPOSE = """\
services:
  web:
    build: .
    restart: always
    ports:
      - "6379:6379"
"""
CLEAN_DOCKERFILE = """\
FROM alpine:3.20
COPY healthcheck /usr/local/bin/healthcheck
HEALTHCHECK CMD ["/usr/local/bin/healthcheck"]
CMD ["/app/server"]
"""
CLEAN_COMPOSE = """\
services:
  web:
    build: .
    restart: on-failure:5
"""


@pytest.fixture(scope="module")
def head() -> str:
    """The commit try-repo installs lintdock from (committed work only, as users get it)."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("try-repo needs lintdock's own git repository")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True)
    return rev.stdout.strip()


def git_project(root: Path, files: dict[str, str]) -> Path:
    """A git repository with ``files`` tracked (try-repo lints tracked files)."""
    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    return root


def try_hook(hook: str, project: Path, head: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo`` (which installs the hook afresh each time, in a temporary store)."""
    home = project.parent / "pre-commit-home"
    return pre_commit(
        "try-repo", str(REPO), hook, "--ref", head, "--all-files", cwd=project, home=home
    )


@pytest.mark.slow
def test_hook_fails_on_findings_and_passes_a_clean_project(tmp_path: Path, head: str) -> None:
    bad = git_project(
        tmp_path / "bad",
        {"Dockerfile": BAD_DOCKERFILE, "compose.yaml": BAD_COMPOSE, "config.yaml": "a: 1\n"},
    )
    run = try_hook("lintdock", bad, head)
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert re.findall(r"^\S+:\d+:\d+: LD\d+ \[\w+\]", output, re.MULTILINE) == [
        "Dockerfile:3:17: LD105 [error]",  # no LD202: Alpine ships BusyBox wget anyway
        "compose.yaml:6:9: LD805 [info]",
    ]

    clean = git_project(
        tmp_path / "clean", {"Dockerfile": CLEAN_DOCKERFILE, "compose.yaml": CLEAN_COMPOSE}
    )
    run = try_hook("lintdock", clean, head)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.slow
def test_fix_hook_rewrites_the_files(tmp_path: Path, head: str) -> None:
    bad = git_project(tmp_path / "bad", {"Dockerfile": BAD_DOCKERFILE})
    run = try_hook("lintdock-fix", bad, head)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "files were modified by this hook" in run.stdout
    fixed = (bad / "Dockerfile").read_text()
    assert fixed == BAD_DOCKERFILE.replace("CMD curl http", "CMD curl --fail http")


# --- a commit that changes one file of a project ----------------------------------------------

SERVED_DOCKERFILE = """\
FROM alpine:3.20
COPY server /app/server
CMD ["/app/server"]
"""
CHECKED_COMPOSE = """\
services:
  web:
    build: .
    restart: on-failure:5
    healthcheck:
      test: ["CMD", "/app/server", "--health"]
"""
UNCHECKED_COMPOSE = """\
services:
  web:
    build: .
    restart: always
    ports:
      - "6379:6379"
"""


COMMIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--no-verify"]


@pytest.fixture(scope="module")
def hook_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store for the module: the hook is installed once, from ``head``."""
    return tmp_path_factory.mktemp("pre-commit-store")


def committed_project(root: Path, files: dict[str, str], head: str) -> Path:
    """A repository whose first commit holds ``files`` and a config using lintdock's hook
    from this repository at ``head`` (as a user's ``.pre-commit-config.yaml`` would)."""
    git_project(root, files)
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO}\n    rev: {head}\n    hooks:\n      - id: lintdock\n"
    )
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    subprocess.run([*COMMIT, "-qm", "first"], cwd=root, check=True)
    return root


def hook_on_staged(project: Path, changed: dict[str, str], home: Path) -> tuple[int, str]:
    """Change and stage ``changed``, then run the hook on the staged files as ``git commit``
    does (verbose: its output even when it passes): its exit code and the findings it printed
    (``path:line:col: CODE``)."""
    for name, text in changed.items():
        (project / name).write_text(text)
    subprocess.run(["git", "add", *changed], cwd=project, check=True)
    run = pre_commit("run", "lintdock", "--verbose", cwd=project, home=home)
    output = run.stdout + run.stderr
    assert run.returncode in (0, 1), output
    return run.returncode, "\n".join(re.findall(r"^\S+:\d+:\d+: LD\d+", output, re.MULTILINE))


@pytest.mark.slow
def test_a_dockerfile_only_commit_is_linted_in_its_project(
    tmp_path: Path, head: str, hook_store: Path
) -> None:
    """The compose file that builds the Dockerfile supplies the health check: the commit
    passes, as ``lintdock check .`` does."""
    project = committed_project(
        tmp_path / "checked",
        {"Dockerfile": SERVED_DOCKERFILE, "compose.yaml": CHECKED_COMPOSE},
        head,
    )
    changed = {"Dockerfile": SERVED_DOCKERFILE.replace("CMD", "ENV PORT=8080\nCMD")}
    assert hook_on_staged(project, changed, hook_store) == (0, "")


@pytest.mark.slow
def test_a_commit_reports_only_the_files_it_touched(
    tmp_path: Path, head: str, hook_store: Path
) -> None:
    """Without a compose health check the changed Dockerfile fails the commit (LD101), and
    the compose file's own findings (LD805) are not reported: the commit did not touch it.
    A compose-only commit reports the compose file, not the Dockerfile it reads."""
    project = committed_project(
        tmp_path / "unchecked",
        {"Dockerfile": SERVED_DOCKERFILE, "compose.yaml": UNCHECKED_COMPOSE},
        head,
    )
    changed = {"Dockerfile": SERVED_DOCKERFILE.replace("CMD", "ENV PORT=8080\nCMD")}
    assert hook_on_staged(project, changed, hook_store) == (1, "Dockerfile:1:1: LD101")
    subprocess.run([*COMMIT, "-qm", "second"], cwd=project, check=True)
    compose_only = {"compose.yaml": UNCHECKED_COMPOSE + "    environment:\n      PORT: 8080\n"}
    assert hook_on_staged(project, compose_only, hook_store) == (0, "compose.yaml:6:9: LD805")
