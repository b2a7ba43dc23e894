"""Exit codes a CI gate can trust: an internal error of any kind is exit 2 with one line that
says so (the traceback only with ``--verbose``), Ctrl-C is 130, never 1 (which means findings)."""

from __future__ import annotations

import re

import pytest

from lintdock import cli

ERRORS = {
    "MemoryError": MemoryError(),
    "PermissionError": PermissionError(13, "Permission denied"),
    "re.error": re.error("bad character range z-a"),
    "RecursionError": RecursionError("maximum recursion depth exceeded"),
    "any other exception": LookupError("something\nelse"),
}


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stopped:
        cli.main(args)
    code = stopped.value.code
    return (code if isinstance(code, int) else 0), capsys.readouterr().err


@pytest.mark.parametrize("name", list(ERRORS))
def test_an_internal_error_is_exit_2_and_one_line(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise ERRORS[name]

    monkeypatch.setattr(cli, "lint_paths", fail)
    code, stderr = run_main(["check", "."], capsys)
    assert code == 2
    [line] = stderr.splitlines()
    assert line.startswith("lintdock: error: internal error: ")
    assert "--verbose shows the traceback" in line
    assert "Traceback" not in stderr


def test_verbose_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(cli, "lint_paths", fail)
    code, stderr = run_main(["check", "--verbose", "."], capsys)
    assert code == 2
    assert stderr.startswith("Traceback (most recent call last):")
    assert stderr.splitlines()[-1] == (
        "lintdock: error: internal error: RecursionError: maximum recursion depth exceeded "
        "(this is a bug in lintdock)"
    )


def test_ctrl_c_is_130(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "lint_paths", interrupted)
    code, stderr = run_main(["check", "."], capsys)
    assert (code, stderr.strip()) == (130, "lintdock: interrupted")


def test_usage_errors_stay_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, stderr = run_main(["check", "--format", "nope"], capsys)
    assert code == 2
    assert "Invalid value for '--format'" in stderr


def test_a_command_that_returns_is_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(["rules"], capsys)[0] == 0
