"""LD703 invalid-container-name: a ``container_name`` Docker refuses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintdock.facts.compose_practice import from_variable
from lintdock.facts.service_graph import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

SERVICE_KEYS = ()

# The Docker Engine's container name pattern (a leading "/" is the engine's own prefix).
CONTAINER_NAME = re.compile(r"/?[a-zA-Z0-9][a-zA-Z0-9_.-]+")


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    setting = service.setting("container_name")
    if setting is None or not isinstance(setting.value.value, str):
        return
    name = setting.value.value
    if CONTAINER_NAME.fullmatch(name) or from_variable(context.project, setting.value):
        return
    message = (
        f'container_name "{name}" is not a name Docker accepts: it must start with a letter or '
        "digit and go on with letters, digits, _, . or - (two characters at least)"
    )
    yield report(context, message, service, setting.value)
