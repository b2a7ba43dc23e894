"""One Instruction from one logical line, as BuildKit's line parsers and instruction checks see it.

The text of the line is a MappedText (continuations joined, comment lines dropped), so every
piece found here maps back to its real line and column. Problems BuildKit rejects become
ParseErrors; the instruction is still built as far as it goes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping

from lintdock.model.dockerfile import (
    Command,
    Flag,
    Instruction,
    KeyValue,
    ParseError,
    Token,
    VariableReference,
)
from lintdock.model.span import MappedText, Span
from lintdock.parsers.dockerfile_heredoc import parse_marker
from lintdock.parsers.dockerfile_lex import GO_SPACE, LexError, lex_word, variable_references
from lintdock.parsers.dockerfile_scope import Scope
from lintdock.parsers.dockerfile_words import (
    SEPARATOR,
    Piece,
    extract_flags,
    json_array,
    looks_like_json_array,
    quoted_words,
    separated_words,
    slice_of,
    span_of,
    trimmed_bounds,
    whole_span,
)

KEYWORDS = (
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
)
_STAGE_NAME = re.compile(r"[a-z][a-z0-9\-_.]*")

# The flags BuildKit accepts: name -> kind ("string", "bool", or "strings": may repeat).
# HEALTHCHECK's are judged by LD107; ARG and STOPSIGNAL ignore flags in BuildKit.
_FLAGS: dict[str, dict[str, str]] = {
    "FROM": {"platform": "string"},
    "RUN": {"mount": "strings", "network": "string", "security": "string", "device": "strings"},
    "COPY": {
        "chown": "string",
        "from": "string",
        "chmod": "string",
        "link": "bool",
        "exclude": "strings",
        "parents": "bool",
    },
    "ADD": {
        "chown": "string",
        "chmod": "string",
        "link": "bool",
        "keep-git-dir": "bool",
        "checksum": "string",
        "unpack": "bool",
        "exclude": "strings",
    },
}
_FLAGS_UNCHECKED = frozenset({"HEALTHCHECK", "ARG", "STOPSIGNAL"})
_NOT_STRINGS = "when using JSON array syntax, arrays must be comprised of strings only"


EXPANDED_KEYWORDS = frozenset(
    {"ADD", "ARG", "COPY", "ENV", "EXPOSE", "FROM", "LABEL", "STOPSIGNAL", "USER", "VOLUME"}
    | {"WORKDIR"}
)
"""Instructions whose arguments BuildKit expands variables in."""


class _Parts:
    """An instruction being built: its keyword, flags and argument text, and the model fields
    its handler fills in."""

    __slots__ = ("args", "args_start", "fields", "flags", "keyword", "keyword_span", "line", "span")

    def __init__(
        self,
        line: MappedText,
        keyword: str,
        keyword_span: Span,
        span: Span,
        flags: tuple[Flag, ...],
        args: MappedText,
        args_start: int,
    ) -> None:
        self.line = line
        self.keyword = keyword
        self.keyword_span = keyword_span
        self.span = span
        self.flags = flags
        self.args = args
        self.args_start = args_start
        self.fields: dict[str, object] = {}

    def token(self, piece: Piece, value: str | None = None) -> Token:
        return Token(
            piece.text if value is None else value, span_of(self.args, piece.start, piece.end)
        )

    @property
    def args_anchor(self) -> Span:
        """Where to report about the arguments: their text, else the keyword."""
        return whole_span(self.args) if self.args.text else self.keyword_span


class InstructionBuilder:
    """Builds Instructions for one file, collecting its ParseErrors."""

    def __init__(self, escape: str, errors: list[ParseError], scope: Scope) -> None:
        self.escape = escape
        self.errors = errors
        self.scope = scope
        # A file that is not a Dockerfile repeats its "keywords" a lot: suggest once for each.
        self._unknown_messages: dict[str, str] = {}
        # The run of unknown instructions in progress: its error's index, message and length.
        self._unknown_run: tuple[int, str, int] | None = None

    def error(self, message: str, span: Span) -> None:
        self.errors.append(ParseError(message, span))

    def build(self, line: MappedText, begin: int = 0) -> tuple[Instruction, bool] | None:
        """The instruction written at ``line.text[begin:]`` and whether it may carry heredocs
        (RUN, COPY, ADD in shell form, directly or under ONBUILD); None for blank text."""
        text = line.text
        start, end = trimmed_bounds(text, begin, len(text))
        if start == end:
            return None
        separator = SEPARATOR.search(text, start, end)
        keyword_end = separator.start() if separator else end
        keyword = text[start:keyword_end]
        flag_pieces, args_start = extract_flags(text, keyword_end, end, self.escape)
        args_start, args_end = trimmed_bounds(text, args_start, end)
        upper = keyword.upper()
        flags = tuple([self._flag(line, piece) for piece in flag_pieces]) if flag_pieces else ()
        parts = _Parts(
            line,
            upper,
            span_of(line, start, keyword_end),
            span_of(line, start, end),
            flags,
            slice_of(line, args_start, args_end),
            args_start,
        )
        handler = _HANDLERS.get(upper)
        if handler is None:
            self._report_unknown(keyword, parts.keyword_span)
            parts.fields["words"] = self._plain_words(parts)
            heredocs = False
        else:
            self._unknown_run = None
            heredocs = handler(self, parts)
            if flags and upper not in _FLAGS_UNCHECKED:
                self._check_flags(upper, flags)
        instruction = Instruction(
            keyword=upper,
            span=parts.span,
            keyword_span=parts.keyword_span,
            flags=parts.flags,
            arguments=parts.args,
            keyword_text=keyword,
            references=self._references(parts),
            **parts.fields,  # type: ignore[arg-type]
        )
        return instruction, heredocs

    def _references(self, parts: _Parts) -> tuple[VariableReference, ...]:
        if parts.keyword not in EXPANDED_KEYWORDS:
            return ()
        return tuple(
            VariableReference(name, parts.args.span(start, end), modifier)
            for name, start, end, modifier in variable_references(parts.args.text, self.escape)
        )

    def _report_unknown(self, keyword: str, span: Span) -> None:
        """One error for a run of unknown instructions (lines of a file that is not a
        Dockerfile, or of a heredoc BuildKit does not see), at its first, counting the rest."""
        if self._unknown_run is None:
            message = self._unknown_instruction(keyword)
            self._unknown_run = (len(self.errors), message, 0)
            self.error(message, span)
            return
        index, message, after = self._unknown_run
        after += 1
        self._unknown_run = (index, message, after)
        counted = "the unknown instruction" if after == 1 else f"the {after} unknown instructions"
        self.errors[index] = ParseError(
            f"{message} (and {counted} after it)", self.errors[index].span
        )

    def _unknown_instruction(self, keyword: str) -> str:
        message = self._unknown_messages.get(keyword)
        if message is None:
            message = f"unknown instruction: {keyword}"
            suggestion = _closest(keyword, KEYWORDS)
            if suggestion:
                message += f" (did you mean {suggestion}?)"
            self._unknown_messages[keyword] = message
        return message

    # -- flags -------------------------------------------------------------------------------

    def _flag(self, line: MappedText, piece: Piece) -> Flag:
        name, equals, value = piece.text[2:].partition("=")
        raw_equals = line.text.find("=", piece.start, piece.end)
        value_span: Span | None = None
        references: tuple[VariableReference, ...] = ()
        if equals and raw_equals >= 0:
            value_span = span_of(line, raw_equals + 1, piece.end)
            after = raw_equals + 1
            references = tuple(
                VariableReference(variable, line.span(after + start, after + end), modifier)
                for variable, start, end, modifier in variable_references(
                    line.text[after : piece.end], self.escape
                )
            )
        return Flag(
            name,
            value if equals else None,
            span_of(line, piece.start, piece.end),
            value_span,
            references,
        )

    def _check_flags(self, keyword: str, flags: tuple[Flag, ...]) -> None:
        known = _FLAGS.get(keyword, {})
        seen: set[str] = set()
        for flag in flags:
            kind = known.get(flag.name)
            if kind is None:
                self.error(_unknown_flag(flag.name, known), flag.span)
            elif flag.name in seen and kind != "strings":
                self.error(f"duplicate flag specified: --{flag.name}", flag.span)
            elif kind == "bool" and flag.value == "":
                self.error(f"missing a value on flag: --{flag.name}", flag.span)
            elif kind == "bool" and flag.value and flag.value.lower() not in ("true", "false"):
                message = f"expecting boolean value for flag --{flag.name}, not: {flag.value}"
                self.error(message, flag.span)
            elif kind != "bool" and flag.value is None:
                self.error(f"missing a value on flag: --{flag.name}", flag.span)
            seen.add(flag.name)

    # -- word helpers ------------------------------------------------------------------------

    def _unquoted(self, parts: _Parts, piece: Piece, *, report: bool = True) -> Token:
        """A word with its quotes and escapes processed (BuildKit expands these words); as
        written when the lexer rejects it, which is reported unless ``report`` is False."""
        try:
            return parts.token(piece, lex_word(piece.text, self.escape))
        except LexError as error:
            if report:
                quoted = json.dumps(piece.text, ensure_ascii=False)
                span = span_of(parts.args, piece.start, piece.end)
                self.error(f"failed to process {quoted}: {error}", span)
            return parts.token(piece)

    def _expanded(self, piece: Piece, env: Mapping[str, str]) -> str:
        try:
            return lex_word(piece.text, self.escape, env)
        except LexError:
            return piece.text  # reported by _unquoted for the same piece

    def _plain_words(self, parts: _Parts) -> tuple[Token, ...]:
        return tuple(parts.token(p) for p in quoted_words(parts.args.text, self.escape))

    def _json_or_words(self, parts: _Parts) -> tuple[list[Piece], tuple[Token, ...], bool]:
        """COPY/ADD/VOLUME arguments: a JSON array of strings, else blank-separated words. The
        pieces as BuildKit sees them, their tokens, and whether it was JSON."""
        array = json_array(parts.args.text)
        if array.elements is not None:
            return list(array.elements), tuple(parts.token(p) for p in array.elements), True
        if array.not_strings:
            self.error(_NOT_STRINGS, parts.args_anchor)
        pieces = separated_words(parts.args.text)
        return pieces, tuple(self._unquoted(parts, p) for p in pieces), False

    def _require_arguments(self, parts: _Parts, present: bool, exactly_one: bool = False) -> None:
        if not present:
            amount = "exactly one argument" if exactly_one else "at least one argument"
            self.error(f"{parts.keyword} requires {amount}", parts.keyword_span)

    # -- instructions ------------------------------------------------------------------------

    def _from(self, parts: _Parts) -> bool:
        pieces = separated_words(parts.args.text)
        words = tuple(self._unquoted(parts, p) for p in pieces)
        parts.fields["words"] = words
        if len(pieces) == 3 and pieces[1].text.lower() == "as":
            if not _STAGE_NAME.fullmatch(pieces[2].text.lower()):
                self.error(
                    f'invalid name for build stage: "{pieces[2].text}", name can\'t start with a '
                    "number or contain symbols",
                    words[2].span,
                )
        elif len(pieces) != 1:
            self.error("FROM requires either one or three arguments", parts.args_anchor)
        return False

    def _expose(self, parts: _Parts) -> bool:
        words = tuple(self._unquoted(parts, p) for p in separated_words(parts.args.text))
        parts.fields["words"] = words
        self._require_arguments(parts, bool(words))
        return False

    def _sources_and_destination(self, parts: _Parts) -> bool:
        pieces, words, is_json = self._json_or_words(parts)
        parts.fields["words"] = words
        if len(words) < 2:
            self.error(
                f"{parts.keyword} requires at least two arguments, but only one was provided. "
                "Destination could not be determined",
                parts.args_anchor,
            )
        elif self._is_marker(pieces[-1].text):
            self.error(f"{parts.keyword} cannot accept a heredoc as a destination", words[-1].span)
        return not is_json

    @staticmethod
    def _is_marker(word: str) -> bool:
        try:
            return parse_marker(word) is not None
        except LexError:
            return False

    def _volume(self, parts: _Parts) -> bool:
        _, words, _ = self._json_or_words(parts)
        parts.fields["words"] = words
        self._require_arguments(parts, bool(words))
        for word in words:
            if not word.value.strip(GO_SPACE):
                self.error("VOLUME specified can not be an empty string", word.span)
        return False

    def _command(self, args: MappedText) -> Command | None:
        """RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK CMD text: exec form when it is a JSON array of
        strings, else shell form (flagged ``json_invalid`` when it was meant as JSON)."""
        text = args.text
        if not text:
            return None
        array = json_array(text)
        if array.elements is not None:
            tokens = tuple(Token(p.text, span_of(args, p.start, p.end)) for p in array.elements)
            return Command(exec_form=tokens, shell_form=None, span=whole_span(args))
        if array.not_strings:
            self.error(_NOT_STRINGS, whole_span(args))
            return Command(exec_form=None, shell_form=args, span=whole_span(args))
        meant_json = array.invalid is not None and looks_like_json_array(text)
        return Command(
            exec_form=None,
            shell_form=args,
            span=whole_span(args),
            json_invalid=meant_json,
            json_error=array.invalid if meant_json else None,
        )

    def _command_instruction(self, parts: _Parts) -> bool:
        """RUN, CMD, ENTRYPOINT. BuildKit takes each without a command (its ``parseRun`` and
        ``parseCmd`` count no arguments): ``RUN --mount=…`` alone builds, a bare RUN or CMD runs
        ``/bin/sh -c ""``, a bare ENTRYPOINT resets the entrypoint."""
        command = self._command(parts.args)
        parts.fields["command"] = command
        return command is not None and command.exec_form is None

    def _shell(self, parts: _Parts) -> bool:
        command = self._command(parts.args)
        parts.fields["command"] = command
        if command is None or command.exec_form == ():
            self._require_arguments(parts, False)
        elif command.exec_form is None:
            self.error("SHELL requires the arguments to be in JSON form", parts.args_anchor)
        return False

    def _healthcheck(self, parts: _Parts) -> bool:
        args = parts.args
        text = args.text
        if not text:
            self._require_arguments(parts, False)
            return False
        type_end = 0
        while type_end < len(text) and text[type_end] not in GO_SPACE:
            type_end += 1
        kind = Token(text[:type_end], span_of(args, 0, type_end))
        parts.fields["words"] = (kind,)
        rest_start, _ = trimmed_bounds(text, type_end, len(text))
        rest = slice_of(args, rest_start, len(text))
        kind_name = kind.value.upper()
        if kind_name == "NONE":
            parts.fields["healthcheck_none"] = True
            if rest.text:
                self.error("HEALTHCHECK NONE takes no arguments", whole_span(rest))
        elif kind_name == "CMD":
            command = self._command(rest)
            parts.fields["command"] = command
            if command is None or command.exec_form == ():
                self.error("Missing command after HEALTHCHECK CMD", kind.span)
        else:
            self.error(f'Unknown type "{kind.value}" in HEALTHCHECK (try CMD)', kind.span)
        return False

    def _key_values(self, parts: _Parts) -> bool:
        """ENV and LABEL: ``key=value …``, or the legacy ``key value`` form."""
        text = parts.args.text
        words = quoted_words(text, self.escape)
        if not words:
            self._require_arguments(parts, False)
            return False
        env = self.scope.visible
        if "=" not in words[0].text:
            separator = SEPARATOR.search(text)
            if separator is None:
                self.error(f"{parts.keyword} must have two arguments", parts.args_anchor)
                return False
            key = Piece(text[: separator.start()], 0, separator.start())
            value = Piece(text[separator.end() :], separator.end(), len(text))
            parts.fields["pairs"] = (self._pair(parts, key, value, env, legacy=True),)
            return False
        pairs = []
        for word in words:
            pair = self._split_pair(parts, word)
            if pair is None:
                self.error(
                    f'Syntax error - can\'t find = in "{word.text}". Must be of the form: '
                    "name=value",
                    span_of(parts.args, word.start, word.end),
                )
            else:
                pairs.append(self._pair(parts, pair[0], pair[1], env))
        parts.fields["pairs"] = tuple(pairs)
        return False

    def _split_pair(self, parts: _Parts, word: Piece) -> tuple[Piece, Piece] | None:
        """``key=value`` as two pieces; None without ``=``. Reports a blank key."""
        equals = word.text.find("=")
        if equals < 0:
            return None
        if equals == 0:
            span = span_of(parts.args, word.start, word.end)
            self.error(f"{parts.keyword} names can not be blank", span)
        key = Piece(word.text[:equals], word.start, word.start + equals)
        value = Piece(word.text[equals + 1 :], word.start + equals + 1, word.end)
        return key, value

    def _pair(
        self,
        parts: _Parts,
        key: Piece,
        value: Piece,
        env: Mapping[str, str],
        *,
        legacy: bool = False,
    ) -> KeyValue:
        return KeyValue(
            key=self._unquoted(parts, key),
            value=self._unquoted(parts, value),
            expanded=self._expanded(value, env),
            legacy=legacy,
        )

    def _arg(self, parts: _Parts) -> bool:
        words = quoted_words(parts.args.text, self.escape)
        self._require_arguments(parts, bool(words))
        env = self.scope.visible
        pairs = []
        for word in words:
            pair = self._split_pair(parts, word)
            if pair is None:
                name = self._unquoted(parts, word)
                pairs.append(KeyValue(name, None, self.scope.inherited_arg(name.value)))
            else:
                pairs.append(self._pair(parts, pair[0], pair[1], env))
        parts.fields["words"] = tuple(self._unquoted(parts, p, report=False) for p in words)
        parts.fields["pairs"] = tuple(pairs)
        return False

    def _single_argument(self, parts: _Parts) -> bool:
        text = parts.args.text
        self._require_arguments(parts, bool(text), exactly_one=True)
        if text:
            whole = Piece(text, 0, len(text))
            processed = parts.keyword != "MAINTAINER"  # BuildKit expands the others
            token = self._unquoted(parts, whole) if processed else parts.token(whole)
            parts.fields["words"] = (token,)
        return False

    def _onbuild(self, parts: _Parts) -> bool:
        if not parts.args.text:
            self._require_arguments(parts, False)
            return False
        built = self.build(parts.line, parts.args_start)
        if built is None:
            return False
        inner, heredocs = built
        parts.fields["inner"] = inner
        if inner.keyword == "ONBUILD":
            self.error("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", inner.keyword_span)
        elif inner.keyword in ("FROM", "MAINTAINER"):
            self.error(f"{inner.keyword} isn't allowed as an ONBUILD trigger", inner.keyword_span)
        return heredocs


# How each instruction's arguments are read, as BuildKit dispatches them.
_HANDLERS: dict[str, Callable[[InstructionBuilder, _Parts], bool]] = {
    "FROM": InstructionBuilder._from,
    "EXPOSE": InstructionBuilder._expose,
    "COPY": InstructionBuilder._sources_and_destination,
    "ADD": InstructionBuilder._sources_and_destination,
    "VOLUME": InstructionBuilder._volume,
    "RUN": InstructionBuilder._command_instruction,
    "CMD": InstructionBuilder._command_instruction,
    "ENTRYPOINT": InstructionBuilder._command_instruction,
    "SHELL": InstructionBuilder._shell,
    "HEALTHCHECK": InstructionBuilder._healthcheck,
    "ENV": InstructionBuilder._key_values,
    "LABEL": InstructionBuilder._key_values,
    "ARG": InstructionBuilder._arg,
    "MAINTAINER": InstructionBuilder._single_argument,
    "USER": InstructionBuilder._single_argument,
    "WORKDIR": InstructionBuilder._single_argument,
    "STOPSIGNAL": InstructionBuilder._single_argument,
    "ONBUILD": InstructionBuilder._onbuild,
}


def _unknown_flag(name: str, known: Mapping[str, str]) -> str:
    message = f"unknown flag: --{name}"
    suggestion = _closest(name, tuple(known))
    return f"{message} (did you mean {suggestion}?)" if suggestion else message


def _closest(word: str, options: tuple[str, ...]) -> str | None:
    """BuildKit's suggestion: the option nearest to ``word`` (edit distance under 3, case
    ignored), written in ``word``'s case."""
    lowered = word.lower()
    best, best_distance = None, _SUGGESTION_DISTANCE
    for option in options:
        candidate = option.lower()
        distance = _edit_distance(lowered, candidate, best_distance)
        if distance < best_distance:
            best, best_distance = candidate, distance
    if best is None:
        return None
    if word == word.upper():
        return best.upper()
    return best


_SUGGESTION_DISTANCE = 3


def _edit_distance(a: str, b: str, limit: int) -> int:
    """The Levenshtein distance of ``a`` and ``b``, or ``limit`` when it is at least that."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) >= limit:
            return limit
        previous = current
    return min(previous[-1], limit)
