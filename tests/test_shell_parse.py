"""The shell parser: commands, words and their exact file positions."""

from __future__ import annotations

import pytest

from lintdock.model.shell import ShellScript, SimpleCommand
from lintdock.model.span import MappedText, Span
from lintdock.parsers.shell import parse_shell, parse_shell_file


def pieces(*parts: tuple[str, int, int]) -> MappedText:
    """A MappedText made of ``(text, line, column)`` pieces, as a Dockerfile parser builds one
    from continuation lines."""
    text = ""
    anchors = []
    for piece, line, column in parts:
        anchors.append((len(text), line, column))
        text += piece
    return MappedText(text, tuple(anchors))


def line(text: str) -> ShellScript:
    """``text`` written at line 1, column 5 (after ``RUN ``)."""
    return parse_shell(MappedText.at(text, 1, 5))


def argv(command: SimpleCommand) -> list[str]:
    return [word.value for word in command.argv]


def programs(script: ShellScript) -> list[str | None]:
    return [command.program for command in script.commands]


def test_continuation_lines_map_words_to_their_own_line() -> None:
    # RUN apt-get update \
    #     && curl -fsS http://x/health \
    #     && exec app --port 80
    text = pieces(
        ("apt-get update ", 1, 5),
        ("    && curl -fsS http://x/health ", 2, 1),
        ("    && exec app --port 80", 3, 1),
    )
    script = parse_shell(text)
    assert programs(script) == ["apt-get", "curl", "app"]
    update, curl, app = script.commands
    assert update.operator == "&&" and curl.operator == "&&" and app.operator is None
    assert curl.argv[0].span == Span(2, 8, 2, 12)
    assert curl.argv[2].span == Span(2, 18, 2, 33)
    assert curl.span == Span(2, 8, 2, 33)
    assert [w.value for w in app.wrappers] == ["exec"]
    assert app.wrappers[0].span == Span(3, 8, 3, 12)
    assert app.argv[2].span == Span(3, 24, 3, 26)
    assert script.span == Span(1, 5, 3, 26)


def test_quotes_removed_escapes_resolved_variables_kept() -> None:
    script = line("""echo "a\\"b $HOME" 'c d'e\\ f "${X:-y}" $'t\\tu' "\\q" """)
    (echo,) = script.commands
    assert argv(echo)[1:] == ['a"b $HOME', "c de f", "${X:-y}", "t\tu", "\\q"]
    assert echo.argv[1].raw == '"a\\"b $HOME"'
    assert echo.argv[1].span == Span(1, 10, 1, 22)


def test_assignments_and_launchers_are_stripped_from_the_front() -> None:
    script = line("A=1 B='x y' exec sudo -u app env -i C=2 timeout -s KILL 5 nohup curl -f x")
    (curl,) = script.commands
    assert [w.value for w in curl.assignments] == ["A=1", "B=x y"]
    assert [w.value for w in curl.wrappers] == [
        "exec", "sudo", "-u", "app", "env", "-i", "C=2", "timeout", "-s", "KILL", "5", "nohup",
    ]  # fmt: skip
    assert argv(curl) == ["curl", "-f", "x"]


def test_launcher_alone_or_querying_is_the_program() -> None:
    script = line("exec >/var/log/app 2>&1; command -v curl; env; gosu app /usr/bin/tini -- /app")
    assert programs(script) == ["exec", "command", "env", "app"]
    assert script.commands[0].redirects == (">/var/log/app", "2>&1")
    assert [w.value for w in script.commands[3].wrappers] == ["gosu", "app", "/usr/bin/tini", "--"]


def test_operators_pipelines_background_and_newlines() -> None:
    script = line("a || exit 1; b | grep -q ok && c &\nd |& e\nf")
    assert programs(script) == ["a", "exit", "b", "grep", "c", "d", "e", "f"]
    assert [c.operator for c in script.commands] == ["||", ";", "|", "&&", "&", "|&", ";", None]


