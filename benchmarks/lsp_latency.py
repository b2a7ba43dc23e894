"""The language server's latency: a keystroke to published diagnostics, next to a cold CLI run.

    python benchmarks/lsp_latency.py [--lines 300] [--keystrokes 60] [--cold 15] [--json FILE]

Writes a Dockerfile of ``--lines`` lines (multi-stage, long RUN chains, a curl health check, so
several rules report) in a temporary project, starts ``lintdock server`` (the console script of
the venv running this script) and drives it as an editor does (``tests/lsp_client.py``): open
the file, then type one character at a time (an incremental ``didChange``) and wait for the
``publishDiagnostics`` of that version. Keystrokes are spaced by ``--pause`` seconds (a typing
pace slower than the server's 100 ms coalescing window, so each one is linted on its own), and a
burst of ``--burst`` keystrokes 20 ms apart measures the time from the burst's last keystroke to
the diagnostics of the final text. Then ``lintdock check FILE`` runs ``--cold`` times as its own
process. Reported: median and 95th percentile of the keystroke latency, the burst's median, the
cold run's median, and the ratio (target: the server under a tenth of the cold run).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from lsp_client import LspClient  # noqa: E402 - the shared test client

TARGET = 0.1  # the server's latency over the cold CLI run
BURST_GAP = 0.02


def dockerfile(lines: int) -> str:
    """A realistic Dockerfile of about ``lines`` lines."""
    head = [
        "# syntax=docker/dockerfile:1",
        "FROM python:3.12-slim AS build",
        "WORKDIR /src",
        "COPY requirements.txt .",
    ]
    tail = [
        "FROM python:3.12-slim",
        "RUN apt-get update && apt-get install -y --no-install-recommends curl \\",
        "    && rm -rf /var/lib/apt/lists/*",
        "COPY --from=build /src /app",
        "ENV PORT=8000",
        "EXPOSE 8000",
        "USER 1000",
        "HEALTHCHECK --interval=30s CMD curl -s http://localhost:8000/health || exit 1",
        'CMD ["python", "-m", "app"]',
    ]
    room = lines - 1 - len(head) - len(tail)  # the last line is "# end", where typing goes
    body: list[str] = []
    for step in range(room // 6):
        body += [
            f"# step {step}: build dependency {step}",
            f"RUN pip install --no-cache-dir package{step}==1.{step}.0 \\",
            f"    && python -c 'import package{step}' \\",
            f"    && echo built {step} > /tmp/step{step}.txt",
            f"ENV STEP_{step}=done",
            f"COPY src/part{step}/ /src/part{step}/",
        ]
    body += ["#"] * (room - len(body))
    return "\n".join([*head, *body, *tail, "# end"]) + "\n"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def type_characters(
    client: LspClient, uri: str, line: int, count: int, gap: float
) -> list[tuple[float, float, int]]:
    """Type ``count`` characters at the end of ``line`` (0-based), ``gap`` seconds apart at
    least; (sent at, published at, version) of each keystroke whose diagnostics were waited for
    (all of them with a gap, the last one of a burst)."""
    sent: list[tuple[float, int]] = []
    column = len("# end")
    for number in range(count):
        position = {"line": line, "character": column + number}
        change = {"range": {"start": position, "end": position}, "text": "x"}
        started = time.perf_counter()
        version = client.edit(uri, [change])
        sent.append((started, version))
        if gap > BURST_GAP:
            client.diagnostics(uri, version=version)
            time.sleep(max(0.0, gap - (time.perf_counter() - started)))
        else:
            time.sleep(gap)
    if gap <= BURST_GAP:
        sent = sent[-1:]
        client.diagnostics(uri, version=sent[0][1])
    by_version: dict[int | None, float] = {}
    for published in client.published:
        if published.uri == uri:
            by_version.setdefault(published.version, published.at)
    return [(at, by_version[version], version) for at, version in sent]


def cold_runs(program: Path, path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([str(program), "check", str(path)], capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=300)
    parser.add_argument("--keystrokes", type=int, default=60)
    parser.add_argument("--pause", type=float, default=0.15)
    parser.add_argument("--burst", type=int, default=20)
    parser.add_argument("--bursts", type=int, default=5)
    parser.add_argument("--cold", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    program = Path(sys.executable).parent / "lintdock"
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "Dockerfile"
        path.write_text(dockerfile(args.lines))
        last_line = args.lines - 1
        client = LspClient([str(program), "server"], root)
        try:
            client.initialize()
            uri = client.open(path)
            first = client.diagnostics(uri, version=1)
            typed = type_characters(client, uri, last_line, args.keystrokes, args.pause)
            bursts = []
            for _ in range(args.bursts):
                time.sleep(args.pause)
                [(sent, published, _version)] = type_characters(
                    client, uri, last_line, args.burst, BURST_GAP
                )
                bursts.append(published - sent)
        finally:
            client.close()
        cold = cold_runs(program, path, args.cold)

    latencies = [published - sent for sent, published, _ in typed]
    result = {
        "lines": args.lines,
        "diagnostics": len(first),
        "keystrokes": len(latencies),
        "keystroke_median_ms": statistics.median(latencies) * 1000,
        "keystroke_p95_ms": percentile(latencies, 0.95) * 1000,
        "burst_median_ms": statistics.median(bursts) * 1000,
        "cold_cli_median_ms": statistics.median(cold) * 1000,
    }
    result["median_over_cold"] = result["keystroke_median_ms"] / result["cold_cli_median_ms"]
    result["p95_over_cold"] = result["keystroke_p95_ms"] / result["cold_cli_median_ms"]
    for key, value in result.items():
        print(f"{key:22} {value:.3f}" if isinstance(value, float) else f"{key:22} {value}")
    verdict = "meets" if result["p95_over_cold"] < TARGET else "misses"
    print(f"p95 keystroke latency {verdict} the target of {TARGET:.0%} of a cold run")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
