"""The Bake file parser: targets, their Dockerfiles and tags with positions, variables with
defaults, inherits, the file's own functions, conditionals, JSON; never an exception."""

from __future__ import annotations

from textwrap import dedent

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintdock.model.span import Span
from lintdock.parsers.bake import parse_bake

HCL = dedent(
    """\
    /* the release images */
    variable "ORG" {
      default = "acme"
    }
    VERSION = "1.2"  // a top-level attribute is a variable too

    target "_common" {
      dockerfile = "docker/Dockerfile"
      args = { GO_VERSION = "1.22" }
    }

    target "api" {
      inherits = ["_common"]
      context = "."
      target = "api-runtime"
      tags = [
        "${ORG}/api:${VERSION}",
        "${ORG}/api:latest",
        "${ORG}/api:${lower(VERSION)}",
      ]
    }
    """
)


def test_targets_with_inherited_attributes_and_resolved_tags() -> None:
    bake = parse_bake(HCL, "docker-bake.hcl")
    assert bake.problem is None
    common, api = bake.targets
    assert (common.name.value, common.tags) == ("_common", ())
    assert api.name.value == "api" and api.name.span == Span(12, 8, 12, 13)
    assert api.context is not None and api.context.value == "."
    assert api.dockerfile is not None and api.dockerfile.value == "docker/Dockerfile"
    assert api.dockerfile.span == Span(8, 16, 8, 35)  # written in the parent target
    assert api.stage is not None and api.stage.value == "api-runtime"
    # lower() is a built-in function: that tag is unknown and left out
    assert [(t.value, t.span) for t in api.tags] == [
        ("acme/api:1.2", Span(17, 5, 17, 28)),
        ("acme/api:latest", Span(18, 5, 18, 24)),
    ]


def test_functions_of_the_file_and_both_branches_of_a_conditional() -> None:
    text = dedent(
        """\
        variable "CHANNEL" { default = "edge" }
        function "tag" {
          params = [name]
          result = [CHANNEL == "stable" ? "acme/${name}:stable" : "acme/${name}:edge"]
        }
        target "web" {
          tags = tag("web")
        }
        """
    )
    [web] = parse_bake(text, "docker-bake.hcl").targets
    assert [t.value for t in web.tags] == ["acme/web:stable", "acme/web:edge"]
    assert web.tags[0].span == Span(7, 10, 7, 20)


def test_heredocs_escapes_and_literal_dollars() -> None:
    text = dedent(
        """\
        target "app" {
          dockerfile-inline = <<EOT
        FROM alpine
        RUN echo "${HOME}"
        EOT
          tags = ["acme/app:$${literal}", "acme/\\u0061pp:1"]
        }
        """
    )
    bake = parse_bake(text, "docker-bake.hcl")
    assert bake.problem is None
    assert [t.value for t in bake.targets[0].tags] == ["acme/app:${literal}", "acme/app:1"]


def test_named_contexts_by_name_at_their_keys() -> None:
    text = dedent(
        """\
        target "admin" {
          contexts = {
            base = "target:base"
            "assets" = "target:assets"
          }
        }
        target "plain" {}
        """
    )
    admin, plain = parse_bake(text, "docker-bake.hcl").targets
    assert [(c.value, c.span) for c in admin.contexts] == [
        ("base", Span(3, 5, 3, 9)),
        ("assets", Span(4, 5, 4, 13)),
    ]
    assert admin.context_targets == (("base", "base"), ("assets", "assets"))
    assert plain.contexts == ()
    json_text = '{"target": {"app": {"contexts": {"base": "docker-image://alpine:3.20"}}}}'
    [app] = parse_bake(json_text, "docker-bake.json").targets
    assert [c.value for c in app.contexts] == ["base"]
    assert app.context_targets == ()  # an image, not another target


def test_the_json_form() -> None:
    text = '{"variable": {"V": {"default": "3"}},\n "target": {"db": {"tags": ["acme/db:${V}"]}}}'
    [db] = parse_bake(text, "docker-bake.json").targets
    assert db.name.span == Span(2, 13, 2, 17)
    assert [t.value for t in db.tags] == ["acme/db:3"]


def test_a_variable_without_default_is_empty_and_a_cycle_is_unknown() -> None:
    text = (
        'variable "A" {}\nvariable "B" { default = "${B}" }\n'
        'target "x" { tags = ["r/x:${A}1", "r/${B}:2"] }\n'
    )
    [x] = parse_bake(text, "docker-bake.hcl").targets
    assert [t.value for t in x.tags] == ["r/x:1"]


def test_the_targets_before_a_syntax_error_are_kept_and_the_error_is_placed() -> None:
    text = 'target "a" {\n  tags = ["r/a:1"]\n}\ntarget "b" {\n  tags = ["r/b:1"\n'
    bake = parse_bake(text, "docker-bake.hcl")
    assert [t.name.value for t in bake.targets] == ["a"]
    assert bake.problem is not None and bake.problem.span.line == 6


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    for text in ("x = " + "[" * 5000, 'x = "' + '${"' * 3000, "x = " + "-" * 20000 + "1"):
        bake = parse_bake(text, "docker-bake.hcl")
        assert bake.problem is not None and bake.targets == ()


PIECES = st.sampled_from(
    [
        'target "',
        "a",
        '" {',
        "}",
        "tags",
        "=",
        "[",
        "]",
        '"',
        "${",
        "x",
        ",",
        "\n",
        "#",
        "/*",
        "*/",
        "<<EOT\n",
        "EOT",
        "(",
        ")",
        "?",
        ":",
        "for",
        "in",
        "\\",
        "%{",
        "{",
        "1.5",
        " ",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60), st.booleans())
def test_any_text_gives_a_bake_file(pieces: list[str], as_json: bool) -> None:
    text = "".join(pieces)
    bake = parse_bake(text, "docker-bake.json" if as_json else "docker-bake.hcl")
    lines = text.split("\n")
    for target in bake.targets:
        for value in (target.name, *target.tags):
            assert 1 <= value.span.line <= value.span.end_line <= len(lines)
    if bake.problem is not None:
        assert 1 <= bake.problem.span.line <= len(lines)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    parse_bake(text, "docker-bake.hcl")
