"""The compose YAML reader: exact positions for keys, values and items (through anchors,
aliases and merge keys), YAML 1.2 scalars, comments, and LD002 for what cannot be read."""

from __future__ import annotations

from textwrap import dedent

import pytest

from lintdock.model.span import Span
from lintdock.parsers.compose import load_compose
from lintdock.parsers.compose_yaml import (
    MAX_DEPTH,
    YamlNode,
    key_text,
    read_yaml,
    to_data,
)


def document(text: str) -> YamlNode:
    parsed = read_yaml("compose.yaml", dedent(text))
    assert parsed.findings == ()
    return parsed.documents[0]


def findings(text: str) -> list[tuple[str, str, Span]]:
    parsed = read_yaml("compose.yaml", dedent(text))
    return [(f.code, f.message, f.span) for f in parsed.findings]


def at(node: YamlNode, *path: str | int) -> tuple[YamlNode | None, YamlNode]:
    """The key node (None for an item) and the value node at ``path``."""
    key: YamlNode | None = None
    for part in path:
        if isinstance(part, int):
            key, node = None, node.items()[part]
        else:
            entry = node.entry(part)
            assert entry is not None, part
            key, node = entry
    return key, node


class TestPositions:
    TEXT = """\
        services:
          web:
            image: "nginx:1.27"
            ports:
              - 8080:80
              - target: 443
            command: ['a', b]
        """

    def test_keys_and_values(self) -> None:
        key, value = at(document(self.TEXT), "services", "web", "image")
        assert key is not None and key.span == Span(3, 5, 3, 10)
        assert value.span == Span(3, 12, 3, 24)  # quotes included
        assert value.value == "nginx:1.27" and value.style == '"'

    def test_sequence_items(self) -> None:
        root = document(self.TEXT)
        assert at(root, "services", "web", "ports", 0)[1].span == Span(5, 9, 5, 16)
        key, value = at(root, "services", "web", "ports", 1, "target")
        assert key is not None and key.span == Span(6, 9, 6, 15)
        assert value.span == Span(6, 17, 6, 20) and value.value == 443

    def test_block_collection_spans_its_items(self) -> None:
        _, ports = at(document(self.TEXT), "services", "web", "ports")
        assert ports.span == Span(5, 7, 6, 20)
        assert not ports.flow

    def test_flow_collection_spans_its_brackets(self) -> None:
        _, command = at(document(self.TEXT), "services", "web", "command")
        assert command.span == Span(7, 14, 7, 22) and command.flow
        assert [item.span for item in command.items()] == [Span(7, 15, 7, 18), Span(7, 20, 7, 21)]

    def test_block_scalar_ends_at_its_last_character(self) -> None:
        root = document(
            """\
            a: |
              line one
              line two

            b: 1
            """
        )
        _, value = at(root, "a")
        assert value.value == "line one\nline two\n"
        assert value.span == Span(1, 4, 3, 11)

    def test_columns_count_characters_not_bytes(self) -> None:
        _, value = at(document("é: ünïcode\n"), "é")
        assert value.span == Span(1, 4, 1, 11)


class TestAnchors:
    TEXT = """\
        x-base: &base
          restart: always
          image: base:1
        services:
          web:
            <<: *base
            image: web:2
          db:
            environment: &env
              A: "1"
          worker:
            environment: *env
        """

    def test_merged_key_points_at_the_anchor_text(self) -> None:
        key, value = at(document(self.TEXT), "services", "web", "restart")
        assert key is not None and key.span == Span(2, 3, 2, 10)
        assert value.span == Span(2, 12, 2, 18)

    def test_explicit_key_wins_over_merged_key(self) -> None:
        key, value = at(document(self.TEXT), "services", "web", "image")
        assert value.value == "web:2" and value.span == Span(7, 12, 7, 17)
        assert key is not None and key.span == Span(7, 5, 7, 10)

    def test_alias_is_the_anchored_node(self) -> None:
        root = document(self.TEXT)
        _, worker_env = at(root, "services", "worker", "environment")
        _, db_env = at(root, "services", "db", "environment")
        assert worker_env is db_env
        assert worker_env.span == Span(10, 7, 10, 13)  # after the `&env` property

    def test_merge_list_earlier_anchor_wins(self) -> None:
        root = document(
            """\
            a: &a {x: 1}
            b: &b {x: 2, y: 2}
            c:
              <<: [*a, *b]
            """
        )
        _, c = at(root, "c")
        assert to_data(c) == {"x": 1, "y": 2}
        assert at(root, "c", "x")[1].span == Span(1, 11, 1, 12)

    def test_merge_of_a_scalar_is_ld002(self) -> None:
        assert findings("a: &a 1\nb:\n  <<: *a\n") == [
            ("LD002", "a merge key (<<) needs a mapping or a list of mappings", Span(1, 7, 1, 8))
        ]


class TestScalars:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("no", "no"),
            ("yes", "yes"),
            ("off", "off"),
            ("true", True),
            ("False", False),
            ("~", None),
            ("", None),
            ("null", None),
            ("42", 42),
            ("-7", -7),
            ("0o17", 15),
            ("0x1F", 31),
            ("1.5", 1.5),
            ("1e3", 1000.0),
            ("8080:80", "8080:80"),
            ("'42'", "42"),
            ('"true"', "true"),
            ("!!str 42", "42"),
            ("!!int '42'", 42),
            ("!custom 5", "5"),
        ],
    )
    def test_yaml_1_2_core_schema(self, text: str, value: object) -> None:
        _, node = at(document(f"key: {text}\n"), "key")
        assert node.value == value and type(node.value) is type(value)

    def test_non_string_keys_read_as_text(self) -> None:
        root = document("80: a\ntrue: b\n")
        assert [key_text(key) for key, _ in root.entries()] == ["80", "true"]


