"""LD3 start-up dependency checks."""

from __future__ import annotations

from lintdock.rules.base import COMPOSE, DOCKERFILE, PROJECT
from lintdock.rules.catalog import ERROR, WARNING, entry
from lintdock.rules.codes import DEPENDENCY_CHECK_UNBOUNDED

RULES = (
    entry(
        "LD301",
        "missing-dependency-check",
        WARNING,
        (
            "A service needs another service and nothing makes it wait for it: no start-up "
            "dependency check and no depends_on entry."
        ),
        views=(DOCKERFILE, COMPOSE, PROJECT),
        defers_to=("LD404",),
    ),
    entry(
        "LD302",
        "dependency-check-without-restart",
        WARNING,
        (
            "A compose service runs a start-up dependency check but has no restart policy: it exits"
            " once and never comes back."
        ),
        views=(COMPOSE, PROJECT),
    ),
    entry(
        DEPENDENCY_CHECK_UNBOUNDED,
        "dependency-check-unbounded",
        WARNING,
        (
            "A start-up dependency check that can wait forever: curl without --max-time, a retry "
            "loop with no limit, a wait tool with a timeout of 0."
        ),
        views=(DOCKERFILE, COMPOSE),
    ),
    entry(
        "LD304",
        "check-chain-not-exec",
        WARNING,
        (
            "A shell start command runs a check (or another step) and then the app without `exec`"
            " where the shell stays PID 1: the app never receives SIGTERM."
        ),
        views=(DOCKERFILE, COMPOSE),
        fixable=True,
    ),
    entry(
        "LD305",
        "shell-syntax-without-shell",
        ERROR,
        (
            "Shell operators, redirections or variables where no shell runs (exec form, compose "
            "command/entrypoint): they reach the program as literal arguments."
        ),
        views=(DOCKERFILE, COMPOSE),
    ),
)
