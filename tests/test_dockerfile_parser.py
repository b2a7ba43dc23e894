"""The Dockerfile parser on the tricky cases, with exact positions (line, column, end line, end
column; columns count characters, end exclusive), and the LD001/LD004 rules built on it."""

from __future__ import annotations

import pytest

from lintdock.engine import lint_texts
from lintdock.model.dockerfile import Dockerfile, Instruction
from lintdock.model.span import Span
from lintdock.parsers.dockerfile import parse_dockerfile


def parse(text: str) -> Dockerfile:
    return parse_dockerfile(text, "Dockerfile")


def only(text: str, keyword: str) -> Instruction:
    found = [i for i in parse(text).instructions if i.keyword == keyword]
    assert len(found) == 1, found
    return found[0]


def at(span: Span) -> tuple[int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column)


def errors(text: str) -> list[tuple[str, tuple[int, int, int, int]]]:
    return [(e.message, at(e.span)) for e in parse(text).errors]


# -- continuations -----------------------------------------------------------------------------

CONTINUED = """\
FROM alpine
RUN apk add \\
    # build tools
    curl \\

    jq
"""


def test_continuation_joins_lines_and_drops_comment_and_blank_lines() -> None:
    run = only(CONTINUED, "RUN")
    assert at(run.span) == (2, 1, 6, 7)
    assert run.arguments.text == "apk add     curl     jq"
    assert run.command is not None and run.command.shell_form is not None
    shell = run.command.shell_form
    assert at(shell.span(12, 16)) == (4, 5, 4, 9)  # "curl"
    assert at(shell.span(21, 23)) == (6, 5, 6, 7)  # "jq"
    assert at(shell.whole) == (2, 5, 6, 7)


def test_comment_inside_a_continuation_is_kept_as_a_comment() -> None:
    comments = parse(CONTINUED).comments
    assert [(c.text, at(c.span)) for c in comments] == [("build tools", (3, 5, 3, 18))]


def test_word_on_a_continuation_line_points_at_its_real_line() -> None:
    copy = only("FROM a\nCOPY --chown=app \\\n  src/ /app/\n", "COPY")
    assert [(w.value, at(w.span)) for w in copy.words] == [
        ("src/", (3, 3, 3, 7)),
        ("/app/", (3, 8, 3, 13)),
    ]
    flag = copy.flag("chown")
    assert flag is not None and flag.value == "app"
    assert at(flag.span) == (2, 6, 2, 17)
    assert flag.value_span is not None and at(flag.value_span) == (2, 14, 2, 17)


def test_keyword_split_across_lines() -> None:
    dockerfile = parse("FR\\\n# note\nOM alpine\n")
    (stage,) = dockerfile.stages
    assert at(stage.from_instruction.keyword_span) == (1, 1, 3, 3)
    assert stage.base.value == "alpine" and at(stage.base.span) == (3, 4, 3, 10)


def test_blanks_after_the_escape_still_continue_but_an_escaped_escape_does_not() -> None:
    dockerfile = parse("FROM a\nENV A=x \\  \n    B=y\nENV C=trailing\\\\\nENV D=d\n")
    pairs = [
        (p.key.value, p.value.value if p.value else None)
        for i in dockerfile.instructions
        for p in i.pairs
    ]
    assert pairs == [("A", "x"), ("B", "y"), ("C", "trailing\\"), ("D", "d")]


def test_continuation_at_end_of_file() -> None:
    run = only("FROM a\nRUN make \\\n", "RUN")
    assert run.arguments.text == "make"
    assert at(run.span) == (2, 1, 2, 9)


def test_continuation_followed_only_by_a_comment_at_end_of_file() -> None:
    run = only("FROM a\nRUN make \\\n# done\n", "RUN")
    assert run.arguments.text == "make"


def test_hash_inside_a_line_is_not_a_comment() -> None:
    run = only("FROM a\nRUN echo one # two \\\n  three\n", "RUN")
    assert run.arguments.text == "echo one # two   three"


