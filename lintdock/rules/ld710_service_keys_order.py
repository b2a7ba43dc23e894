"""LD710 service-keys-order: a service's keys out of the conventional order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.compose_order import out_of_place, reorder_fix, sort_key, sortable
from lintdock.model.compose import PresentedEntry
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context, option

ORDER = (
    "image",
    "build",
    "container_name",
    "depends_on",
    "volumes",
    "volumes_from",
    "configs",
    "secrets",
    "environment",
    "env_file",
    "ports",
    "networks",
    "network_mode",
    "extra_hosts",
    "command",
    "entrypoint",
    "working_dir",
    "restart",
    "healthcheck",
    "logging",
    "labels",
    "user",
    "isolation",
)


def _order_problem(keys: tuple[str, ...]) -> str | None:
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    return f"{', '.join(repeated)} listed twice" if repeated else None


@dataclass(frozen=True)
class Options:
    """LD710's options (``[tool.lintdock.rules.LD710]``)."""

    order: tuple[str, ...] = option(
        ORDER, "The keys in order; keys not listed follow them, alphabetically.", _order_problem
    )


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    rank = {key: index for index, key in enumerate(context.options.order)}

    def key(entry: PresentedEntry) -> tuple[int, tuple[str, str]]:
        name = entry.key.value if entry.key is not None else ""
        return (rank[name], ("", "")) if name in rank else (len(rank), sort_key(name))

    for file in compose.presentation if compose is not None else ():
        for mapping in file.mappings:
            path = mapping.path
            if len(path) != 2 or path[0] != "services":
                continue
            entries = sortable(mapping.entries)
            misplaced = out_of_place([key(e) for e in entries])
            if not misplaced:
                continue
            expected = ", ".join(e.key.value for e in sorted(entries, key=key) if e.key)
            fix = reorder_fix(file, mapping.entries, key, "put the service's keys in order")
            for index in sorted(misplaced):
                entry = entries[index]
                assert entry.key is not None
                message = (
                    f'key "{entry.key.value}" of service "{path[1]}" is out of order: '
                    f"expected {expected}"
                )
                yield context.report(
                    message, file.path, entry.key.span, service=str(path[1]), fix=fix
                )
