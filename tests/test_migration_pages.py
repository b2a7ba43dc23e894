"""The migration pages' mapping tables are what the rule index says now
(``python tests/migration_tables.py`` rewrites them)."""

from __future__ import annotations

import pytest
from migration_tables import BLOCK, PAGES, index_entries, regenerate, table

ENTRIES = index_entries()


@pytest.mark.parametrize("page", sorted(PAGES), ids=[p.name for p in sorted(PAGES)])
def test_the_page_tables_are_up_to_date(page) -> None:  # type: ignore[no-untyped-def]
    text = page.read_text(encoding="utf-8")
    assert sorted(m["tool"] for m in BLOCK.finditer(text)) == sorted(PAGES[page])
    assert regenerate(text, ENTRIES) == text, (
        f"{page.name}: a mapping table is out of date: run python tests/migration_tables.py"
    )


def test_a_table_has_a_row_per_equivalent_in_the_tools_order() -> None:
    entries = [
        {
            "code": "LD610",
            "name": "b",
            "severity": "warning",
            "default": True,
            "summary": "B | b.",
            "equivalents": ["hadolint:DL3010", "buildkit:X"],
        },
        {
            "code": "LD601",
            "name": "a",
            "severity": "info",
            "default": False,
            "summary": "A.",
            "equivalents": ["hadolint:DL3008", "hadolint:DL3000"],
        },
    ]
    assert table(entries, "hadolint").splitlines()[2:] == [
        "| DL3000 | [LD601 a](../rules/LD601-a.md) | info | no | A. |",
        "| DL3008 | [LD601 a](../rules/LD601-a.md) | info | no | A. |",
        "| DL3010 | [LD610 b](../rules/LD610-b.md) | warning | yes | B \\| b. |",
    ]


def test_a_stale_table_is_rewritten() -> None:
    stale = "intro\n<!-- generated: dclint -->\n| old |\n<!-- end generated -->\nafter\n"
    fresh = regenerate(stale, ENTRIES)
    assert fresh.startswith("intro\n<!-- generated: dclint -->\n| dclint | lintdock |")
    assert fresh.endswith("<!-- end generated -->\nafter\n") and "| old |" not in fresh