# -- directives, escape, BOM, CRLF ----------------------------------------------------------------

WINDOWS = """\
# escape=`
FROM mcr.microsoft.com/windows/servercore
RUN dir c:\\ `
    && echo done
"""


def test_escape_directive_makes_backtick_the_continuation_and_backslash_literal() -> None:
    dockerfile = parse(WINDOWS)
    assert dockerfile.escape == "`"
    assert dockerfile.directives == {"escape": "`"}
    run = only(WINDOWS, "RUN")
    assert run.arguments.text == "dir c:\\     && echo done"
    assert at(run.span) == (3, 1, 4, 17)


def test_directives_are_read_only_at_the_top() -> None:
    text = "# Syntax = docker/dockerfile:1\n#CHECK=skip=all\n# note\n# escape=`\nFROM a\n"
    dockerfile = parse(text)
    assert dockerfile.directives == {"syntax": "docker/dockerfile:1", "check": "skip=all"}
    assert dockerfile.escape == "\\"
    assert [c.text for c in dockerfile.comments] == ["note", "escape=`"]


def test_a_blank_line_ends_the_directives() -> None:
    dockerfile = parse("\n# escape=`\nFROM a\n")
    assert dockerfile.directives == {}
    assert dockerfile.escape == "\\"


def test_repeated_and_invalid_directives_are_errors() -> None:
    assert errors("# escape=`\n# ESCAPE=\\\nFROM a\n") == [
        ("only one escape parser directive can be used", (2, 1, 2, 11)),
    ]
    assert errors("# escape=x\nFROM a\n") == [
        ("invalid escape token 'x' does not match ` or \\", (1, 1, 1, 11)),
    ]


def test_byte_order_mark_is_not_a_column() -> None:
    dockerfile = parse("\ufeff# syntax=docker/dockerfile:1\nFROM alpine\n")
    assert dockerfile.directives == {"syntax": "docker/dockerfile:1"}
    assert at(dockerfile.stages[0].from_instruction.span) == (2, 1, 2, 12)


def test_crlf_line_endings() -> None:
    text = 'FROM alpine\r\nRUN echo a \\\r\n  && echo b\r\nCMD ["app"]\r\n'
    dockerfile = parse(text)
    run, cmd = dockerfile.instructions[1:]
    assert run.arguments.text == "echo a   && echo b"
    assert at(run.span) == (2, 1, 3, 12)
    assert cmd.command is not None and cmd.command.exec_form is not None
    assert [(t.value, at(t.span)) for t in cmd.command.exec_form] == [("app", (4, 6, 4, 11))]
    assert dockerfile.line_count == 4


# -- exec form and flags ------------------------------------------------------------------------


def test_json_elements_span_the_quoted_strings_as_written() -> None:
    cmd = only('FROM a\nCMD ["echo", "a\\u0041", "x y"]\n', "CMD")
    assert cmd.command is not None and cmd.command.exec_form is not None
    assert [(t.value, at(t.span)) for t in cmd.command.exec_form] == [
        ("echo", (2, 6, 2, 12)),
        ("aA", (2, 14, 2, 23)),
        ("x y", (2, 25, 2, 30)),
    ]
    assert at(cmd.command.span) == (2, 5, 2, 31)


