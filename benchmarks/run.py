"""lintdock against hadolint (Dockerfiles) and dclint (compose files), side by side in one run.

    python benchmarks/run.py CORPUS [--rounds N] [--cold N] [--json FILE]

``CORPUS`` holds a ``dockerfiles/`` and a ``compose/`` folder (``build_corpus.py`` writes that
layout); ``--dockerfiles DIR`` / ``--compose DIR`` name them elsewhere. Each tool runs the way
users run it, as a separate process: ``lintdock check DIR`` (the console script of the venv
running this script), hadolint with many files per invocation, dclint with a list of files. All
three see the same files: those ``lintdock check`` finds in the folder. lintdock's modules are
compiled to bytecode first where they have none, as ``pip install`` compiles an installed copy
(an editable install under PYTHONDONTWRITEBYTECODE would otherwise compile them at each start).

Reported, as ratios (absolute seconds depend too much on the machine and its load):
- throughput: lintdock's files/s over the other tool's, by wall-clock and by CPU time (user +
  system of the process and its children), median over ``--rounds`` alternating rounds; on the
  Dockerfiles twice: lintdock's own rules, and with ShellCheck's codes selected too
  (``--extend-select SC``, when ShellCheck is installed), since hadolint runs ShellCheck always;
- cold start: ``lintdock check FILE`` over ``hadolint FILE`` on one Dockerfile, median of
  ``--cold`` alternating runs (the way pre-commit runs a hook on a one-file commit);
- peak memory: the largest resident set of lintdock (or of any of its worker processes) on the
  whole corpus, from ``wait4``'s resource usage;
- parser-only throughput (``parse.py``): files/s of each parser alone, in-process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARGUMENT_BYTES = 100_000  # per invocation: far below any ARG_MAX, few invocations
TARGETS = {"dockerfiles": 20.0, "shellcheck": 2.0, "compose": 20.0, "cold": 2.0, "memory_mb": 200.0}
# comparison -> the lintdock Kind of its files ("shellcheck": the Dockerfiles, SC codes selected)
KINDS = {"dockerfiles": "dockerfile", "shellcheck": "dockerfile", "compose": "compose"}


@dataclass(frozen=True)
class Usage:
    """What running a command cost: wall-clock and CPU seconds, peak resident set (MB)."""

    wall: float
    cpu: float
    peak_mb: float
    exit_codes: tuple[int, ...] = ()

    def over(self, other: Usage) -> tuple[float, float]:
        """How many times this took the other's time: by wall clock, by CPU time."""
        return self.wall / other.wall, self.cpu / other.cpu

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.wall + other.wall,
            self.cpu + other.cpu,
            max(self.peak_mb, other.peak_mb),
            self.exit_codes + other.exit_codes,
        )


def measure(argv: Sequence[str]) -> Usage:
    """Run ``argv`` (output discarded) and return what that one process tree cost."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Usage(
        wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, (process.returncode,)
    )


def measure_batches(command: Sequence[str], paths: Sequence[str]) -> Usage:
    """``command`` run on all of ``paths``, as few invocations as the argument limit allows."""
    total = Usage(0.0, 0.0, 0.0)
    for batch in batches(paths):
        total += measure([*command, *batch])
    return total


def batches(paths: Sequence[str]) -> list[list[str]]:
    found: list[list[str]] = [[]]
    size = 0
    for path in paths:
        if found[-1] and size + len(path) + 1 > ARGUMENT_BYTES:
            found.append([])
            size = 0
        found[-1].append(path)
        size += len(path) + 1
    return found


def lintable(folder: Path, kind: str) -> list[str]:
    """The files ``lintdock check folder`` lints, of one kind, in walk order."""
    from lintdock.discovery import kind_from_name, walk

    return [
        path
        for path in walk(str(folder), lambda _path, _is_dir: False)
        if (found := kind_from_name(path)) is not None and found.value == KINDS[kind]
    ]


# --- the comparisons --------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """lintdock and another tool on the same files: medians over rounds."""

    name: str
    files: int
    other: str
    lintdock: Usage
    theirs: Usage
    invocations: int

    @property
    def ratios(self) -> tuple[float, float]:
        """lintdock's throughput over the other's (wall, CPU): their time over lintdock's."""
        return self.theirs.over(self.lintdock)


def compare(
    name: str,
    folder: Path,
    lintdock: Sequence[str],
    other: tuple[str, Sequence[str]],
    rounds: int,
) -> Comparison | None:
    paths = lintable(folder, name)
    if not paths:
        return None
    runs: dict[str, list[Usage]] = {"lintdock": [], "other": []}
    steps: list[tuple[str, Callable[[], Usage]]] = [
        ("lintdock", lambda: measure([*lintdock, str(folder)])),
        ("other", lambda: measure_batches(other[1], paths)),
    ]
    for round_number in range(rounds):
        for key, step in steps if round_number % 2 == 0 else reversed(steps):
            runs[key].append(step())
            print(f"  {name}: {key if key == 'lintdock' else other[0]} done", file=sys.stderr)
    return Comparison(
        name,
        len(paths),
        other[0],
        median_usage(runs["lintdock"]),
        median_usage(runs["other"]),
        len(batches(paths)),
    )


