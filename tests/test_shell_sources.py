"""The shell model of each kind of command: exec form, Dockerfile commands with heredocs,
compose start commands and health checks."""

from __future__ import annotations

from lintdock.model.compose import Healthcheck, Located, StartCommand
from lintdock.model.dockerfile import Command, Heredoc, Token
from lintdock.model.shell import ShellScript
from lintdock.model.span import MappedText, Span
from lintdock.parsers.shell import (
    parse_exec,
    parse_shell_file,
    script_of_command,
    script_of_healthcheck,
    script_of_start,
    text_inside,
)


def programs(script: ShellScript) -> list[str | None]:
    return [command.program for command in script.commands]


def json_items(line: int, text: str) -> list[tuple[str, Span]]:
    """The string items of a JSON array written at ``line`` (no escapes), with their spans."""
    items = []
    column = 1
    while (start := text.find('"', column - 1)) >= 0:
        end = text.index('"', start + 1)
        items.append((text[start + 1 : end], Span(line, start + 1, line, end + 2)))
        column = end + 2
    return items


def test_exec_form_is_one_command_without_shell() -> None:
    #         1234567890123456789012345678901234567890
    text = 'CMD ["tini", "--", "app", "&&", "$HOME"]'
    script = parse_exec(json_items(1, text), Span(1, 5, 1, 41))
    assert not script.shell
    (app,) = script.commands
    assert [w.value for w in app.wrappers] == ["tini", "--"]
    assert [w.value for w in app.argv] == ["app", "&&", "$HOME"]
    assert app.operator is None and app.span == Span(1, 5, 1, 41)
    assert [w.value for w in script.exec_words] == ["tini", "--", "app", "&&", "$HOME"]
    assert script.exec_words[2].span == Span(1, 20, 1, 25)


def test_exec_form_sh_c_body_positions_inside_the_json_string() -> None:
    #         1234567890123456789012345678901234567890123456
    text = 'CMD ["sh", "-c", "curl -f http://api && exec app"]'
    script = parse_exec(json_items(7, text))
    sh, curl, app = script.commands
    assert sh.program == "sh" and curl.host is sh and app.host is sh
    assert curl.depth == 1 and curl.operator == "&&"
    assert curl.argv[2].span == Span(7, 27, 7, 37)
    assert app.wrappers[0].span == Span(7, 41, 7, 45)
    assert app.argv[0].span == Span(7, 46, 7, 49)


def test_exec_form_body_with_json_escapes_maps_exactly() -> None:
    # ["sh", "-c", "echo \"a b\" && app"] : the value has 2 characters fewer than the item
    value = 'echo "a b" && app'
    script = parse_exec(
        [("sh", Span(1, 6, 1, 10)), ("-c", Span(1, 12, 1, 16)), (value, Span(1, 18, 1, 39))]
    )
    _, echo, app = script.commands
    assert echo.argv[1].value == "a b"
    assert echo.argv[1].span == Span(1, 25, 1, 31)  # from the escaped quote to the last one
    assert app.argv[0].span == Span(1, 35, 1, 38)


def test_empty_exec_form() -> None:
    script = parse_exec([], Span(2, 5, 2, 7))
    assert script.commands == () and script.span == Span(2, 5, 2, 7) and not script.shell


def test_text_inside_never_leaves_the_item() -> None:
    folded = text_inside("curl -f http://x && app", Span(3, 10, 5, 4))
    assert {folded.position(i) for i in range(len(folded.text))} == {(3, 10)}
    shorter = text_inside("abcdef", Span(1, 1, 1, 4))
    assert all(1 <= shorter.position(i)[1] <= 3 for i in range(6))


def _command(shell: str, line: int, heredocs: tuple[Heredoc, ...] = ()) -> Command:
    text = MappedText.at(shell, line, 5)
    return Command(None, text, text.whole, heredocs=heredocs)


def _heredoc(delimiter: str, body_lines: list[str], first_line: int, span_start: Span) -> Heredoc:
    """A heredoc whose body starts at ``first_line``, column 1."""
    text = "".join(line + "\n" for line in body_lines)
    anchors = []
    offset = 0
    for index, body_line in enumerate(body_lines):
        anchors.append((offset, first_line + index, 1))
        offset += len(body_line) + 1
    end_line = first_line + len(body_lines)
    span = Span(span_start.line, span_start.column, end_line, len(delimiter) + 1)
    return Heredoc(delimiter, MappedText(text, tuple(anchors)), span, True, False)


def test_run_heredoc_body_is_the_script() -> None:
    # RUN <<EOF
    # set -e
    # until curl -fs http://db; do sleep 1; done
    # EOF
    heredoc = _heredoc(
        "EOF", ["set -e", "until curl -fs http://db; do sleep 1; done"], 2, Span(1, 5, 1, 10)
    )
    script = script_of_command(_command("<<EOF", 1, (heredoc,)))
    assert programs(script) == ["set", "curl", "sleep"]
    curl = script.commands[1]
    assert curl.in_condition and curl.argv[0].span == Span(3, 7, 3, 11)


def test_run_heredoc_with_interpreter_after_it() -> None:
    heredoc = _heredoc("EOF", ["curl -f x | sh"], 2, Span(1, 5, 1, 10))
    script = script_of_command(_command("<<EOF bash -e", 1, (heredoc,)))
    assert programs(script) == ["bash", "curl", "sh"]
    bash, curl, _ = script.commands
    assert bash.argv[0].span == Span(1, 11, 1, 15)
    assert curl.host is bash and curl.argv[0].span == Span(2, 1, 2, 5)


