"""LD304 reports a check chain without ``exec`` only where the shell stays the app's parent. What
each shell does is not taken on trust: these tests run dash, bash and BusyBox sh (the Debian
packages ``.ci/run`` installs) on ``check && app``, ``check; app`` and a polling loop before the
app, and hold LD304's table of shells that replace themselves with the last command to what
they do."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from lintdock.rules.ld304_check_chain_not_exec import REPLACES_ITSELF

SHELLS = {"dash": ["dash"], "bash": ["bash"], "busybox": ["busybox", "sh"]}
APP = "cat /proc/self/stat"
"""The app: prints its own process id first, which is the shell's when the shell exec'd it."""
CHAINS = [f"/bin/true && {APP}", f"/bin/true; {APP}", f"until /bin/true; do :; done; {APP}"]


def _runs_as(shell: list[str], script: str) -> str:
    """``exec`` when the last command ran as the shell's own process, else ``child``."""
    if shutil.which(shell[0]) is None:
        pytest.skip(f"{shell[0]} is not installed (apt-get install {shell[0]})")
    process = subprocess.Popen([*shell, "-c", script], stdout=subprocess.PIPE, text=True)
    output, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    return "exec" if int(output.split()[0]) == process.pid else "child"


@pytest.mark.parametrize("chain", CHAINS)
@pytest.mark.parametrize("name", sorted(SHELLS))
def test_the_table_says_what_the_shell_does(name: str, chain: str) -> None:
    expected = "exec" if name in REPLACES_ITSELF else "child"
    assert _runs_as(SHELLS[name], chain) == expected


def test_dash_keeps_itself_as_the_parent_even_of_a_lone_command() -> None:
    assert _runs_as(["dash"], APP) == "child"


def test_bash_keeps_itself_as_the_parent_inside_a_group() -> None:
    """Why the table speaks of the top level of the script: bash keeps itself in a group."""
    assert _runs_as(["bash"], f"if /bin/true; then {APP}; fi") == "child"
