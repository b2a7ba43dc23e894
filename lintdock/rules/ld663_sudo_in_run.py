"""LD663 sudo-in-run: a RUN uses ``sudo``: a build runs as the USER in effect, without a
terminal to type a password into. ``sudo -u user`` run as root drops privileges for one
command (``sudo -u postgres psql …``): root needs no sudoers entry nor password for it, so it is
left alone; so is sudo on a dev container or Gitpod workspace base image, whose user has
passwordless sudo by design. Run as root in an image that has sudo, it works and is only
redundant: information."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lintdock.facts.dockerfile_security import StageUser, user_before
from lintdock.facts.images import external_base
from lintdock.facts.presence import has_tool
from lintdock.facts.run_scripts import posix_script
from lintdock.model.diagnostic import Diagnostic, Severity
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
    uses = [(c, i, w) for c in (script.commands if script else ()) for i, w in _sudo_words(c)]
    if not uses:
        return
    user = _user_at(context, dockerfile, stage, instruction)
    if user == "sudo-ready":
        return  # the base's own user has passwordless sudo: the step works as written
    as_root = user is None or (user != "unknown" and user.root is True)
    sudo = has_tool(context.project, dockerfile, stage, "sudo") if stage is not None else None
    for command, index, word in uses:
        if as_root and _switches_user(_launch_words(command)[index + 1 :]):
            continue
        if as_root:
            yield _as_root(context, dockerfile, word, sudo)
            continue
        message = (
            "RUN uses sudo: it needs a sudoers entry and may ask for a password no one "
            "can type; switch with USER (root for the step, then back), or use gosu or "
            "su-exec in an entrypoint"
        )
        yield context.report(message, dockerfile.path, word.span)


def _as_root(context: Context, dockerfile: Dockerfile, word: Word, sudo: bool | None) -> Diagnostic:
    """Root needs no password: sudo only runs the command where the image has it (installed
    in its lineage, or known in its base), information; where it lacks it, or may, the step
    fails."""
    if sudo is True:
        message = "RUN uses sudo as root: it works, and adds nothing; drop it"
        return context.report(message, dockerfile.path, word.span, Severity.INFO)
    if sudo is False:
        message = (
            "RUN uses sudo as root, which needs none, and the image has no sudo: the step "
            "fails; drop it"
        )
    else:
        message = (
            "RUN uses sudo as root, which needs none: in an image without sudo (most bases) "
            "the step fails (sudo: not found); drop it"
        )
    return context.report(message, dockerfile.path, word.span)


def _sudo_words(command: SimpleCommand) -> Iterator[tuple[int, Word]]:
    for index, word in enumerate(_launch_words(command)):
        if word.value.rsplit("/", 1)[-1] == "sudo":
            yield index, word


def _user_at(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> StageUser | Literal["sudo-ready", "unknown"] | None:
    """Who runs the RUN: the USER in effect (None: none set, the base image's root, or
    "sudo-ready" when that base is a dev container or Gitpod workspace image
    (``SUDO_READY_BASES``), whose user has passwordless sudo by design); "unknown" for ONBUILD
    and a RUN outside a stage."""
    if stage is None or instruction.keyword != "RUN":
        return "unknown"
    user = user_before(context.project, dockerfile, stage, instruction)
    image = external_base(dockerfile, stage).base_image.lower()
    if user is None and image.startswith(SUDO_READY_BASES):
        return "sudo-ready"
    return user


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