class TestComments:
    def test_every_comment_with_its_span(self) -> None:
        parsed = read_yaml(
            "compose.yaml",
            dedent(
                """\
                # head
                services:  # trailing
                  web:
                    image: "a # not a comment"
                    command: echo#notacomment
                    entrypoint: |  # header comment
                      # inside the block: content
                      run
                    # indented comment
                """
            ),
        )
        assert [(c.text, c.span) for c in parsed.comments] == [
            ("# head", Span(1, 1, 1, 7)),
            ("# trailing", Span(2, 12, 2, 22)),
            ("# header comment", Span(6, 20, 6, 36)),
            ("# indented comment", Span(9, 5, 9, 23)),
        ]

    def test_comments_are_kept_when_the_yaml_is_broken(self) -> None:
        parsed = read_yaml("compose.yaml", "# lintdock: ignore-file=LD002\na: [\n")
        assert [c.text for c in parsed.comments] == ["# lintdock: ignore-file=LD002"]
        assert parsed.documents == ()


class TestLD002:
    def test_syntax_error_at_its_position(self) -> None:
        text = """\
            services:
              web:
                ports: ["80:80"
                image: x
            """
        assert findings(text) == [
            (
                "LD002",
                "invalid YAML: expected ',' or ']', but got '<scalar>' (while parsing a flow "
                "sequence)",
                Span(4, 5, 4, 5),
            )
        ]

    @pytest.mark.parametrize(
        ("text", "message", "span"),
        [
            pytest.param(
                "services:\n  web:\n    image: x\n   ports: []\n",
                "inconsistent indentation: this line lines up with no key or item above it "
                "(expected <block end>, but found '<block mapping start>' while parsing a block "
                "mapping)",
                Span(4, 4, 4, 4),
                id="indentation",
            ),
            pytest.param(
                "version:\u00a0'3.7'\nservices:\n  web:\n    image: x\n",
                "a non-breaking space (U+00A0), which YAML does not read as a space; replace it "
                "with a plain one (the parser stopped at line 2: mapping values are not allowed "
                "here)",
                Span(1, 9, 1, 10),
                id="non-breaking space",
            ),
        ],
    )
    def test_errors_explained(self, text: str, message: str, span: Span) -> None:
        assert findings(text) == [("LD002", f"invalid YAML: {message}", span)]

    def test_duplicate_key_at_the_second_occurrence(self) -> None:
        text = """\
            services:
              web:
                image: a
                restart: always
                image: b
            """
        assert findings(text) == [
            ("LD002", 'mapping key "image" already defined at line 3', Span(5, 5, 5, 10))
        ]
        _, value = at(read_yaml("c", dedent(text)).documents[0], "services", "web", "image")
        assert value.value == "a"

    def test_duplicate_merge_key(self) -> None:
        text = "a: &a {x: 1}\nb: &b {y: 1}\nc:\n  <<: *a\n  <<: *b\n"
        assert findings(text) == [
            ("LD002", 'mapping key "<<" already defined at line 4', Span(5, 3, 5, 5))
        ]

    def test_undefined_alias(self) -> None:
        assert findings("a: *nowhere\n") == [
            (
                "LD002",
                "alias *nowhere is not defined (a plain value that starts with * is read as an "
                "alias: quote it if it is text)",
                Span(1, 4, 1, 12),
            )
        ]

    def test_alias_inside_its_own_anchor(self) -> None:
        assert findings("a: &x [1, *x]\n") == [
            ("LD002", "alias *x refers to a node that contains it", Span(1, 11, 1, 13))
        ]

    def test_alias_bomb_stops_with_a_finding(self) -> None:
        lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        for level in range(1, 9):
            name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
            lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        parsed = read_yaml("compose.yaml", "\n".join(lines) + "\n")
        assert [(f.code, f.span.line) for f in parsed.findings] == [("LD002", 6)]
        assert "alias bomb" in parsed.findings[0].message
        assert parsed.documents == ()

    def test_deep_nesting_is_bounded(self) -> None:
        depth = 10_000
        parsed = read_yaml("compose.yaml", "a: " + "[" * depth + "]" * depth + "\n")
        assert [(f.code, f.span) for f in parsed.findings] == [
            ("LD002", Span(1, 4 + MAX_DEPTH - 1, 1, 5 + MAX_DEPTH - 1))
        ]
        assert "nesting deeper than" in parsed.findings[0].message

    def test_block_nesting_is_bounded_too(self) -> None:
        text = "".join(" " * level + f"k{level}:\n" for level in range(MAX_DEPTH + 5))
        assert [f.code for f in read_yaml("c", text).findings] == ["LD002"]

    def test_unacceptable_character(self) -> None:
        assert findings("a: b\x07\n") == [
            (
                "LD002",
                "invalid YAML: unacceptable character #x0007: special characters are not allowed",
                Span(1, 5, 1, 5),
            )
        ]

    def test_loader_reports_ld002_and_no_services(self) -> None:
        project = load_compose([("compose.yaml", "services:\n  web: [\n")])
        assert [f.code for f in project.findings] == ["LD002"]
        assert project.services == ()


class TestLimits:
    def test_an_integer_too_long_to_convert_stays_text(self) -> None:
        digits = "1" * 5000
        _, node = at(document(f"a: {digits}\n"), "a")
        assert node.value == digits

    def test_nesting_just_under_the_limit_loads(self) -> None:
        depth = MAX_DEPTH - 3
        text = "services:\n  web:\n    labels: " + "[" * depth + "]" * depth + "\n"
        text += "x-deep: " + "{a: " * depth + "1" + "}" * depth + "\n"
        project = load_compose([("compose.yaml", text)])
        assert [f.code for f in project.findings] == ["LD003"]
