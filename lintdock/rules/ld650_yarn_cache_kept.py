"""LD650 yarn-cache-kept: ``yarn install`` (or ``yarn add``) in an image that ships, with no
``yarn cache clean`` (or a deletion of the cache) after it in the same RUN and no cache mount of
it: yarn's copy of every package it fetched stays in the layer.

A RUN that installs in a bind-mounted folder (``RUN --mount=type=bind,…,target=/tmp/src`` then
``cd /tmp/src && yarn install``) keeps nothing of the install but the cache: the project and
its ``node_modules`` go with the mount. Warming the cache is then the RUN's purpose
(discourse's development image), and it is not reported."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from lintdock.facts.instructions import triggered
from lintdock.facts.run_mounts import run_mounts
from lintdock.facts.run_scripts import posix_script
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context
from lintdock.rules.package_practice import RUNS, CacheCheck, words

INSTRUCTIONS = RUNS
CHECK = CacheCheck(
    managers=words("yarn"),
    verbs=words("install add"),
    what="its package cache",
    directories=("/usr/local/share/.cache/yarn", ".cache/yarn", ".yarn/berry/cache"),
    clean_managers=words("yarn"),
    clean_verb=words("cache"),
    clean_args=words("clean"),
    clean="yarn cache clean",
)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    if _warms_the_cache(context, dockerfile, stage, instruction):
        return iter(())
    return CHECK.findings(context, dockerfile, stage, instruction)


def _warms_the_cache(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> bool:
    """Whether the RUN changes into a folder a bind mount of it provides (or one inside it)
    before its yarn command."""
    targets = [
        m.target for m in run_mounts(triggered(instruction)) if m.kind == "bind" and m.target
    ]
    script = posix_script(context.project, dockerfile, stage, instruction) if targets else None
    inside = False
    for command in script.commands if script is not None else ():
        if command.program == "cd" and command.args:
            folder = posixpath.normpath(command.args[0].value)
            inside = any(folder == t or folder.startswith(t.rstrip("/") + "/") for t in targets)
        elif command.program == "yarn":
            return inside
    return False
