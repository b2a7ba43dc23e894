"""How the comments heading a Dockerfile say to run its image: as a tool in a terminal, as a
desktop app on the host's X11 display, or as a service.

The options before the image name of a documented ``docker run`` tell it. ``-d``, ``--restart``
and ``-p``/``-P`` run a service: detached, restarted, reachable on a port. ``-it`` or ``--rm``
without them run a command in the terminal and remove the container when it exits. The host's
X11 socket (``-v /tmp/.X11-unix:/tmp/.X11-unix``) or its ``DISPLAY`` (``-e DISPLAY``) with no
published port run a desktop app, detached or restarted or not: its window is its interface.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from lintdock.model.dockerfile import Dockerfile, DocumentedRun, Token

Use = Literal["terminal", "desktop", "service", "unknown"]

BOOLEAN_OPTIONS = frozenset(
    {
        *("--detach", "--interactive", "--tty", "--rm", "--privileged", "--publish-all"),
        *("--init", "--read-only", "--no-healthcheck", "--oom-kill-disable", "--quiet"),
        *("--sig-proxy", "--disable-content-trust", "--help"),
    }
)
"""Long options of ``docker run`` that take no value; every other one takes one."""
BOOLEAN_LETTERS = frozenset("ditPq")
"""Short options of ``docker run`` that take no value (they combine: ``-it``, ``-dit``)."""
X11_SOCKET = "/tmp/.X11-unix"


@dataclass(frozen=True, slots=True)
class Option:
    """One option of a documented run: its name (``--env``, or the letter of a short one,
    ``-e``) and its value (None for a flag)."""

    name: str
    value: str | None


PRECEDENCE: tuple[Use, ...] = ("service", "unknown", "desktop", "terminal")
"""The use of a file whose runs differ: a service if any runs one, else unknown if any run says
nothing, else a desktop app if any shows a window."""


def documented_use(dockerfile: Dockerfile) -> Use | None:
    """How the runs documented in the file's header (the comments before its first FROM) run
    its image (see ``PRECEDENCE`` when they differ); None when the header documents no run. A
    run written further down, beside a RUN, is a step of the build (``docker run --rm
    buildpack-deps … gpg`` to list the keys a RUN imports), not how to run the image."""
    if not dockerfile.stages:
        return None
    first_from = dockerfile.stages[0].from_instruction.span.line
    runs = (run for run in dockerfile.documented_runs if run.span.line < first_from)
    uses = {_use(run) for run in runs}
    return next((use for use in PRECEDENCE if use in uses), None)


def _use(run: DocumentedRun) -> Use:
    options = list(_options(run.words))
    names = {option.name for option in options}
    if names & {"-p", "--publish", "-P", "--publish-all"}:
        return "service"
    if any(_shows_on_display(option) for option in options):
        return "desktop"
    if names & {"-d", "--detach", "--restart"}:
        return "service"
    if names & {"-i", "--interactive", "-t", "--tty", "--rm"}:
        return "terminal"
    return "unknown"


def _shows_on_display(option: Option) -> bool:
    """``-e DISPLAY=…``, ``--env DISPLAY``, a mount of the X11 socket."""
    value = option.value or ""
    if option.name in ("-e", "--env"):
        return value.split("=", 1)[0] == "DISPLAY"
    if option.name in ("-v", "--volume"):
        return value.split(":", 1)[0].rstrip("/") == X11_SOCKET
    if option.name == "--mount":
        return any(part.split("=", 1)[-1].rstrip("/") == X11_SOCKET for part in value.split(","))
    return False


def _options(words: Sequence[Token]) -> Iterator[Option]:
    """The options before the image name, read the way ``docker run`` reads them."""
    index = 0
    while index < len(words):
        word = words[index].value
        following = words[index + 1].value if index + 1 < len(words) else None
        if word.startswith("$("):
            index += 1  # options a command substitution writes: unknown
            continue
        if word == "--" or not word.startswith("-") or word == "-":
            return
        if word.startswith("--"):
            name, equals, value = word.partition("=")
            if equals or name in BOOLEAN_OPTIONS:
                yield Option(name, value if equals else None)
                index += 1
            else:
                yield Option(name, following)
                index += 2
            continue
        index += 1
        for position, letter in enumerate(word[1:], start=1):
            if letter in BOOLEAN_LETTERS:
                yield Option("-" + letter, None)
                continue
            attached = word[position + 1 :]
            yield Option("-" + letter, attached or following)
            index += 0 if attached else 1
            break
