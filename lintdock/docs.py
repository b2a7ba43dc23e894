"""Rule pages: the markdown files ``rules/<CODE>-<name>.md``, loaded and parsed.

Installed wheels carry them as ``lintdock/docs/`` (pyproject's force-include); a source checkout
or an editable install reads the repository's ``rules/`` folder. A page has a title
(``# LD105 curl-without-fail``), a ``**Severity:**`` line, a one-paragraph summary, ``##``
sections, and under ``## Examples`` a list of examples: each ``**Bad**``/``**Good**`` paragraph
starts one, and the fenced blocks after it are the files of that example project. A block's info
string is its language, optionally with `` path=relative/path`` (default ``Dockerfile`` for
``dockerfile`` and ``compose.yaml`` for ``yaml``; other languages need a path).
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lintdock.rules.base import Rule, config_name, option_help

PROJECT_URI = "https://github.com/lintdock/lintdock"
RULE_DOCS_URI = f"{PROJECT_URI}/blob/main/rules"
PACKAGE = Path(__file__).resolve().parent
PAGE_FOLDERS = (PACKAGE / "docs", PACKAGE.parent / "rules")
DEFAULT_PATHS = {"dockerfile": "Dockerfile", "yaml": "compose.yaml"}

TITLE = re.compile(r"#\s+(?P<code>LD\d{3}|SC)\s+(?P<name>\S+)\s*")
EXAMPLE_START = re.compile(r"\*\*(?P<kind>Bad|Good)\*\*\s*[:.—-]?\s*(?P<description>.*)")
FENCE_OPEN = re.compile(r"(?P<fence>```+|~~~+)\s*(?P<language>[\w-]*)(?P<attributes>.*)")
HEADING = re.compile(r"#{1,6}\s")
PATH_ATTRIBUTE = re.compile(r"\bpath=(?P<path>\S+)")


@dataclass(frozen=True)
class ExampleFile:
    path: str
    language: str
    text: str


@dataclass(frozen=True)
class Example:
    """One Bad or Good example: a small project of files."""

    bad: bool
    description: str
    files: tuple[ExampleFile, ...]
    line: int  # where the example starts in the page, for test ids

    def texts(self) -> dict[str, str]:
        return {f.path: f.text for f in self.files}


@dataclass(frozen=True)
class Page:
    path: Path
    code: str
    name: str
    summary: str
    sections: dict[str, str]
    examples: tuple[Example, ...]
    text: str


def page_folder() -> Path | None:
    """Where the pages are: the packaged copy, else the source checkout's ``rules/``."""
    return next((folder for folder in PAGE_FOLDERS if folder.is_dir()), None)


def page_paths() -> list[Path]:
    folder = page_folder()
    return sorted([*folder.glob("LD*.md"), *folder.glob("SC-*.md")]) if folder else []


def page_url(rule: Rule) -> str:
    """Where ``rule``'s page is published."""
    return f"{RULE_DOCS_URI}/{rule.code}-{rule.name}.md"


def options_section(rule: Rule) -> str:
    """The start of a page's ``## Options`` section, from the rule's declared options: a table
    of name, default and description, or ``None.``"""
    rows = [
        f"| `{config_name(f.name)}` | `{json.dumps(_toml(f.default))}` | {option_help(f)} |"
        for f in _declared(rule)
    ]
    if not rows:
        return "None."
    return "\n".join(["| Option | Default | Description |", "|---|---|---|", *rows])


def _declared(rule: Rule) -> tuple[Any, ...]:
    options_type = rule.options_type
    return dataclasses.fields(options_type) if options_type is not None else ()


def _toml(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def page_path(rule: Rule) -> Path | None:
    """Where ``rule``'s page is, or None when it has none."""
    folder = page_folder()
    path = folder / f"{rule.code}-{rule.name}.md" if folder else None
    return path if path is not None and path.is_file() else None


def rule_page(rule: Rule) -> Page | None:
    """``rule``'s parsed page, or None when it has none."""
    path = page_path(rule)
    return load_page(path) if path is not None else None


def load_page(path: Path) -> Page:
    """Parse a page; ValueError when it has no ``# LDnnn name`` title."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    title = TITLE.fullmatch(lines[0]) if lines else None
    if title is None:
        raise ValueError(f"{path.name}: the first line must be '# LDnnn rule-name'")
    return Page(
        path=path,
        code=title["code"],
        name=title["name"],
        summary=_summary(lines[1:]),
        sections=_sections(lines),
        examples=tuple(_examples(lines)),
        text=text,
    )


def _summary(lines: list[str]) -> str:
    paragraphs = "\n".join(lines).split("\n\n")
    for paragraph in paragraphs:
        stripped = paragraph.strip()
        if stripped and not stripped.startswith(("**Severity", "#")):
            return " ".join(stripped.split())
    return ""


def _sections(lines: list[str]) -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        if line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), [])
        elif current is not None:
            current.append(line)
    return {name: "\n".join(body).strip() for name, body in sections.items()}


def _examples(lines: list[str]) -> list[Example]:
    """The Bad/Good examples, in page order; fenced blocks outside an example are skipped."""
    examples: list[Example] = []
    current: tuple[bool, str, int] | None = None
    files: list[ExampleFile] = []
    number = 0
    while number < len(lines):
        line = lines[number]
        start = EXAMPLE_START.match(line)
        fence = FENCE_OPEN.fullmatch(line.strip())
        if start or HEADING.match(line):
            if current is not None:
                examples.append(Example(current[0], current[1], tuple(files), current[2]))
            current = (start["kind"] == "Bad", start["description"], number + 1) if start else None
            files = []
        elif fence:
            body, number = _fenced_body(lines, number + 1, fence["fence"])
            example_file = _example_file(fence["language"], fence["attributes"], body)
            if example_file is not None and current is not None:
                files.append(example_file)
        number += 1
    if current is not None:
        examples.append(Example(current[0], current[1], tuple(files), current[2]))
    return examples


def _fenced_body(lines: list[str], start: int, fence: str) -> tuple[str, int]:
    """The text of a block whose first line is ``start``, and the line of its closing fence."""
    end = start
    while end < len(lines) and lines[end].strip() != fence:
        end += 1
    return "".join(line + "\n" for line in lines[start:end]), end


def _example_file(language: str, attributes: str, body: str) -> ExampleFile | None:
    path = PATH_ATTRIBUTE.search(attributes)
    chosen = path["path"] if path else DEFAULT_PATHS.get(language)
    return ExampleFile(chosen, language, body) if chosen else None
