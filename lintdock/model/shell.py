"""The shell model: what a command line runs, word by word, with positions.

Built only by ``lintdock.parsers.shell`` from RUN/CMD/ENTRYPOINT/HEALTHCHECK and compose
``command``/``entrypoint``/``healthcheck.test``, in shell or exec form.
"""

from __future__ import annotations

from dataclasses import dataclass

from lintdock.model.span import Span


@dataclass(frozen=True, slots=True)
class Word:
    """One argv word: ``value`` unquoted (what the program receives, variables left as written),
    ``raw`` as written, ``span`` in the original file."""

    value: str
    raw: str
    span: Span


@dataclass(frozen=True, slots=True)
class Loop:
    """An enclosing ``while``/``until``/``for`` loop."""

    kind: str
    span: Span
    condition: tuple[SimpleCommand, ...]


@dataclass(frozen=True, slots=True)
class SimpleCommand:
    """A simple command. ``argv`` are its words after leading ``VAR=x`` assignments; ``wrappers``
    the launcher words stripped from the front to reach the program (``exec``, ``sudo``,
    ``env``, ``timeout 5``, ``nohup``, …) as written; ``program`` the basename of the first real
    word. ``operator`` is what joins it to the next command in its list (``&&``, ``||``, ``;``,
    ``|``, ``&``) or None at the end. ``redirects`` are redirection operators as written
    (``>``, ``2>&1``, …). ``loop`` is the innermost loop it runs in; ``in_condition`` is True for
    a loop's or ``if``'s condition.
    """

    argv: tuple[Word, ...]
    wrappers: tuple[Word, ...]
    assignments: tuple[Word, ...]
    span: Span
    operator: str | None
    redirects: tuple[str, ...] = ()
    loop: Loop | None = None
    in_condition: bool = False
    depth: int = 0  # nesting: 0 top level, +1 inside ``sh -c`` bodies, subshells, functions

    @property
    def program(self) -> str | None:
        if not self.argv:
            return None
        return self.argv[0].value.rsplit("/", 1)[-1]

    @property
    def args(self) -> tuple[Word, ...]:
        return self.argv[1:]


@dataclass(frozen=True, slots=True)
class ShellScript:
    """A parsed command line. ``commands`` in execution order, nested bodies (``sh -c '…'``,
    subshells, ``{ …; }``, functions, loops) flattened in place. ``shell`` False means exec form:
    no shell ran, so operator-like words are plain arguments. ``errors`` are spans the parser
    could not make sense of (the rest is still there)."""

    commands: tuple[SimpleCommand, ...]
    span: Span
    shell: bool
    errors: tuple[Span, ...] = ()
    exec_words: tuple[Word, ...] = ()  # exec form only: the array items, as argv

    def runs(self, program: str) -> tuple[SimpleCommand, ...]:
        """The commands that run ``program`` (basename match)."""
        return tuple(c for c in self.commands if c.program == program)

    @property
    def last(self) -> SimpleCommand | None:
        return self.commands[-1] if self.commands else None