def median_usage(runs: Sequence[Usage]) -> Usage:
    return Usage(
        statistics.median(u.wall for u in runs),
        statistics.median(u.cpu for u in runs),
        max(u.peak_mb for u in runs),
        tuple(code for u in runs for code in u.exit_codes),
    )


@dataclass(frozen=True)
class Cold:
    """One Dockerfile, each tool started afresh: median seconds."""

    path: str
    runs: int
    lintdock: Usage
    hadolint: Usage

    @property
    def ratios(self) -> tuple[float, float]:
        """lintdock's time over hadolint's (wall, CPU)."""
        return self.lintdock.over(self.hadolint)


def cold(path: str, lintdock: Sequence[str], hadolint: Sequence[str], runs: int) -> Cold:
    commands = {"lintdock": [*lintdock, path], "hadolint": [*hadolint, path]}
    for command in commands.values():
        measure(command)  # warm the disk cache
    measured: dict[str, list[Usage]] = {"lintdock": [], "hadolint": []}
    for run in range(runs):
        for key in sorted(commands, reverse=run % 2 == 1):
            measured[key].append(measure(commands[key]))
    return Cold(path, runs, median_usage(measured["lintdock"]), median_usage(measured["hadolint"]))


def typical_dockerfile(folder: Path) -> str:
    """The Dockerfile of median size in ``folder``."""
    paths = sorted(lintable(folder, "dockerfiles"), key=lambda p: (os.path.getsize(p), p))
    return paths[len(paths) // 2]


def compile_bytecode() -> tuple[int, int]:
    """Compile lintdock's modules to bytecode where they have none, as ``pip install`` does for
    a wheel: an editable install run under PYTHONDONTWRITEBYTECODE would compile every module
    from source at each start (half of a one-file run), which no installed copy does. Returns
    (modules compiled now, modules)."""
    import compileall
    import importlib.util

    import lintdock

    package = Path(lintdock.__file__).parent
    sources = sorted(package.rglob("*.py"))
    missing = [s for s in sources if not Path(importlib.util.cache_from_source(str(s))).exists()]
    for source in missing:
        compileall.compile_file(source, quiet=1)
    return len(missing), len(sources)


def parse_only(dockerfiles: Path, compose: Path) -> dict[str, dict[str, float]]:
    """``parse.py`` in a process of its own: files/s of each parser."""
    output = subprocess.run(
        [sys.executable, str(HERE / "parse.py"), "--json", str(dockerfiles), str(compose)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, dict[str, float]] = json.loads(output)
    return result


# --- tools and machine ------------------------------------------------------------------------


def find_tool(name: str, given: str | None, *extra: Path) -> str | None:
    """``given``, else ``name`` beside this Python (its venv), on PATH, or in ``extra``."""
    if given:
        return given
    candidates = [Path(sys.executable).parent / name, *extra]
    found = shutil.which(name)
    if found:
        candidates.insert(1, Path(found))
    return next((str(c) for c in candidates if c.is_file() and os.access(c, os.X_OK)), None)


def version(command: Sequence[str]) -> str:
    try:
        done = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return (
        (done.stdout or done.stderr).strip().splitlines()[-1] if done.stdout or done.stderr else "?"
    )


def machine() -> dict[str, str]:
    return {
        "cpus": str(os.cpu_count()),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


# --- report -----------------------------------------------------------------------------------


def report(results: dict[str, object]) -> str:
    lines = [
        f"machine: {results['machine']}",
        f"tools: {results['tools']}",
        f"lintdock's bytecode: {results['bytecode']}",
        "",
    ]
    for comparison in results["comparisons"]:  # type: ignore[attr-defined]
        assert isinstance(comparison, Comparison)
        lines += _comparison_lines(comparison)
    cold_result = results.get("cold")
    if isinstance(cold_result, Cold):
        lines += [
            f"one Dockerfile cold ({cold_result.path}, median of {cold_result.runs}):",
            f"  lintdock {cold_result.lintdock.wall * 1000:.0f} ms wall, "
            f"{cold_result.lintdock.cpu * 1000:.0f} ms CPU; hadolint "
            f"{cold_result.hadolint.wall * 1000:.0f} ms wall, "
            f"{cold_result.hadolint.cpu * 1000:.0f} ms CPU",
            "  lintdock / hadolint: {:.2f}x wall, {:.2f}x CPU".format(*cold_result.ratios)
            + f"   (target <= {TARGETS['cold']:.0f}x)",
            "",
        ]
    memory = results.get("memory")
    if isinstance(memory, Usage):
        lines += [
            f"peak memory, lintdock check on the whole corpus: {memory.peak_mb:.0f} MB "
            f"(target <= {TARGETS['memory_mb']:.0f} MB)",
            "",
        ]
    parsers = results.get("parsers")
    if isinstance(parsers, dict):
        lines.append("parsers alone (in-process):")
        for kind, numbers in parsers.items():
            lines.append(
                f"  {kind}: {numbers['files']:.0f} files, {numbers['files_per_second']:.0f} files/s"
            )
    return "\n".join(lines)


def _comparison_lines(c: Comparison) -> list[str]:
    def row(tool: str, usage: Usage) -> str:
        return (
            f"  {tool:<9} {c.files / usage.wall:9.1f} files/s wall  "
            f"{c.files / usage.cpu:9.1f} files/s CPU  exit {sorted(set(usage.exit_codes))}"
        )

    title = "dockerfiles with ShellCheck" if c.name == "shellcheck" else c.name
    return [
        f"{title}: {c.files} files ({c.other}: {c.invocations} invocation(s) of many files)",
        row("lintdock", c.lintdock),
        row(c.other, c.theirs),
        "  ratio     {:9.1f}x wall          {:9.1f}x CPU".format(*c.ratios)
        + f"   (target >= {TARGETS[c.name]:.0f}x)",
        "",
    ]


def _jsonable(value: object) -> object:
    if isinstance(value, (Comparison, Cold)):
        data = asdict(value)
        data["wall_ratio"], data["cpu_ratio"] = value.ratios
        return data
    if isinstance(value, Usage):
        return asdict(value)
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="holds dockerfiles/ and compose/")
    parser.add_argument("--dockerfiles", type=Path, help="default: CORPUS/dockerfiles")
    parser.add_argument("--compose", type=Path, help="default: CORPUS/compose")
    parser.add_argument("--rounds", type=int, default=1, help="throughput rounds (median)")
    parser.add_argument("--cold", type=int, default=21, help="cold runs per tool (median)")
    parser.add_argument("--cold-file", help="default: the Dockerfile of median size")
    parser.add_argument("--lintdock", help="default: the venv's console script")
    parser.add_argument("--hadolint", help="default: beside this Python, then PATH")
    parser.add_argument("--dclint", help="default: PATH, then ./node_modules/.bin")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    dockerfiles = args.dockerfiles or args.corpus / "dockerfiles"
    compose = args.compose or args.corpus / "compose"
    lintdock_bin = find_tool("lintdock", args.lintdock)
    hadolint_bin = find_tool("hadolint", args.hadolint)
    dclint_bin = find_tool("dclint", args.dclint, Path("node_modules/.bin/dclint"))
    if lintdock_bin is None:
        parser.error("lintdock not found: install it into this Python's venv or pass --lintdock")
    lintdock = [lintdock_bin, "check", "--quiet"]
    tools = {"lintdock": version([lintdock_bin])}
    compiled, modules = compile_bytecode()
    bytecode = f"{modules} modules, {compiled} of them compiled now"
    comparisons: list[Comparison] = []
    if hadolint_bin is None:
        print("hadolint not found: Dockerfile comparison skipped", file=sys.stderr)
    else:
        tools["hadolint"] = version([hadolint_bin])
        done = compare(
            "dockerfiles", dockerfiles, lintdock, ("hadolint", [hadolint_bin]), args.rounds
        )
        comparisons += [done] if done else []
        if find_tool("shellcheck", None) is not None:
            with_shellcheck = [*lintdock, "--extend-select", "SC"]
            done = compare(
                "shellcheck",
                dockerfiles,
                with_shellcheck,
                ("hadolint", [hadolint_bin]),
                args.rounds,
            )
            comparisons += [done] if done else []
    if dclint_bin is None:
        print("dclint not found: compose comparison skipped", file=sys.stderr)
    else:
        tools["dclint"] = version([dclint_bin])
        done = compare("compose", compose, lintdock, ("dclint", [dclint_bin]), args.rounds)
        comparisons += [done] if done else []

    results: dict[str, object] = {
        "machine": machine(),
        "tools": tools,
        "bytecode": bytecode,
        "comparisons": comparisons,
        "memory": measure([*lintdock, str(dockerfiles), str(compose)]),
        "parsers": parse_only(dockerfiles, compose),
    }
    if hadolint_bin is not None and args.cold > 0:
        path = args.cold_file or typical_dockerfile(dockerfiles)
        results["cold"] = cold(path, lintdock, [hadolint_bin], args.cold)
    print(report(results))
    if args.json:
        args.json.write_text(
            json.dumps({k: _jsonable(v) for k, v in results.items()}, indent=2) + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
