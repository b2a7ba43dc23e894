"""LD601-LD605: BuildKit's checks of stage names and keyword casing, at exact positions."""

from __future__ import annotations

from ld1_helpers import Hit, hits, run


def test_stage_name_not_lower_case_at_the_name() -> None:
    text = "FROM alpine:3.20 AS Builder\nFROM alpine:3.20 AS base\nFROM base AS RUNTIME\n"
    assert hits(text, "LD601") == [
        Hit("Dockerfile", 1, 21, 1, 28, "warning"),
        Hit("Dockerfile", 3, 14, 3, 21, "warning"),
    ]
    assert "write 'builder'" in run(text, "LD601")[0].message


def test_stage_names_with_digits_and_dashes_are_lower_case() -> None:
    assert hits("FROM alpine:3.20 AS build-2_x.y\nFROM alpine:3.20\n", "LD601") == []


def test_as_cased_unlike_from_at_the_as() -> None:
    text = "FROM alpine:3.20 as one\nfrom alpine:3.20 AS two\nFROM alpine:3.20 As three\n"
    assert hits(text, "LD602") == [
        Hit("Dockerfile", 1, 18, 1, 20, "warning"),
        Hit("Dockerfile", 2, 18, 2, 20, "warning"),
        Hit("Dockerfile", 3, 18, 3, 20, "warning"),
    ]
    assert run(text, "LD602")[0].message.startswith("'as' and 'FROM' keywords' casing")


def test_matching_as_and_a_mixed_case_from_are_left_alone() -> None:
    text = "FROM alpine:3.20 AS one\nfrom alpine:3.20 as two\nFrom alpine:3.20 as three\n"
    assert hits(text, "LD602") == []
    assert hits("FROM alpine:3.20\n", "LD602") == []


def test_instructions_cased_unlike_the_majority() -> None:
    text = 'FROM alpine:3.20\nrun echo a\nRUN echo b\nCmd ["sh"]\n'
    assert hits(text, "LD603") == [
        Hit("Dockerfile", 2, 1, 2, 4, "warning"),
        Hit("Dockerfile", 4, 1, 4, 4, "warning"),
    ]
    assert "(upper case): write 'CMD'" in run(text, "LD603")[1].message


def test_a_lower_case_majority_wins_and_a_tie_goes_to_upper_case() -> None:
    lower = "from alpine:3.20\nrun echo a\nRUN echo b\n"
    assert hits(lower, "LD603") == [Hit("Dockerfile", 3, 1, 3, 4, "warning")]
    tie = "from alpine:3.20\nRUN echo b\n"
    assert hits(tie, "LD603") == [Hit("Dockerfile", 1, 1, 1, 5, "warning")]


def test_unknown_instructions_are_ld001s_and_not_counted() -> None:
    text = "from alpine:3.20\nrun echo a\nFOO bar\nBAR baz\nQux\n"
    assert hits(text, "LD603") == []


def test_consistent_casing_either_way_is_fine() -> None:
    assert hits("from alpine:3.20\nrun echo a\n", "LD603") == []
    assert hits("ARG V=1\nFROM alpine:$V\nRUN echo a\n", "LD603") == []


def test_duplicate_stage_names_compare_case_insensitively() -> None:
    text = "FROM alpine:3.20 AS build\nFROM alpine:3.20 AS test\nFROM alpine:3.20 AS Build\n"
    assert hits(text, "LD604") == [Hit("Dockerfile", 3, 21, 3, 26, "warning")]
    assert "first named on line 1" in run(text, "LD604")[0].message


def test_unique_stage_names_and_unnamed_stages_are_fine() -> None:
    text = "FROM alpine:3.20\nFROM alpine:3.20\nFROM alpine:3.20 AS a\nFROM a AS b\n"
    assert hits(text, "LD604") == []


def test_reserved_stage_names() -> None:
    text = "FROM alpine:3.20 AS scratch\nFROM alpine:3.20 AS Context\nFROM scratch AS out\n"
    assert hits(text, "LD605") == [
        Hit("Dockerfile", 1, 21, 1, 28, "error"),
        Hit("Dockerfile", 2, 21, 2, 28, "error"),
    ]


def test_a_stage_built_from_scratch_is_not_named_scratch() -> None:
    assert hits("FROM scratch\nFROM scratch AS contexts\n", "LD605") == []
