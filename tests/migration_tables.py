"""The mapping tables of the migration pages, generated from the rule index as ``lintdock rules
--format json`` publishes it.

    python tests/migration_tables.py        rewrite the tables in docs/migrating-from-*.md

A table sits between ``<!-- generated: TOOL -->`` and ``<!-- end generated -->``; everything
else on the page is written by hand. ``tests/test_migration_pages.py`` fails when a table is
not what the index says now.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
PAGES = {
    REPO / "docs" / "migrating-from-hadolint.md": ("hadolint", "buildkit"),
    REPO / "docs" / "migrating-from-dclint-and-compose-lint.md": ("dclint", "compose-lint"),
}
BLOCK = re.compile(
    r"(<!-- generated: (?P<tool>[\w-]+) -->\n)(?P<table>.*?)(<!-- end generated -->)", re.S
)
TOOL_NAMES = {
    "hadolint": "hadolint",
    "buildkit": "BuildKit check",
    "dclint": "dclint",
    "compose-lint": "compose-lint",
}
RULES_BASE = "../rules"

Entry = Mapping[str, Any]


def index_entries() -> list[Entry]:
    """``lintdock rules --format json``'s entries."""
    from lintdock.cli import cli

    output = CliRunner().invoke(cli, ["rules", "--format", "json"])
    entries: list[Entry] = json.loads(output.output)["rules"]
    return entries


def table(entries: Iterable[Entry], tool: str) -> str:
    """One row per (rule of ``tool``, lintdock rule naming it), ordered by the tool's rule."""
    rows = sorted(
        (
            (_natural(identifier), entry["code"], identifier, entry)
            for entry in entries
            for equivalent in entry["equivalents"]
            if (identifier := _identifier(equivalent, tool)) is not None
        ),
        key=lambda row: row[:2],
    )
    header = [
        f"| {TOOL_NAMES[tool]} | lintdock | severity | by default | summary |",
        "|---|---|---|---|---|",
    ]
    lines = [_row(identifier, entry) for _, _, identifier, entry in rows]
    return "\n".join(header + lines) + "\n"


def _identifier(equivalent: str, tool: str) -> str | None:
    named, _, identifier = equivalent.partition(":")
    return identifier if named == tool else None


def _natural(identifier: str) -> tuple[object, ...]:
    """DL3008 before DL3010, CL-0002 before CL-0010: digits compared as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", identifier))


def _row(identifier: str, entry: Entry) -> str:
    code, name = entry["code"], entry["name"]
    shown = "SCxxxx (ShellCheck's codes)" if identifier == "SC" else identifier
    link = f"[{code} {name}]({RULES_BASE}/{code}-{name}.md)"
    default = "yes" if entry["default"] else "no"
    summary = entry["summary"].replace("|", "\\|")
    return f"| {shown} | {link} | {entry['severity']} | {default} | {summary} |"


def regenerate(text: str, entries: Sequence[Entry]) -> str:
    """``text`` with each generated block holding its table for ``entries``."""
    return BLOCK.sub(lambda m: m[1] + table(entries, m["tool"]) + m[4], text)


def main() -> int:
    entries = index_entries()
    for page in PAGES:
        old = page.read_text(encoding="utf-8")
        new = regenerate(old, entries)
        if new != old:
            page.write_text(new, encoding="utf-8")
            print(f"rewrote {page.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
