"""The text report: finding lines, source excerpts with carets, summary, statistics, colour."""

from __future__ import annotations

from lintdock.engine import LintResult
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.span import Span
from lintdock.reporters.text import TextOptions, render

TEXT = 'FROM alpine\nRUN a \\\n\t&& curl http://x\nCMD ["app"]\n'


def finding(code: str, span: Span, severity: Severity = Severity.WARNING) -> Diagnostic:
    return Diagnostic(code, f"{code} message", "Dockerfile", span, severity)


def report(*diagnostics: Diagnostic, **options: bool) -> str:
    result = LintResult(diagnostics, ("Dockerfile", "b/Dockerfile"), (), texts={"Dockerfile": TEXT})
    return render(result, TextOptions(**options))


def test_single_line_span() -> None:
    assert report(finding("LD101", Span(1, 6, 1, 12))) == (
        "Dockerfile:1:6: LD101 [warning] LD101 message\n"
        " 1 | FROM alpine\n"
        "   |      ^^^^^^\n"
        "\n"
        "Found 1 problem (1 warning) in 1 file.\n"
    )


def test_multi_line_span_underlines_the_rest_of_its_first_line() -> None:
    assert report(finding("LD304", Span(2, 5, 3, 9))).splitlines()[1:3] == [
        " 2 | RUN a \\",
        "   |     ^^^",
    ]


def test_tabs_point_spans_and_spans_past_the_end() -> None:
    lines = report(
        finding("LD105", Span(3, 5, 3, 9), Severity.ERROR),
        finding("LD004", Span(4, 12, 4, 12)),
        finding("LD001", Span(4, 5, 4, 40)),
    ).splitlines()
    assert lines[1:3] == [" 3 |  && curl http://x", "   |     ^^^^"]
    assert lines[5:7] == [' 4 | CMD ["app"]', "   |            ^"]
    assert lines[9:11] == [' 4 | CMD ["app"]', "   |     ^^^^^^^"]


def test_a_line_that_does_not_exist_has_no_excerpt() -> None:
    assert report(finding("LD101", Span(9, 1, 9, 2))).splitlines()[:2] == [
        "Dockerfile:9:1: LD101 [warning] LD101 message",
        "Found 1 problem (1 warning) in 1 file.",
    ]


def test_summary_counts_by_severity_and_file() -> None:
    other = Diagnostic("LD501", "m", "b/Dockerfile", Span(1, 1, 1, 2), Severity.ERROR)
    text = report(
        finding("LD101", Span(1, 1, 1, 5)),
        finding("LD202", Span(1, 1, 1, 5), Severity.INFO),
        finding("LD203", Span(1, 1, 1, 5), Severity.INFO),
        other,
        quiet=False,
    )
    assert text.splitlines()[-1] == "Found 4 problems (1 error, 1 warning, 2 infos) in 2 files."
    assert report() == "All checks passed.\n"


def test_quiet_prints_finding_lines_only() -> None:
    assert report(finding("LD101", Span(1, 1, 1, 5)), quiet=True) == (
        "Dockerfile:1:1: LD101 [warning] LD101 message\n"
    )


def test_statistics_most_frequent_first() -> None:
    text = report(
        finding("LD901", Span(1, 1, 1, 2), Severity.INFO),
        finding("LD105", Span(2, 1, 2, 2)),
        finding("LD105", Span(3, 1, 3, 2)),
        statistics=True,
    )
    assert text == (
        "2  LD105  curl-without-fail\n"
        "1  LD901  unused-suppression\n"
        "Found 3 problems (2 warnings, 1 info) in 1 file.\n"
    )


def test_colour() -> None:
    text = report(finding("LD105", Span(1, 1, 1, 5), Severity.ERROR), colour=True)
    assert text.splitlines()[0] == (
        "\x1b[1mDockerfile\x1b[0m:1:1: \x1b[31m\x1b[1mLD105\x1b[0m "
        "[\x1b[31merror\x1b[0m] LD105 message"
    )
