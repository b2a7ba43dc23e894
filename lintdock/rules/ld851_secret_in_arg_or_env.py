"""LD851 secret-in-arg-or-env: an ARG or ENV named like a secret, unless its name or value says
it holds none (a GPG key's fingerprint, a file path, a switch, an empty or placeholder ENV)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.default_credentials import DEFAULT_CREDENTIALS, guessable
from lintdock.facts.dockerfile_security import secret_variable
from lintdock.facts.presence import expanded_at
from lintdock.facts.trial_images import trial_image
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context, option

INSTRUCTIONS = ("ARG", "ENV")
INFO = Severity.INFO


@dataclass(frozen=True)
class Options:
    """LD851's options (``[tool.lintdock.rules.LD851]``)."""

    default_credentials: tuple[str, ...] = option(
        DEFAULT_CREDENTIALS,
        "Values that are well-known defaults or placeholders, not secrets (glob patterns, case "
        "ignored): a variable holding one is reported as information. The same list as LD818's.",
    )


WHERE = {
    "ARG": "a build argument's value stays in the image's history (docker history) wherever "
    "a RUN uses it",
    "ENV": "an ENV is part of the image's configuration: every container and docker inspect "
    "shows it",
}


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    for pair in instruction.pairs:
        value = pair.value.value if pair.value is not None else None
        if not secret_variable(instruction.keyword, pair.key.value, value):
            continue
        if _forwards_no_secret(context, dockerfile, stage, instruction, pair.key.value, value):
            continue
        written = value or ""
        literal = instruction.keyword == "ARG" and bool(written) and "$" not in written
        default = " with a literal default" if literal else ""
        message = (
            f"{instruction.keyword} {pair.key.value}{default} looks like a secret: "
            f"{WHERE[instruction.keyword]}. Pass it with RUN --mount=type=secret,id=... and "
            "docker build --secret instead"
        )
        note = _why_quieter(context, dockerfile, stage, written)
        if note is None:
            yield context.report(message, dockerfile.path, pair.key.span)
        else:
            yield context.report(f"{message} ({note})", dockerfile.path, pair.key.span, INFO)


def _why_quieter(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, written: str
) -> str | None:
    """Why the finding is only information, or None: the value is a default anyone can guess
    (a weak password to override at run time, not a secret that leaks), or the image is a
    test, development or example one, which nobody ships."""
    if written and "$" not in written and guessable(written, context.options.default_credentials):
        return "its value is a well-known default: nothing secret leaks, but set it at run time"
    trial = trial_image(context.project, dockerfile, stage)
    return trial.reason if trial is not None else None


def _forwards_no_secret(
    context: Context,
    dockerfile: Dockerfile,
    stage: Stage | None,
    instruction: Instruction,
    name: str,
    value: str | None,
) -> bool:
    """An ENV that passes on a build argument (``ENV AUTH_JSON=${AUTH_JSON}``) whose default says
    it holds no secret (``ARG AUTH_JSON=false``, a switch): judged as that ARG is."""
    if instruction.keyword != "ENV" or stage is None or not value or "$" not in value:
        return False
    expanded = expanded_at(context.project, dockerfile, stage, instruction, value)
    return expanded is not None and not secret_variable("ARG", name, expanded)
