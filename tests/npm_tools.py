"""Tools from the npm registry that tests use as real consumers (the SARIF Multitool, reviewdog's
format validator, Mermaid's parser), each installed once per machine into a cache folder."""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import tempfile
from pathlib import Path


def npm_installed(packages: tuple[str, ...], inside: str) -> Path | None:
    """The folder holding ``packages`` (``name@version``) installed with npm, once: ``inside``
    is a path in that folder that exists when the install worked. None when node, npm or the
    registry is unavailable. Test workers wait for each other on a lock: a file of a package
    exists before npm has finished installing it (made it executable, run its scripts)."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return None
    prefix = Path(tempfile.gettempdir()) / "lintdock-tests" / "+".join(packages).replace("/", "+")
    prefix.mkdir(parents=True, exist_ok=True)
    with open(prefix.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (prefix / inside).exists():
            command = [npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix)]
            try:
                subprocess.run([*command, *packages], capture_output=True, timeout=600, check=False)
            except (subprocess.SubprocessError, OSError):
                return None
    return prefix if (prefix / inside).exists() else None
