"""LD706 obsolete-version-field: the top-level ``version`` key, which Compose ignores (info in a
file written for ``docker stack deploy``, which required it before Docker 23.0)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from lintdock.facts.service_graph import is_swarm_file
from lintdock.model.compose import Located, PresentedMapping, YamlPresentation
from lintdock.model.diagnostic import Diagnostic, Edit, Fix, Severity
from lintdock.model.span import Span
from lintdock.rules.base import Context

OBSOLETE = (
    "the version key is obsolete: Compose ignores it (and warns that it does), every file "
    "follows the Compose Specification. Remove it"
)
STACK_VERSION = (
    "the version key is obsolete for Compose, but this file is written for docker stack deploy, "
    'which before Docker 23.0 rejects a file without it ("unsupported Compose file version: '
    '1.0"). Remove it once every manager runs Docker 23.0 or later'
)


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    stack = is_swarm_file(compose)
    for file in compose.presentation if compose is not None else ():
        for root in (m for m in file.mappings if m.path == ()):
            key = next((k for k in root.keys if k.value == "version"), None)
            if key is None:
                continue
            fix = _remove(file, root, key)
            if not stack:
                yield context.report(OBSOLETE, key.path, key.span, fix=fix)
                continue
            fix = replace(fix, safe=False) if fix is not None else None
            yield context.report(STACK_VERSION, key.path, key.span, Severity.INFO, fix=fix)


def _remove(file: YamlPresentation, root: PresentedMapping, key: Located[str]) -> Fix | None:
    """Delete the lines of ``version: ...`` when they hold nothing else: a block mapping key at
    the start of its line whose value ends before the next key's line (a comment on those lines
    goes with them; comments on lines of their own stay)."""
    if root.flow or key.span.column != 1:
        return None
    value = next(
        (s for s in file.scalars if s.path == ("version",) and not s.key and s.span > key.span),
        None,
    )
    last_line = value.span.end_line if value is not None else key.span.end_line
    later = [k.span.line for k in root.keys if k.span > key.span]
    if later and min(later) <= last_line:
        return None
    return Fix("remove the version key", (Edit(Span(key.span.line, 1, last_line + 1, 1), ""),))
