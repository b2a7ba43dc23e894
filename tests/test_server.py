"""End to end: the real ``lintdock server`` process, driven over stdio as an editor drives it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from lsp_client import LspClient, apply_edits, codes

pytest.importorskip("pygls", reason="the language server needs the 'server' extra (pygls)")

SERVER = [sys.executable, "-m", "lintdock", "server"]

# The HEALTHCHECK line holds characters outside the BMP (two UTF-16 code units each) and
# accented ones before the curl word, so a column counted in characters would be wrong.
DOCKERFILE = 'FROM nginx:1.27\nHEALTHCHECK CMD echo "𝄞 é" && curl -s http://localhost/ || exit 1\n'
CURL_COLUMN = len('HEALTHCHECK CMD echo "𝄞 é" && ') + 1  # UTF-16: the clef counts twice
COMPOSE = "services:\n  web:\n    build: ./app\n    restart: unless-stopped\n"
HEALTHCHECK = '    healthcheck:\n      test: ["CMD", "python", "-c", "print(1)"]\n'
SERVICE = 'FROM python:3.12\nCMD ["python", "-m", "http.server"]\n'


@pytest.fixture
def client(tmp_path: Path) -> Iterator[LspClient]:
    running = LspClient(SERVER, tmp_path)
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def hover(client: LspClient, uri: str, position: dict) -> dict | None:
    return client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": position}
    )


def code_actions(client: LspClient, uri: str, diagnostic: dict) -> list[dict]:
    return client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]},
        },
    )


def test_editing_a_dockerfile_findings_fixes_suppressions_and_rule_pages(
    client: LspClient, tmp_path: Path
) -> None:
    text = "# syntax=docker/dockerfile:1\n" + DOCKERFILE
    dockerfile = write(tmp_path / "Dockerfile", text)
    capabilities = client.initialize({"select": ["LD1"]})["capabilities"]
    assert capabilities["codeActionProvider"] and capabilities["hoverProvider"]
    uri = client.open(dockerfile)

    [ld105] = client.diagnostics(uri, version=1)
    assert ld105["code"] == "LD105"
    assert ld105["range"] == {
        "start": {"line": 2, "character": CURL_COLUMN},
        "end": {"line": 2, "character": CURL_COLUMN + 4},
    }
    assert (ld105["severity"], ld105["source"]) == (1, "lintdock")
    assert ld105["codeDescription"]["href"].endswith("/rules/LD105-curl-without-fail.md")
    assert ld105["data"]["fix"]["safe"] is True

    page = hover(client, uri, ld105["range"]["start"])
    assert page["contents"]["kind"] == "markdown"
    assert page["contents"]["value"].startswith("# LD105 curl-without-fail")
    assert hover(client, uri, {"line": 0, "character": 0}) is None

    actions = code_actions(client, uri, ld105)
    assert [(a["title"], a.get("isPreferred")) for a in actions] == [
        ("insert --fail after curl (LD105)", True),
        ("Suppress LD105 on this line", None),
        ("Suppress LD105 in this file", None),
        ("Fix all safe lintdock problems", None),
    ]
    [fix_all] = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        },
    )
    assert fix_all["kind"] == "source.fixAll.lintdock"
    assert fix_all == actions[-1]
    for action in actions:
        edited = apply_edits(text, action["edit"]["changes"][uri])
        assert edited.startswith("# syntax=docker/dockerfile:1\n")  # still a parser directive
        version = client.change(uri, edited)
        assert client.diagnostics(uri, version=version) == [], action["title"]
    assert "curl --fail -s" in apply_edits(text, actions[0]["edit"]["changes"][uri])

    mark = client.mark()
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri, after=mark) == []  # linted again on save

    mark = client.mark()
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri, after=mark) == []
    assert client.close() == 0


def test_a_project_is_linted_as_a_project(client: LspClient, tmp_path: Path) -> None:
    dockerfile = write(tmp_path / "app" / "Dockerfile", SERVICE)
    compose = write(tmp_path / "compose.yaml", COMPOSE)
    client.initialize({"select": ["LD101", "LD504"]})
    dockerfile_uri = client.open(dockerfile)
    compose_uri = client.open(compose, "yaml")
    assert codes(client.diagnostics(dockerfile_uri, until=bool)) == ["LD101"]

    # a compose health check (unsaved: the buffer, not the disk) covers the image
    mark = client.mark()
    client.change(compose_uri, COMPOSE + HEALTHCHECK)
    assert client.diagnostics(dockerfile_uri, after=mark, until=lambda found: not found) == []

    # without restart: and without a health check the service may be one-shot; the
    # Dockerfile's HEALTHCHECK makes it long-running, which its compose service now says
    mark = client.mark()
    client.change(compose_uri, COMPOSE.replace("    restart: unless-stopped\n", ""))
    client.change(dockerfile_uri, SERVICE + "HEALTHCHECK CMD python -c 'print(1)'\n")
    found = client.diagnostics(compose_uri, after=mark, until=bool)
    assert codes(found) == ["LD504"]
    assert client.close() == 0


def test_settings_and_config_files_take_effect(client: LspClient, tmp_path: Path) -> None:
    client.initialize({"select": ["LD999"]})
    uri = client.open(write(tmp_path / "Dockerfile", DOCKERFILE))
    assert {"LD105", "LD202"} <= set(codes(client.diagnostics(uri, version=1)))
    [shown] = [m for m in client.messages if m["method"] == "window/showMessage"]
    assert "LD999" in shown["params"]["message"]  # said once; the default rules still run

    config = write(tmp_path / ".lintdock.toml", 'ignore = ["LD105"]\n')
    mark = client.mark()
    client.notify(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 1}]}
    )
    without_ld105 = client.diagnostics(uri, after=mark, until=lambda d: "LD105" not in codes(d))
    assert "LD202" in codes(without_ld105)

    # the editor's settings replace the bad select, and like command-line options they
    # override the config file: a select starts afresh, so LD105 is back
    client.settings = {"select": ["LD1", "LD2"], "ignore": ["curl-for-checks"]}
    mark = client.mark()
    client.notify("workspace/didChangeConfiguration", {"settings": {}})
    found = client.diagnostics(uri, after=mark, until=lambda d: "LD202" not in codes(d))
    assert codes(found) == ["LD105"]
    assert client.configuration_requests >= 2  # at start-up and after the change
    assert client.close() == 0


def test_malformed_documents_get_diagnostics_and_the_server_stays_up(
    client: LspClient, tmp_path: Path
) -> None:
    client.initialize()
    compose = write(tmp_path / "compose.yaml", "services: [web\n  x: {\n")
    compose_uri = client.open(compose, "yaml")
    assert "LD002" in codes(client.diagnostics(compose_uri, version=1))

    dockerfile_uri = client.open(write(tmp_path / "Dockerfile", "\0\x01\tFROM\n\\\n"))
    client.diagnostics(dockerfile_uri, version=1)
    version = client.change(dockerfile_uri, DOCKERFILE)
    assert "LD105" in codes(client.diagnostics(dockerfile_uri, version=version))
    assert client.close() == 0


def test_the_cli_does_not_import_pygls() -> None:
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from lintdock.cli import cli\n"
        "CliRunner().invoke(cli, ['check', '--help'])\n"
        "CliRunner().invoke(cli, ['rules'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pygls', 'lsprotocol', 'cattrs', 'lintdock'))\n"
        "print(' '.join(loaded))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "lintdock.cli" in loaded
    assert not [m for m in loaded if m.startswith(("pygls", "lsprotocol", "cattrs"))]
    assert "lintdock.server" not in loaded


def test_without_the_extra_the_server_says_what_to_install() -> None:
    script = (
        "import sys\n"
        "sys.modules['pygls'] = None\n"  # as if not installed
        "sys.argv = ['lintdock', 'server']\n"
        "from lintdock.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert done.returncode == 2
    assert "pip install 'lintdock[server]'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