def test_json_array_across_continuation_lines() -> None:
    cmd = only('FROM a\nENTRYPOINT ["app", \\\n  "--port", "80"]\n', "ENTRYPOINT")
    assert cmd.command is not None and cmd.command.exec_form is not None
    assert [(t.value, at(t.span)) for t in cmd.command.exec_form] == [
        ("app", (2, 13, 2, 18)),
        ("--port", (3, 3, 3, 11)),
        ("80", (3, 13, 3, 17)),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("CMD ['app']", "JSON strings need double quotes, not single quotes"),
        ('CMD ["app" "--port"]', "a comma is missing between two elements"),
        ('CMD ["app", "--port"', "the closing ] is missing"),
        ('HEALTHCHECK CMD ["curl", "-f]', "a string is not closed with a double quote"),
        ("CMD [app, --port]", "an element is not a double-quoted string"),
        ('CMD ["app", "--port",]', "there is a comma after the last element"),
        ('CMD ["app"] # start the app', "a # comment is a comment only on a line of its own"),
        (
            'ENTRYPOINT ["app", "--port", "80"]  # the API',
            "a # comment is a comment only on a line of its own",
        ),
    ],
)
def test_invalid_json_falls_back_to_shell_form(text: str, reason: str) -> None:
    instruction = parse("FROM a\n" + text + "\n").instructions[1]
    command = instruction.command
    assert command is not None and command.exec_form is None
    assert command.shell_form is not None and command.json_invalid
    assert command.json_error == reason
    assert at(command.span) == (2, text.index("[") + 1, 2, len(text) + 1)


@pytest.mark.parametrize(
    "text",
    [
        "RUN [ -f /etc/app.conf ] || exit 1",
        'RUN [ "$MODE" = "prod" ] && make',
        "CMD app",
        'RUN [ "$MODE" = "prod" ] # only in production',
        'RUN [ -n "$X" ]# not a comment',
    ],
)
def test_shell_commands_starting_with_a_bracket_are_not_json(text: str) -> None:
    command = parse("FROM a\n" + text + "\n").instructions[1].command
    assert command is not None and command.shell_form is not None
    assert not command.json_invalid


def test_nested_json_array_is_rejected() -> None:
    assert errors('FROM a\nCMD ["echo", ["x"]]\n') == [
        ("when using JSON array syntax, arrays must be comprised of strings only", (2, 5, 2, 20))
    ]


def test_flags_are_split_with_their_values() -> None:
    run = only(
        "FROM a\nRUN --mount=type=cache,target=/root/.cache --network=none pip install x\n", "RUN"
    )
    assert [(f.name, f.value, at(f.span)) for f in run.flags] == [
        ("mount", "type=cache,target=/root/.cache", (2, 5, 2, 43)),
        ("network", "none", (2, 44, 2, 58)),
    ]
    assert run.arguments.text == "pip install x"
    copy = only("FROM a\nCOPY --link --from=build /out /app\n", "COPY")
    assert [(f.name, f.value) for f in copy.flags] == [("link", None), ("from", "build")]
    assert copy.flag("from") is not None


def test_healthcheck_flags_before_cmd_across_lines() -> None:
    text = (
        "FROM a\nHEALTHCHECK --interval=5s \\\n  --timeout=3s \\\n  CMD curl -f http://localhost/\n"
    )
    health = only(text, "HEALTHCHECK")
    assert [(f.name, f.value, at(f.span)) for f in health.flags] == [
        ("interval", "5s", (2, 13, 2, 26)),
        ("timeout", "3s", (3, 3, 3, 15)),
    ]
    assert [f.seconds for f in health.flags] == [5.0, 3.0]
    assert [(w.value, at(w.span)) for w in health.words] == [("CMD", (4, 3, 4, 6))]
    assert health.command is not None and health.command.shell_form is not None
    assert health.command.shell_form.text == "curl -f http://localhost/"
    assert at(health.command.span) == (4, 7, 4, 32)


def test_healthcheck_none_and_unknown_flags_are_kept_raw() -> None:
    dockerfile = parse(
        'FROM a\nHEALTHCHECK --interval=1x --bogus CMD ["check"]\nHEALTHCHECK NONE\n'
    )
    first, none = dockerfile.instructions[1:]
    assert [(f.name, f.value) for f in first.flags] == [("interval", "1x"), ("bogus", None)]
    assert [f.seconds for f in first.flags] == [None, None]
    assert none.healthcheck_none and none.command is None
    assert dockerfile.errors == ()  # the flags are LD107's to judge


