"""What the container security rules (LD8xx, Dockerfile side) read off a Dockerfile: the user
the shipped image runs as, and whether a variable name says it holds a secret."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lintdock.model.dockerfile import Dockerfile, Instruction, Stage

_ROOT_USERS = frozenset({"root", "0"})
_DECIMAL = re.compile(r"[+-]?[0-9]+")

SECRET_WORDS = re.compile(
    r"(?:_|^)(?:apikey|auth|credentials?|key|password|pword|passwd|secret|token)(?:_|$)",
    re.IGNORECASE,
)
"""BuildKit's SecretsUsedInArgOrEnv: one of these words as a whole ``_``-separated part of
the name (``DB_PASSWORD``, ``GITHUB_TOKEN``, ``AUTH``; not ``TOKENIZER`` nor ``MONKEY``)."""
NOT_SECRET_WORDS = re.compile(r"(?:_|^)(?:public|file|version)(?:_|$)", re.IGNORECASE)
"""Words that make such a name about a secret, not the secret (``PUBLIC_KEY``,
``PASSWORD_FILE``, ``GPG_KEY_VERSION``)."""


def secret_name(name: str) -> bool:
    """Whether an ARG or ENV name says it holds a secret, as BuildKit decides it."""
    return SECRET_WORDS.search(name) is not None and NOT_SECRET_WORDS.search(name) is None


@dataclass(frozen=True)
class StageUser:
    """The USER a stage runs as: the instruction that sets it, its text, and whether that is
    root (None: written through a variable, so not known)."""

    instruction: Instruction
    text: str
    root: bool | None


def shipped_user(dockerfile: Dockerfile, stage: Stage) -> StageUser | None:
    """The USER in effect at the end of ``stage`` (its own last one, or its lineage's), None
    when no stage of its lineage sets one."""
    found = dockerfile.inherited(stage, "USER")
    if found is None or not found[1].words:
        return None
    instruction = found[1]
    text = instruction.words[0].value
    if "$" in text:
        return StageUser(instruction, text, None)
    return StageUser(instruction, text, is_root_user(text))


def is_root_user(user: str) -> bool:
    """Whether a user (``root``, ``0``, ``0:1000``, ``root:root``) is UID 0."""
    name = user.strip().partition(":")[0]
    return name.lower() in _ROOT_USERS or (_DECIMAL.fullmatch(name) is not None and int(name) == 0)
