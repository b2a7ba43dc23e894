"""Parses a Dockerfile the way BuildKit reads it, keeping the exact position of every piece.

    parse_dockerfile(text, path) -> Dockerfile

Never raises: what BuildKit would reject becomes a ParseError (LD001) at the offending token,
and the rest of the file is still parsed.

Reading follows BuildKit's ``parser.go``: a BOM is dropped; parser directives (``# syntax=``,
``# escape=``, ``# check=``) are read only before the first comment, blank line or instruction;
a line ending in the escape character (blanks after it allowed, an escaped escape character
excepted) continues on the next line, where comment lines and blank lines are skipped; an
instruction's text is its lines joined without separator. RUN, COPY and ADD in shell form (also
under ONBUILD) may name heredocs, whose bodies follow the instruction's last line.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from lintdock.model.dockerfile import (
    Comment,
    Dockerfile,
    Heredoc,
    Instruction,
    ParseError,
    Stage,
    Token,
)
from lintdock.model.span import MappedText, Span
from lintdock.parsers.dockerfile_heredoc import Marker, marker_words, parse_marker
from lintdock.parsers.dockerfile_instructions import KEYWORDS, InstructionBuilder
from lintdock.parsers.dockerfile_lex import GO_SPACE, LexError, lex_word
from lintdock.parsers.dockerfile_scope import Scope
from lintdock.parsers.dockerfile_usage import documented_runs
from lintdock.parsers.dockerfile_words import separated_words, span_of

_DIRECTIVES = frozenset({"syntax", "escape", "check"})
_ASCII_SPACE = "\t\n\f\r "  # RE2's \s, which BuildKit's directive pattern uses

# A piece of a logical line: (line, column, text) of a stretch of one physical line.
_Piece = tuple[int, int, str]


def parse_dockerfile(text: str, path: str) -> Dockerfile:
    """The model of the Dockerfile ``text`` read from ``path`` (an empty one naming what it is
    instead, for a template or another kind of file)."""
    instead = _not_dockerfile(text, path)
    if instead is not None:
        return instead
    with _collector_paused():
        return _FileParser(text, path).parse()


def _not_dockerfile(text: str, path: str) -> Dockerfile | None:
    from lintdock.parsers.sniff import not_a_dockerfile

    mark = not_a_dockerfile(path, text)
    if mark is None:
        return None
    lines = dockerfile_lines(text)
    if mark.what == "a template":
        line = lines[mark.line - 1] if mark.line <= len(lines) else ""
        span = Span(mark.line, 1, mark.line, len(line) + 1)
        message = (
            f"a template for a Dockerfile, not one ({mark.reason}): BuildKit cannot build it as "
            "written, and lintdock lints the Dockerfiles rendered from it, not the template"
        )
    else:
        span, said = _first_refusal(text, path)
        message = f"{mark.what}, not a Dockerfile to build ({mark.reason}): {said}"
    return Dockerfile(path, {}, "\\", (), (), (), (), len(lines), ParseError(message, span))


def _first_refusal(text: str, path: str) -> tuple[Span, str]:
    """Where and with what words BuildKit would refuse the file (its first error)."""
    with _collector_paused():
        errors = _FileParser(text, path).parse().errors
    if not errors:
        return Span.point(1, 1), "BuildKit would read it, but lintdock lints it no further"
    first = min(errors, key=lambda error: (error.span.line, error.span.column))
    return first.span, f'BuildKit would stop at line {first.span.line}: "{first.message}"'


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause CPython's cyclic garbage collector while parsing. A parse allocates many small
    objects and no reference cycles, so the collector frees nothing, yet its full passes over
    the growing model double the time of a 200,000-line file and make it superlinear."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _continuation_cut(line: str, escape: str) -> int | None:
    """Where the text of ``line`` stops when it ends with a line continuation, else None."""
    end = len(line)
    while end and line[end - 1] in " \t":
        end -= 1
    if not end or line[end - 1] != escape:
        return None
    if end >= 2 and line[end - 2] == escape:
        return None
    return end - 1


def dockerfile_lines(text: str) -> list[str]:
    """The lines of a Dockerfile as BuildKit reads them: split on ``\n`` only (not on the other
    line breaks ``str.splitlines`` knows), without the byte-order mark and line-end ``\r``."""
    lines = text.removeprefix("\ufeff").split("\n")
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
    return [line.rstrip("\r") for line in lines]


class _FileParser:
    """The state of reading one file, line by line."""

    def __init__(self, text: str, path: str) -> None:
        self.lines = dockerfile_lines(text)
        self.path = path
        self.index = 0
        self.escape = "\\"
        self.directives: dict[str, str] = {}
        self.directives_done = False
        self.errors: list[ParseError] = []
        self.comments: list[Comment] = []
        self.comment_texts: list[MappedText] = []
        self.scope = Scope()
        self.preamble: list[Instruction] = []
        self.stages: list[Stage] = []
        self.open_stage: Stage | None = None
        self.stage_body: list[Instruction] = []
        self.stage_names: dict[str, int] = {}
        self.misplaced: list[Instruction] = []
        self.builder = InstructionBuilder(self.escape, self.errors, self.scope)

    def _next_line(self) -> tuple[int, str, str]:
        """The next line: its number, its text, and its text without leading blanks."""
        raw = self.lines[self.index]
        self.index += 1
        return self.index, raw, raw.lstrip(GO_SPACE)

    def parse(self) -> Dockerfile:
        while self.index < len(self.lines):
            number, raw, content = self._next_line()
            column = len(raw) - len(content) + 1
            if not self.directives_done and self._directive(content, number, column):
                continue
            if content.startswith("#"):
                self._comment(content, number, column)
                continue
            cut = _continuation_cut(content, self.escape)
            if cut is None:
                if content:
                    self._instruction([(number, column, content)], number, column)
                continue
            pieces = [(number, column, content[:cut])] if cut else []
            empty = self._continuation_lines(pieces)
            self._instruction(pieces, number, column, empty)
        return self._finish()

    # -- lines -------------------------------------------------------------------------------

    def _directive(self, content: str, number: int, column: int) -> bool:
        """Read ``content`` as a parser directive; False (and no more directives) if it is not."""
        found = _split_directive(content)
        if found is None:
            self.directives_done = True
            return False
        key, value = found
        span = Span(number, column, number, column + len(content))
        if key in self.directives:
            self.errors.append(ParseError(f"only one {key} parser directive can be used", span))
        elif key == "escape" and value not in ("\\", "`"):
            message = f"invalid escape token '{value}' does not match ` or \\"
            self.errors.append(ParseError(message, span))
        else:
            self.directives[key] = value
            if key == "escape":
                self.escape = self.builder.escape = value
        return True

    def _comment(self, content: str, number: int, column: int) -> None:
        span = Span(number, column, number, column + len(content))
        text = content[1:].strip()
        self.comments.append(Comment(text, span))
        indent = len(content[1:]) - len(content[1:].lstrip())
        self.comment_texts.append(MappedText.at(text, number, column + 1 + indent))

    def _continuation_lines(self, pieces: list[_Piece]) -> tuple[int, ...]:
        """Append the lines that continue an instruction to ``pieces``; the numbers of the empty
        lines skipped among them."""
        empty: list[int] = []
        while self.index < len(self.lines):
            number, raw, content = self._next_line()
            if content.startswith("#"):
                self._comment(content, number, len(raw) - len(content) + 1)
                continue
            if not content:
                empty.append(number)
                continue
            cut = _continuation_cut(raw, self.escape)
            if cut is None:
                pieces.append((number, 1, raw))
                break
            if cut:
                pieces.append((number, 1, raw[:cut]))
        return tuple(empty)

    # -- instructions ------------------------------------------------------------------------

    def _instruction(
        self, pieces: list[_Piece], number: int, column: int, empty: tuple[int, ...] = ()
    ) -> None:
        line = _joined(pieces)
        built = self.builder.build(line)
        if built is None:
            span = Span(number, column, number, column + 1)
            self.errors.append(ParseError("line continuation without an instruction", span))
            return
        instruction, may_have_heredocs = built
        if may_have_heredocs and "<<" in line.text:
            heredocs = self._heredocs(line)
            if heredocs:
                instruction = _with_heredocs(instruction, heredocs)
        if empty:
            instruction = dataclasses.replace(instruction, empty_continuation_lines=empty)
        self._place(instruction)

    def _heredocs(self, line: MappedText) -> tuple[Heredoc, ...]:
        """The heredocs ``line`` names, their bodies read from the lines that follow."""
        heredocs = []
        for word in marker_words(line.text):
            span = span_of(line, word.start, word.end)
            try:
                marker = parse_marker(word.text)
            except LexError as error:
                self.errors.append(ParseError(str(error), span))
                continue
            if marker is None:
                continue
            heredoc, terminated = self._heredoc_body(marker, span)
            heredocs.append(heredoc)
            if not terminated:
                self.errors.append(
                    ParseError(f'unterminated heredoc: no line "{marker.name}" ends it', span)
                )
                break
        return tuple(heredocs)

    def _heredoc_body(self, marker: Marker, word: Span) -> tuple[Heredoc, bool]:
        """The heredoc up to its terminator line, and whether that line was found."""
        lines = self.lines
        text: list[str] = []
        anchors: list[tuple[int, int, int]] = []
        offset = 0
        terminated = False
        end = Span.point(word.end_line, word.end_column)
        while self.index < len(lines):
            number = self.index + 1
            raw = lines[self.index]
            self.index += 1
            content = raw.lstrip("\t") if marker.strip_tabs else raw
            end = Span.point(number, len(raw) + 1)
            if content == marker.name:
                terminated = True
                break
            anchors.append((offset, number, len(raw) - len(content) + 1))
            text.append(content + "\n")
            offset += len(content) + 1
        body = MappedText("".join(text), tuple(anchors) or ((0, word.end_line, word.end_column),))
        heredoc = Heredoc(
            delimiter=marker.name,
            body=body,
            span=word.cover(end),
            expand=marker.expand,
            strip_tabs=marker.strip_tabs,
            fd=marker.fd,
        )
        return heredoc, terminated

    # -- stages ------------------------------------------------------------------------------

    def _place(self, instruction: Instruction) -> None:
        """Put ``instruction`` in the preamble or its stage, and record what it declares."""
        if instruction.keyword == "FROM":
            self._close_stage()
            self.open_stage = self._open_stage(instruction)
            self.stage_body = [instruction]
        elif self.open_stage is not None:
            self.stage_body.append(instruction)
        else:
            self.preamble.append(instruction)
            if instruction.keyword != "ARG" and instruction.keyword in KEYWORDS:
                self.misplaced.append(instruction)  # an unknown one is an error of its own
        self.scope.declare(instruction)

    def _open_stage(self, instruction: Instruction) -> Stage:
        """Start the stage ``instruction`` (a FROM) begins: all of it but its instructions."""
        pieces = separated_words(instruction.arguments.text)
        words = instruction.words
        base = words[0] if words else Token("", Span.point(*_end(instruction.keyword_span)))
        try:
            base_image = lex_word(pieces[0].text, self.escape, self.scope.meta) if pieces else ""
        except LexError:
            base_image = base.value
        named = len(pieces) == 3 and pieces[1].text.lower() == "as"
        parent = self.stage_names.get(base_image.lower())  # BuildKit takes names, no index
        self.scope.start_stage(parent)
        index = len(self.stages)
        return Stage(
            index=index,
            from_instruction=instruction,
            base=base,
            base_image=base_image,
            name=pieces[2].text.lower() if named else None,
            name_token=words[2] if named else None,
            platform=instruction.flag("platform"),
            parent=parent,
            instructions=(),
            root=self.stages[parent].root if parent is not None else index,
        )

    def _close_stage(self) -> None:
        if self.open_stage is not None:
            stage = self.open_stage
            inherited = (
                dict(self.stages[stage.parent].in_effect) if stage.parent is not None else {}
            )
            own = dict.fromkeys((i.keyword for i in self.stage_body), stage.index)
            in_effect = tuple({**inherited, **own}.items())
            stage = dataclasses.replace(
                stage, instructions=tuple(self.stage_body), in_effect=in_effect
            )
            self.stages.append(stage)
            if stage.name is not None:
                self.stage_names[stage.name] = stage.index
            self.open_stage = None

    def _check_placement(self) -> None:
        """Instructions other than ARG before the first FROM, or no FROM at all. An unknown
        instruction is not counted: BuildKit stops at it before it looks for a stage."""
        if not self.stages:
            unknown = any(i.keyword not in KEYWORDS for i in self.preamble)
            if self.misplaced:
                first = self.misplaced[0]
                message = (
                    f"no build stage in current context: the file has no FROM ({first.keyword})"
                )
                self._error(message, first.keyword_span)
            elif self.preamble and not unknown:
                self._error("dockerfile contains no stages to build", self.preamble[0].keyword_span)
            elif not self.preamble:
                self._error("file with no instructions", Span.point(1, 1))
            return
        for instruction in self.misplaced:
            message = f"no build stage in current context: {instruction.keyword} before FROM"
            self._error(message, instruction.keyword_span)

    def _error(self, message: str, span: Span) -> None:
        self.errors.append(ParseError(message, span))

    def _finish(self) -> Dockerfile:
        self._close_stage()
        self._check_placement()
        self.errors.sort(key=lambda error: error.span)
        return Dockerfile(
            path=self.path,
            directives=self.directives,
            escape=self.escape,
            preamble=tuple(self.preamble),
            stages=tuple(self.stages),
            comments=tuple(self.comments),
            errors=tuple(self.errors),
            line_count=len(self.lines),
            documented_runs=documented_runs(self.comment_texts),
        )


def _end(span: Span) -> tuple[int, int]:
    return span.end_line, span.end_column


def _split_directive(content: str) -> tuple[str, str] | None:
    """``# key=value`` as (lower-case key, value) when key is a known directive, else None."""
    if not content.startswith("#"):
        return None
    body = content[1:].lstrip(GO_SPACE)
    key_end = 0
    while key_end < len(body) and body[key_end].isascii() and body[key_end].isalnum():
        key_end += 1
    if not key_end or not body[0].isalpha():
        return None
    rest = body[key_end:].lstrip(_ASCII_SPACE)
    if not rest.startswith("="):
        return None
    value = rest[1:].strip(_ASCII_SPACE)
    key = body[:key_end].lower()
    if not value or key not in _DIRECTIVES:
        return None
    return key, value


def _joined(pieces: list[_Piece]) -> MappedText:
    """The logical line made of ``pieces``, each character mapped to the file."""
    if len(pieces) == 1:
        number, column, text = pieces[0]
        return MappedText(text, ((0, number, column),))
    anchors = []
    offset = 0
    for number, column, text in pieces:
        anchors.append((offset, number, column))
        offset += len(text)
    if not anchors:
        return MappedText("", ((0, 1, 1),))
    return MappedText("".join(piece[2] for piece in pieces), tuple(anchors))


def _with_heredocs(instruction: Instruction, heredocs: tuple[Heredoc, ...]) -> Instruction:
    """``instruction`` (and its command, and its ONBUILD trigger) carrying ``heredocs``."""
    span = instruction.span.cover(heredocs[-1].span)
    command = instruction.command
    if command is not None:
        command = dataclasses.replace(command, heredocs=heredocs)
    inner = instruction.inner
    if inner is not None:
        inner = _with_heredocs(inner, heredocs)
    return dataclasses.replace(
        instruction, span=span, command=command, inner=inner, heredocs=heredocs
    )