# -- heredocs -----------------------------------------------------------------------------------

HEREDOCS = """\
FROM alpine
RUN <<INSTALL cat >/a && <<-'CONFIG' cat >/b
apk add curl
INSTALL
\tkey=$VALUE
\tCONFIG
COPY <<EOF /etc/motd
hello
EOF
RUN 3<<EOF cat <&3
x
EOF
"""


def test_several_heredocs_on_one_line() -> None:
    run = parse(HEREDOCS).instructions[1]
    assert run.command is not None and run.command.heredocs == run.heredocs
    first, second = run.heredocs
    assert (first.delimiter, first.expand, first.strip_tabs, first.fd) == (
        "INSTALL",
        True,
        False,
        None,
    )
    assert first.body.text == "apk add curl\n"
    assert at(first.span) == (2, 5, 4, 8)
    assert at(first.body.span(0, 3)) == (3, 1, 3, 4)
    assert (second.delimiter, second.expand, second.strip_tabs) == ("CONFIG", False, True)
    assert second.body.text == "key=$VALUE\n"  # leading tabs stripped for <<-
    assert at(second.body.span(0, 3)) == (5, 2, 5, 5)
    assert at(second.span) == (2, 26, 6, 8)
    assert at(run.span) == (2, 1, 6, 8)


def test_copy_heredoc_and_fd_heredoc() -> None:
    dockerfile = parse(HEREDOCS)
    copy, fd_run = dockerfile.instructions[2:]
    assert [w.value for w in copy.words] == ["<<EOF", "/etc/motd"]
    assert [(h.delimiter, h.body.text) for h in copy.heredocs] == [("EOF", "hello\n")]
    assert at(copy.span) == (7, 1, 9, 4)
    assert [(h.delimiter, h.fd) for h in fd_run.heredocs] == [("EOF", 3)]
    assert dockerfile.errors == ()


def test_onbuild_run_heredoc() -> None:
    onbuild = only("FROM a\nONBUILD RUN <<EOF\nmake\nEOF\n", "ONBUILD")
    assert onbuild.inner is not None and onbuild.inner.keyword == "RUN"
    assert [h.body.text for h in onbuild.heredocs] == ["make\n"]
    assert onbuild.inner.command is not None
    assert [h.delimiter for h in onbuild.inner.command.heredocs] == ["EOF"]
    assert at(onbuild.inner.keyword_span) == (2, 9, 2, 12)


@pytest.mark.parametrize(
    ("marker", "terminator", "delimiter", "expand"),
    [
        ("<<'END'", "END", "END", False),
        ('<<"END" > /x', "END", "END", False),
        ("<<E'N'D", "END", "END", False),
        ("<<E\\'ND", "E'ND", "E'ND", True),
        ("<<'my end'", "my end", "my end", False),
        ("<<  END  > /x", "END", "END", True),
        ("<<$END", "$END", "$END", True),
    ],
)
def test_heredoc_marker_forms(marker: str, terminator: str, delimiter: str, expand: bool) -> None:
    run = only(f"FROM a\nRUN {marker}\nbody\n{terminator}\n", "RUN")
    assert [(h.delimiter, h.expand, h.body.text) for h in run.heredocs] == [
        (delimiter, expand, "body\n")
    ]


def test_quoted_heredoc_words_are_not_heredocs() -> None:
    dockerfile = parse('FROM a\nRUN echo "<<EOF"\nRUN ["cat", "<<EOF"]\n')
    assert all(not i.heredocs for i in dockerfile.instructions)
    assert dockerfile.errors == ()


def test_unterminated_heredoc_is_reported_at_its_marker() -> None:
    assert errors("FROM a\nRUN <<EOF\necho hi\n") == [
        ('unterminated heredoc: no line "EOF" ends it', (2, 5, 2, 10)),
    ]


