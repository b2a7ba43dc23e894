"""dclint's configuration, read for the lintdock rules that have a dclint equivalent: the rule
levels and options of a ``.dclintrc`` (and the other places dclint looks), and its
``# dclint disable`` comments. ``docs/dclint-compatibility.md`` is the user's side of it.

A dclint name stands for every lintdock rule whose ``equivalents`` name it
(``dclint:no-version-field`` -> LD706). A ``.dclintrc`` is a configuration layer below
lintdock's own: what a lintdock config file or the command line says wins.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from lintdock.config import ConfigError, Layer, UpwardMemo, first_file, nearest_upward
from lintdock.files import FileKind, FileProblem, read_text
from lintdock.model.diagnostic import Severity
from lintdock.model.span import Span
from lintdock.rules import Registry
from lintdock.suppressions import CodeRef, Directive

TOOL = "dclint"
CONFIG_NAMES = (
    ".dclintrc",
    ".dclintrc.json",
    ".dclintrc.yaml",
    ".dclintrc.yml",
    ".config/dclintrc",
    ".config/dclintrc.json",
    ".config/dclintrc.yaml",
    ".config/dclintrc.yml",
)
"""The static files cosmiconfig finds for dclint, in its order (``package.json`` comes first
and is read too; JavaScript configs cannot be read without running them)."""

LEVELS = {1: Severity.WARNING, 2: Severity.ERROR}
CHECKS = frozenset({"invalid-yaml", "invalid-schema"})
"""What dclint checks before its rules: neither its configuration nor its comments turn them
off, so neither turns off their lintdock equivalents (LD002, LD003)."""

# dclint option -> (lintdock option, conversion)
OPTIONS: dict[str, dict[str, tuple[str, Callable[[Any], Any]]]] = {
    "require-quotes-in-ports": {"quoteType": ("quote-type", str)},
    "service-image-require-explicit-tag": {"prohibitedTags": ("floating-tags", tuple)},
    "no-build-and-image": {"checkPullPolicy": ("allow-pull-policy", bool)},
    "service-keys-order": {"groupOrder": ("order", lambda _: None)},  # with groups, below
    "top-level-properties-order": {
        "customOrder": (
            "order",
            lambda keys: tuple("x-*" if k == "x-properties" else k for k in keys),
        )
    },
}


def equivalents(registry: Registry) -> dict[str, tuple[str, ...]]:
    """Each dclint rule name with the lintdock codes that carry it."""
    found: dict[str, list[str]] = {}
    for rule in registry.rules:
        for equivalent in rule.equivalents:
            tool, _, name = equivalent.partition(":")
            if tool == TOOL and name not in CHECKS:
                found.setdefault(name, []).append(rule.code)
    return {name: tuple(codes) for name, codes in found.items()}


# --- the configuration file --------------------------------------------------------------------


def find_dclint_config(
    directory: str, stop: str | None = None, memo: UpwardMemo | None = None
) -> str | None:
    """The dclint configuration nearest at or above ``directory``, up to ``stop`` (the directory
    of the lintdock configuration governing it) or the file system's root: a ``.dclintrc`` (or
    another of ``CONFIG_NAMES``), or a ``package.json`` with a ``dclint`` key."""

    def configuration(current: str) -> str | None:
        package = os.path.join(current, "package.json")
        if os.path.isfile(package) and _package_section(package) is not None:
            return package
        return first_file(current, CONFIG_NAMES)

    return nearest_upward(directory, configuration, stop, memo)


def dclint_layer(path: str, registry: Registry) -> Layer:
    """The lintdock settings a dclint configuration file means; ConfigError when it cannot be
    read. Rule names dclint does not have (or lintdock does not carry) are passed over."""
    data = _package_section(path) if os.path.basename(path) == "package.json" else _load(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a dclint configuration must be a mapping")
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"{path}: rules must be a mapping of rule name to level")
    names = equivalents(registry)
    ignore: list[str] = []
    select: list[str] = []
    severity: dict[str, Severity] = {}
    options: dict[str, dict[str, object]] = {}
    for name, setting in rules.items():
        codes = names.get(name, ())
        level, values = _level(path, name, setting)
        for code in codes:
            if level == 0:
                ignore.append(code)
                continue
            select.append(code)
            severity[code] = LEVELS[level]
            converted = _options(name, values, registry, code)
            if converted:
                options[code] = converted
    exclude = data.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(item, str) for item in exclude):
        raise ConfigError(f"{path}: exclude must be a list of paths")
    return Layer(
        ignore=tuple(ignore),
        extend_select=tuple(select),
        severity=severity,
        options=options,
        exclude=tuple(exclude),
    )


def _load(path: str) -> object:
    try:
        text = read_text(path, FileKind.CONFIG)
    except FileProblem as problem:
        raise ConfigError(f"{path}: cannot read: {problem.reason}") from None
    try:
        return json.loads(text) if text.strip() else {}
    except json.JSONDecodeError:
        pass
    from ruamel.yaml import YAML, YAMLError

    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError as error:
        raise ConfigError(f"{path}: neither JSON nor YAML: {error}".splitlines()[0]) from None


def _package_section(path: str) -> object | None:
    try:
        data = json.loads(read_text(path, FileKind.CONFIG))
    except (FileProblem, json.JSONDecodeError):
        return None
    return data.get(TOOL) if isinstance(data, dict) else None


def _level(path: str, name: str, setting: object) -> tuple[int, Mapping[str, object]]:
    """dclint's ``0|1|2`` or ``[level, {options}]``."""
    level, values = (
        (setting[0], setting[1] if len(setting) > 1 else {})
        if (isinstance(setting, list) and setting)
        else (setting, {})
    )
    if level not in (0, 1, 2) or isinstance(level, bool) or not isinstance(values, dict):
        raise ConfigError(f"{path}: rules.{name}: expected 0, 1, 2 or [level, {{options}}]")
    return level, values


