"""The shell model: what a command line runs, word by word, with positions.

Built only by ``lintdock.parsers.shell`` from RUN/CMD/ENTRYPOINT/HEALTHCHECK and compose
``command``/``entrypoint``/``healthcheck.test``, in shell or exec form.

Options are read the way getopt reads them: ``-fsS`` is three flags, ``-o file``/``-ofile`` give
``-o`` a value when the program's short option ``o`` takes one, ``--name=value`` and
``--name value`` when the long option takes one, ``--`` ends the options. Which options take a
value comes from ``OPTION_SYNTAX`` (by program name) unless a call says otherwise.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from lintdock.model.span import Span
from lintdock.vocabulary import POSIX_SHELLS

LoopKind = Literal["while", "until", "for"]


@dataclass(frozen=True, slots=True)
class Word:
    """One argv word: ``value`` unquoted (what the program receives, variables left as written),
    ``raw`` as written, ``span`` in the original file."""

    value: str
    raw: str
    span: Span

    @property
    def text_span(self) -> Span:
        """The span of the word's text without the quotes around it: ``curl`` of an exec-form
        item ``"curl"`` (whose span holds the quotes), when the word is written on one line as
        its text between two quotes; else the word's span."""
        span = self.span
        if span.end_line == span.line and span.end_column - span.column == len(self.raw) + 2:
            return Span(span.line, span.column + 1, span.line, span.end_column - 1)
        return span

    def tail(self, start: int) -> Word:
        """The part of the word from ``value[start:]`` (the ``5`` of ``-m5`` or ``--max-time=5``).
        Its span is exact when the word is written unquoted on one line, else the word's span."""
        exact = self.raw == self.value and self.span.end_line == self.span.line
        if exact and self.span.end_column - self.span.column == len(self.raw):
            column = self.span.column + start
            span = Span(self.span.line, column, self.span.line, self.span.end_column)
        else:
            span = self.span
        return Word(self.value[start:], self.raw[start:] if exact else self.raw, span)


@dataclass(frozen=True, slots=True)
class Loop:
    """A ``while``/``until``/``for`` loop. ``condition`` are the commands of a ``while``/``until``
    condition (they carry the enclosing loop as their ``loop``, ``in_condition`` True); a ``for``
    loop has ``variable`` and ``items`` instead (none for ``for ((…))``, whose text is ``span``).
    ``parent`` is the loop this one is nested in."""

    kind: LoopKind
    span: Span
    condition: tuple[SimpleCommand, ...]
    parent: Loop | None = None
    variable: str | None = None
    items: tuple[Word, ...] = ()


@dataclass(frozen=True, slots=True)
class OptionSyntax:
    """Which options of a program take a value: short option letters, long option names (no
    dashes). ``single_dash_long``: Go-style flags, where ``-name`` is a long option and short
    flags never combine (``dockerize -wait tcp://db:5432 -timeout 10s``)."""

    short_values: str = ""
    long_values: frozenset[str] = frozenset()
    single_dash_long: bool = False


def _syntax(short: str, long: str, single_dash_long: bool = False) -> OptionSyntax:
    return OptionSyntax(short, frozenset(long.split()), single_dash_long)