def test_heredoc_after_a_continuation() -> None:
    run = only("FROM a\nRUN --mount=type=cache,target=/x \\\n  <<EOF\nls\nEOF\n", "RUN")
    assert [(h.delimiter, at(h.span)) for h in run.heredocs] == [("EOF", (3, 3, 5, 4))]


# -- stages and variables -----------------------------------------------------------------------

STAGES = """\
ARG VERSION=3.19
ARG BASE
FROM --platform=$BUILDPLATFORM alpine:${VERSION} AS Build
ENV GREETING=hello
ARG VERSION
ENV MESSAGE="$GREETING ${VERSION} ${MISSING:-fallback} ${GREETING:+set} ${MISSING-x}"
FROM build AS final
ENV FULL="${MESSAGE}!" UNSCOPED=$BASE
"""


def test_stage_names_bases_and_parents() -> None:
    dockerfile = parse(STAGES)
    build, final = dockerfile.stages
    assert (build.index, build.name, build.base.value, build.base_image) == (
        0,
        "build",
        "alpine:${VERSION}",
        "alpine:3.19",
    )
    assert build.name_token is not None and build.name_token.value == "Build"
    assert build.platform is not None and build.platform.value == "$BUILDPLATFORM"
    assert build.parent is None
    assert (final.name, final.parent) == ("final", 0)
    assert [i.keyword for i in dockerfile.preamble] == ["ARG", "ARG"]
    assert dockerfile.lineage(final) == (final, build)


def test_expansion_of_env_and_arg_values() -> None:
    dockerfile = parse(STAGES)
    build, final = dockerfile.stages
    arg = build.all("ARG")[0].pairs[0]
    assert (arg.value, arg.expanded) == (None, "3.19")  # redeclared: the pre-FROM default
    message = build.all("ENV")[1].pairs[0]
    assert message.value is not None
    assert (
        message.value.value
        == "$GREETING ${VERSION} ${MISSING:-fallback} ${GREETING:+set} ${MISSING-x}"
    )
    assert message.expanded == "hello 3.19 fallback set x"
    full, unscoped = final.all("ENV")[0].pairs
    assert full.expanded == "hello 3.19 fallback set x!"  # ENV inherited from the parent stage
    assert unscoped.expanded == ""  # a pre-FROM ARG is not visible without redeclaring it


def test_empty_and_unset_variables_in_default_forms() -> None:
    env = parse("FROM a\nENV EMPTY=\nENV A=${EMPTY-x} B=${EMPTY:-y} C=${EMPTY:+z} D=${UNSET+w}\n")
    assert [p.expanded for p in env.stages[0].all("ENV")[1].pairs] == ["", "y", "", ""]


def test_env_values_see_the_environment_before_the_instruction() -> None:
    env = only("FROM a\nENV A=1 B=$A\n", "ENV")
    assert [p.expanded for p in env.pairs] == ["1", ""]


def test_legacy_env_form_and_quoted_values() -> None:
    dockerfile = parse("FROM a\nENV PATH /usr/bin:$PATH\nLABEL a=\"x y\" b='$z'\n")
    env, label = dockerfile.instructions[1:]
    (path,) = env.pairs
    assert path.value is not None
    assert (path.key.value, path.value.value, at(path.value.span)) == (
        "PATH",
        "/usr/bin:$PATH",
        (2, 10, 2, 24),
    )
    assert [(p.key.value, p.value.value if p.value else None, p.expanded) for p in label.pairs] == [
        ("a", "x y", "x y"),
        ("b", "$z", "$z"),
    ]


def test_parent_needs_a_name_not_an_index() -> None:
    _, second = parse("FROM alpine\nFROM 0\n").stages
    assert second.parent is None and second.base_image == "0"


def test_keywords_are_case_insensitive() -> None:
    dockerfile = parse("from alpine as base\nrun echo hi\n")
    assert [i.keyword for i in dockerfile.instructions] == ["FROM", "RUN"]
    assert dockerfile.stages[0].name == "base"
    assert dockerfile.errors == ()


