"""Launchers and shells at the argv level: which leading words only start the real program, and
which argument of a shell is the script string it runs.

A launcher runs the rest of its argv as a command, changing how (user, environment, signals,
time limit, priority) but not what. The list below is the launchers seen in Dockerfiles and
compose files in front of an app or a check:

- ``exec`` (replaces the shell), ``command`` (skips functions; not with ``-v``/``-V``, which only
  look a name up), ``time``;
- user switches: ``sudo``, ``doas``, ``gosu USER``, ``su-exec USER``, ``s6-setuidgid USER``;
- environment: ``env`` (options and ``NAME=value`` words), ``with-contenv`` (s6-overlay);
- process supervision as PID 1: ``tini``, ``tini-static``, ``dumb-init``, ``catatonit``;
- run conditions: ``nohup``, ``setsid``, ``timeout [opts] DURATION``, ``nice``, ``ionice``,
  ``stdbuf``, ``chroot NEWROOT``;
- ``busybox`` (the applet name that follows is the program: ``busybox wget``).

Not launchers: ``xargs``, ``watch``, ``flock`` and checks that run a command afterwards
(``wait-for-it host:port -- app``, ``dockerize -wait … app``): they are programs in their own
right, and rules look at their arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lintdock.vocabulary import POSIX_SHELLS


@dataclass(frozen=True, slots=True)
class _Launcher:
    """How to skip a launcher's own words: its options (short letters and long names that take a
    value), ``operands`` words after them (timeout's duration, gosu's user), then ``NAME=value``
    words when ``assignments``. ``queries`` are option letters that make it not run anything."""

    short_values: str = ""
    long_values: frozenset[str] = frozenset()
    operands: int = 0
    assignments: bool = False
    options: bool = True
    queries: str = ""


def _launcher(short: str = "", long: str = "", **kwargs: int | bool | str) -> _Launcher:
    return _Launcher(short, frozenset(long.split()), **kwargs)  # type: ignore[arg-type]


_USER_SWITCH = _Launcher(options=False, operands=1)
_PLAIN = _Launcher(options=False)
_TINI = _launcher("ep")

LAUNCHERS: dict[str, _Launcher] = {
    "exec": _launcher("a"),
    "command": _launcher(queries="vV"),
    "time": _launcher("fo", "format output"),
    "sudo": _launcher(
        "CDghpRrTtUu",
        "chdir chroot close-from command-timeout group host other-user prompt role type user",
        assignments=True,
        queries="elVv",
    ),
    "doas": _launcher("uC"),
    "gosu": _USER_SWITCH,
    "su-exec": _USER_SWITCH,
    "s6-setuidgid": _USER_SWITCH,
    "env": _launcher("uCS", "unset chdir split-string", assignments=True),
    "with-contenv": _PLAIN,
    "tini": _TINI,
    "tini-static": _TINI,
    "dumb-init": _launcher("r", "rewrite"),
    "catatonit": _launcher(),
    "nohup": _PLAIN,
    "setsid": _launcher(),
    "timeout": _launcher("ks", "kill-after signal", operands=1),
    "nice": _launcher("n", "adjustment"),
    "ionice": _launcher("cn", "class classdata"),
    "stdbuf": _launcher("ioe", "input output error"),
    "chroot": _launcher("", "userspec groups", operands=1),
    "busybox": _PLAIN,
}

USER_SWITCHES = frozenset(name for name, launcher in LAUNCHERS.items() if launcher is _USER_SWITCH)
"""The launchers that run their command as the user they are given (``gosu app cmd``)."""

_SHELL_OPTION_VALUES = frozenset({"-o", "+o", "-O", "+O", "--rcfile", "--init-file"})


def basename(value: str) -> str:
    return value.rsplit("/", 1)[-1]


def launcher_count(values: Sequence[str]) -> int:
    """How many leading words are launchers and their own arguments; 0 when stripping them
    would leave no program (``exec >log``, ``sudo -v``, a bare ``env``)."""
    index = 0
    while index < len(values):
        launcher = LAUNCHERS.get(basename(values[index]))
        if launcher is None:
            return index
        after = _skip_launcher(launcher, values, index + 1)
        if after is None or after >= len(values):
            return index
        index = after
    return index


def _skip_launcher(launcher: _Launcher, values: Sequence[str], index: int) -> int | None:
    """The index of the word after ``launcher``'s own words, None when it runs no command."""
    if launcher.options:
        index_or_none = _skip_options(launcher, values, index)
        if index_or_none is None:
            return None
        index = index_or_none
    index += launcher.operands
    if launcher.assignments:
        while index < len(values) and _is_assignment(values[index]):
            index += 1
    return index


