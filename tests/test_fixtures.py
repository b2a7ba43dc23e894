"""The example projects under ``fixtures/``: each ``expected.json`` is exactly what lintdock
reports there (regenerate with ``python tests/regenerate_fixtures.py`` and review the diff), and
projects named ``good-*`` have no LD1xx-LD5xx finding at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from regenerate_fixtures import FIXTURES, fixture_directories, reported_diagnostics

EXPECTED = fixture_directories()
GOOD = sorted(path for path in FIXTURES.rglob("good-*") if path.is_dir())


def fixture_id(directory: Path) -> str:
    return directory.relative_to(FIXTURES).as_posix()


@pytest.mark.parametrize("directory", EXPECTED, ids=[fixture_id(d) for d in EXPECTED])
def test_expected_output(directory: Path) -> None:
    expected = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
    assert reported_diagnostics(directory) == expected


@pytest.mark.parametrize("directory", GOOD, ids=[fixture_id(d) for d in GOOD])
def test_good_projects_are_clean(directory: Path) -> None:
    findings = [
        (d["path"], d["line"], d["code"])
        for d in reported_diagnostics(directory)
        if d["code"][:3] in ("LD1", "LD2", "LD3", "LD4", "LD5")
    ]
    assert findings == []
