"""SC: ShellCheck, run on the shell-form commands of Dockerfiles; its findings keep its codes."""

from __future__ import annotations

from lintdock.rules.base import DOCKERFILE, Rule
from lintdock.rules.catalog import WARNING

RULES = (
    Rule(
        code="SC",
        name="shellcheck",
        severity=WARNING,
        summary=(
            "ShellCheck's findings in RUN, CMD, ENTRYPOINT and HEALTHCHECK shell scripts, under "
            "its own codes (SC2086); needs the shellcheck extra."
        ),
        implementation="sc_shellcheck",
        views=(DOCKERFILE,),
        equivalents=("hadolint:SC",),
        enabled_by_default=False,
        subcode_digits=4,
    ),
)
