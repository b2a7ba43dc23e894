"""LD819 credential-in-connection-string: an environment value is a URL with a literal
password."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.container_security import (
    connection_credentials,
    default_credential_severity,
    literal_value,
    lowered,
    role_note,
    set_by_deployer,
    value_when_set,
    variable_origin,
    well_known_default,
)
from lintdock.facts.default_credentials import DEFAULT_CREDENTIALS
from lintdock.facts.reporting import report
from lintdock.model.compose import EnvVar, Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import Project
from lintdock.rules.base import Context, option

SERVICE_KEYS = ()


@dataclass(frozen=True)
class Options:
    """LD819's options (``[tool.lintdock.rules.LD819]``)."""

    default_credentials: tuple[str, ...] = option(
        DEFAULT_CREDENTIALS,
        "Passwords that are well-known defaults or placeholders, not secrets (glob patterns, "
        "case ignored): information, and not reported at all in test, development and "
        "example files. A password equal to the URL's user, or to an account, database "
        "or application name of the project (`postgres://umami:umami@db`), counts as one too.",
    )


def password_set_by_deployer(project: Project, variable: EnvVar) -> bool:
    """Whether the URL's password (or the whole URL) comes from a variable, so that the file's
    password is only the fallback of ``${DB_PASSWORD:-...}``."""
    when_set = connection_credentials(value_when_set(project, variable))
    return when_set is None or set_by_deployer(when_set[2])


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    project = context.project
    for variable in project.environment(service):
        if variable.value is None:
            continue
        found = connection_credentials(literal_value(project, variable))
        if found is None:
            continue
        scheme, user, password = found
        anchor, where = variable_origin(service, variable)
        name = variable.name.value
        patterns = context.options.default_credentials
        if password == user or well_known_default(project, password, patterns):
            deployer = password_set_by_deployer(project, variable)
            severity = default_credential_severity(project, service, deployer)
            if severity is not None:
                message = (
                    f"{name} is a URL ({scheme}://) with a well-known default password in "
                    f"{where}: a placeholder anyone can guess, not a secret. Build the URL from "
                    "variables (${DB_PASSWORD}) before deploying"
                )
                yield report(context, message, service, anchor, severity=severity)
            continue
        message = (
            f"{name} is a URL ({scheme}://) with a literal password in {where}"
            f"{role_note(project, service)}: anyone who can read the file, or run docker "
            "inspect, has it. Build the URL from variables (${DB_PASSWORD}) or pass it as a "
            "secret"
        )
        severity = lowered(Severity.WARNING, project, service)
        yield report(context, message, service, anchor, severity=severity)
