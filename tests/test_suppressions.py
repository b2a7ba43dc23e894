"""Suppression comments on their own: grammar, what each one covers, and unused ones (LD901).
End-to-end behaviour through the parsers is in test_engine.py and test_cli.py."""

from __future__ import annotations

import pytest

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.span import Span
from lintdock.rules import Registry
from lintdock.suppressions import (
    Directive,
    apply,
    compose_directives,
    dockerfile_directives,
    unused,
)


def comment_spans(lines: list[str]) -> list[Span]:
    """Where each comment starts: the first '#' of every line holding one."""
    return [
        Span(number, line.index("#") + 1, number, len(line) + 1)
        for number, line in enumerate(lines, 1)
        if "#" in line
    ]


def dockerfile(
    text: str, instructions: list[tuple[int, int]], registry: Registry
) -> tuple[Directive, ...]:
    lines = text.splitlines()
    comments = [s for s in comment_spans(lines) if lines[s.line - 1].lstrip().startswith("#")]
    spans = [Span(start, 1, end, 2) for start, end in instructions]
    return dockerfile_directives("Dockerfile", lines, comments, spans, registry)


def compose(text: str, registry: Registry) -> tuple[Directive, ...]:
    lines = text.splitlines()
    return compose_directives("compose.yaml", lines, comment_spans(lines), registry)


def finding(code: str, line: int, path: str = "Dockerfile") -> Diagnostic:
    return Diagnostic(code, "m", path, Span(line, 1, line, 2))


class TestDockerfile:
    def test_codes_names_and_prefixes_with_a_reason(self, small_registry: Registry) -> None:
        (directive,) = dockerfile(
            "FROM a\n# lintdock: ignore=LD101, curl-without-fail,LD4 -- known\nRUN x\n",
            [(1, 1), (3, 3)],
            small_registry,
        )
        assert directive.lines == (3, 3)
        assert [(r.text, sorted(r.codes), r.span) for r in directive.refs] == [
            ("LD101", ["LD101"], Span(2, 20, 2, 25)),
            ("curl-without-fail", ["LD105"], Span(2, 27, 2, 44)),
            ("LD4", ["LD404"], Span(2, 45, 2, 48)),
        ]

    def test_covers_every_line_of_the_instruction_below_the_comment_block(
        self, small_registry: Registry
    ) -> None:
        text = "FROM a\n# lintdock: ignore=LD101\n# why: legacy\nRUN a \\\n  && b\nRUN c\n"
        directives = dockerfile(text, [(1, 1), (4, 5), (6, 6)], small_registry)
        outcome = apply([finding("LD101", n) for n in (1, 4, 5, 6)], directives)
        assert [d.span.line for d in outcome.kept] == [1, 6]
        assert outcome.used == {(0, 0)}

    def test_a_blank_line_detaches_the_comment(self, small_registry: Registry) -> None:
        (directive,) = dockerfile("# lintdock: ignore=LD101\n\nFROM a\n", [(3, 3)], small_registry)
        assert directive.lines is None
        assert apply([finding("LD101", 3)], [directive]).kept == (finding("LD101", 3),)

    def test_ignore_file_anywhere_bare_or_with_codes(self, small_registry: Registry) -> None:
        text = "FROM a\nRUN b\n# lintdock: ignore-file=LD1\n"
        directives = dockerfile(text, [(1, 1), (2, 2)], small_registry)
        outcome = apply([finding("LD101", 1), finding("LD404", 2)], directives)
        assert outcome.kept == (finding("LD404", 2),)
        bare = dockerfile(
            "# lintdock: ignore-file -- generated\nFROM a\n", [(2, 2)], small_registry
        )
        assert apply([finding("LD404", 2), finding("LD101", 9)], bare).kept == ()

    def test_other_files_are_not_affected(self, small_registry: Registry) -> None:
        directives = dockerfile("# lintdock: ignore-file\nFROM a\n", [(2, 2)], small_registry)
        other = finding("LD101", 2, path="b/Dockerfile")
        assert apply([other], directives).kept == (other,)

    def test_hadolint_comments_map_equivalent_codes(self, small_registry: Registry) -> None:
        text = "# hadolint ignore=DL3008,dl3057\nFROM a\n# hadolint global ignore=DL3057\n"
        line, file_wide = dockerfile(text, [(2, 2)], small_registry)
        assert [(r.text, set(r.codes)) for r in line.refs] == [("dl3057", {"LD101"})]
        assert line.lines == (2, 2) and line.foreign
        assert file_wide.file_wide and [r.text for r in file_wide.refs] == ["DL3057"]
        assert apply([finding("LD101", 2)], [line]).kept == ()

    def test_hadolint_comments_without_equivalents_suppress_nothing(
        self, small_registry: Registry
    ) -> None:
        text = "# hadolint global ignore=DL3008\n# hadolint ignore=DL3059\nFROM a\n"
        assert dockerfile(text, [(3, 3)], small_registry) == ()

    def test_ordinary_comments_are_not_directives(self, small_registry: Registry) -> None:
        text = "# lintdock is great\n# see: lintdock: ignore docs\nFROM a\n"
        assert dockerfile(text, [(3, 3)], small_registry) == ()


