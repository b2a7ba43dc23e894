"""LD611, LD615, LD616 and LD617 side by side with hadolint's DL3025, DL3065, DL3029 and
DL4003/DL4004 on the same files: the same lines where the rules mean the same, and the
documented differences where they do not."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from ld1_helpers import run
from oracles import hadolint_binary, require

# Each case: a Dockerfile, the hadolint codes compared, and the lintdock rule.
AGREE = {
    "shell forms": (
        "FROM node:20\nCMD node server.js\nFROM alpine:3.20\nENTRYPOINT /run.sh\n"
        'FROM alpine:3.20\nSHELL ["/bin/sh", "-c"]\nCMD ["a"]\nCMD b\n',
        ("DL3025",),
        "LD611",
    ),
    "redundant target platform": (
        "FROM --platform=$TARGETPLATFORM alpine:3.20\n"
        "FROM --platform=${TARGETPLATFORM} alpine:3.20 AS b\n"
        "FROM --platform=$BUILDPLATFORM alpine:3.20\n",
        ("DL3065",),
        "LD615",
    ),
    "constant platform": (
        "FROM --platform=linux/amd64 alpine:3.20\nFROM --platform=$BUILDPLATFORM alpine:3.20\n",
        ("DL3029",),
        "LD616",
    ),
}


def hadolint_lines(tmp_path: Path, text: str, codes: tuple[str, ...]) -> list[int]:
    binary = require(hadolint_binary(), "hadolint")
    path = tmp_path / "Dockerfile"
    path.write_text(text, encoding="utf-8")
    output = subprocess.run(
        [str(binary), "--no-fail", "-f", "json", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    ).stdout
    return sorted(finding["line"] for finding in json.loads(output) if finding["code"] in codes)


def lintdock_lines(text: str, code: str) -> list[int]:
    return sorted(d.span.line for d in run(text, code))


@pytest.mark.parametrize("case", sorted(AGREE))
def test_the_same_lines_as_hadolint(tmp_path: Path, case: str) -> None:
    text, codes, code = AGREE[case]
    assert lintdock_lines(text, code) == hadolint_lines(tmp_path, text, codes)


def test_documented_differences(tmp_path: Path) -> None:
    healthcheck = "FROM alpine:3.20\nHEALTHCHECK CMD wget -q -O- http://localhost/\n"
    assert hadolint_lines(tmp_path, healthcheck, ("DL3025",)) == [2]
    assert lintdock_lines(healthcheck, "LD611") == []
    variable = "FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20\n"
    assert hadolint_lines(tmp_path, variable, ("DL3029",)) == [1]
    assert lintdock_lines(variable, "LD616") == []
    twice = 'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\n'
    assert hadolint_lines(tmp_path, twice, ("DL4003",)) == [3]
    assert lintdock_lines(twice, "LD617") == [2]
