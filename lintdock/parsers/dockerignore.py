"""``.dockerignore`` files, read as Docker reads them (``moby/patternmatcher``): a BOM is
dropped, lines starting with ``#`` are comments, each pattern is trimmed, cleaned like a path and
loses a leading ``/``; ``!`` starts an exception. A pattern Docker cannot compile (a bad
character class) is dropped here, where Docker would refuse the build."""

from __future__ import annotations

import posixpath
import re

from lintdock.model.dockerignore import DockerIgnore, IgnorePattern

_ESCAPED = frozenset(".+()|{}$")


def parse_dockerignore(text: str, path: str) -> DockerIgnore:
    patterns = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
        if line.startswith("#"):
            continue
        written = line.strip()
        if not written:
            continue
        exclusion = written.startswith("!")
        if exclusion:
            written = written[1:].strip()
        if not written:
            continue  # Docker refuses a lone "!"
        cleaned = clean(written)
        if len(cleaned) > 1 and cleaned.startswith("/"):
            cleaned = cleaned[1:]
        compiled = _compile(cleaned)
        if compiled is not None:
            patterns.append(IgnorePattern(cleaned, exclusion, number, compiled))
    return DockerIgnore(path, tuple(patterns))


def clean(path: str) -> str:
    """Go's ``filepath.Clean`` on a ``/``-separated path."""
    cleaned = posixpath.normpath(path)
    return "/" + cleaned.lstrip("/") if cleaned.startswith("//") else cleaned


def _compile(pattern: str) -> re.Pattern[str] | None:
    """The pattern as Docker's regular expression (anchored at both ends)."""
    out = ["^"]
    index = 0
    while index < len(pattern):
        char = pattern[index]
        index += 1
        if char == "*":
            if pattern.startswith("*", index):
                index += 1
                if pattern.startswith("/", index):
                    index += 1
                out.append(".*" if index >= len(pattern) else "(.*/)?")
            else:
                out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char in _ESCAPED:
            out.append("\\" + char)
        elif char == "\\":
            if index < len(pattern):
                out.append(re.escape(pattern[index]))
                index += 1
            else:
                out.append("\\\\")
        elif char in "[]":
            out.append(char)
        else:
            out.append(re.escape(char))
    out.append("$")
    try:
        return re.compile("".join(out), re.DOTALL)
    except re.error:
        return None
