"""Splitting a Compose ``command``/``entrypoint`` string into words, the way Compose does.

Compose splits the string with go-shellwords (no shell, no variable expansion): blanks separate
words, single quotes are literal, double quotes group, a backslash escapes the next character
(``\\t`` and ``\\n`` become a tab and a newline), `` `...` `` and ``$(...)`` are kept as text. At
the first unquoted ``;``, ``&``, ``|``, ``<`` or ``>`` it stops reading: the rest is dropped.
Here the rest is split too, with each run of operator characters as a word of its own, so rules
can see what Compose ignores.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_BLANKS = " \t\r\n"
_OPERATORS = ";&|<>"


@dataclass(frozen=True, slots=True)
class Word:
    """A word and where it is written: ``text[start:end]`` of the split string (quotes
    included)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SplitCommand:
    """The words of a command string. ``operator_index`` is the index of the first operator
    word (where Compose stops reading); ``error`` is Compose's complaint about the part it
    reads (an unterminated quote or a bare parenthesis), else None."""

    words: tuple[Word, ...]
    operator_index: int | None
    error: str | None


@dataclass(slots=True)
class _State:
    """The splitter's position inside quotes and the word being collected."""

    words: list[Word] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    start: int = -1
    has_word: bool = False
    escaped: bool = False
    single: bool = False
    double: bool = False
    backtick: bool = False
    dollar: bool = False
    error: str | None = None

    @property
    def quoted(self) -> bool:
        return self.single or self.double or self.backtick or self.dollar

    def add(self, char: str, index: int) -> None:
        if self.start < 0:
            self.start = index
        self.buffer.append(char)
        self.has_word = True

    def begin(self, index: int) -> None:
        if self.start < 0:
            self.start = index

    def finish(self, end: int) -> None:
        if self.has_word:
            self.words.append(Word("".join(self.buffer), self.start, end))
        self.buffer.clear()
        self.start = -1
        self.has_word = False


def split_command(text: str) -> SplitCommand:
    """Split ``text`` as Compose splits a string ``command``/``entrypoint``."""
    state = _State()
    operator_index: int | None = None
    error: str | None = None
    index = 0
    while index < len(text):
        if text[index] in _OPERATORS and not (state.escaped or state.quoted):
            if operator_index is None:
                error = state.error
            index = _take_operator(state, text, index)
            if operator_index is None:
                operator_index = len(state.words) - 1
            continue
        _step(state, text, index)
        index += 1
    state.finish(len(text))
    if operator_index is None:
        error = state.error or _open_quote_error(state)
    return SplitCommand(tuple(state.words), operator_index, error)


def _take_operator(state: _State, text: str, index: int) -> int:
    """Record the operator run at ``index`` as a word (with the file descriptor digits before
    a ``>``, as in ``2>``, and after a ``>&``, as in ``2>&1``); return the index after it."""
    collected = "".join(state.buffer)
    if text[index] == ">" and state.has_word and collected.isdigit():
        start = state.start
        state.buffer.clear()
        state.has_word = False
        state.start = -1
    else:
        state.finish(index)
        start = index
    end = index
    while end < len(text) and text[end] in _OPERATORS:
        end += 1
    if text[index:end].endswith((">&", "<&")):
        while end < len(text) and (text[end].isdigit() or text[end] == "-"):
            end += 1  # the descriptor a duplication names: ``2>&1``, ``>&-``
    state.words.append(Word(text[start:end], start, end))
    return end


def _open_quote_error(state: _State) -> str | None:
    if state.escaped or state.quoted:
        return "invalid command line string"
    return None


def _step(state: _State, text: str, index: int) -> None:
    """Consume one character that is not an unquoted operator."""
    char = text[index]
    if state.escaped:
        state.escaped = False
        if state.backtick or state.dollar:
            state.add("\\" + char, index)
        else:
            state.add({"t": "\t", "n": "\n"}.get(char, char), index)
        return
    if char == "\\" and not state.single:
        state.begin(index)
        state.escaped = True
        return
    if char in _BLANKS and not state.quoted:
        state.finish(index)
        return
    if _toggle_quote(state, char, index):
        return
    if char == "(" and not (state.single or state.double or state.backtick):
        _open_paren(state, index)
        return
    if char == ")" and not (state.single or state.double or state.backtick):
        if not state.dollar:
            state.error = state.error or "invalid command line string"
        state.dollar = False
    elif char == "`" and not (state.single or state.double or state.dollar):
        state.backtick = not state.backtick
    state.add(char, index)


def _toggle_quote(state: _State, char: str, index: int) -> bool:
    """Open or close a quote at ``char``; True when it did."""
    if char == '"' and not (state.single or state.dollar or state.backtick):
        state.double = not state.double
    elif char == "'" and not (state.double or state.dollar or state.backtick):
        state.single = not state.single
    else:
        return False
    state.begin(index)
    state.has_word = True
    return True


def _open_paren(state: _State, index: int) -> None:
    ends_with_dollar = bool(state.buffer) and state.buffer[-1] == "$"
    if not state.dollar and ends_with_dollar:
        state.dollar = True
    else:
        state.error = state.error or "invalid command line string"
    state.add("(", index)
