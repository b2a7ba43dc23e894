"""Independent pieces of work spread over processes, results in order.

``in_order(work, items, processes)`` is ``[work(item) for item in items]``, computed by
``processes`` forked workers when there are several and the platform can fork. Workers inherit
this process's memory, so ``work`` may be a closure over anything; only the results travel back
(pickled). Worker ``k`` takes items ``k``, ``k + processes``, …: neighbouring items, which tend
to cost alike, are spread evenly. Items a worker could not deliver (it died, or ``work`` raised
there) are done again here, so the outcome, exceptions included, is the same as sequentially.
Workers die with the parent (SIGTERM or SIGKILL to it alone leaves no orphan behind).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

Item = TypeVar("Item")
Result = TypeVar("Result")


def available_cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def in_order(work: Callable[[Item], Result], items: Sequence[Item], processes: int) -> list[Result]:
    """``[work(item) for item in items]``, by up to ``processes`` forked workers."""
    processes = min(processes, len(items))
    if processes <= 1 or not can_fork():
        return [work(item) for item in items]
    import multiprocessing

    context = multiprocessing.get_context("fork")
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # a child must not write out what this process has buffered
    started: list[tuple[range, Connection, Any]] = []
    parent = os.getpid()
    for first in range(processes):
        receiver, sender = context.Pipe(duplex=False)
        share = range(first, len(items), processes)
        readers = [receiver, *(other for _, other, _ in started)]
        worker = context.Process(
            target=_serve, args=(work, items, share, sender, readers, parent), daemon=True
        )
        worker.start()
        sender.close()
        started.append((share, receiver, worker))
    results: dict[int, Result] = {}
    for share, receiver, worker in started:
        delivered = _receive(receiver)
        worker.join()
        if delivered is not None and len(delivered) == len(share):
            results.update(zip(share, delivered, strict=True))
    return [results[i] if i in results else work(items[i]) for i in range(len(items))]


def _serve(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    share: range,
    sender: Connection,
    readers: Sequence[Connection],
    parent: int,
) -> None:
    """In a worker: do its share and send the results, or None when anything went wrong. The
    read ends it inherited are closed first (a worker holding one would block forever on a
    full pipe once the parent is gone), and it dies with its parent."""
    for reader in readers:
        reader.close()
    _die_with(parent)
    try:
        results = [work(items[i]) for i in share]
        sender.send(results)
    except BaseException:
        sender.send(None)
    finally:
        sender.close()


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
POLL_SECONDS = 0.5


def _die_with(parent: int) -> None:
    """End this worker when ``parent`` ends: SIGKILL from the kernel on Linux (prctl), else a
    thread that polls the parent's id; also now if the parent has already gone."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            _watch(parent)
    else:
        _watch(parent)
    if os.getppid() != parent:
        os._exit(1)


def _watch(parent: int) -> None:
    import threading

    def poll() -> None:
        while os.getppid() == parent:
            time.sleep(POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=poll, daemon=True).start()


def _receive(receiver: Connection) -> list[Any] | None:
    try:
        delivered = receiver.recv()
    except (EOFError, OSError):
        delivered = None
    finally:
        receiver.close()
    return delivered if isinstance(delivered, list) else None
