"""``projects`` in the configuration: which compose files make one project, as ``-f`` says on the
command line (an overlay linted with its base instead of as a fragment)."""

from __future__ import annotations

import pytest
from conftest import WriteTree

from lintdock.config import ConfigError
from lintdock.engine import lint_paths

BASE = "services:\n  web:\n    image: example/web:1\n    ports: ['80:80']\n"
OVERLAY = "services:\n  web:\n    depends_on: [db]\n  db:\n    image: postgres:16\n"


def test_an_overlay_is_a_fragment_without_configuration(tree: WriteTree) -> None:
    tree({"compose.yaml": BASE, "deploy/prod.yaml": OVERLAY})
    result = lint_paths(["."], workers=1)
    assert [(d.code, d.path) for d in result.diagnostics if d.code == "LD504"] == [
        ("LD504", "compose.yaml")
    ]


def test_configured_files_make_one_project(tree: WriteTree) -> None:
    tree(
        {
            ".lintdock.toml": 'projects = [["compose.yaml", "deploy/prod.yaml"]]\n',
            "compose.yaml": BASE,
            "deploy/prod.yaml": OVERLAY,
        }
    )
    result = lint_paths(["."], workers=1)
    restart = [(d.code, d.path, d.span.line) for d in result.diagnostics if d.code == "LD504"]
    # db, defined only in the overlay, is needed by web: the whole project is linted
    assert restart == [("LD504", "compose.yaml", 2), ("LD504", "deploy/prod.yaml", 4)]
    assert result.projects["deploy/prod.yaml"] == ("compose.yaml",)


@pytest.mark.parametrize("value", ['"compose.yaml"', '["compose.yaml"]', "[[]]", '[["a.yaml", 3]]'])
def test_projects_must_be_lists_of_files(tree: WriteTree, value: str) -> None:
    tree({".lintdock.toml": f"projects = {value}\n", "compose.yaml": BASE})
    with pytest.raises(ConfigError, match=r"projects"):
        lint_paths(["."], workers=1)
