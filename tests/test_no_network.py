"""lintdock never opens a network connection: not to resolve a base image, not to fetch a
schema, not in a worker process. Checked in this process with the socket API replaced by traps
(every CLI command on every fixture project, in every format), and in a fresh interpreter where
the traps are set before lintdock is imported (worker processes inherit them)."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from lintdock.cli import cli

FIXTURES = sorted(p for p in (REPO / "fixtures").iterdir() if p.is_dir())
TRAPPED = ("socket", "create_connection", "getaddrinfo", "gethostbyname", "socketpair")


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def network_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The socket functions lintdock called (each also raises, so a caller cannot go on)."""
    calls: list[str] = []

    def trap(name: str) -> object:
        def called(*args: object, **kwargs: object) -> object:
            calls.append(f"{name}{args}")
            raise NetworkUsed(f"lintdock called socket.{name}")

        return called

    for name in TRAPPED:
        monkeypatch.setattr(socket, name, trap(name))
    return calls


@pytest.mark.parametrize("project", FIXTURES, ids=[p.name for p in FIXTURES])
@pytest.mark.parametrize("output", ["text", "json", "sarif", "github"])
def test_checking_a_project_uses_no_network(
    project: Path, output: str, network_calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["check", "--format", output, "."])
    assert network_calls == []
    assert result.exit_code in (0, 1), result.output


@pytest.mark.parametrize(
    "arguments", [["rules"], ["rule", "LD105"], ["--version"], ["check", "--diff", "."]]
)
def test_other_commands_use_no_network(
    arguments: list[str], network_calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO / "fixtures" / "numbers-app")
    result = CliRunner().invoke(cli, arguments)
    assert network_calls == []
    assert result.exit_code in (0, 1), result.output


TRAPS_FIRST = textwrap.dedent(
    """
    import socket, sys

    def trap(name):
        def called(*args, **kwargs):
            sys.stderr.write(f"NETWORK: socket.{name}\\n")
            sys.stderr.flush()
            raise OSError(f"network is forbidden: socket.{name}")
        return called

    for name in TRAPPED_NAMES:
        setattr(socket, name, trap(name))

    from lintdock.cli import main
    sys.argv = ["lintdock", *sys.argv[1:]]
    main()
    """
).replace("TRAPPED_NAMES", repr(TRAPPED))


def test_a_fresh_interpreter_with_worker_processes_uses_no_network(tmp_path: Path) -> None:
    """Enough files for the run to fork workers; they inherit the traps."""
    for index in range(200):
        project = tmp_path / f"p{index:03}"
        project.mkdir()
        (project / "Dockerfile").write_text("FROM alpine\nHEALTHCHECK CMD curl http://x/\n")
        (project / "compose.yaml").write_text(
            "services:\n  web:\n    build: .\n    depends_on: [db]\n  db:\n    image: postgres\n"
        )
    fixtures = [str(p) for p in FIXTURES]
    done = subprocess.run(
        [sys.executable, "-c", TRAPS_FIRST, "check", "--format", "sarif", str(tmp_path), *fixtures],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "NETWORK" not in done.stderr
    assert done.returncode == 1, done.stderr
    assert '"ruleId": "LD105"' in done.stdout
