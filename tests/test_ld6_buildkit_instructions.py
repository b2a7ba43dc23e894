"""LD606, LD608-LD610: BuildKit's checks of MAINTAINER, EXPOSE and WORKDIR, at exact positions,
with their fixes."""

from __future__ import annotations

from ld1_helpers import Hit, fixed, hits, run


def test_maintainer_at_its_keyword_with_a_label_fix() -> None:
    text = "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nRUN true\n"
    assert hits(text, "LD606") == [Hit("Dockerfile", 2, 1, 2, 11, "warning")]
    assert fixed(text, "LD606") == (
        'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n'
        "RUN true\n"
    )


def test_maintainer_fix_keeps_lower_case_and_drops_surrounding_quotes() -> None:
    text = 'from alpine:3.20\nmaintainer "jane@example.com"\n'
    assert fixed(text, "LD606") == (
        'from alpine:3.20\nlabel org.opencontainers.image.authors="jane@example.com"\n'
    )


def test_no_maintainer_fix_when_the_text_would_change_meaning() -> None:
    for author in ('Jane "JD" Doe', "$USER", "a\\\\b", "Jane \\\n  Doe"):
        text = f"FROM alpine:3.20\nMAINTAINER {author}\n"
        [finding] = run(text, "LD606")
        assert finding.fix is None, author


def test_expose_protocol_casing_at_the_word_with_a_fix() -> None:
    text = "FROM alpine:3.20\nEXPOSE 80/TCP 443 53/Udp 8000-8010/tcp\n"
    assert hits(text, "LD608") == [
        Hit("Dockerfile", 2, 8, 2, 14, "warning"),
        Hit("Dockerfile", 2, 19, 2, 25, "warning"),
    ]
    assert fixed(text, "LD608") == "FROM alpine:3.20\nEXPOSE 80/tcp 443 53/udp 8000-8010/tcp\n"


def test_expose_protocol_fix_keeps_variables_and_skips_quoted_words() -> None:
    text = 'FROM alpine:3.20\nEXPOSE ${PORT}/TCP "81/UDP"\n'
    assert [f.fix is not None for f in run(text, "LD608")] == [True, False]
    assert fixed(text, "LD608") == 'FROM alpine:3.20\nEXPOSE ${PORT}/tcp "81/UDP"\n'


def test_expose_with_a_host_port_or_an_address() -> None:
    text = "FROM alpine:3.20\nEXPOSE 80 8080:80 127.0.0.1:5432:5432/tcp\n"
    assert hits(text, "LD609") == [
        Hit("Dockerfile", 2, 11, 2, 18, "warning"),
        Hit("Dockerfile", 2, 19, 2, 42, "warning"),
    ]
    assert "write 'EXPOSE 5432/tcp'" in run(text, "LD609")[1].message


def test_expose_variable_defaults_are_not_host_ports() -> None:
    assert hits("FROM alpine:3.20\nEXPOSE ${PORT:-80} 80/tcp\n", "LD609") == []


def test_first_relative_workdir_of_a_stage() -> None:
    text = "FROM alpine:3.20\nWORKDIR app\nWORKDIR src\nFROM alpine:3.20\nWORKDIR 'build'\n"
    assert hits(text, "LD610") == [
        Hit("Dockerfile", 2, 9, 2, 12, "warning"),
        Hit("Dockerfile", 5, 9, 5, 16, "warning"),
    ]


def test_relative_workdir_after_an_absolute_one_or_inherited_one_is_fine() -> None:
    text = (
        "FROM alpine:3.20 AS base\nWORKDIR /app\nWORKDIR src\n"
        "FROM base\nWORKDIR sub\n"
        "FROM alpine:3.20\nWORKDIR $HOME\nWORKDIR x\n"
    )
    assert hits(text, "LD610") == []


def test_windows_absolute_workdirs_are_absolute() -> None:
    text = "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\app\n"
    assert hits(text, "LD610") == []
    assert hits("FROM alpine:3.20\nWORKDIR c:/app\n", "LD610") == []


def test_a_backslash_is_the_escape_unless_the_file_says_otherwise() -> None:
    assert hits("FROM alpine:3.20\nWORKDIR \\app\n", "LD610") == [
        Hit("Dockerfile", 2, 9, 2, 13, "warning")
    ]
    assert hits("# escape=`\nFROM alpine:3.20\nWORKDIR \\app\n", "LD610") == []
