"""The fix machinery on hand-made fixes: span arithmetic, overlaps, passes, diffs, atomic writes."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from lintdock.engine import LintResult
from lintdock.fixes import (
    accepted_fixes,
    apply_fixes,
    fix_until_stable,
    read_source,
    unified_diff,
    write_atomic,
)
from lintdock.model import Diagnostic, Edit, Fix, Span

Lint = Callable[[Mapping[str, str]], LintResult]
Find = Callable[[Mapping[str, str]], Sequence[Diagnostic]]


def linter(find: Find) -> Lint:
    """A stand-in for the engine: ``find(overrides)`` gives the findings of the run."""
    return lambda overrides: LintResult(tuple(find(overrides)), files=(), rules=())


def fix(*edits: tuple[tuple[int, int, int, int], str], safe: bool = True) -> Fix:
    return Fix("test fix", tuple(Edit(Span(*span), text) for span, text in edits), safe=safe)


def finding(
    path: str, span: Span, edit: Edit, *, code: str = "LD105", safe: bool = True
) -> Diagnostic:
    return Diagnostic(code, "finding", path, span, fix=Fix("fix it", (edit,), safe=safe))


HEALTHCHECK = (
    "FROM alpine:3.20\n"
    "HEALTHCHECK --interval=30s \\\n"
    "  CMD curl http://localhost/health\n"
    'CMD ["app"]\n'
)


def test_insertion_on_a_continuation_line() -> None:
    insert_fail = fix(((3, 12, 3, 12), "--fail "))
    assert apply_fixes(HEALTHCHECK, [insert_fail]) == HEALTHCHECK.replace(
        "curl http", "curl --fail http"
    )


def test_replacement_across_lines_keeps_everything_outside_the_span() -> None:
    join = fix(((2, 28, 3, 3), ""))
    assert apply_fixes(HEALTHCHECK, [join]) == (
        "FROM alpine:3.20\nHEALTHCHECK --interval=30s CMD curl http://localhost/health\n"
        'CMD ["app"]\n'
    )


def test_crlf_columns_count_within_the_line_and_line_endings_survive() -> None:
    text = HEALTHCHECK.replace("\n", "\r\n")
    insert_fail = fix(((3, 12, 3, 12), "--fail "))
    assert apply_fixes(text, [insert_fail]) == text.replace("curl http", "curl --fail http")


def test_span_ending_at_the_next_line_takes_the_crlf_with_it() -> None:
    text = "a\r\nb\r\nc\r\n"
    assert apply_fixes(text, [fix(((2, 1, 3, 1), ""))]) == "a\r\nc\r\n"


def test_end_of_line_position_is_before_the_line_ending() -> None:
    text = "restart: on-failure\r\nimage: x\r\n"
    assert apply_fixes(text, [fix(((1, 20, 1, 20), ":5"))]) == (
        "restart: on-failure:5\r\nimage: x\r\n"
    )


def test_lone_carriage_return_ends_a_line() -> None:
    assert apply_fixes("a\rbc\r", [fix(((2, 2, 2, 3), "X"))]) == "a\rbX\r"


def test_columns_count_characters_not_bytes() -> None:
    text = 'services:\n  web:\n    command: "échoué 🐳 && app"\n'
    add_exec = fix(((3, 27, 3, 27), "exec "))
    assert apply_fixes(text, [add_exec]) == (
        'services:\n  web:\n    command: "échoué 🐳 && exec app"\n'
    )


def test_insertion_at_end_of_file_without_trailing_newline() -> None:
    assert apply_fixes("a\nb", [fix(((2, 2, 2, 2), "\n"))]) == "a\nb\n"
    assert apply_fixes("a\n", [fix(((2, 1, 2, 1), "b\n"))]) == "a\nb\n"


@pytest.mark.parametrize(
    "span",
    [(5, 1, 5, 1), (1, 9, 1, 9), (1, 0, 1, 2), (0, 1, 1, 1), (1, 3, 1, 2), (2, 1, 1, 1)],
    ids=["past-last-line", "past-line-end", "column-0", "line-0", "reversed", "lines-reversed"],
)
def test_spans_outside_the_text_are_skipped_not_raised(span: tuple[int, int, int, int]) -> None:
    assert apply_fixes("abcdefg\n", [fix((span, "X"))]) == "abcdefg\n"
    assert accepted_fixes("abcdefg\n", [fix((span, "X"))]) == ()


def test_edits_apply_from_the_end_so_earlier_offsets_stay_valid() -> None:
    text = "one two three\n"
    both = fix(((1, 1, 1, 4), "1"), ((1, 9, 1, 14), "3"))
    middle = fix(((1, 5, 1, 8), "2"))
    assert apply_fixes(text, [both, middle]) == "1 2 3\n"


def test_overlapping_fix_is_skipped_and_the_first_one_wins() -> None:
    text = "restart: on-failure\n"
    first = fix(((1, 10, 1, 20), "on-failure:5"))
    second = fix(((1, 10, 1, 20), "always"))
    assert accepted_fixes(text, [first, second]) == (first,)
    assert apply_fixes(text, [first, second]) == "restart: on-failure:5\n"


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        ((1, 3, 1, 3), (1, 3, 1, 3), True),  # two insertions at one point: order would matter
        ((1, 3, 1, 3), (1, 2, 1, 5), True),  # insertion inside a replacement
        ((1, 3, 1, 3), (1, 3, 1, 5), True),  # insertion at a replacement's start
        ((1, 5, 1, 5), (1, 3, 1, 5), True),  # insertion at a replacement's end
        ((1, 1, 1, 3), (1, 3, 1, 5), False),  # adjacent replacements
        ((1, 1, 1, 3), (1, 2, 1, 5), True),  # overlapping replacements
        ((1, 1, 1, 1), (1, 2, 1, 2), False),  # insertions at different points
    ],
)
def test_overlap_rules(
    first: tuple[int, int, int, int], second: tuple[int, int, int, int], conflict: bool
) -> None:
    fixes = [fix((first, "X")), fix((second, "Y"))]
    assert len(accepted_fixes("abcdefgh\n", fixes)) == (1 if conflict else 2)


def test_a_fix_is_all_or_nothing() -> None:
    text = "abcdefgh\n"
    blocker = fix(((1, 7, 1, 8), "G"))
    two_edits = fix(((1, 1, 1, 2), "A"), ((1, 7, 1, 7), "!"))
    assert apply_fixes(text, [blocker, two_edits]) == "abcdefGh\n"


def test_a_fix_whose_own_edits_overlap_is_skipped() -> None:
    assert apply_fixes("abcdef\n", [fix(((1, 1, 1, 4), "X"), ((1, 2, 1, 3), "Y"))]) == "abcdef\n"


def test_identical_fixes_are_applied_once_and_all_accepted() -> None:
    anchor = fix(((3, 12, 3, 22), "on-failure:5"))
    text = "x-restart: &r\n  a: 1\n  restart: on-failure\n"
    assert accepted_fixes(text, [anchor, anchor]) == (anchor, anchor)
    assert apply_fixes(text, [anchor, anchor]) == text.replace("on-failure", "on-failure:5")


# --- passes -------------------------------------------------------------------------------------

CURL = "FROM alpine\nHEALTHCHECK CMD curl http://a/ || curl http://b/\n"


def curl_linter(path: str, read: Mapping[str, str]) -> Lint:
    """A stand-in linter: each ``curl `` without ``--fail`` is an LD105 with an insertion fix,
    and every finding in a line proposes a conflicting insertion at the line start, so only one
    fix per line applies per pass."""

    @linter
    def lint(overrides: Mapping[str, str]) -> Sequence[Diagnostic]:
        text = overrides.get(path, read[path])
        found = []
        for number, line in enumerate(text.splitlines(), start=1):
            column = line.find("curl http")
            if column >= 0:
                flag = Span.point(number, column + 6)
                curl = Span(number, column + 1, number, column + 5)
                found.append(finding(path, curl, Edit(flag, "--fail ")))
                first_column = Span(number, 1, number, 2)
                found.append(finding(path, first_column, Edit(flag, "-f "), safe=False))
        return found

    return lint


def test_passes_repeat_until_nothing_is_left_to_fix() -> None:
    files = {"Dockerfile": CURL}
    lint = curl_linter("Dockerfile", files)
    report = fix_until_stable(lint, read=files.__getitem__, unsafe=False)
    assert report.after == {"Dockerfile": CURL.replace("curl http", "curl --fail http")}
    assert report.before == {"Dockerfile": CURL}
    assert report.fixed == 2
    assert report.passes == 2
    assert report.changed == ["Dockerfile"]
    assert [d.code for d in report.result.diagnostics] == []


def test_unsafe_fixes_only_when_asked() -> None:
    files = {"Dockerfile": "FROM a\nCMD curl http://x/\n"}
    lint = curl_linter("Dockerfile", files)
    safe = fix_until_stable(lint, read=files.__getitem__, unsafe=False)
    unsafe = fix_until_stable(lint, read=files.__getitem__, unsafe=True)
    assert safe.after["Dockerfile"] == "FROM a\nCMD curl --fail http://x/\n"
    # The unsafe finding sorts first (column 1), so it wins the conflict in the first pass.
    assert unsafe.after["Dockerfile"] == "FROM a\nCMD curl -f http://x/\n"


def test_passes_are_bounded_when_fixes_never_converge() -> None:
    @linter
    def flip_flop(overrides: Mapping[str, str]) -> Sequence[Diagnostic]:
        text = overrides.get("f", "a\n")
        other = "b" if text.startswith("a") else "a"
        return [finding("f", Span(1, 1, 1, 2), Edit(Span(1, 1, 1, 2), other))]

    report = fix_until_stable(flip_flop, read=lambda path: "a\n", unsafe=False, max_passes=3)
    assert report.passes == 3
    assert report.after == {"f": "b\n"}


def test_fix_that_changes_nothing_ends_the_loop() -> None:
    @linter
    def no_op(overrides: Mapping[str, str]) -> Sequence[Diagnostic]:
        return [finding("f", Span(1, 1, 1, 2), Edit(Span(1, 1, 1, 2), "a"))]

    report = fix_until_stable(no_op, read=lambda path: "a\n", unsafe=False)
    assert (report.passes, report.fixed, report.changed) == (0, 0, [])


def test_unreadable_file_is_reported_and_others_are_still_fixed() -> None:
    @linter
    def lint(overrides: Mapping[str, str]) -> Sequence[Diagnostic]:
        return [
            finding(name, Span(1, 1, 1, 2), Edit(Span(1, 1, 1, 2), "y"))
            for name in ("gone", "here")
            if overrides.get(name, "x") == "x\n" or name not in overrides
        ]

    def read(path: str) -> str:
        if path == "gone":
            raise FileNotFoundError(2, "No such file or directory", path)
        return "x\n"

    report = fix_until_stable(lint, read=read, unsafe=False)
    assert report.after == {"here": "y\n"}
    assert list(report.unreadable) == ["gone"]


# --- diff ---------------------------------------------------------------------------------------


def test_unified_diff_is_git_style_and_empty_without_change() -> None:
    after = CURL.replace("curl http://a/", "curl --fail http://a/")
    assert unified_diff("svc/Dockerfile", CURL, after) == (
        "--- a/svc/Dockerfile\n"
        "+++ b/svc/Dockerfile\n"
        "@@ -1,2 +1,2 @@\n"
        " FROM alpine\n"
        "-HEALTHCHECK CMD curl http://a/ || curl http://b/\n"
        "+HEALTHCHECK CMD curl --fail http://a/ || curl http://b/\n"
    )
    assert unified_diff("x", CURL, CURL) == ""


def test_unified_diff_marks_a_missing_final_newline(tmp_path: Path) -> None:
    before, after = "FROM a\nCMD x", "FROM a\nCMD exec x"
    diff = unified_diff("Dockerfile", before, after)
    assert diff.endswith(
        "-CMD x\n\\ No newline at end of file\n+CMD exec x\n\\ No newline at end of file\n"
    )
    (tmp_path / "Dockerfile").write_text(before)
    (tmp_path / "fix.patch").write_text(diff)
    subprocess.run(["git", "apply", "fix.patch"], cwd=tmp_path, check=True)
    assert (tmp_path / "Dockerfile").read_text() == after


# --- files --------------------------------------------------------------------------------------


def test_read_source_keeps_crlf_and_drops_the_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"\xef\xbb\xbfFROM a\r\nCMD x\r\n")
    assert read_source(path) == "FROM a\r\nCMD x\r\n"


def test_write_atomic_keeps_mode_bom_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "compose.yaml"
    path.write_bytes(b"\xef\xbb\xbfservices: {}\r\n")
    path.chmod(0o640)
    write_atomic(path, "services:\r\n  web: {}\r\n")
    assert path.read_bytes() == b"\xef\xbb\xbfservices:\r\n  web: {}\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["compose.yaml"]


def test_write_atomic_through_a_symlink_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real.Dockerfile"
    target.write_text("FROM a\n")
    link = tmp_path / "Dockerfile"
    link.symlink_to(target.name)
    write_atomic(link, "FROM b\n")
    assert link.is_symlink()
    assert target.read_text() == "FROM b\n"
