"""Hostile files and file systems: whatever is on disk, ``lintdock check`` reports a finding or a
notification for it, exits 0 or 1 (2 only for a path named on the command line that cannot be
read, as the interface says), never prints a traceback, and still lints every other file.
Directory walks end on symlink loops and never leave the roots they were given."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator

import pytest
from click.testing import CliRunner, Result
from conftest import WriteTree

from lintdock import engine
from lintdock.cli import cli

NO_FROM = "RUN echo hi\n"  # LD001 at 1:1: proves the file was linted


def check(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", "--format", "json", *args])


def report(result: Result) -> dict[str, list[tuple[str, int, int, str]]]:
    """The findings of a JSON report by path: ``(code, line, column, message)``."""
    found: dict[str, list[tuple[str, int, int, str]]] = {}
    for d in json.loads(result.stdout)["diagnostics"]:
        found.setdefault(d["path"], []).append((d["code"], d["line"], d["column"], d["message"]))
    return found


def warnings(result: Result) -> dict[str, str]:
    """Files lintdock could not lint, from stderr: path -> why."""
    found = {}
    for line in result.stderr.splitlines():
        level, _, rest = line.removeprefix("lintdock: ").partition(": ")
        path, _, message = rest.partition(": ")
        assert level in ("warning", "error"), line
        found[path] = message
    return found


def assert_no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "bug in lintdock" not in result.stderr


def assert_only_the_good_file_linted(result: Result, unreadable: dict[str, str]) -> None:
    """``good/Dockerfile`` (LD001) was linted, the ``unreadable`` files were notifications."""
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert warnings(result) == unreadable
    assert list(report(result)) == ["good/Dockerfile"]


HOSTILE: dict[str, bytes] = {
    "random/Dockerfile": random.Random(7).randbytes(4096),
    "random/compose.yaml": random.Random(8).randbytes(4096),
    "latin1/Dockerfile": b"FROM alpine\nLABEL author=J\xfcrgen\n",
    "truncated-utf8/compose.yaml": b"services:\n  web:\n    image: caf\xc3",
    "nul/Dockerfile": b"FROM alpine\nRUN echo \x00\n",
    "nul/docker-compose.yml": b"services: {}\n\x00",
    "elf/Dockerfile": b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8,
    "bom-only/Dockerfile": "\ufeff".encode(),
    "utf16/Dockerfile": "FROM alpine\n".encode("utf-16"),
}
NOT_TEXT = {
    "random/Dockerfile": "not linted: not UTF-8 text",
    "random/compose.yaml": "not linted: not UTF-8 text",
    "latin1/Dockerfile": "not linted: not UTF-8 text",
    "truncated-utf8/compose.yaml": "not linted: not UTF-8 text",
    "nul/Dockerfile": "not linted: a binary file (it contains NUL bytes)",
    "nul/docker-compose.yml": "not linted: a binary file (it contains NUL bytes)",
    "elf/Dockerfile": "not linted: not UTF-8 text",
    "utf16/Dockerfile": "not linted: not UTF-8 text",
}
NOT_TEXT_AT = {  # the first byte that is not text, as line and column
    "latin1/Dockerfile": (2, 15),
    "truncated-utf8/compose.yaml": (3, 15),
    "nul/Dockerfile": (2, 10),
    "nul/docker-compose.yml": (2, 1),
}


def not_text_findings(found: dict[str, list[tuple[str, int, int, str]]]) -> dict[str, str]:
    """The LD005 findings of files that are not text (popped from ``found``): path ->
    message prefix, their positions checked against NOT_TEXT_AT."""
    prefixes = {}
    for path in [p for p in found if p in NOT_TEXT]:
        [(code, line, column, message)] = found.pop(path)
        assert code == "LD005"
        assert (line, column) == NOT_TEXT_AT.get(path, (line, column))
        prefixes[path] = message[: len(NOT_TEXT[path])]
    return prefixes


class TestContent:
    def test_binary_and_badly_encoded_files_are_findings(self, tree: WriteTree) -> None:
        tree({"good/Dockerfile": NO_FROM, **HOSTILE})
        result = check(".")
        assert_no_traceback(result)
        assert result.exit_code == 1
        assert warnings(result) == {}
        found = report(result)
        assert not_text_findings(found) == NOT_TEXT
        assert [f[:3] for f in found.pop("good/Dockerfile")] == [("LD001", 1, 1)]
        assert [f[:3] for f in found.pop("bom-only/Dockerfile")] == [("LD001", 1, 1)]
        assert found == {}

    def test_empty_files(self, tree: WriteTree) -> None:
        tree(
            {"Dockerfile": "", "compose.yaml": "", "x/docker-compose.yml": "\n\n# only a comment\n"}
        )
        result = check(".")
        assert_no_traceback(result)
        assert {path: [f[:3] for f in found] for path, found in report(result).items()} == {
            "Dockerfile": [("LD001", 1, 1)],
            "compose.yaml": [("LD003", 1, 1)],  # "empty compose file", as compose says
            "x/docker-compose.yml": [("LD003", 1, 1)],
        }
        assert result.exit_code == 1
        assert json.loads(result.stdout)["summary"]["files"] == 3

    def test_printable_garbage_is_linted_as_what_its_name_says(self, tree: WriteTree) -> None:
        noise = random.Random(3)
        garbage = "".join(
            noise.choice(" \t\n\\`'\"$#[]{}:-=&|;<>()*!?,.azAZ09\u00e9\u2028\r")
            for _ in range(20_000)
        )
        tree({"Dockerfile": garbage, "compose.yaml": garbage})
        result = check(".")
        assert_no_traceback(result)
        assert result.exit_code in (0, 1)
        assert warnings(result) == {}


class TestNamedOnTheCommandLine:
    def test_a_binary_file_named_explicitly_is_a_finding_and_the_others_are_linted(
        self, tree: WriteTree
    ) -> None:
        """As ruff's E902: exit code 1, not 2 (which stays for usage and internal errors)."""
        tree({"good/Dockerfile": NO_FROM, **HOSTILE})
        result = check("elf/Dockerfile", "good/Dockerfile", "nul/docker-compose.yml")
        assert_no_traceback(result)
        assert result.exit_code == 1
        assert warnings(result) == {}
        found = report(result)
        assert set(not_text_findings(found)) == {"elf/Dockerfile", "nul/docker-compose.yml"}
        assert [f[:3] for f in found["good/Dockerfile"]] == [("LD001", 1, 1)]

    def test_a_directory_named_dockerfile_is_walked(self, tree: WriteTree) -> None:
        tree({"Dockerfile/Dockerfile": NO_FROM, "Dockerfile/notes.txt": "x"})
        result = check("Dockerfile")
        assert_no_traceback(result)
        assert (result.exit_code, list(report(result))) == (1, ["Dockerfile/Dockerfile"])

    def test_a_missing_path_is_an_error_and_the_rest_is_linted(self, tree: WriteTree) -> None:
        tree({"Dockerfile": NO_FROM})
        result = check("gone/Dockerfile", "Dockerfile")
        assert result.exit_code == 2
        assert warnings(result) == {"gone/Dockerfile": "No such file or directory"}
        assert list(report(result)) == ["Dockerfile"]


