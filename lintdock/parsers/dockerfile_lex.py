"""BuildKit's word lexer for Dockerfile arguments: quotes, escapes and ``$VAR`` expansion.

It follows the rules of BuildKit's ``shell.Lex``, which decides what ENV, ARG and LABEL values,
FROM images and COPY paths really are, and which words of a line are heredoc markers:

- ``'…'`` is literal; ``"…"`` is literal except ``$`` expansions and the escape character before
  ``"``, ``$`` or itself; outside quotes the escape character makes the next character literal.
- ``$NAME``, ``${NAME}``, ``${NAME:-word}``, ``${NAME-word}``, ``${NAME:+word}``, ``${NAME+word}``,
  ``${NAME?msg}``, ``${NAME#pat}``, ``${NAME%pat}`` (doubled: greedy) and ``${NAME/pat/repl}``.
- ``<<`` swallows the blanks that follow it, so ``<<  EOF`` is one word.

With ``env=None`` variables are left as written (only quotes and escapes are processed); with an
environment, unknown variables expand to the empty string, as in BuildKit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# Go's unicode.IsSpace, which BuildKit uses to split and trim words.
GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)
_GO_SPACE_SET = frozenset(GO_SPACE)
_SPECIAL_PARAMETERS = "@*#?-$!"
_SIMPLE_REFERENCE = re.compile(r"\$(?:([A-Za-z_][A-Za-z0-9_]*)(?!\w)|\{([A-Za-z_][A-Za-z0-9_]*)\})")
_REFERENCE = re.compile(r"\$(?P<brace>\{)?(?P<name>[0-9]+|\w+|[@*#?\-$!])")
_MODIFIER = re.compile(r":?[-+?]|##?|%%?|//?")


class LexError(ValueError):
    """Text BuildKit's lexer rejects: an unterminated quote or a bad ``${…}`` substitution."""


@dataclass(frozen=True, slots=True)
class LexWord:
    """A word of a lexed text: its processed ``text`` and the ``[start, end)`` offsets of its
    source."""

    text: str
    start: int
    end: int


def lex_word(text: str, escape: str, env: Mapping[str, str] | None = None) -> str:
    """``text`` as one word, quotes and escapes processed and variables expanded from ``env``
    (left as written when ``env`` is None). Raises LexError."""
    if "'" in text or '"' in text or escape in text:
        return _Lexer(text, escape, env).process("", raw_escapes=False, words=None)
    if "$" not in text:
        return text
    simple = _expand_simple(text, env)
    if simple is not None:
        return simple
    return _Lexer(text, escape, env).process("", raw_escapes=False, words=None)


def _expand_simple(text: str, env: Mapping[str, str] | None) -> str | None:
    """``text`` expanded when its only special characters are ``$NAME``/``${NAME}``
    references (the common case, done without the lexer); None otherwise."""
    references = _SIMPLE_REFERENCE.findall(text)
    if len(references) != text.count("$"):
        return None
    if env is None:
        return text
    return _SIMPLE_REFERENCE.sub(lambda m: env.get(m.group(1) or m.group(2), ""), text)


def variable_references(text: str, escape: str) -> list[tuple[str, int, int, str | None]]:
    """The ``$NAME``/``${NAME…}`` references BuildKit expands in ``text`` (not those inside
    single quotes or escaped), as ``(name, start, end, modifier)``: offsets of the whole
    reference and its modifier as written (``:-``, ``+``, ``#``, ``/``...; None for none).
    Empty when the text does not lex (the instruction's error says why)."""
    if "$" not in text:
        return []
    lexer = _Lexer(text, escape, {})
    lexer.references = []
    try:
        lexer.process("", raw_escapes=False, words=None)
    except LexError:
        return []
    return sorted(lexer.references, key=lambda reference: reference[1])


def lex_words(
    text: str,
    escape: str,
    *,
    raw_quotes: bool = False,
    raw_escapes: bool = False,
    env: Mapping[str, str] | None = None,
) -> list[LexWord]:
    """``text`` split into words the way BuildKit's ``ProcessWords`` does. Raises LexError."""
    lexer = _Lexer(text, escape, env, raw_quotes=raw_quotes, raw_escapes=raw_escapes)
    words = _Words()
    lexer.process("", raw_escapes=raw_escapes, words=words)
    return words.finish()


class _Words:
    """Collects words as the lexer produces characters (BuildKit's ``wordsStruct``)."""

    __slots__ = ("buf", "done", "end", "in_word", "length", "start")

    def __init__(self) -> None:
        self.done: list[LexWord] = []
        self.buf: list[str] = []
        self.length = 0
        self.in_word = False
        self.start = -1
        self.end = -1

    def add_char(self, ch: str, start: int, end: int) -> None:
        if ch not in _GO_SPACE_SET:
            self.add_raw(ch, start, end)
        elif self.in_word and self.length:
            self._push()

    def add_string(self, text: str, start: int, end: int) -> None:
        for ch in text:
            self.add_char(ch, start, end)

    def add_raw(self, text: str, start: int, end: int) -> None:
        if self.start < 0:
            self.start = start
        self.buf.append(text)
        self.length += len(text)
        self.end = end
        self.in_word = True

    def finish(self) -> list[LexWord]:
        if self.length:
            self._push()
        return self.done

    def _push(self) -> None:
        self.done.append(LexWord("".join(self.buf), self.start, self.end))
        self.buf = []
        self.length = 0
        self.in_word = False
        self.start = -1


