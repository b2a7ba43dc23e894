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

CPU_SECONDS = 30.0  # a bound on runaway cost only: the machine may be busy
MEMORY_MB = 300
CHILD = """
import json, resource, sys, time
from lintdock.engine import lint_paths
started = time.process_time()
result = lint_paths([sys.argv[1]], workers=1)
linting = time.process_time() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
# ru_maxrss keeps the high-water mark of the forked copy of the parent (a pytest worker of
# 300 MB) from before exec; VmHWM is this program's own.
with open("/proc/self/status") as status:
    peak = next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), None)
print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "rss_kb": peak or usage.ru_maxrss,
                  "linting": linting, "codes": sorted({d.code for d in result.diagnostics})}))
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
    """Four times the stages take about four times the CPU (sixteen if quadratic): a ratio of
    two runs under the same load, where an absolute bound fails on a busy machine."""
    short, long = (stage_chain(tmp_path / str(n), n) for n in (1_250, 5_000))
    long_runs = [lint_in_child(long) for _ in range(2)]
    assert_bounded(long_runs[0])
    short_runs = [lint_in_child(short) for _ in range(2)]
    assert least_linting(long_runs) < 8 * least_linting(short_runs)


def least_linting(runs: list[dict[str, object]]) -> float:
    """The least linting CPU time of a few runs: the least disturbed by other work on the
    machine (one run on a busy CI machine can take twice as long as the next)."""
    times = [run["linting"] for run in runs]
    assert all(isinstance(t, float) for t in times)
    return min(t for t in times if isinstance(t, float))


def stage_chain(folder: Path, stages: int) -> Path:
    """A Dockerfile of ``stages`` stages, each FROM the one before with a RUN."""
    lines = ["FROM alpine:3.20 AS s0"]
    lines += [f"FROM s{i} AS s{i + 1}\nRUN echo {i}" for i in range(stages)]
    lines.append('HEALTHCHECK CMD wget -q -O /dev/null http://localhost/ || exit 1\nCMD ["app"]')
    folder.mkdir()
    (folder / "Dockerfile").write_text("\n".join(lines) + "\n")
    return folder / "Dockerfile"


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