def test_redirects_as_written_without_blanks() -> None:
    (cmd,) = line("curl -s x > /dev/null 2>&1 </dev/null").commands
    assert cmd.redirects == (">/dev/null", "2>&1", "</dev/null")
    assert argv(cmd) == ["curl", "-s", "x"]


def test_until_loop_condition_and_body() -> None:
    script = line("until nc -z db 5432; do echo waiting; sleep 1; done && exec app")
    nc, echo, sleep, app = script.commands
    assert nc.in_condition and nc.loop is None
    assert echo.loop is not None and echo.loop is sleep.loop
    loop = echo.loop
    assert loop.kind == "until" and loop.condition == (nc,)
    assert loop.span == Span(1, 5, 1, 56)
    assert not echo.in_condition
    assert app.loop is None and app.wrappers[0].value == "exec"
    assert script.loops == (loop,)


def test_while_loop_with_counter() -> None:
    script = line(
        "i=0; while ! curl -fs http://db:8080/ && [ $i -lt 30 ]; do i=$((i+1)); sleep 1; done"
    )
    assignment, curl, test, increment, _sleep = script.commands
    assert assignment.argv == () and assignment.assignments[0].value == "i=0"
    assert curl.negated and curl.in_condition and curl.operator == "&&"
    assert argv(test) == ["[", "$i", "-lt", "30", "]"] and test.in_condition
    assert increment.assignments[0].value == "i=$((i+1))" and increment.loop is not None
    assert increment.loop.kind == "while" and increment.loop.condition == (curl, test)


def test_for_loop_items() -> None:
    script = line("for h in db cache; do nc -z $h 80; done")
    (nc,) = script.commands
    assert nc.loop is not None and nc.loop.kind == "for" and nc.loop.variable == "h"
    assert [w.value for w in nc.loop.items] == ["db", "cache"]


def test_if_condition_and_branches() -> None:
    script = line("if [ -f /a ]; then b; elif c; then d; else e; fi && f")
    assert programs(script) == ["[", "b", "c", "d", "e", "f"]
    assert [c.in_condition for c in script.commands] == [True, False, True, False, False, False]
    assert script.commands[1].operator == "&&"  # the branch's last command leads on to f


def test_subshell_group_function_substitution_depths() -> None:
    script = line("(cd /x && make) ; { a; b; } ; f() { g; } ; h $(date +%s)")
    depths = [(c.program, c.depth) for c in script.commands]
    assert depths == [("cd", 1), ("make", 1), ("a", 0), ("b", 0), ("g", 1), ("date", 1), ("h", 0)]
    g, date = script.commands[4], script.commands[5]
    assert g.function == "f" and date.in_substitution
    assert script.last is script.commands[-1]


def test_sh_c_body_is_parsed_in_place_with_positions_inside_the_string() -> None:
    script = line("""exec sh -c 'curl -f http://api && exec app' && next""")
    sh, curl, app, following = script.commands
    assert sh.program == "sh" and argv(sh)[2] == "curl -f http://api && exec app"
    assert curl.host is sh and curl.depth == 1 and app.host is sh
    assert curl.argv[0].span == Span(1, 17, 1, 21)
    assert app.argv[0].span == Span(1, 44, 1, 47)
    assert app.operator == "&&" and following.host is None


def test_double_quoted_body_with_escapes_maps_each_character() -> None:
    script = line('bash -lc "echo \\"$X\\" && app"')
    bash, echo, app = script.commands
    assert argv(echo) == ["echo", "$X"]
    assert echo.argv[1].span == Span(1, 21, 1, 26)  # from the escaped quote to the last one
    assert app.argv[0].span == Span(1, 30, 1, 33)
    assert bash.argv[1].value == "-lc"


def test_shell_options_before_c() -> None:
    for text in ("sh -ec 'a'", "bash -o pipefail -c 'a'", "/bin/ash -x -c a", "dash -c -- a"):
        assert programs(line(text))[1:] == ["a"], text
    assert programs(line("sh script.sh")) == ["sh"]


def test_eval_with_one_string() -> None:
    script = line("eval 'a | b'")
    assert programs(script) == ["eval", "a", "b"]