OPTION_SYNTAX: dict[str, OptionSyntax] = {
    "curl": _syntax(
        "AbcCdDeEFHKmoPQrtTuUwxXyYz",
        "abstract-unix-socket agent cacert capath cert cert-type ciphers config connect-timeout "
        "connect-to continue-at cookie cookie-jar data data-ascii data-binary data-raw "
        "data-urlencode dns-servers dump-header expect100-timeout form form-string header "
        "interface json keepalive-time key key-type limit-rate max-filesize max-redirs max-time "
        "oauth2-bearer output output-dir pass proxy proxy-header proxy-user quote range referer "
        "request request-target resolve retry retry-delay retry-max-time speed-limit speed-time "
        "time-cond unix-socket upload-file url user user-agent write-out",
    ),
    "wget": _syntax(
        "aABDeiIlOoPQRtTUwXY",
        "accept append-output base body-data body-file ca-certificate ca-directory certificate "
        "connect-timeout directory-prefix dns-timeout domains exclude-directories execute header "
        "include-directories input-file level load-cookies method output-document output-file "
        "password post-data post-file quota read-timeout reject save-cookies timeout tries user "
        "user-agent wait waitretry",
    ),
    "nc": _syntax("eIiMmOPpsTVWwXx", ""),
    "ncat": _syntax("cdeimopsw", "exec sh-exec wait idle-timeout source-port source proxy"),
    "wait-for-it": _syntax("hpt", "host port timeout"),
    "wait-for-it.sh": _syntax("hpt", "host port timeout"),
    "wait-for": _syntax("t", "timeout"),
    "wait-for.sh": _syntax("t", "timeout"),
    "dockerize": _syntax(
        "",
        "wait timeout wait-retry-interval template stdout stderr poll delims wait-http-header",
        single_dash_long=True,
    ),
    "timeout": _syntax("ks", "kill-after signal"),
    "grep": _syntax("ABCDdefm", "after-context before-context context file max-count regexp"),
    **dict.fromkeys(POSIX_SHELLS, _syntax("oO", "rcfile init-file")),
}
"""Value-taking options of the programs health checks and dependency checks run."""


@dataclass(frozen=True, slots=True)
class _Option:
    """One option occurrence: the word it is written in and its value, if it takes one."""

    name: str  # a short letter or a long name
    word: Word
    value: Word | None


@dataclass(frozen=True, slots=True)
class SimpleCommand:
    """A simple command. ``argv`` are its words after leading ``VAR=x`` assignments and launcher
    words; ``wrappers`` the launcher words stripped from the front to reach the program
    (``exec``, ``sudo -u x``, ``env A=1``, ``timeout 5``, ``nohup``, …, see
    ``lintdock.parsers.shell_launchers``) as written; ``program`` the basename of the first real
    word. ``operator`` is what joins it to the next command in its list (``&&``, ``||``, ``;``,
    ``|``, ``|&``, ``&``; a newline counts as ``;``) or None at the end; the last command of a
    subshell, ``{ …; }``, ``if`` branch or ``sh -c`` body carries the operator that follows the
    whole construct. ``redirects`` are its redirections as written (``>/dev/null``, ``2>&1``).
    ``loop`` is the innermost loop it runs in; ``in_condition`` is True for a loop's or ``if``'s
    condition (a ``while`` condition's commands carry the loop *around* that ``while``; the loop
    itself lists them as ``Loop.condition``).

    ``span`` runs from its first word (assignments included) to its last argument; redirections
    after the words are not in it.

    ``host`` is the ``sh -c``/``bash -c``/``eval`` command (or shell fed a heredoc) whose string
    this command was parsed from; ``in_substitution`` marks commands inside ``$(…)``, backticks or
    ``<(…)``; ``function`` names the function whose body holds it (it runs only when called);
    ``negated`` is ``! cmd``; ``in_branch`` marks commands of an ``if``/``elif``/``else`` branch
    or a ``case`` item (they run only when its condition holds).
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
    host: SimpleCommand | None = None
    in_substitution: bool = False
    function: str | None = None
    negated: bool = False
    in_branch: bool = False

    @property
    def program(self) -> str | None:
        if not self.argv:
            return None
        return self.argv[0].value.rsplit("/", 1)[-1]

    @property
    def args(self) -> tuple[Word, ...]:
        return self.argv[1:]

    @property
    def launched_by(self) -> tuple[Word, ...]:
        """The launcher words of this command and of every host it runs in, outermost first
        (``timeout 60 sh -c 'until nc -z db 5432; …'``: ``timeout 60`` for the ``nc``)."""
        outer = self.host.launched_by if self.host is not None else ()
        return outer + self.wrappers

    def option(
        self,
        short: str = "",
        long: str | Iterable[str] = (),
        takes_value: str | None = None,
    ) -> Word | None:
        """The word holding the last occurrence of any of the ``short`` option letters or
        ``long`` names (``-f``, ``-fsS``, ``--fail``, ``--fail=x``), else None. ``takes_value``
        overrides the program's short options that consume a value (``OPTION_SYNTAX``)."""
        found = None
        for occurrence in self._options(short, long, self._syntax(takes_value)):
            found = occurrence.word
        return found

    def option_value(
        self,
        short: str = "",
        long: str | Iterable[str] = (),
        takes_value: str | None = None,
    ) -> Word | None:
        """The value of the last occurrence of the option, which is taken to need one: ``-m 5``,
        ``-m5``, ``--max-time 5``, ``--max-time=5`` all give the word ``5`` (with its own span)."""
        names = _names(long)
        base = self._syntax(takes_value)
        syntax = OptionSyntax(
            base.short_values + short, base.long_values | names, base.single_dash_long
        )
        found = None
        for occurrence in self._options(short, names, syntax):
            if occurrence.value is not None:
                found = occurrence.value
        return found

    def positionals(self, takes_value: str | None = None) -> tuple[Word, ...]:
        """The arguments that are neither options nor option values (URLs, hosts, files)."""
        return tuple(w for name, w, _ in self.scan(self._syntax(takes_value)) if name is None)

    def _syntax(self, takes_value: str | None) -> OptionSyntax:
        syntax = OPTION_SYNTAX.get(self.program or "", OptionSyntax())
        if takes_value is None:
            return syntax
        return OptionSyntax(takes_value, syntax.long_values, syntax.single_dash_long)

    def _options(
        self, short: str, long: str | Iterable[str], syntax: OptionSyntax
    ) -> Iterator[_Option]:
        wanted = set(short) | _names(long)
        for name, word, value in self.scan(syntax):
            if name is not None and name in wanted:
                yield _Option(name, word, value)

    def scan(self, syntax: OptionSyntax) -> Iterator[tuple[str | None, Word, Word | None]]:
        """Every argument as ``(option name or None for a positional, word, value)``; a short
        cluster ``-fsS`` yields each letter with the same word."""
        return scan_words(self.args, syntax)


