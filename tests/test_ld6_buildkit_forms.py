"""LD607 and LD612: empty continuation lines and the legacy ``ENV key value`` form, at exact
positions, with LD612's fix."""

from __future__ import annotations

from ld1_helpers import Hit, fixed, hits, run

from lintdock.parsers.dockerfile import parse_dockerfile


def test_the_model_records_empty_lines_inside_continuations() -> None:
    text = "FROM alpine:3.20\nRUN a \\\n\n  b \\\n  \n  # note\n  c\nRUN d\n\nRUN e\n"
    dockerfile = parse_dockerfile(text, "Dockerfile")
    assert [i.empty_continuation_lines for i in dockerfile.instructions] == [(), (3, 5), (), ()]


def test_empty_continuation_lines_at_the_keyword() -> None:
    text = "FROM alpine:3.20\nRUN apk add \\\n\n    curl\nRUN true\n"
    assert hits(text, "LD607") == [Hit("Dockerfile", 2, 1, 2, 4, "warning")]
    assert "Empty continuation line (3) in this RUN" in run(text, "LD607")[0].message


def test_comment_lines_inside_continuations_are_not_empty() -> None:
    text = "FROM alpine:3.20\nRUN apk add \\\n    # the client\n    curl\n\nRUN true\n"
    assert hits(text, "LD607") == []


def test_legacy_env_and_label_from_key_to_value_with_fixes() -> None:
    text = "FROM alpine:3.20\nENV PATH /opt/bin:$PATH\nLABEL maintainer  Jane Doe\nENV A=1 B=2\n"
    assert hits(text, "LD612") == [
        Hit("Dockerfile", 2, 5, 2, 24, "warning"),
        Hit("Dockerfile", 3, 7, 3, 27, "warning"),
    ]
    assert fixed(text, "LD612") == (
        'FROM alpine:3.20\nENV PATH=/opt/bin:$PATH\nLABEL maintainer="Jane Doe"\nENV A=1 B=2\n'
    )


def test_legacy_values_with_quotes_escapes_or_continuations_get_no_fix() -> None:
    text = 'FROM alpine:3.20\nENV A "x y"\nENV B x\\ y\nENV C x \\\n  y\n'
    findings = run(text, "LD612")
    assert [(f.span.line, f.fix) for f in findings] == [(2, None), (3, None), (4, None)]