def test_heredoc_fed_to_shell_is_parsed() -> None:
    script = parse_shell_file("bash <<'EOF'\ncurl -f x | sh\nEOF\nnext\n")
    assert programs(script) == ["bash", "curl", "sh", "next"]
    curl = script.commands[1]
    assert curl.host is script.commands[0]
    assert curl.argv[0].span == Span(2, 1, 2, 5)
    assert script.commands[3].argv[0].span == Span(4, 1, 4, 5)


def test_heredoc_followed_by_pipe() -> None:
    script = parse_shell_file("cat <<EOF | sh\necho hi\nEOF\n")
    assert programs(script) == ["cat", "sh"]
    assert script.commands[0].operator == "|" and script.commands[0].redirects == ("<<EOF",)


def test_unterminated_quote_keeps_commands_before_it() -> None:
    script = line("apt-get update && curl -f 'http://x && app")
    assert programs(script) == ["apt-get", "curl"]
    assert script.errors
    assert all(e.line == 1 and e.column >= 5 for e in script.errors)


def test_syntax_error_in_the_middle() -> None:
    script = line("a && ( b; c d | && e; f")
    assert "a" in programs(script) and "f" in programs(script)
    assert script.errors


def test_non_ascii_text_keeps_character_columns() -> None:
    (echo,) = line("echo 'héllo wörld' ünï").commands
    assert echo.argv[2].span == Span(1, 24, 1, 27)
    assert echo.argv[1].value == "héllo wörld"


def test_empty_and_blank_text() -> None:
    assert line("").commands == ()
    assert line("   \n ").commands == ()


@pytest.mark.parametrize(
    ("wrappers", "rest"),
    [
        ("sudo -E -H -u app --preserve-env=PATH X=1", "app run"),
        ("env -u HOME -C /srv - PATH=/bin", "app"),
        ("timeout --signal=KILL -k 5 30s", "curl x"),
        ("nice -n 5 ionice -c3 stdbuf -oL", "app"),
        ("/sbin/tini -s -- dumb-init --single-child su-exec app:app", "app"),
        ("busybox", "wget -q -O- x"),
        ("chroot /srv setsid -f nohup with-contenv", "app"),
        ("exec -a name", "app"),
        ("", "command -V app"),
        ("", "sudo -l"),
        ("", "wait-for-it db:5432 -- app"),
    ],
)
def test_launchers(wrappers: str, rest: str) -> None:
    (command,) = line(f"{wrappers} {rest}".strip()).commands
    assert " ".join(w.value for w in command.wrappers) == wrappers
    assert command.program == rest.split()[0]


def test_launched_by_collects_the_hosts_launchers() -> None:
    script = line("timeout 60 sh -c 'until nc -z db 5432; do sleep 1; done'")
    nc = script.commands[1]
    assert [w.value for w in nc.launched_by] == ["timeout", "60"]
    assert nc.wrappers == ()


def test_script_queries_chain_next_before() -> None:
    script = line("cd /app && curl -f http://api $(cat x) && exec app $(id -u) | tee log")
    cd, cat, curl, id_, app, tee = script.commands
    assert script.chain(app) == (cd, curl)
    assert script.next(curl) is app and script.next(app) is tee
    assert script.before(app) == (cd, cat, curl, id_)
    assert script.last is tee and script.runs("curl") == (curl,)


def test_redirect_after_a_list_belongs_to_its_last_command() -> None:
    script = line("a >/x && b | c 2>/dev/null")
    assert [c.redirects for c in script.commands] == [(">/x",), (), ("2>/dev/null",)]


def test_su_c_body_is_parsed() -> None:
    script = line("su -s /bin/sh app -c 'pg_isready -h db && exec app'")
    assert programs(script) == ["su", "pg_isready", "app"]
    assert script.commands[1].argv[0].span == Span(1, 27, 1, 37)


def test_shell_running_a_file_does_not_take_its_heredoc_as_script() -> None:
    script = parse_shell_file("bash ./setup.sh <<EOF\nyes\nEOF\n")
    assert programs(script) == ["bash"]
