"""LD818 credential-in-environment: a credential-shaped variable with a literal value."""

from __future__ import annotations

import re
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
    "_HOSTNAME",
    "_ADDR",
    "_ADDRESS",
    "_PORT",
    "_USER",
    "_USERNAME",
    "_NAME",
    "_ID",
    "_TYPE",
    "_ENABLED",
    "_LENGTH",
    "_REALM",
    "_REQUIREMENTS",
    "_POLICY",
    "_STRENGTH",
    "_LANGUAGE",
    "_LOCALE",
)
"""Suffixes of names that are about the credential, not the credential (``PASSWORD_FILE`` is
where it is, ``TOKEN_URL`` where to get one, ``AWS_ACCESS_KEY_ID`` names the key whose secret
is ``AWS_SECRET_ACCESS_KEY``), or about something else that an app prefixes with a credential
word (Hemmelig's ``SECRET_LOCAL_HOSTNAME``, ``SECRET_FORCED_LANGUAGE``)."""
SWITCH_WORDS = ("ALLOW_EMPTY", "RANDOM_", "GENERATE_", "SKIP_")
SWITCH_VALUES = frozenset({"", "yes", "no", "true", "false", "on", "off", "0", "1", "y", "n"})
STAND_INS = frozenset({"dummy", "fake", "mock", "user_provided"})
"""Values that say no credential is needed (a local emulator such as localstack takes any), or
that the user gives it at run time (LibreChat's ``user_provided``). A default meant to be
replaced (``changeme``) is none of these, nor a value that only names itself fake
(``fake-master-token``, which the services may still share as their token): forgotten, it is
the credential everyone knows, a well-known default the rule tells as information."""
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
    "LIMIT",
    "_COUNT",
)
QUANTITY = re.compile(r"\d+(\.\d+)?(ms|s|m|h|d)?(/[a-z]+)?", re.IGNORECASE)
"""A number, a duration or a rate (``3``, ``30s``, ``60/minute``): with a name that says it
is one (``TOKEN_TTL``, ``LIMITER_GET_TOKEN``), no credential."""


@dataclass(frozen=True)
class Options:
    """LD818's options (``[tool.lintdock.rules.LD818]``)."""

    default_credentials: tuple[str, ...] = option(
        DEFAULT_CREDENTIALS,
        "Values that are well-known defaults or placeholders, not secrets (glob patterns, "
        "case ignored): information, and not reported at all in test, development and "
        "example files. A value equal to an account, database or application name of the "
        "project (`POSTGRES_PASSWORD: nextcloud` beside `POSTGRES_USER: nextcloud`) counts as "
        "one too.",
    )


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
    if "://" in literal:
        # A URL named as a secret is one (a webhook's secret path), unless it is a connection
        # string: with a password it is LD819's, without one (smtp://mailpit:1025) it holds none.
        return connection_credentials(literal) is None and not upper.endswith("_DSN")
    return not (any(word in upper for word in QUANTITY_WORDS) and QUANTITY.fullmatch(literal))


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    project = context.project
    for variable in project.environment(service):
        if variable.value is None or not literal_credential(project, variable):
            continue
        anchor, where = variable_origin(service, variable)
        name = variable.name.value
        literal = literal_value(project, variable)
        fallback = set_by_deployer(value_when_set(project, variable))
        if well_known_default(project, literal, context.options.default_credentials):
            severity = default_credential_severity(project, service, fallback)
            if severity is not None:
                message = (
                    f"{name} is given a well-known default in {where}: a placeholder anyone "
                    f"can guess, not a secret. Set a real one from the environment (${{{name}}}) "
                    "or a secret before deploying"
                )
                yield report(context, message, service, anchor, severity=severity)
            continue
        given = "a literal fallback" if fallback else "a literal value"
        message = (
            f"{name} is given {given} in {where}{role_note(project, service)}: anyone "
            "who can read the file, or run docker inspect, has the credential. Pass it as a "
            f"secret (secrets:, a *_FILE variable) or from the environment (${{{name}}}"
            f"{', without a default' if fallback else ''})"
        )
        severity = lowered(Severity.WARNING, project, service)
        yield report(context, message, service, anchor, severity=severity)
