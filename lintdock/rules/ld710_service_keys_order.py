"""LD710 service-keys-order: a service's keys out of the conventional order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.compose_order import misplaced, ranked, repeated_keys
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


@dataclass(frozen=True)
class Options:
    """LD710's options (``[tool.lintdock.rules.LD710]``)."""

    order: tuple[str, ...] = option(
        ORDER, "The keys in order; keys not listed follow them, alphabetically.", repeated_keys
    )


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    key = ranked(context.options.order)
    for file in compose.presentation if compose is not None else ():
        for mapping in file.mappings:
            path = mapping.path
            if len(path) != 2 or path[0] != "services":
                continue
            found = misplaced(file, mapping.entries, key, "put the service's keys in order")
            for entry in found.moves if found is not None else ():
                assert found is not None and entry.key is not None
                message = (
                    f'key "{entry.key.value}" of service "{path[1]}" is out of order: '
                    f"expected {found.expected}"
                )
                yield context.report(
                    message, file.path, entry.key.span, service=str(path[1]), fix=found.fix
                )