def _skip_options(launcher: _Launcher, values: Sequence[str], index: int) -> int | None:
    while index < len(values):
        word = values[index]
        if word == "--":
            return index + 1
        if word == "-" and launcher.assignments:  # ``env -``: an empty environment
            index += 1
        elif word.startswith("--"):
            name, equals, _ = word[2:].partition("=")
            index += 2 if not equals and name in launcher.long_values else 1
        elif word.startswith("-") and len(word) > 1:
            if any(letter in launcher.queries for letter in word[1:]):
                return None
            index += _short_cluster_width(word, launcher.short_values)
        else:
            return index
    return index


def _short_cluster_width(word: str, short_values: str) -> int:
    """1, or 2 when the cluster ends in an option that takes the next word as its value."""
    for position in range(1, len(word)):
        if word[position] in short_values:
            return 1 if position + 1 < len(word) else 2
    return 1


def _is_assignment(word: str) -> bool:
    name, equals, _ = word.partition("=")
    return bool(equals) and name.replace("_", "a").isalnum() and not name[0].isdigit()


_SU_VALUES = frozenset({"-c", "--command", "--session-command", "-g", "-G", "-s", "-w"})


def script_argument(values: Sequence[str]) -> int | None:
    """The index of the argv word that holds a script the program runs: the ``-c`` string of a
    shell (``sh -c 'x'``, ``bash -lc``, ``sh -ec``, ``bash -o pipefail -c``) or of ``su``
    (``su app -c 'x'``), the single argument of ``eval``; else None."""
    program = basename(values[0]) if values else ""
    if program in POSIX_SHELLS:
        return shell_body_index(values)
    if program == "eval":
        return 1 if len(values) == 2 else None
    if program == "su":
        return _su_command_index(values)
    return None


def _su_command_index(values: Sequence[str]) -> int | None:
    index = 1
    while index < len(values) - 1:
        if values[index] in ("-c", "--command", "--session-command"):
            return index + 1
        index += 2 if values[index] in _SU_VALUES else 1
    return None


def shell_body_index(values: Sequence[str]) -> int | None:
    """For a shell's argv (``values[0]`` is ``sh``, ``bash``, …), the index of the script string
    it runs with ``-c`` (``sh -c 'x'``, ``bash -lc``, ``sh -ec``, ``bash -o pipefail -c``), else
    None (a script file, or commands read from stdin)."""
    letters, operand = _shell_options(values)
    return operand if "c" in letters and operand < len(values) else None


STDIN_FILES = frozenset({"-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"})
"""Script operands that name standard input (``sh -``, ``bash /dev/stdin -v latest``)."""


def reads_stdin_script(values: Sequence[str]) -> bool:
    """Whether a shell's argv makes it read its commands from stdin (no ``-c`` and no script
    file operand, or ``-s``, or the operand names stdin): a heredoc or a pipe into it is the
    script."""
    letters, operand = _shell_options(values)
    if "s" in letters:
        return True
    return "c" not in letters and (operand >= len(values) or values[operand] in STDIN_FILES)


def _shell_options(values: Sequence[str]) -> tuple[set[str], int]:
    """The short option letters a shell's argv sets (``-ec`` gives e and c) and the index of its
    first operand."""
    letters: set[str] = set()
    index = 1
    while index < len(values):
        word = values[index]
        if word == "--":
            return letters, index + 1
        if word in _SHELL_OPTION_VALUES:
            index += 2
        elif word.startswith("--"):
            index += 1
        elif len(word) > 1 and word[0] in "-+":
            if word[0] == "-":
                letters.update(word[1:])
            index += 1
        else:
            break
    return letters, index
