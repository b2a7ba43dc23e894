"""Workers die with their parent: SIGTERM or SIGKILL to the parent alone leaves no worker
behind, whether the worker is still working or blocked sending a result nobody reads."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lintdock.parallel import can_fork

PARENT = """
import os, sys, time
from lintdock.parallel import in_order

folder = sys.argv[1]
mode = sys.argv[2]

def work(item):
    with open(os.path.join(folder, str(os.getpid())), "w"):
        pass
    if mode == "working":
        time.sleep(600)
    return "x" * (1 << 22)  # more than a pipe holds: blocks until read

in_order(work, list(range(4)), 2)
time.sleep(600)  # never reads: the results stay in the pipes
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())


@pytest.mark.skipif(not can_fork(), reason="workers are forked only where the platform can fork")
@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGKILL])
@pytest.mark.parametrize("mode", ["working", "sending"])
def test_workers_end_when_the_parent_is_killed(
    tmp_path: Path, signal_number: int, mode: str
) -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(tmp_path), mode])
    try:
        deadline = time.monotonic() + 10
        while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = [int(path.name) for path in tmp_path.iterdir()]
        assert len(workers) == 2
        parent.send_signal(signal_number)
        parent.wait(10)
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if alive(pid)]
    finally:
        parent.kill()
        parent.wait()
