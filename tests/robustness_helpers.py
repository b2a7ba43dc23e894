"""Measuring for the robustness tests: CPU time to compare two sizes of one input, the peak of
allocated memory, and ``lintdock`` run in a child process under time and memory limits."""

from __future__ import annotations

import gc
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MB = 1 << 20


def cpu_time(work: Callable[[], object], repeat: int = 2) -> float:
    """The least CPU time of a few runs (the least is the least disturbed by other work).

    Garbage collection is paused while a run is timed: CPython's full collections cost more the
    more objects are alive, which adds a growth of its own to any large input (a 20,000-line
    heredoc: 4.0x the time of 5,000 lines without it, 4.6x to 8.5x with it, by load) and would
    hide what the tests measure, the growth of lintdock's own work. Memory is bounded apart."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            work()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def growth(work: Callable[[str], object], small: str, large: str) -> float:
    """How many times longer ``work`` takes on ``large`` than on ``small``."""
    return cpu_time(lambda: work(large)) / cpu_time(lambda: work(small))


def peak_memory(work: Callable[[], object]) -> int:
    """Bytes allocated at the peak of ``work`` (beyond what existed before)."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


TIME_LIMIT = 10  # seconds of CPU and of wall clock a hostile input may cost
MEMORY_LIMIT = 300 * MB  # address space a hostile input may use


PEAK_RECORDING_LINTDOCK = """
import atexit, runpy, sys
peak_file = sys.argv.pop(1)

def record_peak():
    with open("/proc/self/status") as status, open(peak_file, "w") as out:
        out.write(next((line.split()[1] for line in status if line.startswith("VmHWM:")), ""))

atexit.register(record_peak)
sys.argv[0] = "lintdock"
runpy.run_module("lintdock", run_name="__main__", alter_sys=True)
"""
"""``python -m lintdock`` that writes its own peak resident memory (VmHWM, in kB) to a file as
it exits. A child's ``ru_maxrss`` is no measure: Linux keeps in it the high-water mark of the
forked copy of the parent from before exec, so a pytest worker of 300 MB makes every child
look as large."""


def _own_peak(peak_file: Path, fallback: int) -> int:
    """The peak the child recorded, in bytes (``fallback`` when it recorded none: killed)."""
    try:
        recorded = peak_file.read_text().strip()
    finally:
        peak_file.unlink(missing_ok=True)
    return int(recorded) * 1024 if recorded.isdigit() else fallback


@dataclass(frozen=True)
class Run:
    """A ``lintdock`` run in a child process: exit code, output, CPU seconds, peak memory."""

    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    peak_bytes: int

    def assert_bounded(self) -> None:
        """Under the time and memory limits, no traceback, the exit code of a finished run."""
        assert self.seconds < TIME_LIMIT, f"{self.seconds:.1f} s"
        assert self.peak_bytes < MEMORY_LIMIT, f"{self.peak_bytes / MB:.0f} MB"
        assert "Traceback" not in self.stderr, self.stderr
        assert self.exit_code in (0, 1, 2), (self.exit_code, self.stderr)


def lintdock(*args: str, cwd: str | Path = ".", stdin: str = "") -> Run:
    """``lintdock ARGS`` in a child limited to TIME_LIMIT and MEMORY_LIMIT (killed beyond)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CPU, (TIME_LIMIT, TIME_LIMIT + 1))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        with tempfile.TemporaryFile() as given:
            given.write(stdin.encode())
            given.seek(0)
            peak_file = Path(tempfile.mkstemp()[1])
            process = subprocess.Popen(
                [sys.executable, "-c", PEAK_RECORDING_LINTDOCK, str(peak_file), *args],
                cwd=cwd,
                stdin=given,
                stdout=out,
                stderr=err,
                preexec_fn=limit,
                env={**os.environ, "NO_COLOR": "1"},
            )
            watchdog = threading.Timer(TIME_LIMIT * 3, process.kill)
            watchdog.start()
            _, status, usage = os.wait4(process.pid, 0)
            watchdog.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_utime + usage.ru_stime,
            _own_peak(peak_file, usage.ru_maxrss * 1024),
        )
