"""The ``docker run`` usage lines of a Dockerfile's comments: joined over continuation comment
lines, split into words with exact positions (line, column, end line, end column; end
exclusive), and how the documented-usage fact classifies them."""

from __future__ import annotations

import pytest

from lintdock.facts.documented_usage import documented_use
from lintdock.model.dockerfile import Dockerfile
from lintdock.model.span import Span
from lintdock.parsers.dockerfile import parse_dockerfile


def parse(text: str) -> Dockerfile:
    return parse_dockerfile(text, "Dockerfile")


def at(span: Span) -> tuple[int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column)


def words(text: str) -> list[list[tuple[str, tuple[int, int, int, int]]]]:
    return [[(w.value, at(w.span)) for w in run.words] for run in parse(text).documented_runs]


CONTINUED = (
    "# Run the editor\n"
    "#\n"
    "# docker run --rm -it \\\n"
    "#\t-v /tmp/.X11-unix:/tmp/.X11-unix \\ # the X11 socket\n"
    '#\t-e "DISPLAY=unix$DISPLAY" \\\n'
    "#\texample/editor\n"
    "FROM debian:12\n"
)


def test_a_usage_line_is_joined_over_its_continuation_comment_lines() -> None:
    assert words(CONTINUED) == [
        [
            ("--rm", (3, 14, 3, 18)),
            ("-it", (3, 19, 3, 22)),
            ("-v", (4, 3, 4, 5)),
            ("/tmp/.X11-unix:/tmp/.X11-unix", (4, 6, 4, 35)),
            ("-e", (5, 3, 5, 5)),
            ("DISPLAY=unix$DISPLAY", (5, 6, 5, 28)),
            ("example/editor", (6, 3, 6, 17)),
        ]
    ]
    [run] = parse(CONTINUED).documented_runs
    assert at(run.span) == (3, 3, 6, 17)


def test_the_comments_themselves_keep_their_text_and_span() -> None:
    comments = parse(CONTINUED).comments
    assert [(c.text, at(c.span)) for c in comments][2] == (
        "docker run --rm -it \\",
        (3, 1, 3, 24),
    )


def test_a_prompt_sudo_and_docker_container_run_are_usage_lines() -> None:
    text = "# $ sudo docker container run --rm example/tool --help | less\nFROM alpine:3.20\n"
    assert words(text) == [
        [("--rm", (1, 31, 1, 35)), ("example/tool", (1, 36, 1, 48)), ("--help", (1, 49, 1, 55))]
    ]


def test_notes_between_the_lines_are_skipped_and_a_line_without_backslash_ends_it() -> None:
    text = (
        "# docker run -d \\\n"
        "#   # the link must be named db\n"
        "#   --link db:db \\\n"
        "#   example/app\n"
        "# docker build -t example/app .\n"
        "FROM alpine:3.20\n"
    )
    assert [[w for w, _ in run] for run in words(text)] == [
        ["-d", "--link", "db:db", "example/app"]
    ]


def test_other_comments_document_no_run() -> None:
    assert (
        parse("# docker build -t x .\n# run docker run later\nFROM alpine:3.20\n").documented_runs
        == ()
    )


@pytest.mark.parametrize(
    ("usage", "use"),
    [
        ("docker run --rm -it example/tool", "terminal"),
        ("docker run -ti example/tool", "terminal"),
        ("docker run -d -v /tmp/.X11-unix:/tmp/.X11-unix example/app", "desktop"),
        ("docker run --restart always -e DISPLAY example/app", "desktop"),
        ("docker run --mount type=bind,src=/tmp/.X11-unix,dst=/tmp/.X11-unix x", "desktop"),
        ("docker run -d example/server", "service"),
        ("docker run --rm -it -p 8080:80 example/server", "service"),
        ("docker run -e DISPLAY -P example/app", "service"),
        ("docker run --restart=always example/server", "service"),
        ("docker run example/app", "unknown"),
        ("docker run -v /data:/data example/app -it", "unknown"),
    ],
)
def test_documented_use(usage: str, use: str) -> None:
    assert documented_use(parse(f"# {usage}\nFROM alpine:3.20\n")) == use


def test_a_service_among_the_documented_runs_makes_it_a_service() -> None:
    text = "# docker run --rm example/x build\n# docker run -d example/x\nFROM alpine:3.20\n"
    assert documented_use(parse(text)) == "service"


def test_a_run_written_after_the_first_from_is_a_build_step_not_the_usage() -> None:
    text = "FROM alpine:3.20\n# docker run --rm buildpack-deps gpg --list-keys\nRUN true\n"
    assert len(parse(text).documented_runs) == 1
    assert documented_use(parse(text)) is None
