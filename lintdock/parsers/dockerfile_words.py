"""How BuildKit cuts an instruction's text into pieces: flags, words, key=value words, JSON arrays.

Every function works on one logical line (continuations already joined) and returns offsets into
it, so the caller can map each piece back to the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from lintdock.model.span import MappedText, Span
from lintdock.parsers.dockerfile_lex import GO_SPACE

_GO_SPACE_SET = frozenset(GO_SPACE)
# A run of characters that are not (Go) whitespace: a word when it holds no quote or escape.
_PLAIN_RUN = re.compile(f"[^{re.escape(GO_SPACE)}]+")
# BuildKit's ``reWhitespace``: what separates FROM, EXPOSE and COPY words and the keyword.
_SEPARATED_WORD = re.compile(r"[^\t\v\f\r ]+")
SEPARATOR = re.compile(r"[\t\v\f\r ]+")


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of a line: ``text`` as BuildKit sees it, from ``start`` to ``end`` (exclusive)."""

    text: str
    start: int
    end: int


def span_of(text: MappedText, start: int, end: int) -> Span:
    """``text.span(start, end)``, computed directly when ``text`` stands on one line (most
    instructions do; this is the parser's hot path)."""
    anchors = text.anchors
    if len(anchors) != 1:
        return text.span(start, end)
    _, line, column = anchors[0]
    return Span(line, column + start, line, column + max(start, end))


def whole_span(text: MappedText) -> Span:
    """``text.whole``, computed directly when ``text`` stands on one line."""
    return span_of(text, 0, len(text.text))


def slice_of(text: MappedText, start: int, end: int) -> MappedText:
    """``text.slice(start, end)``, computed directly when ``text`` stands on one line."""
    anchors = text.anchors
    if len(anchors) != 1:
        return text.slice(start, end)
    _, line, column = anchors[0]
    return MappedText(text.text[start:end], ((0, line, column + start),))


def trimmed_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without leading and trailing (Go) whitespace, as offsets."""
    while start < end and text[start] in _GO_SPACE_SET:
        start += 1
    while end > start and text[end - 1] in _GO_SPACE_SET:
        end -= 1
    return start, end


def separated_words(text: str) -> list[Piece]:
    """Words split on blanks only, quotes ignored (FROM, EXPOSE, COPY, ADD, VOLUME)."""
    return [Piece(m.group(), m.start(), m.end()) for m in _SEPARATED_WORD.finditer(text)]


def extract_flags(text: str, start: int, end: int, escape: str) -> tuple[list[Piece], int]:
    """The leading ``--flag`` words of ``text[start:end]`` and the offset where arguments begin.

    A flag's ``text`` has its quotes removed and escapes applied; a bare ``--`` ends the flags.
    """
    flags: list[Piece] = []
    pos = start
    while True:
        while pos < end and text[pos] in _GO_SPACE_SET:
            pos += 1
        if not text.startswith("--", pos, end):
            return flags, pos if pos < end else end
        word_start = pos
        word, pos, blank_ok = _flag_word(text, pos, end, escape)
        if pos >= end:
            if word != "--" and (blank_ok or word):
                flags.append(Piece(word, word_start, end))
            return flags, end
        if word == "--":
            return flags, pos
        if blank_ok or word:
            flags.append(Piece(word, word_start, pos))


def _flag_word(text: str, pos: int, end: int, escape: str) -> tuple[str, int, bool]:
    """The flag word at ``pos``: its text (quotes removed, escapes applied), where it ends, and
    whether it had quotes (then even an empty word counts)."""
    run = _PLAIN_RUN.match(text, pos, end)
    if run is not None and not _has_quote_or(run.group(), escape):
        return run.group(), run.end(), False
    out: list[str] = []
    quote = ""
    blank_ok = False
    while pos < end:
        ch = text[pos]
        pos += 1
        if not quote and ch in _GO_SPACE_SET:
            return "".join(out), pos - 1, blank_ok
        if not quote and ch in "'\"":
            quote, blank_ok = ch, True
            continue
        if quote and ch == quote:
            quote = ""
            continue
        if ch == escape:
            if pos == end:
                quote = ""
                continue
            ch = text[pos]
            pos += 1
        out.append(ch)
    return "".join(out), end, blank_ok


def _has_quote_or(text: str, escape: str) -> bool:
    return "'" in text or '"' in text or escape in text


def quoted_words(text: str, escape: str) -> list[Piece]:
    """BuildKit's ``parseWords``: words split on unquoted blanks, quotes and escapes kept."""
    if not _has_quote_or(text, escape):
        return [Piece(m.group(), m.start(), m.end()) for m in _PLAIN_RUN.finditer(text)]
    words: list[Piece] = []
    size = len(text)
    pos = 0
    while pos < size:
        while pos < size and text[pos] in _GO_SPACE_SET:
            pos += 1
        if pos >= size:
            break
        start = pos
        out: list[str] = []
        quote = ""
        blank_ok = False
        while pos < size:
            ch = text[pos]
            if not quote and ch in _GO_SPACE_SET:
                break
            pos += 1
            if not quote and ch in "'\"":
                quote, blank_ok = ch, True
            elif quote and ch == quote:
                quote = ""
            elif ch == escape and quote != "'":
                if pos == size:
                    quote = ""
                    continue
                out.append(ch)
                ch = text[pos]
                pos += 1
            out.append(ch)
        if blank_ok or out:
            words.append(Piece("".join(out), start, pos))
    return words


