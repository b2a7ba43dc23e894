"""The ``docker run`` command lines a Dockerfile's comments document.

Image collections write how to run each image at the top of its Dockerfile::

    # docker run --rm -it \\
    #	-v /tmp/.X11-unix:/tmp/.X11-unix \\ # mount the X11 socket
    #	jess/chrome

A usage line starts with ``docker run`` (or ``docker container run``, after an optional ``$``
prompt or ``sudo``) and goes on over the next comment lines while it ends in a backslash; a note
written after that backslash (``\\ # mount the X11 socket``) is dropped, as the author means the
line to continue. The command is split into words the way a shell splits them, without
expanding anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from lintdock.model.dockerfile import DocumentedRun, Token
from lintdock.model.span import MappedText

_USAGE_START = re.compile(r"(?:\$\s*)?(?:sudo\s+)?(?=docker\s+(?:container\s+)?run(?:\s|$))")
"""The start of a usage line; it matches up to the word ``docker``."""
_OPERATORS = frozenset({"|", "||", "&&", ";", "&"})
"""Shell operators that end the ``docker run`` command (``docker run … | tee log``)."""
_CONTINUED = re.compile(r"\\\s*(?:#.*)?$")
"""A line that continues on the next: a final backslash, maybe followed by a ``# note``."""


def documented_runs(comments: Sequence[MappedText]) -> tuple[DocumentedRun, ...]:
    """The ``docker run`` commands written in ``comments`` (the text of each comment line after
    its ``#``, leading blanks stripped, in file order)."""
    runs: list[DocumentedRun] = []
    index = 0
    while index < len(comments):
        start = _USAGE_START.match(comments[index].text)
        if start is None:
            index += 1
            continue
        pieces = _usage_lines(comments, index, start.end())
        index += len(pieces)
        run = _documented_run(_joined(pieces))
        if run is not None:
            runs.append(run)
    return tuple(runs)


def _usage_lines(comments: Sequence[MappedText], start: int, skip: int) -> list[MappedText]:
    """The comment lines of the usage command that starts at ``comments[start]`` (its first
    ``skip`` characters are a prompt), each cut before its continuation backslash: the lines
    that follow on the next line numbers while the previous one is continued, but for notes
    (``# # the link must be named "torproxy"``) among them."""
    pieces: list[MappedText] = []
    for index in range(start, len(comments)):
        comment = comments[index]
        if index == start:
            comment = comment.slice(skip, len(comment.text))
        if pieces and comment.position(0)[0] != comments[index - 1].position(0)[0] + 1:
            break
        if pieces and comment.text.startswith("#"):
            continue  # a note between the lines of the command
        continued = _CONTINUED.search(comment.text)
        if continued is None:
            pieces.append(comment)
            break
        pieces.append(comment.slice(0, continued.start()))
    return pieces


def _joined(pieces: list[MappedText]) -> MappedText:
    """The lines of one command joined by blanks, each character mapped to the file."""
    text = ""
    anchors: list[tuple[int, int, int]] = []
    for piece in pieces:
        base = len(text)
        anchors.extend((base + offset, line, column) for offset, line, column in piece.anchors)
        text += piece.text + " "
    return MappedText(text, tuple(anchors))


def _documented_run(text: MappedText) -> DocumentedRun | None:
    """The words after ``run`` of the ``docker run`` command that starts ``text``."""
    words = list(_words(text))
    end = next((i for i, word in enumerate(words) if word.value in _OPERATORS), len(words))
    words = words[1:end]
    if words and words[0].value == "container":
        words.pop(0)
    if not words or words[0].value != "run":
        return None
    return DocumentedRun(tuple(words[1:]), text.span(0, len(text.text.rstrip())))


def _words(text: MappedText) -> Iterator[Token]:
    """``text`` split into words as a shell would: on blanks outside quotes and ``$(…)``, the
    quotes removed (no expansion: ``$HOME`` stays as written)."""
    value, start, quote, depth = "", None, "", 0
    for offset, char in enumerate(text.text + " "):
        if not quote and not depth and char in " \t":
            if start is not None:
                yield Token(value, text.span(start, offset))
            value, start = "", None
            continue
        start = offset if start is None else start
        if char == quote:
            quote = ""
        elif not quote and char in "'\"":
            quote = char
        else:
            value += char
            depth += 1 if value.endswith("$(") else -1 if char == ")" and depth else 0
