"""LD819 credential-in-connection-string: an environment value is a URL with a literal
password."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintdock.facts.container_security import (
    literal_value,
    lowered,
    role_note,
    variable_origin,
)
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context

SERVICE_KEYS = ()

URL_WITH_PASSWORD = re.compile(
    r"(?<![A-Za-z0-9+.-])(?P<scheme>[A-Za-z][A-Za-z0-9+.-]{0,31})://"
    r"(?P<user>[^\s:/@]{0,256}):(?P<password>[^\s/@]{1,1024})@[^\s@]"
)
"""``scheme://user:password@host``, every part bounded so that a long value is read in
linear time."""


def connection_password(text: str) -> str | None:
    """The scheme of a ``scheme://user:password@host`` URL in ``text`` that writes a password,
    or None."""
    match = URL_WITH_PASSWORD.search(text)
    return match["scheme"] if match else None


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    project = context.project
    for variable in project.environment(service):
        if variable.value is None:
            continue
        scheme = connection_password(literal_value(project, variable))
        if scheme is None:
            continue
        anchor, where = variable_origin(service, variable)
        message = (
            f"{variable.name.value} is a URL ({scheme}://) with a literal password in {where}"
            f"{role_note(project, service)}: anyone who can read the file, or run docker "
            "inspect, has it. Build the URL from variables (${DB_PASSWORD}) or pass it as a "
            "secret"
        )
        severity = lowered(Severity.WARNING, project, service)
        yield report(context, message, service, anchor, severity=severity)