def _options(
    name: str, values: Mapping[str, object], registry: Registry, code: str
) -> dict[str, object]:
    """dclint's options of ``name`` as the options of lintdock's ``code`` (those it has)."""
    rule = registry.get(code)
    known = rule.options if rule is not None else {}
    converted: dict[str, object] = {}
    for option, value in values.items():
        target = OPTIONS.get(name, {}).get(option)
        if target is None or target[0] not in known:
            continue
        result = target[1](value)
        if result is not None:
            converted[target[0]] = result
    if name == "service-keys-order" and "order" in known:
        order = _service_keys_order(values)
        if order:
            converted["order"] = order
    return converted


def _service_keys_order(values: Mapping[str, object]) -> tuple[str, ...]:
    """dclint's ``groups`` (group name -> keys) in its ``groupOrder``, as one list of keys."""
    groups = values.get("groups")
    order = values.get("groupOrder")
    if not isinstance(groups, dict):
        return ()
    names = order if isinstance(order, list) else list(groups)
    return tuple(key for group in names for key in groups.get(group, ()) if isinstance(key, str))


# --- comments --------------------------------------------------------------------------------

DIRECTIVE = re.compile(
    r"#\s*dclint\s+(?P<scope>disable-file|disable-next-line|disable-line|disable)\b(?P<names>[^#]*)"
)


def dclint_directives(
    path: str,
    lines: Sequence[str],
    comment_spans: Iterable[Span],
    registry: Registry,
    target: Callable[[int], tuple[int, int] | None],
) -> tuple[Directive, ...]:
    """The ``# dclint`` comments of a compose file as suppressions of the rules that carry the
    dclint rules they name (none named: every rule with a dclint equivalent). ``disable-file``
    and ``disable`` count on the file's first line that is neither blank nor ``---``, as in
    dclint; ``disable-line`` (and ``disable-next-line``) cover what ``target`` says a
    suppression on that line covers."""
    matches = [
        (span, match)
        for span in comment_spans
        if (match := DIRECTIVE.search(lines[span.line - 1], max(span.column - 1, 0)))
    ]
    if not matches:
        return ()
    names = equivalents(registry)
    everything = frozenset(code for codes in names.values() for code in codes)
    first = next((n for n, text in enumerate(lines, 1) if text.strip() not in ("", "---")), 0)
    found = []
    for span, match in matches:
        scope = match["scope"]
        file_wide = scope in ("disable-file", "disable")
        if file_wide and span.line != first:
            continue
        refs = _refs(match, span.line, names, everything, scope == "disable-file")
        where = Span(span.line, match.start() + 1, span.line, match.end("scope") + 1)
        covered = None if file_wide else target(span.line)
        found.append(Directive(path, where, file_wide, refs, covered, foreign=True))
    return tuple(found)


def _refs(
    match: re.Match[str],
    line: int,
    names: Mapping[str, tuple[str, ...]],
    everything: frozenset[str],
    whole_file: bool,
) -> tuple[CodeRef, ...]:
    words = [] if whole_file else list(re.finditer(r"[A-Za-z0-9-]+", match["names"]))
    if not words:
        where = Span(line, match.start() + 1, line, match.end("scope") + 1)
        return (CodeRef(match["scope"], where, everything),)
    offset = match.start("names")
    return tuple(
        CodeRef(
            word.group(),
            Span(line, offset + word.start() + 1, line, offset + word.end() + 1),
            frozenset(names.get(word.group(), ())),
        )
        for word in words
    )
