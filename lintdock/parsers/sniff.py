"""Cheap looks at a file's text that decide whether lintdock lints it at all: is this YAML a
compose file (a top-level ``services:`` mapping of services), is this Dockerfile (or compose
file) a template that some tool renders before Docker ever reads it.

Both read a bounded prefix only; neither parses YAML or Dockerfile syntax.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

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
_TEMPLATE_LINE = re.compile(r"^[ \t]*(?:(\{\{).*\}\}|(\{%).*%\})", re.MULTILINE)
"""A line that opens with a template tag closed on the same line (``{{ if .x }}``, ``{% if %}``)."""
_TEMPLATE_MARK = re.compile(r"(\{\{).*?\}\}|(\{%).*?%\}")


_TOP_LEVEL_INCLUDE = re.compile(r"^include[ \t]*:", re.MULTILINE)


def looks_like_compose_file(text: str) -> bool:
    """Whether a file with a compose-like name (``app-compose.yml``) holds a compose file: a
    top-level ``services:`` mapping or ``include:`` (a CI workflow named
    ``deploy-docker-compose.yml`` has neither)."""
    return looks_like_compose(text) or bool(_TOP_LEVEL_INCLUDE.search(text))


def looks_like_compose(text: str) -> bool:
    """Whether ``text`` (a prefix of a YAML file is enough) has a top-level ``services:`` key
    whose value is a mapping of service names: the next line that is not blank or a comment is
    an indented ``name:``, or the value is a flow mapping ``{name: ...}``."""
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


@dataclass(frozen=True)
class TemplateMark:
    """Why a file is a template (``reason``), and the line that shows it (1 for a name)."""

    reason: str
    line: int = 1


def template_mark(path: str, text: str) -> TemplateMark | None:
    """Why the file at ``path`` is a template rather than a file Docker reads, or None.

    A template by its name (``Dockerfile.template``, ``Dockerfile.j2``), by a path that a
    project generator fills in (``{{cookiecutter.name}}/Dockerfile``), by a line that opens
    with ``{{`` or ``{%``, or by a ``templates`` folder holding text with ``{{``/``{%``."""
    name = posixpath.basename(path)
    suffix = next((s for s in TEMPLATE_SUFFIXES if name.lower().endswith(s)), None)
    if suffix is not None:
        return TemplateMark(f"its name ends in `{suffix}`")
    if "{{" in path or "{%" in path:
        return TemplateMark("its path is filled in by a template engine")
    line = _TEMPLATE_LINE.search(text)
    if line is not None:
        number = text.count("\n", 0, line.start()) + 1
        return TemplateMark(f"line {number} opens with `{line.group(1) or line.group(2)}`", number)
    folders = posixpath.dirname(path).lower().split("/")
    mark = _TEMPLATE_MARK.search(text) if any("template" in f for f in folders) else None
    if mark is not None:
        number = text.count("\n", 0, mark.start()) + 1
        opening = mark.group(1) or mark.group(2)
        return TemplateMark(f"it is in a templates folder and uses `{opening}`", number)
    return None
