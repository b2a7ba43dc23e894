"""The consumers of the resilience map, for tests: Graphviz's ``dot`` (Debian's graphviz) and
Mermaid's own parser (npm's mermaid, run under jsdom by ``mermaid_parse.mjs``). Each skips the
calling test with a reason when it is not installed."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from npm_tools import npm_installed

MERMAID_PACKAGES = ("mermaid@11", "jsdom@26")
PARSE_SCRIPT = Path(__file__).with_name("mermaid_parse.mjs")


def render_svg(dot_text: str) -> str:
    """``dot -Tsvg`` on the text; fails the test with dot's error when it rejects it."""
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz's dot is not installed (apt-get install graphviz)")
    done = subprocess.run(
        [dot, "-Tsvg"], input=dot_text, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout


@cache
def _mermaid_prefix() -> Path | None:
    """A folder with mermaid and jsdom installed (npm, once per machine)."""
    return npm_installed(MERMAID_PACKAGES, "node_modules/mermaid/package.json")


def mermaid_errors(diagrams: list[str]) -> list[str | None]:
    """Mermaid's verdict on each diagram: None when it parses, else its error."""
    prefix = _mermaid_prefix()
    if prefix is None:
        pytest.skip("node, npm or the npm registry is unavailable: cannot install mermaid")
    script = prefix / PARSE_SCRIPT.name
    shutil.copyfile(PARSE_SCRIPT, script)  # node resolves packages beside the script
    done = subprocess.run(
        ["node", str(script)],
        input=json.dumps(diagrams),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    verdicts: list[str | None] = json.loads(done.stdout)
    return verdicts