# -- LD001 errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a\nFORM b\n", [("unknown instruction: FORM (did you mean FROM?)", (2, 1, 2, 5))]),
        (
            "FROM a\ncopy2 . /\n",
            [("unknown instruction: copy2 (did you mean copy?)", (2, 1, 2, 6))],
        ),
        ("FROM a\nINSTALL x\n", [("unknown instruction: INSTALL", (2, 1, 2, 8))]),
        (
            "FROM a\nfpr:::0A17:\n# key list\npub:-:255\nuid:-::x\nRUN true\nINSTALL y\n",
            [
                (
                    "unknown instruction: fpr:::0A17: (and the 2 unknown instructions after it)",
                    (2, 1, 2, 12),
                ),
                ("unknown instruction: INSTALL", (7, 1, 7, 8)),
            ],
        ),
        (
            'FROM a\nEOF\n)"\n',
            [
                (
                    "unknown instruction: EOF (did you mean ENV?) "
                    "(and the unknown instruction after it)",
                    (2, 1, 2, 4),
                )
            ],
        ),
        ("FROM\n", [("FROM requires either one or three arguments", (1, 1, 1, 5))]),
        ("FROM a b\n", [("FROM requires either one or three arguments", (1, 6, 1, 9))]),
        (
            "FROM a AS 1st\n",
            [
                (
                    'invalid name for build stage: "1st", name can\'t start with a number or '
                    "contain symbols",
                    (1, 11, 1, 14),
                )
            ],
        ),
        ("FROM a\nHEALTHCHECK CMD\n", [("Missing command after HEALTHCHECK CMD", (2, 13, 2, 16))]),
        ("FROM a\nHEALTHCHECK\n", [("HEALTHCHECK requires at least one argument", (2, 1, 2, 12))]),
        ("FROM a\nHEALTHCHECK NONE x\n", [("HEALTHCHECK NONE takes no arguments", (2, 18, 2, 19))]),
        (
            "FROM a\nHEALTHCHECK CONNECT x\n",
            [('Unknown type "CONNECT" in HEALTHCHECK (try CMD)', (2, 13, 2, 20))],
        ),
        ("FROM a\nRUN\n", []),
        ("FROM a\nRUN --mount=type=cache,target=/root/.cache\n", []),
        ("FROM a\nCMD\n", []),
        ("FROM a\nUSER\n", [("USER requires exactly one argument", (2, 1, 2, 5))]),
        ("FROM a\nENV\n", [("ENV requires at least one argument", (2, 1, 2, 4))]),
        ("FROM a\nENV PATH\n", [("ENV must have two arguments", (2, 5, 2, 9))]),
        ("FROM a\nENV =x\n", [("ENV names can not be blank", (2, 5, 2, 7))]),
        (
            "FROM a\nENV a=1 b\n",
            [
                (
                    'Syntax error - can\'t find = in "b". Must be of the form: name=value',
                    (2, 9, 2, 10),
                )
            ],
        ),
        (
            "FROM a\nCOPY app\n",
            [
                (
                    "COPY requires at least two arguments, but only one was provided. Destination "
                    "could not be determined",
                    (2, 6, 2, 9),
                )
            ],
        ),
        (
            "FROM a\nCOPY x <<EOF\nEOF\n",
            [("COPY cannot accept a heredoc as a destination", (2, 8, 2, 13))],
        ),
        (
            "FROM a\nSHELL sh -c\n",
            [("SHELL requires the arguments to be in JSON form", (2, 7, 2, 12))],
        ),
        (
            "FROM a\nONBUILD ONBUILD RUN x\n",
            [("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", (2, 9, 2, 16))],
        ),
        ("FROM a\nONBUILD FROM b\n", [("FROM isn't allowed as an ONBUILD trigger", (2, 9, 2, 13))]),
        ("FROM a\nCOPY --chmod=644 --user=me a b\n", [("unknown flag: --user", (2, 18, 2, 27))]),
        (
            "FROM a\nCOPY --form=x a b\n",
            [("unknown flag: --form (did you mean from?)", (2, 6, 2, 14))],
        ),
        ("FROM a\nCOPY --from a b\n", [("missing a value on flag: --from", (2, 6, 2, 12))]),
        (
            'FROM a\nENV A="x\n',
            [
                (
                    'failed to process "\\"x": unexpected end of statement while '
                    "looking for matching double-quote",
                    (2, 7, 2, 9),
                )
            ],
        ),
    ],
)
def test_what_buildkit_rejects(text: str, expected: list[tuple[str, tuple[int, ...]]]) -> None:
    assert errors(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('FROM a\nCOPY a "<<EOF"\n', []),  # a quoted word is no heredoc
        (
            'FROM a\nCOPY ["a", "<<EOF"]\n',
            [("COPY cannot accept a heredoc as a destination", (2, 12, 2, 19))],
        ),
        (
            'FROM a\nARG "abc\n',
            [
                (
                    'failed to process "\\"abc": unexpected end of statement '
                    "while looking for matching double-quote",
                    (2, 5, 2, 9),
                )
            ],
        ),
    ],
)
def test_destinations_and_arg_words(text: str, expected: list[tuple[str, tuple[int, ...]]]) -> None:
    assert errors(text) == expected


