"""Shell commands into the shell model (``lintdock.model.shell``), with file positions.

Entry points:

- ``parse_shell(text)``: a shell-form command line (RUN, CMD, compose ``CMD-SHELL``), any text.
- ``parse_shell_file(text)``: a whole script file (an entrypoint script), positions from 1:1.
- ``parse_exec(words)``: an exec-form argv (JSON array, compose list or string command).
- ``script_of_command``, ``script_of_start``, ``script_of_healthcheck``: the models' commands.
- ``script_of_heredoc``: a heredoc body as a script (e.g. an entrypoint a RUN writes).
- ``shell_text_of_command``: the text a shell-form command hands its shell (for ShellCheck).

tree-sitter-bash does the parsing; what it cannot parse becomes ``ShellScript.errors`` and the
commands around it are kept. Strings a shell or ``eval`` runs (``sh -c '…'``, ``bash <<EOF``)
are parsed too, their commands inserted after the host command at one more ``depth``, with
positions inside the string.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lintdock.model.dockerfile import Command, Heredoc
from lintdock.model.shell import ShellScript, SimpleCommand, Word
from lintdock.model.span import MappedText, Span
from lintdock.parsers.shell_launchers import (
    basename,
    launcher_count,
    reads_stdin_script,
    script_argument,
)
from lintdock.parsers.shell_walk import Collector, Context
from lintdock.vocabulary import POSIX_SHELLS

if TYPE_CHECKING:
    from lintdock.model.compose import Healthcheck, StartCommand

_HEREDOC_WORD = re.compile(r"""(?<![<\w])\d*<<-?[ \t]*(?:"[^"\n]*"|'[^'\n]*'|\\?[^\s;&|<>()'"]+)""")
_SHEBANG_WORD = re.compile(r"\S+")


def parse_shell(text: MappedText) -> ShellScript:
    """Parse shell-form text. Never raises; unparsable parts are ``errors``."""
    collector = Collector()
    collector.script(text, Context())
    return _script(collector, text.whole, shell=True)


def parse_shell_file(text: str) -> ShellScript:
    """Parse a whole script file; positions count from line 1, column 1."""
    return parse_shell(file_text(text))


def file_text(text: str) -> MappedText:
    """A whole file as a MappedText (one anchor per line)."""
    anchors = [(0, 1, 1)]
    for line, match in enumerate(re.finditer("\n", text), start=2):
        anchors.append((match.end(), line, 1))
    return MappedText(text, tuple(anchors))


def parse_exec(words: Sequence[tuple[str, Span]], span: Span | None = None) -> ShellScript:
    """An exec-form argv: no shell, one command (launchers stripped like in shell form). A shell
    given a ``-c`` string (``["sh", "-c", "…"]``) has that string parsed as a script, with
    positions inside the item (exact when its text on one line has the value's length, plus
    quotes and standard escapes; otherwise kept inside the item)."""
    items = tuple(Word(value, value, item_span) for value, item_span in words)
    whole = span or _cover(items)
    if not items:
        return ShellScript((), whole, shell=False)
    split = launcher_count([word.value for word in items])
    command = SimpleCommand(items[split:], items[:split], (), whole, None)
    collector = Collector()
    collector.commands.append(command)
    body = _script_string(command)
    if body is not None:
        collector.hosted(command, text_inside(body.value, body.span), Context())
    return _script(collector, whole, shell=False, exec_words=items)


def script_of_command(command: Command) -> ShellScript:
    """RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD. A RUN whose heredoc is the script (``RUN
    <<EOF``, ``RUN <<EOF bash``, a body with a shell shebang) has the body parsed, hosted by the
    shell that runs it; other heredocs are fed to the shell with the command line, as BuildKit
    does. A body whose shebang names another interpreter (``#!/usr/bin/env python3``) becomes
    one command running that interpreter."""
    if command.exec_form is not None:
        return parse_exec([(t.value, t.span) for t in command.exec_form], command.span)
    line = command.shell_form or MappedText("", ((0, command.span.line, command.span.column),))
    if not command.heredocs:
        return parse_shell(line)
    if _HEREDOC_WORD.match(line.text.lstrip()):
        return _leading_heredoc(line, command.heredocs[0])
    return parse_shell(_with_heredocs(line, command.heredocs))


def shell_text_of_command(command: Command) -> tuple[MappedText, str | None] | None:
    """The script the shell of a shell-form RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD receives,
    as BuildKit hands it over (continuations joined, comment lines dropped, heredocs after the
    command line), and the shell it names itself, if it does: a heredoc body run as the script
    (``RUN <<EOF``, ``RUN <<EOF bash -e``) with a shebang of a POSIX shell, whose line is then
    blanked, or the shell reading it. None for exec form, and for a body another interpreter
    runs (``#!/usr/bin/env python3``)."""
    if command.exec_form is not None or command.shell_form is None:
        return None
    line = command.shell_form
    if not command.heredocs:
        return line, None
    if not _HEREDOC_WORD.match(line.text.lstrip()):
        return _with_heredocs(line, command.heredocs), None
    rest = _HEREDOC_WORD.sub("", line.text, count=1).split()
    body = command.heredocs[0].body
    if rest:
        host = basename(rest[0])
        if host in POSIX_SHELLS and reads_stdin_script(rest):
            return body, host
        return _with_heredocs(line, command.heredocs), None
    first_line = body.text.split("\n", 1)[0]
    if not first_line.startswith("#!"):
        return body, None
    values = first_line[2:].split()
    named = values[launcher_count(values) :]
    if not named or basename(named[0]) not in POSIX_SHELLS:
        return None
    blanked = " " * len(first_line) + body.text[len(first_line) :]
    return MappedText(blanked, body.anchors), basename(named[0])


def script_of_start(start: StartCommand) -> ShellScript:
    """A compose ``command``/``entrypoint``: Compose runs the words without a shell (a string
    is split into words first, up to its first shell operator), so this is exec form."""
    return parse_exec([(w.value, w.span) for w in start.argv], start.node.span)


def script_of_healthcheck(healthcheck: Healthcheck) -> ShellScript | None:
    """A compose ``healthcheck.test``: ``CMD`` items are exec form, the ``CMD-SHELL`` text is
    shell form. None for ``NONE`` or a test that is not usable."""
    args = healthcheck.test_args
    if healthcheck.test_kind == "CMD":
        span = healthcheck.test.span if healthcheck.test is not None else None
        return parse_exec([(a.value, a.span) for a in args], span)
    if healthcheck.test_kind != "CMD-SHELL" or not args:
        return None
    if healthcheck.shell_text is not None:
        return parse_shell(healthcheck.shell_text)
    return parse_shell(text_inside(args[0].value, args[0].span))


def text_inside(value: str, span: Span) -> MappedText:
    """``value`` placed inside the written item at ``span``: exactly when the item is on one line
    and is the value itself or the value quoted with standard (JSON) escapes, else as near as
    possible without leaving the item."""
    width = span.end_column - span.column
    if span.end_line == span.line:
        if width == len(value):
            return MappedText.at(value, span.line, span.column)
        widths = [len(json.dumps(char, ensure_ascii=False)) - 2 for char in value]
        if sum(widths) + 2 == width:
            return _stepped(value, widths, span.line, span.column + 1)
        if width > len(value):
            return MappedText.at(value, span.line, span.column + (1 if width > 1 else 0))
    # Folded over several lines, or shorter than the value: along the item's first line as far
    # as it is known to go.
    last = max(span.end_column - 1 if span.end_line == span.line else span.column, span.column)
    anchors = tuple((i, span.line, min(span.column + i, last)) for i in range(len(value)))
    return MappedText(value, anchors or ((0, span.line, span.column),))


def _stepped(value: str, widths: Sequence[int], line: int, column: int) -> MappedText:
    """Characters written with the given widths from ``column``: an escaped character (``\\"``,
    ``\\n``) sits on the last character of its escape."""
    anchors = [(0, line, column + widths[0] - 1)] if widths else [(0, line, column)]
    for index, char_width in enumerate(widths):
        if index and char_width != 1:
            anchors.append((index, line, column + char_width - 1))
        column += char_width
    return MappedText(value, tuple(anchors))


def _script(
    collector: Collector, span: Span, shell: bool, exec_words: tuple[Word, ...] = ()
) -> ShellScript:
    return ShellScript(tuple(collector.commands), span, shell, tuple(collector.errors), exec_words)


def _cover(words: Sequence[Word]) -> Span:
    if not words:
        return Span.point(1, 1)
    span = words[0].span
    for word in words[1:]:
        span = span.cover(word.span)
    return span


def _script_string(command: SimpleCommand) -> Word | None:
    """The word holding the script a command runs (``sh -c``'s string)."""
    index = script_argument([word.value for word in command.argv])
    return command.argv[index] if index is not None else None


# -- Dockerfile heredocs ------------------------------------------------------------------------


def _leading_heredoc(line: MappedText, heredoc: Heredoc) -> ShellScript:
    """``RUN <<EOF`` (the body is the script) or ``RUN <<EOF bash -e`` (a shell reads it)."""
    blanked = MappedText(_HEREDOC_WORD.sub(lambda m: " " * len(m.group()), line.text), line.anchors)
    collector = Collector()
    collector.script(blanked, Context())
    if not collector.commands:
        return script_of_heredoc(heredoc)
    host = collector.commands[0]
    if host.program in POSIX_SHELLS and reads_stdin_script([word.value for word in host.argv]):
        collector.hosted(host, heredoc.body, Context())
    return _script(collector, line.whole, shell=True)


def script_of_heredoc(heredoc: Heredoc) -> ShellScript:
    """A heredoc body run as a script (``RUN <<EOF``, or a script file a RUN writes): with the
    default shell, or with its shebang's interpreter, which then is the one command (positions
    of the shebang's words)."""
    body = heredoc.body
    first_line = body.text.split("\n", 1)[0]
    if not first_line.startswith("#!"):
        return parse_shell(body)
    words = [
        (match.group(), body.span(match.start(), match.end()))
        for match in _SHEBANG_WORD.finditer(first_line, 2)
    ]
    values = [value for value, _ in words]
    rest = values[launcher_count(values) :]
    if rest and basename(rest[0]) in POSIX_SHELLS:
        return parse_shell(body)
    script = parse_exec(words, heredoc.span)
    return ShellScript(script.commands, script.span, shell=True)


def _with_heredocs(line: MappedText, heredocs: Sequence[Heredoc]) -> MappedText:
    """The command line followed by each body and terminator: the script the shell receives."""
    pieces = [line]
    for heredoc in heredocs:
        pieces.append(_after(pieces[-1], "\n"))
        body = heredoc.body
        pieces.append(body)
        if body.text and not body.text.endswith("\n"):
            pieces.append(_after(body, "\n"))
        terminator_column = max(1, heredoc.span.end_column - len(heredoc.delimiter))
        pieces.append(MappedText.at(heredoc.delimiter, heredoc.span.end_line, terminator_column))
    return _concat(pieces)


def _after(text: MappedText, extra: str) -> MappedText:
    """``extra`` placed just after the end of ``text``."""
    return MappedText.at(extra, *text.position(len(text.text)))


def _concat(pieces: Sequence[MappedText]) -> MappedText:
    anchors: list[tuple[int, int, int]] = []
    offset = 0
    for piece in pieces:
        anchors.extend((offset + o, line, column) for o, line, column in piece.anchors)
        offset += len(piece.text)
    return MappedText("".join(piece.text for piece in pieces), tuple(anchors))
