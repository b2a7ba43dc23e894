"""``env_file`` contents as service environment variables, each at its line in the env file."""

from __future__ import annotations

import posixpath
import re

from lintdock.model.compose import EnvVar, Located
from lintdock.model.span import Span
from lintdock.parsers.compose_interpolation import parse_env_file

_ASSIGNMENT = re.compile(r"^[ \t]*(?:export[ \t]+)?(?P<key>[A-Za-z0-9_.\-\[\]]+)[ \t]*[=:]", re.M)


def env_file_variables(text: str, path: str) -> tuple[EnvVar, ...]:
    """The variables of an env file in the dotenv format Compose reads, with the span of each
    name and of the line's value part (the value itself as Compose resolves it)."""
    values = parse_env_file(text)
    lines = text.removeprefix("\ufeff").split("\n")
    variables = []
    for number, line in enumerate(lines, start=1):
        match = _ASSIGNMENT.match(line)
        if match is None or match["key"] not in values:
            continue
        key_start = match.start("key") + 1
        name = Located(match["key"], Span(number, key_start, number, match.end("key") + 1), path)
        value_span = Span(number, match.end() + 1, number, len(line.rstrip("\r")) + 1)
        value = Located(values[match["key"]], value_span, path)
        variables.append(EnvVar(name, value))
    return tuple(variables)


def compose_file_setting(env_text: str, directory: str) -> tuple[str, ...]:
    """The compose files ``COMPOSE_FILE`` in a ``.env`` names (split on
    ``COMPOSE_PATH_SEPARATOR``, ``:`` by default), joined to ``directory``; empty when unset."""
    values = parse_env_file(env_text)
    separator = values.get("COMPOSE_PATH_SEPARATOR") or ":"
    names = [name.strip() for name in values.get("COMPOSE_FILE", "").split(separator)]
    return tuple(
        posixpath.normpath(posixpath.join(directory, name.replace("\\", "/")))
        for name in names
        if name
    )
