"""Measuring without a clock budget, for the robustness tests: CPU time to compare two sizes of
one input, and the peak of allocated memory."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

MB = 1 << 20


def cpu_time(work: Callable[[], object], repeat: int = 2) -> float:
    """The least CPU time of a few runs (the least is the least disturbed by other work)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
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
