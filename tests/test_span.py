"""Span and MappedText: the positions every finding is reported at."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lintdock.model.span import MappedText, Span

# "RUN a \" / "  && b": the text BuildKit joins from two lines, `&& b` on line 2 at column 3.
JOINED = MappedText("a && b", ((0, 1, 5), (2, 2, 3)))


def test_positions_follow_each_piece_to_its_line() -> None:
    assert JOINED.position(0) == (1, 5)
    assert JOINED.position(1) == (1, 6)
    assert JOINED.position(2) == (2, 3)
    assert JOINED.position(5) == (2, 6)


def test_a_span_across_pieces_starts_and_ends_on_their_own_lines() -> None:
    assert JOINED.span(0, 6) == Span(1, 5, 2, 7)
    assert JOINED.span(5, 6) == Span(2, 6, 2, 7)
    assert JOINED.whole == Span(1, 5, 2, 7)


def test_an_empty_span_is_an_insertion_point() -> None:
    assert JOINED.span(2, 2) == Span.point(2, 3)


def test_a_slice_keeps_the_positions_of_its_characters() -> None:
    part = JOINED.slice(1, 6)
    assert part.text == " && b"
    assert part.position(0) == (1, 6)
    assert part.position(1) == (2, 3)


def test_cover_is_the_smallest_span_holding_both() -> None:
    assert Span(2, 5, 2, 9).cover(Span(1, 3, 2, 1)) == Span(1, 3, 2, 9)


@st.composite
def mapped_texts(draw: st.DrawFn) -> MappedText:
    pieces = draw(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=6))
    anchors, offset = [], 0
    for line, piece in enumerate(pieces, start=1):
        anchors.append((offset, line, draw(st.integers(1, 40))))
        offset += len(piece)
    if draw(st.booleans()):  # the text ends a line: the point past it starts the next one
        anchors.append((offset, len(pieces) + 1, 1))
    return MappedText("".join(pieces), tuple(anchors))


@given(mapped_texts(), st.data())
def test_slicing_never_moves_a_character_nor_the_point_past_the_end(
    text: MappedText, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text.text) - 1))
    end = data.draw(st.integers(start + 1, len(text.text)))
    part = text.slice(start, end)
    assert part.text == text.text[start:end]
    for offset in range(end - start + 1):
        assert part.position(offset) == text.position(start + offset)