def scan_words(
    words: tuple[Word, ...], syntax: OptionSyntax
) -> Iterator[tuple[str | None, Word, Word | None]]:
    """Arguments read the way getopt reads them (see the module docstring), as ``(option name or
    None for a positional, word, value)``; a short cluster ``-fsS`` yields each letter with the
    same word."""
    index = 0
    while index < len(words):
        word = words[index]
        text = word.value
        index += 1
        if text == "--":
            yield from ((None, w, None) for w in words[index:])
            return
        if text.startswith("--") or (syntax.single_dash_long and text.startswith("-")):
            name, equals, value = text.lstrip("-").partition("=")
            if equals:
                yield name, word, word.tail(len(text) - len(value))
            elif name in syntax.long_values and index < len(words):
                yield name, word, words[index]
                index += 1
            else:
                yield name, word, None
        elif len(text) > 1 and text.startswith("-"):
            index = yield from _short_cluster(word, words, index, syntax.short_values)
        else:
            yield None, word, None


def sets_shell_option(words: tuple[Word, ...], name: str, letter: str | None = None) -> bool:
    """Whether ``set`` (or ``sh``/``bash``) words turn on a shell option: ``-o name``, or its
    one-letter form (``-e`` for errexit), alone or in a cluster (``-euxo pipefail``)."""
    return any(
        (letter is not None and option == letter)
        or (option == "o" and value is not None and value.value == name)
        for option, _, value in scan_words(words, OPTION_SYNTAX["sh"])
    )


def _names(long: str | Iterable[str]) -> frozenset[str]:
    return frozenset((long,) if isinstance(long, str) else long)


def _short_cluster(
    word: Word, words: tuple[Word, ...], index: int, short_values: str
) -> Generator[tuple[str | None, Word, Word | None], None, int]:
    """Yield the letters of ``-abc``; a letter that takes a value ends the cluster, taking the
    rest of the word or else the next word. Returns the index of the next unread word."""
    text = word.value
    for position in range(1, len(text)):
        letter = text[position]
        if letter not in short_values:
            yield letter, word, None
            continue
        if position + 1 < len(text):
            yield letter, word, word.tail(position + 1)
        elif index < len(words):
            yield letter, word, words[index]
            index += 1
        else:
            yield letter, word, None
        break
    return index


