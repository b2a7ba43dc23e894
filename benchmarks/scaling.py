"""How lintdock's time and memory grow with the size of its input, one dimension at a time.

Each dimension is a generated project at a few sizes, each linted by ``lintdock check`` in a
child process (the CLI as users run it, cold start included); CPU seconds and peak resident
memory come from ``wait4``. Growth is roughly linear when doubling the size about doubles the
time and the memory above the start-up baseline (an empty project).

    python benchmarks/scaling.py              # every dimension, a Markdown table
    python benchmarks/scaling.py services     # one dimension
    python benchmarks/scaling.py --quick      # smaller sizes (a smoke run)

Inputs over a kind's size limit (``lintdock.files.LIMITS``) are not read: they are LD005 at
once, so the largest sizes here stay under the limits.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Files = dict[str, str]
MB = 1 << 20


def dockerfile_lines(n: int) -> Files:
    body = "".join(f"RUN echo step {i} && apk add --no-cache pkg{i % 50}\n" for i in range(n))
    return {"Dockerfile": "FROM alpine:3.20\n" + body + 'CMD ["app"]\n'}


def stages(n: int) -> Files:
    chain = "".join(f"FROM s{i} AS s{i + 1}\nRUN echo {i}\n" for i in range(n))
    return {"Dockerfile": "FROM alpine:3.20 AS s0\n" + chain}


def services(n: int) -> Files:
    template = (
        "  svc{i}:\n    image: postgres:16\n    restart: on-failure:5\n"
        "    environment:\n      DB_HOST: svc{p}\n    depends_on: [svc{p}]\n"
    )
    body = "".join(template.format(i=i, p=(i + 1) % n) for i in range(n))
    return {"compose.yaml": "services:\n" + body}


def env_lines(n: int) -> Files:
    env = "".join(f"KEY_{i}=value_{i}\n" for i in range(n))
    compose = "services:\n  web:\n    image: nginx:${KEY_1}\n    env_file: app.env\n"
    return {"compose.yaml": compose, ".env": env, "app.env": env}


def value_length(n: int) -> Files:
    value = "QUJD" * (n // 4)  # a base64 certificate
    dockerfile = f'FROM alpine:3.20\nENV CERT={value}\nCMD ["app"]\n'
    compose = f"services:\n  web:\n    build: .\n    environment:\n      CERT: {value}\n"
    return {"Dockerfile": dockerfile, "compose.yaml": compose}


def yaml_size(n: int) -> Files:
    line = "        " + "x" * 90 + "\n"
    scalar = line * max(n // len(line), 1)
    return {
        "compose.yaml": "services:\n  web:\n    image: nginx\n    labels:\n      cert: |\n" + scalar
    }


@dataclass(frozen=True)
class Dimension:
    make: Callable[[int], Files]
    unit: str
    sizes: tuple[int, ...]


DIMENSIONS = {
    "dockerfile-lines": Dimension(dockerfile_lines, "lines", (5_000, 10_000, 20_000)),
    "stages": Dimension(stages, "stages", (1_250, 2_500, 5_000)),
    "services": Dimension(services, "services", (1_250, 2_500, 5_000)),
    "env-lines": Dimension(env_lines, "lines", (25_000, 50_000, 100_000)),
    "value-length": Dimension(value_length, "bytes", (25_000, 50_000, 100_000)),
    "yaml-size": Dimension(yaml_size, "bytes", (MB // 8, MB // 4, MB // 2)),
}


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mb: float
    exit_code: int


def lint(files: Files) -> Measure:
    """``lintdock check`` on ``files`` in a fresh child: CPU seconds and peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        for name, text in files.items():
            (root / name).write_text(text, encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, "-m", "lintdock", "check", "--quiet", "."],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    return Measure(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dimensions", nargs="*", choices=[[], *DIMENSIONS], default=[])
    parser.add_argument("--quick", action="store_true", help="a quarter of the sizes")
    args = parser.parse_args()
    base = lint({})
    print(f"Start-up (an empty project): {base.seconds:.2f} s, {base.peak_mb:.0f} MB\n")
    print("| dimension | size | CPU s | peak MB | time x | memory x | exit |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in args.dimensions or DIMENSIONS:
        dimension = DIMENSIONS[name]
        previous: Measure | None = None
        for size in dimension.sizes:
            size = size // 4 if args.quick else size
            measure = lint(dimension.make(size))
            time_x = memory_x = ""
            if previous is not None:
                time_x = f"{measure.seconds / previous.seconds:.1f}"
                grown = (measure.peak_mb - base.peak_mb) / max(previous.peak_mb - base.peak_mb, 1)
                memory_x = f"{grown:.1f}"
            print(
                f"| {name} | {size:,} {dimension.unit} | {measure.seconds:.2f} | "
                f"{measure.peak_mb:.0f} | {time_x} | {memory_x} | {measure.exit_code} |",
                flush=True,
            )
            previous = measure


if __name__ == "__main__":
    main()
