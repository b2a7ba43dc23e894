"""compose-lint's ``.compose-lint.yml``, read beneath the lintdock configuration (whose
settings win), as hadolint's is (``docs/compose-lint-compatibility.md`` has the mapping).

Its ``rules`` table maps compose-lint's rule ids to lintdock's codes through the index's
``equivalents``: a rule compose-lint runs is selected (compose-lint runs all of them unless told
otherwise, so lintdock's opt-in hardening rules LD803, LD804, LD806, LD807 and LD822 are turned
on), ``enabled: false`` ignores it (a lintdock rule that several compose-lint rules map to is
ignored when all of them are disabled), ``severity`` sets its severity, and
``exclude_services`` drops its findings about those services.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from lintdock.config import (
    ConfigError,
    ConfigFile,
    Layer,
    UpwardMemo,
    first_file,
    nearest_upward,
)
from lintdock.files import FileKind, FileProblem, read_bytes
from lintdock.model.diagnostic import Severity
from lintdock.rules import Registry

CONFIG_NAMES = (".compose-lint.yml", ".compose-lint.yaml")
TOOL = "compose-lint"
SEVERITIES = {
    "low": Severity.INFO,
    "medium": Severity.WARNING,
    "high": Severity.WARNING,
    "critical": Severity.ERROR,
}
"""compose-lint's four severities on lintdock's three (its high is lintdock's warning: the
index puts compose-lint's high rules, LD808 or LD818, at warning)."""


def find_config(
    directory: str, stop: str | None = None, memo: UpwardMemo | None = None
) -> str | None:
    """The nearest ``.compose-lint.yml`` (or ``.yaml``) at or above ``directory``, up to
    ``stop`` (the directory of the lintdock configuration governing it, whose settings come on
    top) or the file system's root."""
    return nearest_upward(directory, lambda current: first_file(current, CONFIG_NAMES), stop, memo)


def load_config(path: str, registry: Registry) -> ConfigFile:
    """The lintdock layer a ``.compose-lint.yml`` stands for; ConfigError names the file and
    the bad key."""
    from lintdock.parsers.compose_yaml import read_yaml, to_data

    try:
        text = read_bytes(path, FileKind.CONFIG).decode("utf-8")
    except (FileProblem, UnicodeDecodeError) as problem:
        raise ConfigError(f"{path}: cannot be read ({problem})") from None
    parsed = read_yaml(path, text)
    if parsed.findings:
        finding = parsed.findings[0]
        raise ConfigError(f"{path}:{finding.span.line}: {finding.message}")
    data = to_data(parsed.documents[0]) if parsed.documents else None
    rules = data.get("rules") if isinstance(data, dict) else None
    if data is not None and not isinstance(rules, dict | None):
        raise ConfigError(f"{path}: rules must be a mapping of rule ids")
    layer = _layer(path, rules if isinstance(rules, dict) else {}, _codes_by_rule(registry))
    return ConfigFile(path=path, directory=os.path.dirname(path) or ".", layer=layer)


def _codes_by_rule(registry: Registry) -> dict[str, tuple[str, ...]]:
    """compose-lint rule id -> the lintdock codes naming it among their equivalents."""
    codes: dict[str, list[str]] = {}
    for rule in registry.rules:
        for equivalent in rule.equivalents:
            tool, _, identifier = equivalent.partition(":")
            if tool == TOOL:
                codes.setdefault(identifier, []).append(rule.code)
    return {identifier: tuple(found) for identifier, found in codes.items()}


def _layer(path: str, rules: Mapping[str, object], mapped: dict[str, tuple[str, ...]]) -> Layer:
    disabled: set[str] = set()
    severity: dict[str, Severity] = {}
    services: dict[str, tuple[str, ...]] = {}
    for rule_id, settings in rules.items():
        where = f"{path}: rules.{rule_id}"
        if str(rule_id) not in mapped:
            continue  # CL-0004 (an untagged image) is the Compose practice rules', or unknown
        if not isinstance(settings, dict | None):
            raise ConfigError(f"{where} must be a mapping")
        settings = settings or {}
        codes = mapped[str(rule_id)]
        if settings.get("enabled", True) is False:
            disabled.add(str(rule_id))
        if "severity" in settings:
            level = SEVERITIES.get(str(settings["severity"]).lower())
            if level is None:
                raise ConfigError(f"{where}.severity: expected one of {', '.join(SEVERITIES)}")
            severity.update(dict.fromkeys(codes, level))
        if "exclude_services" in settings:
            names = _service_names(where, settings["exclude_services"])
            for code in codes:
                services[code] = (*services.get(code, ()), *names)
    ignored = sorted(
        code
        for code in {c for codes in mapped.values() for c in codes}
        if all(rule_id in disabled for rule_id, codes in mapped.items() if code in codes)
    )
    selected = sorted({c for codes in mapped.values() for c in codes} - set(ignored))
    return Layer(
        extend_select=tuple(selected),
        ignore=tuple(ignored),
        severity=severity,
        service_ignores=services,
    )


def _service_names(where: str, value: object) -> tuple[str, ...]:
    """``exclude_services``: a list of names, or a mapping of name -> reason."""
    if value is None:
        return ()
    names = list(value) if isinstance(value, dict | list) else None
    if names is None or not all(isinstance(name, str) for name in names):
        raise ConfigError(f"{where}.exclude_services: expected a list of service names")
    return tuple(names)
