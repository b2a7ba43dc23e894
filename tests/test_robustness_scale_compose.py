"""Large compose files take time linear in their size, up to 10 MB.

Linear is asserted by comparing the CPU time of a file with one four times its size and of the
same shape: about 4 when linear, 16 when quadratic; the bound, 8, leaves room for noise. No test
has a clock budget. The shapes stress what relates services to each other (dependency graphs,
who needs whom, aliases, extends, suppressions) as well as sheer size.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from robustness_helpers import cpu_time, growth

from lintdock.engine import lint_texts
from lintdock.model.diagnostic import Diagnostic

LINEAR = 8.0  # 4x the size: 4x the time when linear, 16x when quadratic


def lint(text: str) -> list[Diagnostic]:
    return lint_texts({"compose.yaml": text}, size_limits=False)


def realistic(services: int) -> str:
    """Services that build on each other: depends_on, URLs to each other, health checks."""
    template = """  svc{n}:
    image: postgres:16
    restart: on-failure:5
    environment:
      DB_HOST: svc{p}
      URL: http://svc{p}:8080/api
    depends_on:
      svc{p}:
        condition: service_healthy
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
      interval: 10s
    ports:
      - "{port}:5432"
"""
    return "services:\n" + "".join(
        template.format(n=n, p=n + 1, port=10_000 + n) for n in range(services)
    )


SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "realistic services": (realistic, 120),
    "a chain of depends_on": (
        lambda n: (
            "services:\n"
            + "".join(f"  s{i}:\n    image: x\n    depends_on: [s{i + 1}]\n" for i in range(n))
            + f"  s{n}:\n    image: x\n"
        ),
        500,
    ),
    "a cycle of depends_on": (
        lambda n: (
            "services:\n"
            + "".join(
                f"  s{i}:\n    image: x\n    depends_on: [s{(i + 1) % n}]\n" for i in range(n)
            )
        ),
        500,
    ),
    "one service everybody needs": (
        lambda n: (
            "services:\n  hub:\n    image: redis\n"
            + "".join(
                f"  s{i}:\n    image: x\n    depends_on: [hub]\n    environment: [REDIS_HOST=hub]\n"
                for i in range(n)
            )
        ),
        500,
    ),
    "merge keys": (
        lambda n: (
            "x-common: &c\n  image: x\n  restart: on-failure\nservices:\n"
            + "".join(f"  s{i}:\n    <<: *c\n" for i in range(n))
        ),
        500,
    ),
    "a chain of extends": (
        lambda n: (
            "services:\n  s0:\n    image: x\n"
            + "".join(f"  s{i + 1}:\n    extends: {{service: s{i}}}\n" for i in range(n))
        ),
        500,
    ),
    "suppressions": (
        lambda n: (
            "services:\n"
            + "".join(
                f"  # lintdock: ignore=LD504\n  s{i}:\n    image: x\n    ports: ['80']\n"
                for i in range(n)
            )
        ),
        500,
    ),
    "stale suppressions": (
        lambda n: "# lintdock: ignore-file=LD101\n" * n + "services:\n  web:\n    image: x\n",
        2_000,
    ),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_time_is_linear_in_the_size(shape: str) -> None:
    make, size = SHAPES[shape]
    assert growth(lint, make(size), make(4 * size)) < LINEAR


def big_file(megabytes: float) -> str:
    """Mostly a long block scalar and comments, then a service with a mistake (LD501)."""
    head = "services:\n  web:\n    image: nginx:1.27\n    environment:\n      CERT: |\n"
    line = "        " + "x" * 90 + "\n"
    comment = "# " + "z" * 97 + "\n"
    half = int(megabytes * (1 << 20)) // 2
    tail = "  db:\n    image: postgres:16\n    restart: sometimes\n"
    return head + line * (half // len(line)) + comment * (half // len(comment)) + tail


def test_a_10_mb_file_is_linted_in_linear_time_to_its_last_line() -> None:
    text = big_file(10)
    assert len(text) > 10_000_000
    start = time.process_time()
    found = lint(text)
    seconds = time.process_time() - start
    last_line = text.count("\n")
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("LD501", last_line, 14)]
    assert seconds / cpu_time(lambda: lint(big_file(2.5))) < LINEAR