def test_instructions_before_the_first_from() -> None:
    assert errors("ARG V=1\nRUN echo\nFROM a\n") == [
        ("no build stage in current context: RUN before FROM", (2, 1, 2, 4)),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [("file with no instructions", (1, 1, 1, 1))]),
        ("# only\n\n# comments\n", [("file with no instructions", (1, 1, 1, 1))]),
        ("ARG A=1\n", [("dockerfile contains no stages to build", (1, 1, 1, 4))]),
        (
            "RUN make\nCMD app\n",
            [("no build stage in current context: the file has no FROM (RUN)", (1, 1, 1, 4))],
        ),
    ],
)
def test_files_without_a_stage(text: str, expected: list[tuple[str, tuple[int, ...]]]) -> None:
    assert errors(text) == expected


def test_lone_continuation_line() -> None:
    assert errors("FROM a\n  \\\n") == [("line continuation without an instruction", (2, 3, 2, 4))]


def test_after_an_error_the_rest_is_still_parsed() -> None:
    dockerfile = parse("FROM a\nFORM b\nHEALTHCHECK CMD curl -f http://x/\n")
    assert [i.keyword for i in dockerfile.instructions] == ["FROM", "FORM", "HEALTHCHECK"]
    assert dockerfile.stages[0].last("HEALTHCHECK") is not None


# -- the rules ---------------------------------------------------------------------------------


def test_ld001_reports_each_error_at_its_token() -> None:
    found = lint_texts({"Dockerfile": "FROM a\nFORM b\nRUN <<EOF\nx\n"}, select=["LD001"])
    assert [(d.code, d.message, at(d.span)) for d in found] == [
        ("LD001", "unknown instruction: FORM (did you mean FROM?)", (2, 1, 2, 5)),
        ("LD001", 'unterminated heredoc: no line "EOF" ends it', (3, 5, 3, 10)),
    ]


def test_ld004_reports_the_argument_text() -> None:
    text = "FROM a\nCMD ['app', '--port', '80']\nONBUILD RUN [\"make\" \"all\"]\nCMD [\"ok\"]\n"
    found = lint_texts({"Dockerfile": text}, select=["LD004"])
    assert [(d.code, at(d.span)) for d in found] == [
        ("LD004", (2, 5, 2, 28)),
        ("LD004", (3, 13, 3, 27)),
    ]
    assert found[0].message == (
        "CMD is written as a JSON array but is not valid JSON (JSON strings need double quotes, "
        "not single quotes): Docker runs it as a shell command instead. Write it as a JSON array "
        "of double-quoted strings."
    )