class TestFileSystem:
    def test_unreadable_entries_in_a_walk_are_notifications(self, tree: WriteTree) -> None:
        """Root reads any file, so unreadable files are made with links that cannot be opened
        (a dangling one, one pointing at itself) and a directory named like a Dockerfile."""
        root = tree({"good/Dockerfile": NO_FROM, "Dockerfile.d/Dockerfile/README": "x"})
        (root / "dangling").mkdir()
        (root / "dangling" / "Dockerfile").symlink_to("nowhere")
        (root / "loop").mkdir()
        (root / "loop" / "compose.yaml").symlink_to("compose.yaml")
        assert_only_the_good_file_linted(
            check("."),
            {
                "dangling/Dockerfile": (
                    "cannot lint: a symbolic link to nowhere, which does not exist"
                ),
                "loop/compose.yaml": "cannot lint: Too many levels of symbolic links",
            },
        )

    @pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode (CI)")
    def test_a_file_without_read_permission_is_a_notification(self, tree: WriteTree) -> None:
        root = tree({"good/Dockerfile": NO_FROM, "locked/Dockerfile": "FROM alpine\n"})
        (root / "locked" / "Dockerfile").chmod(0)
        assert_only_the_good_file_linted(
            check("."), {"locked/Dockerfile": "cannot lint: Permission denied"}
        )

    def test_an_unreadable_directory_is_skipped(
        self, tree: WriteTree, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        tree({"good/Dockerfile": NO_FROM, "locked/Dockerfile": NO_FROM})
        real_scandir = os.scandir

        def scandir(path: str) -> Iterator[os.DirEntry[str]]:
            if os.path.basename(os.fspath(path)) == "locked":
                raise PermissionError(13, "Permission denied")
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
        assert_only_the_good_file_linted(check("."), {})

    def test_files_that_vanish_between_discovery_and_reading(
        self, tree: WriteTree, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        tree({"good/Dockerfile": NO_FROM, "gone/Dockerfile": NO_FROM, "gone/compose.yaml": ""})
        real_walk = engine.walk

        def walk_then_delete(root: str, excluded: engine.Excluded, *more: object) -> Iterator[str]:
            for path in real_walk(root, excluded, *more):
                if "gone" in path:
                    os.remove(path)
                yield path

        monkeypatch.setattr(engine, "walk", walk_then_delete)
        assert_only_the_good_file_linted(
            check("."),
            {
                "gone/Dockerfile": "cannot lint: No such file or directory",
                "gone/compose.yaml": "cannot lint: No such file or directory",
            },
        )


class TestWalks:
    def test_symlink_loops_end(self, tree: WriteTree) -> None:
        root = tree({"a/b/Dockerfile": NO_FROM})
        (root / "a" / "b" / "up").symlink_to("../..", target_is_directory=True)
        (root / "a" / "self").symlink_to(".", target_is_directory=True)
        (root / "a" / "b" / "c").mkdir()
        (root / "a" / "b" / "c" / "back").symlink_to(root / "a", target_is_directory=True)
        result = check(".")
        assert_no_traceback(result)
        assert list(report(result)) == ["a/b/Dockerfile"]

    def test_a_walk_never_leaves_its_roots(
        self, tree: WriteTree, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        outside = tmp_path_factory.mktemp("outside")
        (outside / "Dockerfile").write_text(NO_FROM)
        (outside / "compose.yaml").write_text("services: {web: {image: x, restart: sometimes}}\n")
        root = tree({"project/Dockerfile": NO_FROM})
        (root / "project" / "linked-dir").symlink_to(outside, target_is_directory=True)
        (root / "project" / "compose.yaml").symlink_to(outside / "compose.yaml")
        (root / "project" / "up").symlink_to(root, target_is_directory=True)
        result = check("project")
        assert_no_traceback(result)
        assert list(report(result)) == ["project/Dockerfile"]
        assert warnings(result) == {}

    def test_a_symlink_inside_the_root_is_followed_once(self, tree: WriteTree) -> None:
        root = tree({"real/Dockerfile": NO_FROM})
        (root / "alias").symlink_to(root / "real", target_is_directory=True)
        result = check(".")
        assert list(report(result)) in (["alias/Dockerfile"], ["real/Dockerfile"])


def test_hostile_tree_gives_the_same_report_with_workers(tree: WriteTree) -> None:
    """Notifications and findings do not depend on how the work is spread."""
    files: dict[str, str | bytes] = {f"p{i:03}/Dockerfile": NO_FROM for i in range(150)}
    tree({**files, **HOSTILE})
    results = [engine.lint_paths(["."], workers=workers) for workers in (1, 2)]
    assert results[0].diagnostics == results[1].diagnostics
    assert results[0].notifications == results[1].notifications
    assert len(results[0].diagnostics) == 151 + len(NOT_TEXT)
