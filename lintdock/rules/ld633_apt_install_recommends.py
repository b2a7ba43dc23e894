"""LD633 apt-install-recommends: ``apt-get install`` without ``--no-install-recommends`` in an
image that ships: apt also installs every package the named ones recommend (documentation,
extra tools, whole desktop libraries), which the image rarely needs. ``-o
APT::Install-Recommends=false`` counts, and so does a RUN earlier in the stage's lineage that
writes ``APT::Install-Recommends "false"`` (or ``"0"``) into apt's configuration."""

from __future__ import annotations

import re

from lintdock.facts.memo import Fact
from lintdock.facts.package_runs import PackageRun
from lintdock.facts.packages import PackageCommand
from lintdock.model.dockerfile import Dockerfile
from lintdock.model.shell import ShellScript
from lintdock.project import Project
from lintdock.rules.package_practice import RUNS, OptionCheck, words

_OFF = re.compile(r"""APT::Install-Recommends\s*=?\s*["']?(false|0|no|off)\b""", re.IGNORECASE)


def _configured_off(run: PackageRun, command: PackageCommand) -> bool:
    """Recommends turned off for this command (``-o``), earlier in its RUN, or by an earlier
    RUN of the stage's lineage that writes apt's configuration."""
    if any(o.name == "o" and o.value and _OFF.search(o.value.value) for o in command.options):
        return True
    if any(_OFF.search(w.value) for c in run.script.before(command.command) for w in c.argv):
        return True
    return id(run.instruction) in TURNED_OFF(run.project, run.dockerfile)


def _turned_off(project: Project, dockerfile: Dockerfile) -> frozenset[int]:
    """The instructions (by identity) that come after a RUN of their stage's lineage that
    turns recommends off; one pass over the file."""
    after: set[int] = set()
    off: list[bool] = []
    for stage in dockerfile.stages:
        turned = stage.parent is not None and off[stage.parent]
        for instruction in stage.instructions:
            if turned:
                after.add(id(instruction))
            elif instruction.keyword == "RUN" and instruction.command is not None:
                script = project.script(instruction.command)
                turned = script is not None and _writes_off(script)
        off.append(turned)
    return frozenset(after)


def _writes_off(script: ShellScript) -> bool:
    return any(_OFF.search(word.value) for command in script.commands for word in command.argv)


TURNED_OFF = Fact("apt recommends turned off", _turned_off)


INSTRUCTIONS = RUNS
check_instruction = OptionCheck(
    lambda c: c.family == "apt",
    words("install"),
    "no-install-recommends",
    "also installs the packages they recommend, which the image rarely needs",
    excused=_configured_off,
    unsafe_fix=True,
).findings