class _Lexer:
    __slots__ = ("env", "escape", "pos", "raw_escapes", "raw_quotes", "references", "text")

    def __init__(
        self,
        text: str,
        escape: str,
        env: Mapping[str, str] | None,
        *,
        raw_quotes: bool = False,
        raw_escapes: bool = False,
    ) -> None:
        self.text = text
        self.escape = escape
        self.env = env
        self.raw_quotes = raw_quotes
        self.raw_escapes = raw_escapes
        self.pos = 0
        self.references: list[tuple[str, int, int, str | None]] | None = None

    def process(self, stop: str, *, raw_escapes: bool, words: _Words | None) -> str:
        """Lex up to ``stop`` (consumed) or the end; ``words`` collects the word split."""
        saved, self.raw_escapes = self.raw_escapes, raw_escapes
        try:
            return self._process(stop, words)
        finally:
            self.raw_escapes = saved

    def _process(self, stop: str, words: _Words | None) -> str:
        text, size, escape = self.text, len(self.text), self.escape
        out: list[str] = []
        while self.pos < size:
            start = self.pos
            ch = text[start]
            if stop and ch == stop:
                self.pos += 1
                return "".join(out)
            if ch in "$<'\"":
                piece = self._special(ch)
                out.append(piece)
                if words is not None:
                    if ch == "$":
                        words.add_string(piece, start, self.pos)
                    else:
                        words.add_raw(piece, start, self.pos)
                continue
            self.pos += 1
            if ch == escape:
                if self.raw_escapes:
                    out.append(ch)
                    if words is not None:
                        words.add_raw(ch, start, self.pos)
                if self.pos >= size:
                    break
                ch = text[self.pos]
                self.pos += 1
                if words is not None:
                    words.add_raw(ch, start, self.pos)
            elif words is not None:
                words.add_char(ch, start, self.pos)
            out.append(ch)
        if stop:
            raise LexError(f"unexpected end of statement while looking for matching {stop}")
        return "".join(out)

    def _special(self, ch: str) -> str:
        if ch == "$":
            return self._dollar()
        if ch == "<":
            return self._heredoc_marker()
        if ch == "'":
            return self._single_quoted()
        return self._double_quoted()

    def _single_quoted(self) -> str:
        self.pos += 1
        close = self.text.find("'", self.pos)
        if close < 0:
            raise LexError("unexpected end of statement while looking for matching single-quote")
        body = self.text[self.pos : close]
        self.pos = close + 1
        return f"'{body}'" if self.raw_quotes else body

    def _double_quoted(self) -> str:
        text, size, escape = self.text, len(self.text), self.escape
        self.pos += 1
        out = ['"'] if self.raw_quotes else []
        while True:
            if self.pos >= size:
                raise LexError(
                    "unexpected end of statement while looking for matching double-quote"
                )
            ch = text[self.pos]
            if ch == '"':
                self.pos += 1
                if self.raw_quotes:
                    out.append(ch)
                return "".join(out)
            if ch == "$":
                out.append(self._dollar())
                continue
            self.pos += 1
            if ch == escape:
                if self.raw_escapes:
                    out.append(ch)
                if self.pos >= size:
                    continue
                if text[self.pos] in ('"', "$", escape):
                    ch = text[self.pos]
                    self.pos += 1
            out.append(ch)

    def _heredoc_marker(self) -> str:
        text = self.text
        self.pos += 1
        if not text.startswith("<", self.pos):
            return "<"
        self.pos += 1
        blanks = self.pos
        while self.pos < len(text) and text[self.pos] in "\t\r ":
            self.pos += 1
        return "<<" + text[blanks : self.pos]

    def _lookup(self, name: str) -> str | None:
        return None if self.env is None else self.env.get(name)

    def _dollar(self) -> str:
        start = self.pos
        value = self._substitution()
        if self.references is not None and self.pos > start + 1:
            written = _REFERENCE.match(self.text, start, self.pos)
            if written is not None:
                modifier = None
                if written.group("brace"):
                    found = _MODIFIER.match(self.text, written.end(), self.pos)
                    modifier = found.group() if found else None
                self.references.append((written.group("name"), start, self.pos, modifier))
        return value

    def _substitution(self) -> str:
        self.pos += 1
        if not self.text.startswith("{", self.pos):
            name = self._name()
            if not name:
                return "$"
            value = self._lookup(name)
            if value is None:
                return "$" + name if self.env is None else ""
            return value
        self.pos += 1
        if self.pos >= len(self.text):
            raise LexError("syntax error: missing '}'")
        if self.text[self.pos] in "{}:":
            raise LexError("syntax error: bad substitution")
        name = self._name()
        if self.pos >= len(self.text):
            raise LexError("syntax error: missing '}'")
        ch = self.text[self.pos]
        self.pos += 1
        if ch == "}":
            value = self._lookup(name)
            if value is None:
                return "${" + name + "}" if self.env is None else ""
            return value
        if ch == "/":
            return self._replace(name)
        modifier = ch
        null_is_unset = ch == ":"
        if null_is_unset:
            ch = self.text[self.pos] if self.pos < len(self.text) else ""
            self.pos += 1
            modifier += ch
        if not null_is_unset and ch not in "+-?#%":
            raise LexError(f"unsupported modifier ({modifier}) in substitution")
        return self._modified(name, ch, modifier, null_is_unset)

    def _modified(self, name: str, op: str, modifier: str, null_is_unset: bool) -> str:
        pattern_op = op in ("#", "%")
        if null_is_unset and pattern_op:
            raise LexError(f"unsupported modifier ({modifier}) in substitution")
        word = self._until("}", raw_escapes=pattern_op)
        value = self._lookup(name)
        if value is None and self.env is None:
            return "${" + name + modifier + word + "}"
        unset = value is None or (null_is_unset and value == "")
        if op == "-":
            return word if unset else value or ""
        if op == "+":
            return "" if unset else word
        if op == "?":
            if value is None:
                raise LexError(f"{name}: {word or 'is not allowed to be unset'}")
            if unset:
                raise LexError(f"{name}: {word or 'is not allowed to be empty'}")
            return value
        value = value or ""
        if pattern_op:
            greedy = word.startswith(op)
            if greedy:
                word = word[1:]
            return _trim(word, value, greedy, suffix=op == "%")
        raise LexError(f"unsupported modifier ({modifier}) in substitution")

    def _replace(self, name: str) -> str:
        replace_all = self.text.startswith("/", self.pos)
        if replace_all:
            self.pos += 1
        pattern = self._until("/", raw_escapes=True)
        replacement = self._until("}", raw_escapes=True)
        value = self._lookup(name)
        if value is None and self.env is None:
            return "${" + name + "/" + pattern + "/" + replacement + "}"
        regex = _pattern_regex(pattern, greedy=True, anchored=False)
        return regex.sub(lambda _: replacement, value or "", count=0 if replace_all else 1)

    def _until(self, stop: str, *, raw_escapes: bool) -> str:
        try:
            return self.process(stop, raw_escapes=raw_escapes, words=None)
        except LexError:
            if self.pos >= len(self.text):
                raise LexError(f"syntax error: missing '{stop}'") from None
            raise

    def _name(self) -> str:
        text, start = self.text, self.pos
        size = len(text)
        if start >= size:
            return ""
        first = text[start]
        if first.isdecimal():
            while self.pos < size and text[self.pos].isdecimal():
                self.pos += 1
            return text[start : self.pos]
        if first in _SPECIAL_PARAMETERS:
            self.pos += 1
            return first
        while self.pos < size and (text[self.pos].isalnum() or text[self.pos] == "_"):
            self.pos += 1
        return text[start : self.pos]


