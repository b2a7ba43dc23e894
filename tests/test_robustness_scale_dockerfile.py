"""Large Dockerfiles take time linear in their size, up to 200,000 lines.

Linear is asserted by comparing the CPU time of a file of N lines with one of 4N lines of the
same shape: about 4 when linear, 16 when quadratic; the bound, 8, leaves room for noise. No test
has a clock budget. Each shape stresses another part: many instructions and stages, one huge
RUN, a huge heredoc, a huge ENV, many shell pipelines, a long chain of stages.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from robustness_helpers import growth

from lintdock.engine import lint_texts
from lintdock.model.diagnostic import Diagnostic

LINEAR = 8.0  # 4x the lines: 4x the time when linear, 16x when quadratic


def lint(text: str) -> list[Diagnostic]:
    return lint_texts({"Dockerfile": text}, size_limits=False)


def stages(lines: int) -> str:
    """Realistic stages: comments, ENV, a RUN over three lines, COPY --from, HEALTHCHECK, CMD."""
    block = [
        "FROM python:3.12-slim AS s{n}",
        "# install",
        'ENV A{n}=1 B{n}="two words"',
        "RUN apt-get update && \\",
        "    apt-get install -y --no-install-recommends curl && \\",
        "    rm -rf /var/lib/apt/lists/*",
        "COPY --from=s{p} /app /app",
        "HEALTHCHECK CMD curl -f http://localhost/ || exit 1",
        'CMD ["python", "-m", "app"]',
        "",
    ]
    out: list[str] = []
    while len(out) < lines:
        n = len(out) // len(block)
        out += [line.format(n=n, p=max(n - 1, 0)) for line in block]
    return "\n".join(out[:lines]) + "\n"


def one_run(lines: int) -> str:
    """One RUN continued over ``lines`` lines; the last one pipes a download into sh."""
    body = "".join(f"    && echo step {i} \\\n" for i in range(lines - 3))
    return "FROM alpine:3.20\nRUN true \\\n" + body + "    && curl -s https://x.example/i | sh\n"


SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "stages": (stages, 5_000),
    "one RUN": (one_run, 5_000),
    "heredoc": (
        lambda n: "FROM alpine\nRUN <<EOF\n" + "".join(f"echo {i}\n" for i in range(n)) + "EOF\n",
        5_000,
    ),
    "ENV": (
        lambda n: "FROM alpine\nENV " + "".join(f"K{i}=v{i} \\\n  " for i in range(n)) + "Z=1\n",
        5_000,
    ),
    "pipelines": (
        lambda n: (
            "FROM alpine\n"
            + "".join(f"RUN wget -qO- http://x/{i} | sh && apk add curl\n" for i in range(n))
        ),
        2_500,
    ),
    "comments": (
        lambda n: "FROM alpine\n" + "".join(f"# lintdock: ignore=LD10{i % 9}\n" for i in range(n)),
        5_000,
    ),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_time_is_linear_in_the_number_of_lines(shape: str) -> None:
    make, lines = SHAPES[shape]
    assert growth(lint, make(lines), make(4 * lines)) < LINEAR


def test_time_is_linear_in_a_chain_of_stages() -> None:
    def chain(stages: int) -> str:
        return "FROM alpine AS s0\n" + "".join(
            f"FROM s{i} AS s{i + 1}\nRUN echo {i}\n" for i in range(stages)
        )

    assert growth(lint, chain(300), chain(1_200)) < LINEAR


def test_a_200000_line_dockerfile_is_linted_to_its_last_line() -> None:
    text = one_run(200_000)
    assert text.count("\n") == 200_000
    found = lint(text)
    assert [(d.code, d.span.line, d.span.column) for d in found if d.code == "LD203"] == [
        ("LD203", 200_000, 8)
    ]
