"""LD663 sudo-in-run: a RUN uses ``sudo``: a build runs as the USER in effect, without a
terminal to type a password into. ``sudo -u user`` run as root drops privileges for one
command (``sudo -u postgres psql …``): root needs no sudoers entry nor password for it, so it is
left alone; so is sudo on a dev container or Gitpod workspace base image, whose user has
passwordless sudo by design."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.dockerfile_security import is_root_user
from lintdock.facts.images import external_base
from lintdock.facts.run_scripts import posix_script
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import OptionSyntax, SimpleCommand, Word, scan_words
from lintdock.rules.base import Context

INSTRUCTIONS = ("RUN", "ONBUILD")
_SWITCHES = frozenset({"u", "g", "user", "group"})
_SUDO = OptionSyntax(
    "CDghprtTuU",
    frozenset({"chdir", "close-from", "command-timeout", "group", "host", "other-user"})
    | frozenset({"prompt", "role", "type", "user"}),
)
"""sudo's options that take a value."""


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    script = posix_script(context.project, dockerfile, stage, instruction)
    if _sudo_ready_base(dockerfile, stage, instruction):
        return  # the base's own user has passwordless sudo: the step works as written
    as_root = instruction.keyword == "RUN" and _runs_as_root(dockerfile, stage, instruction)
    for command in script.commands if script is not None else ():
        for index, word in enumerate(_launch_words(command)):
            if word.value.rsplit("/", 1)[-1] != "sudo":
                continue
            if as_root and _switches_user(_launch_words(command)[index + 1 :]):
                continue
            message = (
                "RUN uses sudo: it needs a sudoers entry and may ask for a password no one "
                "can type; switch with USER (root for the step, then back), or use gosu or "
                "su-exec in an entrypoint"
            )
            yield context.report(message, dockerfile.path, word.span)


def _sudo_ready_base(dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction) -> bool:
    """Whether the RUN runs as the user of a base image made for sudo: a dev container or
    Gitpod workspace image (``SUDO_READY_BASES``), whose user has passwordless sudo by design,
    and no USER of this file's lineage changed it before the RUN."""
    if stage is None or instruction.keyword != "RUN":
        return False
    image = external_base(dockerfile, stage).base_image.lower()
    if not image.startswith(SUDO_READY_BASES):
        return False
    lineage = dockerfile.lineage(stage)
    own = stage.instructions[: _position(stage, instruction)]
    inherited = [i for ancestor in lineage[1:] for i in ancestor.instructions]
    return not any(i.keyword == "USER" for i in (*own, *inherited))


SUDO_READY_BASES = (
    "gitpod/workspace-",
    "mcr.microsoft.com/vscode/devcontainers/",
    "mcr.microsoft.com/devcontainers/",
)
"""Base images whose user has passwordless sudo by design: Gitpod's workspace images (user
``gitpod``) and the dev container images (user ``vscode``, ``codespace``)."""


def _launch_words(command: SimpleCommand) -> tuple[Word, ...]:
    return (*command.wrappers, *command.argv[:1])


def _switches_user(words: tuple[Word, ...]) -> bool:
    """Whether the options after a ``sudo`` name the user or group to run as (``-u app``,
    ``-uapp``, ``--user=app``, ``-E -u app -H``); the options end at the first other word."""
    for name, _word, _value in scan_words(words, _SUDO):
        if name is None:
            return False
        if name in _SWITCHES:
            return True
    return False


def _runs_as_root(dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction) -> bool:
    """Whether the USER in effect at ``instruction`` is root: the stage's last USER before it,
    else the one its parent stages end with; none at all is taken as the base image's root."""
    if stage is None:
        return False
    earlier = stage.instructions[: _position(stage, instruction)]
    users = [i for i in earlier if i.keyword == "USER"]
    if users:
        return _is_root(users[-1])
    if stage.parent is None:
        return True
    found = dockerfile.inherited(dockerfile.stages[stage.parent], "USER")
    return found is None or _is_root(found[1])


def _position(stage: Stage, instruction: Instruction) -> int:
    for index, candidate in enumerate(stage.instructions):
        if candidate is instruction:
            return index
    return len(stage.instructions)


def _is_root(user: Instruction) -> bool:
    """A USER of root (``root``, ``0``, ``0:0``); one written through a variable is not known."""
    if not user.words or "$" in user.words[0].value:
        return False
    return is_root_user(user.words[0].value)
