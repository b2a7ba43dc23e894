"""``--fix`` writes only what it may: a file it cannot write is one line and the run goes on
(exit 2), owner and hard links are kept, a file changed since it was read is left alone, and
backup copies (``Dockerfile.bak``, ``*.orig``, ``*.rej``, ``*~``) are neither walked nor fixed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import WriteTree

from lintdock import fixes
from lintdock.cli import cli
from lintdock.fixes import NotWritten, write_atomic

CURL = 'FROM alpine:3.20\nHEALTHCHECK CMD curl -s http://localhost/\nCMD ["app"]\n'
FIXED = CURL.replace("curl", "curl --fail")


def fix(*paths: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--fix", "--quiet", "--select", "LD105", *paths])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stderr


def test_a_file_that_cannot_be_written_is_one_line_and_the_others_are_fixed(
    tree: WriteTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree({"a/Dockerfile": CURL, "b/Dockerfile": CURL})
    replace = fixes._replace

    def refuse_a(target: str, text: str, status: os.stat_result) -> None:
        if target.endswith("a/Dockerfile"):
            raise PermissionError(13, "Permission denied")
        replace(target, text, status)

    monkeypatch.setattr(fixes, "_replace", refuse_a)
    code, stderr = fix(".")
    assert code == 2
    assert "lintdock: error: a/Dockerfile: cannot fix: Permission denied\n" in stderr
    assert "Traceback" not in stderr
    assert (root / "a/Dockerfile").read_text() == CURL
    assert (root / "b/Dockerfile").read_text() == FIXED


def test_a_read_only_directory(tree: WriteTree) -> None:
    root = tree({"Dockerfile": CURL})
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only directories")
    os.chmod(root, 0o555)
    try:
        code, stderr = fix("Dockerfile")
    finally:
        os.chmod(root, 0o755)
    assert code == 2
    assert stderr.startswith("lintdock: error: Dockerfile: cannot fix: Permission denied")


def test_hard_links_are_kept(tree: WriteTree) -> None:
    root = tree({"Dockerfile": CURL})
    os.link(root / "Dockerfile", root / "linked")
    assert fix("Dockerfile")[0] == 0
    assert (root / "linked").read_text() == FIXED
    assert os.path.samefile(root / "Dockerfile", root / "linked")


def test_the_owner_is_kept(tree: WriteTree) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to someone else")
    root = tree({"Dockerfile": CURL})
    os.chown(root / "Dockerfile", 1234, 5678)
    os.chmod(root / "Dockerfile", 0o640)
    assert fix("Dockerfile")[0] == 0
    status = os.stat(root / "Dockerfile")
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (1234, 5678, 0o640)
    assert (root / "Dockerfile").read_text() == FIXED


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text("FROM b\n")
    with pytest.raises(NotWritten, match="changed since it was read"):
        write_atomic(path, FIXED, expected=CURL)
    assert path.read_text() == "FROM b\n"


@pytest.mark.parametrize(
    "name", ["Dockerfile.bak", "Dockerfile.orig", "Dockerfile.rej", "Dockerfile~"]
)
def test_backup_copies_are_not_walked_nor_fixed(tree: WriteTree, name: str) -> None:
    root = tree({name: CURL, "compose.yaml.bak": "services: {web: {restart: sometimes}}\n"})
    result = CliRunner().invoke(cli, ["check", "--format", "json", "."])
    assert '"diagnostics": []' in result.stdout
    code, _ = fix(name)
    assert code == 1  # named, it is linted (LD105): but never rewritten
    assert (root / name).read_text() == CURL
