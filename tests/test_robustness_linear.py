"""Inputs that used to take quadratic time, linted in a child process with generous bounds on
CPU time and memory: a 100 KB value (a certificate, a long token) in ENV, ``environment:`` and an
``env_file`` (the host-finding scan read every offset of it), and a FROM chain of 5,000 stages
with a RUN each (each stage's facts replayed its whole lineage)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintdock.facts.needs import hosts_in, url_authorities

CPU_SECONDS = 10.0
MEMORY_MB = 300
CHILD = """
import json, resource, sys
from lintdock.engine import lint_paths
result = lint_paths([sys.argv[1]], workers=1)
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "rss_kb": usage.ru_maxrss,
                  "codes": sorted({d.code for d in result.diagnostics})}))
"""


def lint_in_child(path: Path) -> dict[str, object]:
    """Lint ``path`` in a fresh interpreter; its CPU time, peak memory and finding codes."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def assert_bounded(usage: dict[str, object]) -> None:
    assert isinstance(usage["cpu"], float) and usage["cpu"] < CPU_SECONDS
    assert isinstance(usage["rss_kb"], int) and usage["rss_kb"] < MEMORY_MB * 1024


@pytest.mark.parametrize("value", ["A" * 100_000, "MIIF" + "aB3+/x9Z" * 12_500])
def test_a_100_kb_value_in_env_environment_and_env_file_is_linear(
    tmp_path: Path, value: str
) -> None:
    (tmp_path / "Dockerfile").write_text(f'FROM alpine\nENV CERT={value}\nCMD ["app"]\n')
    (tmp_path / "app.env").write_text(f"KEY={value}\n")
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    build: .\n    env_file: app.env\n"
        f"    environment:\n      CERT: {value}\n  db:\n    image: postgres\n"
    )
    assert_bounded(lint_in_child(tmp_path))


def test_a_chain_of_5000_stages_with_a_run_each_is_linear(tmp_path: Path) -> None:
    lines = ["FROM alpine:3.20 AS s0"]
    lines += [f"FROM s{i} AS s{i + 1}\nRUN echo {i}" for i in range(5_000)]
    lines.append('HEALTHCHECK CMD wget -q -O /dev/null http://localhost/ || exit 1\nCMD ["app"]')
    (tmp_path / "Dockerfile").write_text("\n".join(lines) + "\n")
    usage = lint_in_child(tmp_path / "Dockerfile")
    assert_bounded(usage)


# The regular expression the URL scanner replaced: the scanner finds the same authorities.
OLD_URL = re.compile(r"(?:jdbc:)?[A-Za-z][A-Za-z0-9+.-]*://(?P<authority>[^/?#\s\"'<>]*)")


@settings(deadline=None)
@given(st.text(alphabet="ab1+.-:/@?# jdbc", max_size=60))
def test_url_scanner_finds_what_the_regular_expression_found(value: str) -> None:
    expected = [match.group("authority") for match in OLD_URL.finditer(value)]
    assert list(url_authorities(value)) == expected


@pytest.mark.parametrize(
    ("value", "hosts"),
    [
        ("jdbc:postgresql://db:5432/app", ("db",)),
        ("1http://api/x", ("api",)),
        ("mongodb://u:p@a:1,b:2/x http://c", ("a", "b", "c")),
        ("x://a://b", ("a",)),
        ("9://nope", ()),
    ],
)
def test_url_hosts(value: str, hosts: tuple[str, ...]) -> None:
    assert hosts_in(value) == hosts