@dataclass(frozen=True, slots=True)
class JsonArray:
    """What BuildKit makes of an argument text that may be a JSON array.

    ``elements`` is set for a valid array of strings. ``not_strings`` marks a valid array holding
    something else (BuildKit rejects the instruction). ``invalid`` is the reason a text that starts
    with ``[`` is not valid JSON (BuildKit then takes it as shell form).
    """

    elements: tuple[Piece, ...] | None = None
    not_strings: bool = False
    invalid: str | None = None


_NOT_JSON = JsonArray()


def json_array(text: str) -> JsonArray:
    """Parse ``text`` (already trimmed) as BuildKit's exec form."""
    if not text.startswith("["):
        return _NOT_JSON
    try:
        value = json.loads(text, parse_constant=_reject, parse_float=_finite_float)
    except ValueError as error:
        return JsonArray(invalid=_json_reason(text, error))
    except RecursionError:
        # Nested deeper than Python's decoder goes (Go's goes to 10,000 levels): an array
        # holding arrays, which BuildKit rejects as not strings.
        return JsonArray(not_strings=True)
    if not isinstance(value, list):
        return JsonArray(invalid="it is not a JSON array")
    if not all(isinstance(item, str) for item in value):
        return JsonArray(not_strings=True)
    return JsonArray(elements=tuple(_string_pieces(text, value)))


def _reject(constant: str) -> object:
    raise ValueError(f"{constant} is not JSON")


def _finite_float(number: str) -> float:
    value = float(number)
    if value in (float("inf"), float("-inf")):
        raise ValueError("number out of range")
    return value


def _string_pieces(text: str, values: list[str]) -> list[Piece]:
    """Where each string of a valid JSON array of strings is written, quotes included."""
    pieces = []
    pos = 0
    for value in values:
        start = text.index('"', pos)
        end = start + 1
        while True:
            end = text.index('"', end)
            backslashes = 0
            while text[end - 1 - backslashes] == "\\":
                backslashes += 1
            end += 1
            if backslashes % 2 == 0:
                break
        pieces.append(Piece(value, start, end))
        pos = end
    return pieces


def _json_reason(text: str, error: ValueError) -> str:
    """A short human reason why ``text`` is not valid JSON."""
    message = str(error)
    position = getattr(error, "pos", 0)
    if "'" in text and re.search(r"[\[,]\s*'", text):
        return "JSON strings need double quotes, not single quotes"
    if position >= len(text):
        return "the closing ] is missing"
    if message.startswith("Expecting ',' delimiter"):
        return "a comma is missing between two elements"
    if message.startswith("Unterminated string"):
        return "a string is not closed with a double quote"
    trailing_comma = text[:position].rstrip().endswith(",") and text[position:].lstrip()[:1] == "]"
    if message.startswith("Illegal trailing comma") or trailing_comma:  # the former on 3.13+
        return "there is a comma after the last element"
    if message.startswith("Expecting value"):
        return "an element is not a double-quoted string"
    if message.startswith("Extra data"):
        if text[position:].lstrip().startswith("#"):
            return "a # comment is a comment only on a line of its own"
        return "there is text after the closing ]"
    return "it is not valid JSON"


def looks_like_json_array(text: str) -> bool:
    """Whether ``text`` (starting with ``[``) was meant as an exec-form array rather than a shell
    command such as ``[ -f /x ] && …``: it holds quoted strings (or nothing), is closed (if at all)
    at its very end, and has no bare words unless commas separate the items or the brackets hug
    them (``[app]``; the shell's ``[`` needs blanks around its arguments). A ``# comment`` after
    an array of strings that commas separate or the bracket hugs (``["app"] # start``) was
    meant as exec form too."""
    size = len(text)
    pos = 1
    saw_string = saw_bare = saw_comma = closed = False
    while pos < size:
        ch = text[pos]
        if ch in _GO_SPACE_SET:
            pos += 1
        elif closed:
            return ch == "#" and not saw_bare and (saw_comma or text[1] not in _GO_SPACE_SET)
        elif ch in "'\"":
            saw_string = True
            pos = _skip_quoted(text, pos)
        elif ch == ",":
            saw_comma = True
            pos += 1
        elif ch == "]":
            closed = True
            pos += 1
        else:
            saw_bare = True
            while pos < size and text[pos] not in _GO_SPACE_SET and text[pos] not in ",]'\"":
                pos += 1
    if saw_bare:
        tight = closed and text[1] not in _GO_SPACE_SET and text[-2] not in _GO_SPACE_SET
        return saw_comma or tight
    return saw_string or closed


def _skip_quoted(text: str, pos: int) -> int:
    quote = text[pos]
    pos += 1
    while pos < len(text):
        if text[pos] == "\\" and quote == '"':
            pos += 2
            continue
        if text[pos] == quote:
            return pos + 1
        pos += 1
    return len(text)