@dataclass(frozen=True, slots=True)
class ShellScript:
    """A parsed command line. ``commands`` in execution order, nested bodies (``sh -c '…'``,
    subshells, ``{ …; }``, functions, loops, command substitutions) flattened in place: a host
    command comes before the commands of its string, a substitution's commands before the
    command whose word holds it. ``shell`` False means exec form: no shell ran at the top level,
    so operator-like words are plain arguments (``exec_words``, the array items, keep them as
    written). ``errors`` are spans the parser could not make sense of (the rest is still there).
    """

    commands: tuple[SimpleCommand, ...]
    span: Span
    shell: bool
    errors: tuple[Span, ...] = ()
    exec_words: tuple[Word, ...] = ()  # exec form only: the array items, as argv
    _positions: dict[int, int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        """Each command's position, by identity: scripts of 10,000 piped commands are asked
        where each one stands."""
        positions = {id(command): index for index, command in enumerate(self.commands)}
        object.__setattr__(self, "_positions", positions)

    def runs(self, program: str) -> tuple[SimpleCommand, ...]:
        """The commands that run ``program`` (basename match)."""
        return tuple(c for c in self.commands if c.program == program)

    @property
    def last(self) -> SimpleCommand | None:
        """The command that runs last: the one left running as the container's process when the
        script is a start command. Function bodies and substitutions do not count."""
        for command in reversed(self.commands):
            if command.function is None and not command.in_substitution:
                return command
        return None

    @property
    def loops(self) -> tuple[Loop, ...]:
        """Every loop, outer loops before the loops nested in them."""
        seen: dict[int, Loop] = {}
        for command in self.commands:
            chain: list[Loop] = []
            loop = command.loop
            while loop is not None and id(loop) not in seen:
                chain.append(loop)
                loop = loop.parent
            seen.update((id(each), each) for each in reversed(chain))
        return tuple(seen.values())

    def before(self, command: SimpleCommand) -> tuple[SimpleCommand, ...]:
        """The commands that run before ``command``."""
        return self.commands[: self._index(command)]

    def next(self, command: SimpleCommand) -> SimpleCommand | None:
        """The command after ``command`` in its own list (what ``cmd |``, ``cmd &&`` lead to),
        skipping the substitutions in the next command's words."""
        index = self._index(command)
        for later in self.commands[index + 1 :]:
            if not _inner_substitution(later, command):
                return later
        return None

    def holder(self, command: SimpleCommand) -> SimpleCommand | None:
        """The command whose words hold the substitution ``command`` runs in (for ``x=$(a | b)``
        the assignment, for ``cp a "$(ls | sed s/x//)"`` the ``cp``); None outside a
        substitution, or when no command's words hold it (a ``for`` loop's list, a
        redirection's target)."""
        if not command.in_substitution:
            return None
        inner = command.span
        for later in self.commands[self._index(command) + 1 :]:
            if later.depth < command.depth:
                outer = later.span
                starts = (outer.line, outer.column) <= (inner.line, inner.column)
                ends = (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)
                return later if starts and ends else None
        return None

    def chain(
        self, command: SimpleCommand, operators: Iterable[str] = ("&&",)
    ) -> tuple[SimpleCommand, ...]:
        """The commands joined to ``command`` by ``operators`` just before it, in order (for
        ``check && other && app`` the chain of ``app`` is ``(check, other)``), skipping the
        substitutions in their words."""
        accepted = set(operators)
        chained: list[SimpleCommand] = []
        for earlier in reversed(self.commands[: self._index(command)]):
            if _inner_substitution(earlier, command):
                continue
            if earlier.operator not in accepted:
                break
            chained.append(earlier)
        return tuple(reversed(chained))

    def _index(self, command: SimpleCommand) -> int:
        index = self._positions.get(id(command))
        if index is None or self.commands[index] is not command:
            raise ValueError("command is not part of this script")
        return index


def _inner_substitution(command: SimpleCommand, reference: SimpleCommand) -> bool:
    """Whether ``command`` runs inside a substitution nested deeper than ``reference``."""
    return command.in_substitution and command.depth > reference.depth