def _pattern_regex(pattern: str, *, greedy: bool, anchored: bool) -> re.Pattern[str]:
    """A shell pattern (``*``, ``?``, backslash escapes) as a regular expression."""
    out = ["^"] if anchored else []
    star = ".*" if greedy else ".*?"
    chars = iter(pattern)
    for ch in chars:
        if ch == "*":
            out.append(star)
        elif ch == "?":
            out.append(".")
        elif ch == "\\":
            escaped = next(chars, "")
            if escaped in ("}", "/", "*", "?", "\\"):
                out.append(re.escape(escaped))
            else:
                raise LexError(f"invalid pattern ({pattern}) in substitution")
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out))


def _trim(pattern: str, value: str, greedy: bool, *, suffix: bool) -> str:
    """``${value#pattern}`` (prefix) or ``${value%pattern}`` (suffix), shortest or greedy."""
    if suffix:
        return _trim(_reverse_pattern(pattern), value[::-1], greedy, suffix=False)[::-1]
    match = _pattern_regex(pattern, greedy=greedy, anchored=True).match(value)
    return value[match.end() :] if match else value


def _reverse_pattern(pattern: str) -> str:
    """``pattern`` reversed, keeping each backslash in front of the character it escapes."""
    pieces: list[str] = []
    index = 0
    while index < len(pattern):
        if pattern[index] == "\\" and index + 1 < len(pattern):
            pieces.append(pattern[index : index + 2])
            index += 2
        else:
            pieces.append(pattern[index])
            index += 1
    return "".join(reversed(pieces))
