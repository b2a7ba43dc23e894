"""LD818 credential-in-environment: a credential-shaped variable with a literal value."""

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
from lintdock.model.compose import EnvVar, Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.project import Project
from lintdock.rules.base import Context
from lintdock.rules.ld819_credential_in_connection_string import connection_password

SERVICE_KEYS = ()

CREDENTIAL_WORDS = (
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "SECRET",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "ACCESS_KEY",
    "PRIVATE_KEY",
    "ENCRYPTION_KEY",
    "CREDENTIAL",
)
CREDENTIAL_SUFFIXES = ("_PASS", "_PWD", "_SALT", "_DSN")
NOT_THE_SECRET = (
    "_FILE",
    "_PATH",
    "_DIR",
    "_URL",
    "_URI",
    "_HOST",
    "_PORT",
    "_USER",
    "_USERNAME",
    "_TYPE",
    "_ENABLED",
    "_LENGTH",
    "_REALM",
    "_REQUIREMENTS",
    "_POLICY",
    "_STRENGTH",
)
"""Suffixes of names that are about the credential, not the credential (``PASSWORD_FILE`` is
where it is, ``TOKEN_URL`` where to get one)."""
SWITCH_WORDS = ("ALLOW_EMPTY", "RANDOM_", "GENERATE_", "SKIP_")
SWITCH_VALUES = frozenset({"", "yes", "no", "true", "false", "on", "off", "0", "1", "y", "n"})
STAND_INS = frozenset({"dummy", "fake", "mock"})
"""Values that say no credential is needed (a local emulator such as localstack takes any). A
default meant to be replaced (``changeme``) is none, nor a value that only names itself fake
(``fake-master-token``, which the services may still share as their token): forgotten, it is
the credential everyone knows."""
QUANTITY_WORDS = (
    "TTL",
    "TIMEOUT",
    "EXPIR",
    "LIFETIME",
    "MAX_AGE",
    "INTERVAL",
    "ROUNDS",
    "_MIN",
    "_MAX",
    "_SIZE",
    "_LIMIT",
    "_COUNT",
)
QUANTITY = re.compile(r"\d+(\.\d+)?(ms|s|m|h|d)?", re.IGNORECASE)


def credential_name(name: str) -> bool:
    """Whether a variable name says it holds a credential."""
    upper = name.upper()
    if upper.endswith(NOT_THE_SECRET) or any(word in upper for word in SWITCH_WORDS):
        return False
    return any(word in upper for word in CREDENTIAL_WORDS) or upper.endswith(CREDENTIAL_SUFFIXES)


def literal_credential(project: Project, variable: EnvVar) -> bool:
    """Whether the variable's file gives a credential-shaped name a literal value (not a
    switch, a duration, nor a value left to the environment)."""
    if not credential_name(variable.name.value):
        return False
    # Compose keeps quotes in the list syntax (- KEY="${VALUE}"): quotes alone are no secret.
    literal = literal_value(project, variable).strip().strip("\"'")
    if literal.lower() in SWITCH_VALUES or literal.lower() in STAND_INS:
        return False
    upper = variable.name.value.upper()
    return not (any(word in upper for word in QUANTITY_WORDS) and QUANTITY.fullmatch(literal))


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    project = context.project
    for variable in project.environment(service):
        if variable.value is None or not literal_credential(project, variable):
            continue
        if connection_password(literal_value(project, variable)) is not None:
            continue  # LD819's finding
        anchor, where = variable_origin(service, variable)
        message = (
            f"{variable.name.value} is given a literal value in {where}"
            f"{role_note(project, service)}: anyone who can read the file, or run docker "
            "inspect, has the credential. Pass it as a secret (secrets:, a *_FILE variable) or "
            f"from the environment (${{{variable.name.value}}})"
        )
        severity = lowered(Severity.WARNING, project, service)
        yield report(context, message, service, anchor, severity=severity)
