"""Output that cannot be forged: control characters in a message, a source excerpt, a service
name or a file name reach the text and github reports escaped (``\\x1b``, ``\\n``), so a file
can neither drive the terminal nor add a finding line of its own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintdock.cli import cli
from lintdock.terminal import printable

ESC, BEL = "\x1b", "\x07"


def check(root: Path, *args: str) -> str:
    os.chdir(root)
    result = CliRunner().invoke(cli, ["check", *args, "."])
    assert result.exit_code in (0, 1), result.output
    return result.stdout + result.stderr


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    forged = tmp_path / f"x{ESC}[2J\nDockerfile:1:1: LD999 [error] forged{BEL}"
    forged.mkdir()
    (forged / "Dockerfile").write_text(f"FROM alpine\nRUN echo {ESC}]0;title{BEL} && curl x | sh\n")
    (tmp_path / "compose.yaml").write_text(
        'services:\n  "w\\e[31meb":\n    image: nginx\n    restart: "no\\a"\n'
    )
    return tmp_path


@pytest.mark.parametrize("format_name", ["text", "github"])
def test_no_control_character_reaches_the_report(hostile: Path, format_name: str) -> None:
    output = check(hostile, "--format", format_name, "--select", "ALL")
    assert "LD203" in output and "LD501" in output  # the hostile files were linted
    assert ESC not in output and BEL not in output
    assert "\\x1b" in output
    forged = [line for line in output.splitlines() if line.startswith("Dockerfile:1:1")]
    assert forged == []


def test_a_newline_in_a_path_is_shown_escaped(hostile: Path) -> None:
    output = check(hostile, "--quiet", "--select", "LD203")
    [line] = output.splitlines()
    assert line.startswith("x\\x1b[2J\\nDockerfile:1:1: LD999 [error] forged\\x07/Dockerfile:2:")


def test_carets_stay_under_the_span_when_the_line_holds_escapes(hostile: Path) -> None:
    lines = check(hostile, "--select", "LD203").splitlines()
    source = next(line for line in lines if line.startswith(" 2 | "))
    carets = lines[lines.index(source) + 1]
    start = carets.index("^")
    assert source[start:].startswith("curl x | sh")


def test_printable() -> None:
    assert printable("a\tb\nc\rd\x00\x7f\x9b\u202e\u2028ok é") == (
        "a\\tb\\nc\\rd\\x00\\x7f\\x9b\\u202e\\u2028ok é"
    )
