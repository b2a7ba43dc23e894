"""LD714 top-level-keys-order: a file's top-level keys out of the conventional order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.compose_order import EXTENSIONS, misplaced, ranked, repeated_keys
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context, option

ORDER = (
    EXTENSIONS,
    "version",
    "name",
    "include",
    "services",
    "networks",
    "volumes",
    "secrets",
    "configs",
    "models",
)

SPECIFIED = frozenset(ORDER) - {EXTENSIONS}
"""The top-level keys of the Compose Specification; any other key but ``x-*`` is invalid."""


@dataclass(frozen=True)
class Options:
    """LD714's options (``[tool.lintdock.rules.LD714]``)."""

    order: tuple[str, ...] = option(
        ORDER,
        'The keys in order ("x-*": every extension key, in any order among themselves); '
        "keys not listed follow them, alphabetically.",
        repeated_keys,
    )


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    key = ranked(context.options.order)
    for file in compose.presentation if compose is not None else ():
        for mapping in (m for m in file.mappings if m.path == ()):
            if not all(_specified(entry.key.value) for entry in mapping.entries if entry.key):
                continue  # not a compose file as Compose reads it (LD003 says why): no order
            found = misplaced(file, mapping.entries, key, "put the top-level keys in order")
            for entry in found.moves if found is not None else ():
                assert found is not None and entry.key is not None
                message = (
                    f'top-level key "{entry.key.value}" is out of order: expected {found.expected}'
                )
                yield context.report(message, file.path, entry.key.span, fix=found.fix)


def _specified(key: str) -> bool:
    return key in SPECIFIED or key.startswith("x-")