def test_run_heredoc_with_shell_shebang() -> None:
    heredoc = _heredoc("EOF", ["#!/usr/bin/env bash", "apt-get update"], 2, Span(1, 5, 1, 10))
    script = script_of_command(_command("<<EOF", 1, (heredoc,)))
    assert programs(script) == ["apt-get"]


def test_run_heredoc_with_other_interpreter_runs_it() -> None:
    heredoc = _heredoc("EOF", ["#!/usr/bin/env python3", "import os"], 2, Span(1, 5, 1, 10))
    script = script_of_command(_command("<<EOF", 1, (heredoc,)))
    (python,) = script.commands
    assert python.program == "python3" and [w.value for w in python.wrappers] == ["/usr/bin/env"]
    assert python.argv[0].span == Span(2, 16, 2, 23)


def test_run_heredoc_written_to_a_file_is_not_run() -> None:
    # RUN cat <<EOF > /entrypoint.sh && chmod +x /entrypoint.sh
    heredoc = _heredoc("EOF", ["#!/bin/sh", "curl -f http://x"], 2, Span(1, 9, 1, 14))
    command = _command("cat <<EOF > /entrypoint.sh && chmod +x /entrypoint.sh", 1, (heredoc,))
    script = script_of_command(command)
    assert programs(script) == ["cat", "chmod"]
    cat, chmod = script.commands
    assert cat.operator == "&&" and cat.redirects == ("<<EOF", ">/entrypoint.sh")
    assert chmod.argv[0].span == Span(1, 35, 1, 40)
    assert script.errors == ()


def test_run_shell_form_without_heredocs_and_exec_form() -> None:
    assert programs(script_of_command(_command("a && b", 4))) == ["a", "b"]
    tokens = tuple(Token(value, span) for value, span in json_items(3, 'RUN ["sh", "-c", "x"]'))
    command = Command(tokens, None, Span(3, 5, 3, 22))
    assert programs(script_of_command(command)) == ["sh", "x"]


def _located(value: str, span: Span) -> Located[str]:
    return Located(value, span, "compose.yaml")


def test_compose_string_command_is_words_without_shell() -> None:
    # command: sh -c "until nc -z db 5432; do sleep 1; done; exec app"
    #          1234567890123456789012345678901234567890123456789012345678
    body = "until nc -z db 5432; do sleep 1; done; exec app"
    words = (
        _located("sh", Span(4, 14, 4, 16)),
        _located("-c", Span(4, 17, 4, 19)),
        _located(body, Span(4, 20, 4, 69)),
    )
    start = StartCommand(Located(None, Span(4, 14, 4, 69), "compose.yaml"), words, True)
    script = script_of_start(start)
    assert not script.shell
    assert programs(script) == ["sh", "nc", "sleep", "app"]
    nc = script.commands[1]
    assert nc.in_condition and nc.argv[0].span == Span(4, 27, 4, 29)
    assert script.commands[3].argv[0].span == Span(4, 65, 4, 68)


def test_compose_string_command_stops_at_an_operator() -> None:
    words = tuple(
        _located(v, Span(1, 10 + 3 * i, 1, 12 + 3 * i)) for i, v in enumerate(["ab", "&&", "cd"])
    )
    start = StartCommand(Located(None, Span(1, 10, 1, 18), "compose.yaml"), words, True, 1)
    script = script_of_start(start)
    assert [w.value for w in script.commands[0].argv] == ["ab"]


def _healthcheck(
    kind: str | None, args: tuple[Located[str], ...], shell_text: MappedText | None = None
) -> Healthcheck:
    key = Located(None, Span(5, 5, 5, 16), "compose.yaml")
    test: Located[object] = Located(
        [kind, *(a.value for a in args)], Span(6, 13, 6, 60), "compose.yaml"
    )
    return Healthcheck(key, test, kind, args, shell_text, None, None, None, None, None, None)


def test_healthcheck_cmd_is_exec_form() -> None:
    args = (_located("curl", Span(6, 21, 6, 27)), _located("-fsS", Span(6, 29, 6, 35)))
    script = script_of_healthcheck(_healthcheck("CMD", args))
    assert script is not None and not script.shell
    (curl,) = script.commands
    assert curl.option("f") is not None and curl.argv[1].span == Span(6, 29, 6, 35)


def test_healthcheck_cmd_shell_uses_mapped_text_or_the_item() -> None:
    mapped = MappedText.at("curl -f http://localhost || exit 1", 6, 11)
    script = script_of_healthcheck(
        _healthcheck("CMD-SHELL", (_located(mapped.text, mapped.whole),), mapped)
    )
    assert script is not None and script.shell and programs(script) == ["curl", "exit"]
    assert script.commands[1].argv[0].span == Span(6, 39, 6, 43)
    quoted = _located("curl -f x", Span(6, 26, 6, 37))  # "curl -f x" written with its quotes
    script = script_of_healthcheck(_healthcheck("CMD-SHELL", (quoted,)))
    assert script is not None and script.commands[0].argv[2].span == Span(6, 35, 6, 36)


def test_healthcheck_without_test() -> None:
    assert script_of_healthcheck(_healthcheck("NONE", ())) is None
    assert script_of_healthcheck(_healthcheck(None, ())) is None
    assert script_of_healthcheck(_healthcheck("CMD-SHELL", ())) is None


def test_script_file_positions_per_line() -> None:
    script = parse_shell_file('#!/bin/sh\nset -e\n\nexec "$@"\n')
    assert programs(script) == ["set", "$@"]
    assert script.commands[1].argv[0].span == Span(4, 6, 4, 10)
