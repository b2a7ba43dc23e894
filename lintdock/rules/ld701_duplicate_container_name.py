"""LD701 duplicate-container-name: two services of the project set the same ``container_name``."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.compose_practice import can_run_together, from_variable, written
from lintdock.facts.service_graph import report
from lintdock.model.compose import Located, Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    if compose is None:
        return
    named: dict[str, list[tuple[Service, Located[object]]]] = {}
    for service in compose.services:
        setting = service.setting("container_name")
        if setting is None or not isinstance(setting.value.value, str) or not setting.value.value:
            continue
        name = _identity(context, setting.value)
        earlier = named.setdefault(name, [])
        clash = next(((s, v) for s, v in earlier if can_run_together(s, service)), None)
        if clash is not None:
            other, where = clash
            message = (
                f'container_name "{setting.value.value}" is also the name of service '
                f'"{other.key}" ({where.path}:{where.span.line}): Docker refuses to create a '
                "second container of that name. Give each service its own container_name, or "
                "drop it and let Compose name the containers"
            )
            yield report(context, message, service, setting.value)
        earlier.append((service, setting.value))


def _identity(context: Context, value: Located[object]) -> str:
    """What decides the name at run time: the text as written when a variable is in it (two
    different variables missing from ``.env`` are not the same name), else the value."""
    if from_variable(context.project, value):
        scalar = written(context.project, value)
        return f"written:{scalar.text}" if scalar is not None else str(value.value)
    return str(value.value)
