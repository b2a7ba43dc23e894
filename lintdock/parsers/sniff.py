"""Cheap looks at a file's text that decide whether lintdock lints it at all: is this YAML a
compose file (a top-level ``services:`` mapping of services), is this Dockerfile (or compose
file) a template that some tool renders before Docker ever reads it, is a file named like a
Dockerfile one at all (a Python script, a piece that a template inserts, a file without a
single instruction).

Both read a bounded prefix only; neither parses YAML or Dockerfile syntax.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lintdock.discovery import Kind, other_language
from lintdock.parsers.dockerfile_instructions import KEYWORDS

PREFIX_BYTES = 64 * 1024
"""How much of a ``.yml``/``.yaml`` file the compose check reads (``services:`` after 64 KiB of
top-level ``x-`` blocks is not worth a full read of every YAML file of a repository)."""

_TOP_LEVEL_SERVICES = re.compile(r"^services[ \t]*:[ \t]*(?:#.*)?$", re.MULTILINE)
_FLOW_SERVICES = re.compile(
    r"^services[ \t]*:[ \t]*\{[ \t]*[\"']?[\w.-]+[\"']?[ \t]*:", re.MULTILINE
)
_SERVICE_ENTRY = re.compile(r"[ \t]+[\"']?[\w.${}-]+[\"']?[ \t]*:(?:[ \t]|$)")
_CONTINUATION = re.compile(r"[ \t]*(?:#.*)?$")

TEMPLATE_SUFFIXES = (
    ".template",
    ".tmpl",
    ".tpl",
    ".j2",
    ".jinja",
    ".jinja2",
    ".erb",
    ".mustache",
    ".hbs",
    ".gotmpl",
)
_TEMPLATE_LINE = re.compile(r"^[ \t]*(\{\{|\{%)", re.MULTILINE)
"""A line that opens with a template tag (``{{ if .x }}``, ``{% if %}``, or ``{{`` alone, its
tag closed lines below)."""
_TAG_CLOSE = {"{{": "}}", "{%": "%}"}
_TEMPLATE_MARK = re.compile(r"(\{\{).*?\}\}|(\{%).*?%\}")


_TOP_LEVEL_INCLUDE = re.compile(r"^include[ \t]*:", re.MULTILINE)
_TOP_LEVEL_KEY = re.compile(r"^[\"']?([A-Za-z_][\w.-]*)[\"']?[ \t]*:", re.MULTILINE)
COMPOSE_TOP_LEVEL = frozenset(
    {
        "services",
        "version",
        "name",
        "include",
        "networks",
        "volumes",
        "configs",
        "secrets",
        "models",
    }
)
"""The top-level keys of the Compose specification (and ``x-`` extensions besides)."""


def looks_like_compose_file(text: str) -> bool:
    """Whether a file with a compose-like name (``app-compose.yml``) holds a compose file: a
    top-level ``services:`` mapping or ``include:`` (a CI workflow named
    ``deploy-docker-compose.yml`` has neither)."""
    return looks_like_compose(text) or bool(_TOP_LEVEL_INCLUDE.search(text))


def looks_like_compose(text: str) -> bool:
    """Whether ``text`` (a prefix of a YAML file is enough) has a top-level ``services:`` key
    whose value is a mapping of service names: the next line that is not blank or a comment is
    an indented ``name:``, or the value is a flow mapping ``{name: ...}``. Two or more
    top-level keys that Compose does not know make it another tool's file (a CI pipeline's
    ``workspace:`` and ``steps:``), where one is more likely a compose file's typo."""
    return _has_services_mapping(text) and len(_foreign_top_level_keys(text)) < 2


def _has_services_mapping(text: str) -> bool:
    if _FLOW_SERVICES.search(text):
        return True
    for match in _TOP_LEVEL_SERVICES.finditer(text):
        for line in text[match.end() + 1 :].split("\n"):
            if _CONTINUATION.fullmatch(line):
                continue
            if _SERVICE_ENTRY.match(line):
                return True
            break
    return False


def _foreign_top_level_keys(text: str) -> set[str]:
    keys = {match.group(1) for match in _TOP_LEVEL_KEY.finditer(text)}
    return {key for key in keys if key not in COMPOSE_TOP_LEVEL and not key.startswith("x-")}


@dataclass(frozen=True)
class Mark:
    """What a file is instead (``what``: ``a template``, ``a Python file``), why lintdock
    thinks so (``reason``), and the line that shows it (1 for a name)."""

    reason: str
    line: int = 1
    what: str = "a template"


def template_mark(path: str, text: str) -> Mark | None:
    """Why the file at ``path`` is a template rather than a file Docker reads, or None.

    A template by its name (``Dockerfile.template``, ``Dockerfile.j2``), by a path that a
    project generator fills in (``{{cookiecutter.name}}/Dockerfile``), by a line that opens
    with ``{{`` or ``{%``, or by a ``templates`` folder holding text with ``{{``/``{%``."""
    name = posixpath.basename(path)
    suffix = next((s for s in TEMPLATE_SUFFIXES if name.lower().endswith(s)), None)
    if suffix is not None:
        return Mark(f"its name ends in `{suffix}`")
    if "{{" in path or "{%" in path:
        return Mark("its path is filled in by a template engine")
    last_close = {opening: text.rfind(close) for opening, close in _TAG_CLOSE.items()}
    for line in _TEMPLATE_LINE.finditer(text):
        opening = line.group(1)
        if last_close[opening] > line.end():
            number = text.count("\n", 0, line.start()) + 1
            return Mark(f"line {number} opens with `{opening}`", number)
    mark = _TEMPLATE_MARK.search(text) if _in_templates_folder(path) else None
    if mark is not None:
        number = text.count("\n", 0, mark.start()) + 1
        opening = mark.group(1) or mark.group(2)
        return Mark(f"it is in a templates folder and uses `{opening}`", number)
    return None


def _in_templates_folder(path: str) -> bool:
    return any("template" in folder for folder in posixpath.dirname(path).lower().split("/"))


_KEYWORD_LINE = re.compile(
    rf"^[ \t]*(?:{'|'.join(KEYWORDS)})(?:[ \t]|$)", re.MULTILINE | re.IGNORECASE
)
_FROM_LINE = re.compile(r"^[ \t]*FROM(?:[ \t]|$)", re.MULTILINE | re.IGNORECASE)


def not_a_dockerfile(path: str, text: str) -> Mark | None:
    """Why a file named like a Dockerfile is something else, or None: a template
    (``template_mark``), a file of another language by its extension, or a piece of a
    Dockerfile (instructions but no FROM) in a templates folder, which a template inserts."""
    mark = template_mark(path, text)
    if mark is not None:
        return mark
    language = other_language(path)
    if language is not None:
        suffix = posixpath.splitext(path)[1]
        return Mark(f"its name ends in `{suffix}`", what=language)
    if _in_templates_folder(path) and not _FROM_LINE.search(text):
        return Mark(
            "it has no FROM and is in a templates folder", what="a piece that a template inserts"
        )
    return None


SYNOPSIS_INSTRUCTIONS = 3
"""Instructions written as syntax synopses that make a Dockerfile a reference sheet."""
PLACEHOLDER = re.compile(r"<[a-z][a-z0-9 _-]*>")
"""A syntax synopsis's placeholder (``<name>``, ``<default value>``): in ARG, ENV, LABEL,
USER, COPY, ADD, EXPOSE, WORKDIR or VOLUME no Dockerfile meant to be built writes one."""
DECLARATIONS = frozenset(
    ["ARG", "ENV", "LABEL", "USER", "COPY", "ADD", "EXPOSE", "WORKDIR", "VOLUME"]
)
_DECLARATION_LINE = re.compile(
    rf"^[ \t]*(?:{'|'.join(DECLARATIONS)})[ \t].*$", re.MULTILINE | re.IGNORECASE
)


def reference_sheet_mark(text: str) -> Mark | None:
    """Why a Dockerfile is a reference sheet of Dockerfile syntax, which nobody builds (lnmp's
    ``ARG <name>[=<default value>]``, ``USER <user>[:<group>]``), or None."""
    synopses = [
        found for found in _DECLARATION_LINE.finditer(text) if PLACEHOLDER.search(found.group())
    ]
    if len(synopses) < SYNOPSIS_INSTRUCTIONS:
        return None
    first = synopses[0]
    line = text.count("\n", 0, first.start()) + 1
    return Mark(f"its instructions are syntax: {first.group().strip()}", line, "a reference sheet")


def skipped_by_walk(path: str, kind: Kind | None, text: str) -> Mark | None:
    """Why a walk leaves out a file it found: a template (``template_mark``); for a Dockerfile
    by its name, ``not_a_dockerfile``, a reference sheet (``reference_sheet_mark``), or, named
    other than ``Dockerfile`` (the name ``docker build`` reads), not one line of it starts with
    an instruction (an empty file, comments only, ``KEY=value`` lines). Named explicitly, such a
    file is linted, and BuildKit's error told."""
    if kind is not Kind.DOCKERFILE:
        return template_mark(path, text)
    mark = not_a_dockerfile(path, text) or reference_sheet_mark(text)
    default_name = posixpath.basename(path) in ("Dockerfile", "Containerfile")
    if mark is None and not default_name and not _KEYWORD_LINE.search(text):
        return Mark("no line starts with an instruction", what="not a Dockerfile")
    return mark
