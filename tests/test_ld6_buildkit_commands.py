"""LD611 and LD617: BuildKit's checks of CMD and ENTRYPOINT, at exact positions, with fixes."""

from __future__ import annotations

from ld1_helpers import Hit, fixed, hits, run


def test_shell_form_cmd_and_entrypoint() -> None:
    text = (
        'FROM node:20\nCMD node server.js\nENTRYPOINT ["tini", "--"]\n'
        "FROM alpine:3.20\nENTRYPOINT run.sh\n"
    )
    assert hits(text, "LD611") == [
        Hit("Dockerfile", 2, 1, 2, 4, "warning"),
        Hit("Dockerfile", 5, 1, 5, 11, "warning"),
    ]


def test_a_posix_shell_set_by_shell_does_not_silence_it() -> None:
    text = (
        'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD nginx -g "daemon off;"\n'
    )
    assert hits(text, "LD611") == [Hit("Dockerfile", 3, 1, 3, 4, "warning")]


def test_windows_shells_and_images_are_left_alone() -> None:
    powershell = 'FROM alpine:3.20\nSHELL ["pwsh", "-Command"]\nCMD Write-Host hi\n'
    windows = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ping -t localhost\n"
    inherited = 'FROM alpine:3.20 AS base\nSHELL ["powershell", "-c"]\nFROM base\nCMD dir\n'
    for text in (powershell, windows, inherited):
        assert hits(text, "LD611") == [], text


def test_exec_form_onbuild_and_healthcheck_are_not_reported() -> None:
    text = (
        'FROM alpine:3.20\nCMD ["sh", "-c", "echo $HOME"]\nONBUILD CMD echo hi\n'
        "HEALTHCHECK CMD wget -q -O /dev/null http://localhost/\n"
    )
    assert hits(text, "LD611") == []


def test_cmd_fix_is_safe_only_when_no_entrypoint_takes_it() -> None:
    scratch = "FROM scratch\nCOPY app /app\nCMD /app --port 80\n"
    assert fixed(scratch, "LD611").endswith('CMD ["/app", "--port", "80"]\n')
    assert run(scratch, "LD611")[0].fix.safe  # type: ignore[union-attr]
    image = "FROM postgres:16\nCMD postgres -c max_connections=200\n"
    [finding] = run(image, "LD611")
    assert finding.fix is not None and not finding.fix.safe
    shell_entrypoint = "FROM python:3.12\nENTRYPOINT app start\nCMD serve\n"
    assert [f.fix.safe for f in run(shell_entrypoint, "LD611") if f.fix] == [False, True]


def test_no_fix_when_the_shell_gives_the_text_a_meaning() -> None:
    for command in (
        "app $HOME",
        "a | b",
        "run > log",
        "X=1 app",
        "app *.txt",
        "a 'b c'",
        "exec app",
    ):
        [finding] = run(f"FROM scratch\nCMD {command}\n", "LD611")
        assert finding.fix is None, command


def test_the_fix_joins_continuation_lines() -> None:
    assert fixed("FROM scratch\nCMD /app \\\n  --port 80\n", "LD611") == (
        'FROM scratch\nCMD ["/app", "--port", "80"]\n'
    )


def test_earlier_cmd_and_entrypoint_of_a_stage() -> None:
    text = (
        'FROM alpine:3.20 AS base\nCMD ["a"]\nENTRYPOINT ["x"]\nCMD ["b"]\nENTRYPOINT y\nCMD c\n'
        'FROM base\nCMD ["d"]\nHEALTHCHECK CMD true\nHEALTHCHECK CMD false\n'
    )
    assert hits(text, "LD617") == [
        Hit("Dockerfile", 2, 1, 2, 4, "warning"),
        Hit("Dockerfile", 3, 1, 3, 11, "warning"),
        Hit("Dockerfile", 4, 1, 4, 4, "warning"),
    ]
    assert "the CMD on line 6 replaces it" in run(text, "LD617")[0].message


def test_onbuild_cmd_does_not_count() -> None:
    assert hits('FROM alpine:3.20\nONBUILD CMD ["a"]\nCMD ["b"]\n', "LD617") == []


def test_a_start_up_check_chain_is_ld304s() -> None:
    text = "FROM node:20\nCMD wait-for-it db:5432 && node server.js\n"
    assert hits(text, "LD611") == []
    assert len(run(text, "LD304")) == 1