class TestCompose:
    TEXT = (
        "services:\n"  # 1
        "  web:  # lintdock: ignore=LD404\n"  # 2
        "    image: nginx\n"  # 3
        "    depends_on:\n"  # 4
        "    - db\n"  # 5
        "  # lintdock: ignore=LD101\n"  # 6
        "  db:\n"  # 7
        "    image: postgres\n"  # 8
        "\n"  # 9
        "    ports: ['5432']  # lintdock: ignore=LD105\n"  # 10
        "  cache:\n"  # 11
        "    image: redis\n"  # 12
    )

    def test_a_trailing_comment_covers_the_node_starting_on_its_line(
        self, small_registry: Registry
    ) -> None:
        web, db, ports = compose(self.TEXT, small_registry)
        assert web.lines == (2, 5)
        assert db.lines == (7, 10)
        assert ports.lines == (10, 10)

    def test_a_block_sequence_at_its_key_indentation_belongs_to_the_key(
        self, small_registry: Registry
    ) -> None:
        text = (
            "services:\n"
            "  web:\n"
            "    depends_on:  # lintdock: ignore=LD404\n"
            "    - db\n"
            "    - api\n"
            "    image: x\n"
        )
        (directive,) = compose(text, small_registry)
        assert directive.lines == (3, 5)

    def test_an_item_comment_covers_the_item(self, small_registry: Registry) -> None:
        text = "x:\n  # lintdock: ignore=LD404\n  - a: 1\n    b: 2\n  - c: 3\n"
        (directive,) = compose(text, small_registry)
        assert directive.lines == (3, 4)

    def test_findings_inside_are_suppressed(self, small_registry: Registry) -> None:
        directives = compose(self.TEXT, small_registry)
        findings = [finding("LD404", 5, "compose.yaml"), finding("LD404", 8, "compose.yaml")]
        outcome = apply(findings, directives)
        assert outcome.kept == (finding("LD404", 8, "compose.yaml"),)

    def test_a_comment_at_the_end_of_the_file_covers_nothing(
        self, small_registry: Registry
    ) -> None:
        (directive,) = compose("services: {}\n# lintdock: ignore=LD404\n", small_registry)
        assert directive.lines is None


class TestUnused:
    def test_each_unused_code_is_reported_at_its_position(self, small_registry: Registry) -> None:
        directives = dockerfile(
            "# lintdock: ignore=LD101,LD105\nFROM a\n", [(2, 2)], small_registry
        )
        outcome = apply([finding("LD101", 2)], directives)
        (stale,) = unused(directives, outcome.used, lambda path, code: True)
        assert (stale.code, stale.span) == ("LD901", Span(1, 26, 1, 31))
        assert stale.message == "Unused suppression of LD105: nothing here is reported for it"

    def test_not_reported_when_the_rule_did_not_run(self, small_registry: Registry) -> None:
        directives = dockerfile("# lintdock: ignore=LD105\nFROM a\n", [(2, 2)], small_registry)
        assert unused(directives, frozenset(), lambda path, code: code != "LD105") == []

    def test_unknown_codes_misplaced_and_bare_file_suppressions(
        self, small_registry: Registry
    ) -> None:
        text = (
            "# lintdock: ignore-file\n"
            "# lintdock: ignore=LD999\n"
            "FROM a\n"
            "# lintdock: ignore=LD101\n"
            "\n"
            "RUN b\n"
        )
        directives = dockerfile(text, [(3, 3), (6, 6)], small_registry)
        messages = [
            (d.span, d.message) for d in unused(directives, frozenset(), lambda path, code: True)
        ]
        assert messages == [
            (
                Span(1, 13, 1, 24),
                "Unused suppression of ignore-file: nothing here is reported for it",
            ),
            (
                Span(2, 20, 2, 25),
                "Suppression names 'LD999', which is no rule code, name or prefix",
            ),
            (
                Span(4, 20, 4, 25),
                "Suppression of LD101 suppresses nothing: "
                "it must be on the line directly above an instruction",
            ),
        ]

    def test_hadolint_comments_are_never_reported(self, small_registry: Registry) -> None:
        directives = dockerfile("# hadolint ignore=DL3057\nFROM a\n", [(2, 2)], small_registry)
        assert unused(directives, frozenset(), lambda path, code: True) == []

    @pytest.mark.parametrize(
        "comment", ["# lintdock: ignore", "# lintdock: ignore=", "# lintdock: ignore -- why"]
    )
    def test_an_ignore_without_codes_is_reported(
        self, small_registry: Registry, comment: str
    ) -> None:
        directives = dockerfile(comment + "\nFROM a\n", [(2, 2)], small_registry)
        (stale,) = unused(directives, frozenset(), lambda path, code: True)
        assert stale.span == Span(1, 13, 1, 19)
