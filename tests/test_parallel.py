"""Work spread over processes: the same results, in the same order, as done in one process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lintdock.engine import LintResult, lint_paths
from lintdock.parallel import can_fork, in_order

pytestmark = pytest.mark.skipif(not can_fork(), reason="workers are forked processes")


def test_results_come_back_in_order_from_a_closure() -> None:
    offset = 1000  # a closure: workers inherit it, nothing about the work is pickled
    items = list(range(23))
    assert in_order(lambda item: (item + offset, os.getpid()), items, 4)[5][0] == 1005
    assert [r for r, _ in in_order(lambda item: (item + offset, 0), items, 4)] == [
        item + offset for item in items
    ]


def test_the_work_runs_in_several_processes() -> None:
    pids = set(in_order(lambda _item: os.getpid(), list(range(8)), 2))
    assert len(pids) == 2
    assert os.getpid() not in pids


def test_an_exception_in_a_worker_is_raised_here_as_without_workers() -> None:
    def work(item: int) -> int:
        if item == 7:
            raise ValueError("seven")
        return item

    with pytest.raises(ValueError, match="seven"):
        in_order(work, list(range(10)), 3)


def test_items_of_a_worker_that_dies_are_done_here() -> None:
    parent = os.getpid()

    def work(item: int) -> int:
        if item == 2 and os.getpid() != parent:
            os._exit(3)  # a crash that skips every handler
        return item * 2

    assert in_order(work, list(range(9)), 3) == [item * 2 for item in range(9)]


DOCKERFILE = "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl\nCMD app\n"
SUPPRESSED = '# lintdock: ignore=LD101\nFROM alpine\nCMD ["app"]\n'
STALE = "FROM alpine\n# lintdock: ignore=LD105\nRUN true\nEXPOSE 80\n"
COMPOSE = """services:
  web:
    build: ../shared
    depends_on: [db]
  db:
    image: postgres
"""


def _tree(root: Path) -> None:
    """Forty projects, two compose files building one Dockerfile, suppressions used and
    stale, a Dockerfile that does not parse."""
    for index in range(40):
        project = root / f"p{index:02}"
        project.mkdir()
        (project / "Dockerfile").write_text([DOCKERFILE, SUPPRESSED, STALE][index % 3])
    (root / "shared").mkdir()
    (root / "shared" / "Dockerfile").write_text(DOCKERFILE)
    for name in ("a", "b"):
        (root / name).mkdir()
        (root / name / "compose.yaml").write_text(COMPOSE)
    (root / "p39" / "Dockerfile").write_text("RUN nothing before FROM\n")


def _shown(result: LintResult) -> list[tuple[object, ...]]:
    return [(d.path, d.span, d.code, d.message, d.severity, d.service) for d in result.diagnostics]


def test_a_run_gives_the_same_result_with_any_number_of_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    alone = lint_paths(["."], workers=1)
    codes = {d.code for d in alone.diagnostics}
    assert {"LD001", "LD101", "LD201", "LD901", "LD102"} <= codes
    for workers in (2, 3, 7):
        spread = lint_paths(["."], workers=workers)
        assert _shown(spread) == _shown(alone)
        assert (spread.failing, spread.files, spread.failures) == (
            alone.failing,
            alone.files,
            alone.failures,
        )
        assert [r.code for r in spread.rules] == [r.code for r in alone.rules]
