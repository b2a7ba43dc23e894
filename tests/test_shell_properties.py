"""Properties of the shell parser on any input: it never raises, and every position it reports
is a position of the text it was given."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lintdock.model.shell import ShellScript
from lintdock.model.span import MappedText, Span
from lintdock.parsers.shell import parse_exec, parse_shell

SHELL_ALPHABET = st.sampled_from(
    list("abc xyz019-_=./:$@#*?!~%^") + list("\"'`\\;&|<>(){}[]\n\t") + ["é", "→", "😀"]
)
SHELL_WORDS = st.sampled_from(
    [
        "sh -c ", "bash -lc ", "eval ", "exec ", "sudo -u x ", "env A=1 ", "timeout 5 ", "if ",
        "then ", "fi", "while ", "until ", "do ", "done", "for i in ", "case ", "esac", "$(",
        "${", "<<EOF\n", "\nEOF\n", "&&", "||", " | ", "; ", "'", '"', "\\\n", "curl -fsS ",
        "[ -f x ]", "[[ ", " ]]", "f() { ", " }", "$'\\n'", "2>&1", "! ",
    ]
)  # fmt: skip
SCRIPTS = st.lists(st.one_of(SHELL_ALPHABET, SHELL_WORDS), max_size=60).map("".join)


@st.composite
def mapped_texts(draw: st.DrawFn) -> MappedText:
    """Text cut into pieces, each placed on its own line (continuation lines)."""
    text = draw(SCRIPTS)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=4))) - {0})
    first_line = draw(st.integers(1, 50))
    anchors = [(0, first_line, draw(st.integers(1, 8)))]
    for index, cut in enumerate(cuts, start=1):
        anchors.append((cut, first_line + index, draw(st.integers(1, 8))))
    return MappedText(text, tuple(anchors))


def starts_and_ends(text: MappedText) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Where a span of ``text`` may start and end."""
    starts = {text.position(offset) for offset in range(len(text.text) + 1)}
    ends = {(line, column + 1) for line, column in map(text.position, range(len(text.text)))}
    return starts, ends | starts


def spans_of(script: ShellScript) -> list[Span]:
    spans = [script.span, *script.errors]
    for command in script.commands:
        spans.append(command.span)
        words = (*command.argv, *command.wrappers, *command.assignments)
        spans += [word.span for word in words]
        if command.loop is not None:
            spans += [command.loop.span, *(w.span for w in command.loop.items)]
    return spans


@settings(max_examples=300, deadline=None)
@given(mapped_texts())
# A nested script (the -c string, its unclosed $(...)) ends where the whole text's next piece
# starts, not one column past its own last character.
@example(MappedText("ash -c $(aaaaaaaa", ((0, 1, 1), (17, 2, 1))))
def test_parse_shell_never_raises_and_spans_stay_in_the_text(text: MappedText) -> None:
    script = parse_shell(text)
    starts, ends = starts_and_ends(text)
    for span in spans_of(script):
        assert (span.line, span.column) in starts, span
        assert (span.end_line, span.end_column) in ends, span
        assert (span.line, span.column) <= (span.end_line, span.end_column), span


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(SCRIPTS, st.sampled_from(["sh", "-c", "bash", "-ec", "tini", "--"]))))
def test_parse_exec_spans_stay_in_their_items(values: list[str]) -> None:
    items = []
    column = 6
    for value in values:
        width = len(value) + 2 + value.count('"') + value.count("\\")  # as a JSON string
        items.append((value, Span(1, column, 1, column + width)))
        column += width + 2
    script = parse_exec(items, Span(1, 5, 1, column))
    for span in spans_of(script):
        assert span.line == span.end_line == 1
        inside = [
            s for _, s in items if s.column <= span.column and span.end_column <= s.end_column
        ]
        assert inside or span == script.span or span == script.commands[0].span, span


OPTION_WORDS = st.sampled_from(
    ["-f", "-fsS", "-o", "-m5", "-m", "--max-time", "--max-time=3", "--", "-", "x", "--fail"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(OPTION_WORDS, st.text(max_size=6)), max_size=8),
    st.sampled_from(["curl", "wget", "nc", "dockerize", "app"]),
)
def test_option_queries_never_raise_and_point_into_the_words(args: list[str], program: str) -> None:
    words = [(program, Span(1, 1, 1, 1 + len(program)))]
    column = 2 + len(program)
    for arg in args:
        words.append((arg, Span(1, column, 1, column + len(arg))))
        column += len(arg) + 1
    (command,) = parse_exec(words).commands
    found = [
        command.option("fm", ("fail", "max-time")),
        command.option_value("m", "max-time"),
        command.option_value("o", takes_value=""),
        *command.positionals(),
    ]
    for word in found:
        if word is not None:
            owner = next(w for w in command.argv if w.span.cover(word.span) == w.span)
            assert owner.value.endswith(word.value)
