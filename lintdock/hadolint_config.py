"""hadolint's configuration file (``.hadolint.yaml`` / ``.hadolint.yml``), read as a layer of
lintdock settings beneath the lintdock configuration, so that a project moving from hadolint
keeps what it configured. hadolint codes become the lintdock rules whose ``equivalents`` name
them; a code lintdock has no rule for is skipped.

========================  ====================================================================
hadolint                  lintdock
========================  ====================================================================
``ignored``               ``ignore``
``override``              ``severity`` (``style`` is ``info``)
``failure-threshold``     ``fail-on`` (``style`` and ``ignore`` are ``info``)
``trustedRegistries``     the ``trusted-registries`` option of the rule equivalent to DL3026
``label-schema``          the ``label-schema`` option of the label rules (DL3049-DL3058), which
                          it also selects, as hadolint checks labels only when it has a schema
``strict-labels``         their ``strict-labels`` option
========================  ====================================================================

``format``, ``no-color``, ``no-fail`` and ``disable-ignore-pragma`` are output and exit choices
of a hadolint run and are not carried over. See ``docs/hadolint-compatibility.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from lintdock.config import (
    ConfigError,
    Layer,
    UpwardMemo,
    first_file,
    nearest_upward,
    parse_table,
)
from lintdock.files import FileKind, FileProblem, read_text
from lintdock.rules import Registry
from lintdock.rules.base import Rule

NAMES = (".hadolint.yaml", ".hadolint.yml")
LEVELS = {"error": "error", "warning": "warning", "info": "info", "style": "info"}
THRESHOLDS = {**LEVELS, "ignore": "info"}
# hadolint's key -> the lintdock option it sets on the rules that declare one of that name.
OPTION_KEYS = {
    "trustedRegistries": "trusted-registries",
    "label-schema": "label-schema",
    "strict-labels": "strict-labels",
}


def find_hadolint_config(
    directory: str, stop: str | None = None, memo: UpwardMemo | None = None
) -> str | None:
    """The nearest hadolint configuration at or above ``directory``, up to ``stop`` (the
    directory of the lintdock configuration governing it, whose settings come on top) or the
    file system's root."""
    return nearest_upward(directory, lambda current: first_file(current, NAMES), stop, memo)


def load_hadolint_config(path: str, registry: Registry) -> Layer:
    """The lintdock settings a hadolint configuration file says; ConfigError names the file and
    the key when it is not one hadolint would read."""
    data = _read_yaml(path)
    where = f"{path}: "
    if data is None:
        return Layer()
    if not isinstance(data, dict):
        raise ConfigError(f"{where}expected a mapping of hadolint settings")
    codes = _Mapper(registry, lambda key, problem: ConfigError(f"{where}{key}: {problem}"))
    table: dict[str, object] = {}
    ignored = codes.rules_of("ignored", data.get("ignored", []))
    if ignored:
        table["ignore"] = ignored
    severity = codes.overrides(data.get("override", {}))
    if severity:
        table["severity"] = severity
    threshold = data.get("failure-threshold")
    if threshold is not None and str(threshold).lower() in THRESHOLDS:
        table["fail-on"] = THRESHOLDS[str(threshold).lower()]
    elif threshold is not None and str(threshold).lower() != "none":
        raise codes.fail("failure-threshold", f"unknown level {threshold!r}")
    options = codes.options(data)
    if options:
        table["rules"] = options
    if "label-schema" in data:
        labelled = [code for code, values in options.items() if "label-schema" in values]
        table["extend-select"] = labelled
    return parse_table(table, registry, where, "")


class _Mapper:
    """hadolint codes and settings to lintdock rules and table entries."""

    def __init__(self, registry: Registry, fail: Callable[[str, str], ConfigError]) -> None:
        self.registry = registry
        self.fail = fail
        self.by_code: dict[str, list[Rule]] = {}
        for rule in registry.rules:
            for equivalent in rule.equivalents:
                tool, _, identifier = equivalent.partition(":")
                if tool == "hadolint":
                    self.by_code.setdefault(identifier.upper(), []).append(rule)

    def rules_of(self, key: str, codes: object) -> list[str]:
        """The lintdock codes for a list of hadolint codes."""
        if isinstance(codes, str):
            codes = [codes]
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise self.fail(key, "expected a list of rule codes")
        found = [lintdock for code in codes for lintdock in self.lintdock_codes(code)]
        return list(dict.fromkeys(found))

    def lintdock_codes(self, code: str) -> list[str]:
        """The rules equivalent to a hadolint code; a ShellCheck code (``SC2016``) is the same
        code here."""
        rules = self.by_code.get(code.upper(), [])
        owner = self.registry.get(code) if not rules else None
        if owner is not None and owner.names_subcodes(code, exact=True):
            return [code.upper()]
        return [rule.code for rule in rules]

    def overrides(self, value: object) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.fail("override", "expected a mapping of level: [codes]")
        severity: dict[str, str] = {}
        for level, codes in value.items():
            if str(level).lower() not in LEVELS:
                raise self.fail(f"override.{level}", "unknown level (error, warning, info, style)")
            for code in self.rules_of(f"override.{level}", codes or []):
                severity[code] = LEVELS[str(level).lower()]
        return severity

    def options(self, data: Mapping[str, Any]) -> dict[str, dict[str, object]]:
        """The rule options hadolint's ``trustedRegistries``, ``label-schema`` and
        ``strict-labels`` set, for every rule equivalent to a hadolint rule that declares one of
        that name (a rule not written yet simply receives nothing)."""
        options: dict[str, dict[str, object]] = {}
        wanted = {OPTION_KEYS[key]: data[key] for key in OPTION_KEYS if key in data}
        if not wanted:
            return options
        for rule in dict.fromkeys(r for rules in self.by_code.values() for r in rules):
            for name, value in wanted.items():
                if name in rule.options:
                    options.setdefault(rule.code, {})[name] = _as_option(rule.options[name], value)
        return options


def _as_option(default: object, value: object) -> object:
    """A hadolint value in the type of the lintdock option: ``trustedRegistries`` may be one
    string where the option is a list; ``label-schema``'s ``label: type`` map is the option's
    list of ``label:type``."""
    if isinstance(default, (list, tuple)) and isinstance(value, str):
        return [value]
    if isinstance(default, (list, tuple)) and isinstance(value, Mapping):
        return [f"{label}:{kind}" for label, kind in value.items()]
    return value


def _read_yaml(path: str) -> object:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        text = read_text(path, FileKind.CONFIG)
    except FileProblem as problem:
        raise ConfigError(f"{path}: cannot read: {problem.reason}") from None
    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError as error:
        first = str(error).splitlines()[0] if str(error) else "invalid YAML"
        raise ConfigError(f"{path}: invalid YAML: {first}") from None
