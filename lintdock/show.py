"""``--show-files`` and ``--show-settings``: what a run would lint, and the configuration in
force with where each value came from (the rules' defaults, a config file, the command line)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from lintdock.config import (
    ConfigResolver,
    Layer,
    composelint_config_for,
    find_config_file,
    hadolint_config_for,
    load_composelint_layer,
    load_config_file,
    load_hadolint_layer,
)
from lintdock.discovery import CommandLineExcludes
from lintdock.engine import LintResult
from lintdock.root import git_top_level
from lintdock.rules import Registry

DEFAULT = "default"
COMMAND_LINE = "command line"


def show_files(result: LintResult) -> str:
    """One line per file: path, kind, role (production, test, development, ... and why), and
    the projects it was linted in (the compose file that builds it, or the file itself when it
    stands alone); files a walk found but skipped (templates) say why."""
    rows = [
        (
            path,
            result.kinds[path].value,
            ", ".join(result.projects.get(path, ())) or "-",
            result.roles.get(path, "-"),
        )
        for path in result.files
    ]
    rows += [(skipped.path, "skipped", skipped.reason, "") for skipped in result.skipped]
    rows.sort()
    header = ("PATH", "KIND", "PROJECT", "ROLE")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    return "".join(_columns(row, widths) + "\n" for row in [header, *rows])


def _columns(row: tuple[str, str, str, str], widths: list[int]) -> str:
    """The row's cells padded to their columns' widths, the last one as it is."""
    padded = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
    return "  ".join([*padded, row[3]]).rstrip()


@dataclass(frozen=True)
class Invocation:
    """What the command line said, beyond the settings layer."""

    path: str
    config: str | None
    root: str
    root_given: bool
    respect_gitignore: bool
    excludes: CommandLineExcludes


def show_settings(rules: Registry, cli: Layer, invocation: Invocation) -> str:
    """``key = value  # source`` lines (TOML values) for the settings governing
    ``invocation.path``."""
    found = invocation.config or find_config_file(_directory(invocation.path))
    file_layer = load_config_file(found, rules).layer if found else Layer()
    a_file = os.path.join(invocation.path, "Dockerfile")  # what governs a folder's files
    settings = ConfigResolver(rules, cli, invocation.config).for_path(
        a_file if os.path.isdir(invocation.path) else invocation.path
    )
    hadolint = (
        None if invocation.config else hadolint_config_for(_directory(invocation.path), found)
    )
    layers = [(load_hadolint_layer(hadolint, rules), hadolint)] if hadolint else []
    composelint = (
        None if invocation.config else composelint_config_for(_directory(invocation.path), found)
    )
    layers += [(load_composelint_layer(composelint, rules), composelint)] if composelint else []
    source = _Sources((*layers, (file_layer, found or ""), (cli, COMMAND_LINE)))
    selected = [rule.code for rule in rules.rules if rule.code in settings.selected]
    lines = [
        f"# settings for {invocation.path}",
        _line("config-file", found, _config_source(invocation.config, found)),
        *([_line("hadolint-config", hadolint, "read beneath the config file")] if hadolint else []),
        *(
            [_line("compose-lint-config", composelint, "read beneath the config file")]
            if composelint
            else []
        ),
        _line("root", invocation.root, _root_source(invocation)),
        _line(
            "respect-gitignore",
            invocation.respect_gitignore,
            DEFAULT if invocation.respect_gitignore else COMMAND_LINE,
        ),
        *source.selection("select", lambda layer: layer.select),
        *source.selection("extend-select", lambda layer: layer.extend_select or None),
        *source.selection("ignore", lambda layer: layer.ignore or None),
        _line("selected", selected, f"{len(selected)} of {len(rules.rules)} rules"),
        _line("fail-on", settings.fail_on.label, source.of(lambda layer: layer.fail_on)),
        *_excludes(file_layer, found, invocation.excludes),
        *(
            _line(f"severity.{code}", level.label, source.of(_has_severity(code)))
            for code, level in sorted(settings.severity.items())
        ),
        *(
            _line(f"per-file-ignores.{json.dumps(glob)}", list(codes), found)
            for glob, codes in file_layer.per_file_ignores.items()
        ),
        *_options(rules, settings.options, source),
    ]
    return "".join(line + "\n" for line in lines)


def _config_source(explicit: str | None, found: str | None) -> str:
    if explicit is not None:
        return COMMAND_LINE
    return "the nearest one above the path" if found else "none found: defaults and command line"


def _root_source(invocation: Invocation) -> str:
    if invocation.root_given:
        return COMMAND_LINE
    if git_top_level(invocation.path) == invocation.root:
        return "the git repository's top level"
    return "the current directory"


def _has_severity(code: str) -> Said:
    return lambda layer: code in layer.severity


def _has_option(code: str, name: str) -> Said:
    return lambda layer: name in layer.options.get(code, {})


def _directory(path: str) -> str:
    return path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))


def _line(key: str, value: object, source: str | None) -> str:
    return f"{key} = {_toml(value)}  # {source or DEFAULT}"


def _toml(value: object) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


Said = Callable[[Layer], object]


@dataclass(frozen=True)
class _Sources:
    """Which layer set a value: the command line over the config file over a hadolint
    configuration over the defaults."""

    layers: tuple[tuple[Layer, str], ...]  # with the name of each, lowest precedence first

    def of(self, said: Said) -> str:
        """The highest-precedence source where ``said(layer)`` is true."""
        for layer, name in reversed(self.layers):
            if said(layer):
                return name
        return DEFAULT

    def selection(self, key: str, said: Callable[[Layer], tuple[str, ...] | None]) -> Iterator[str]:
        """The selectors each layer wrote for ``key``, lowest precedence first."""
        for layer, name in self.layers:
            selectors = said(layer)
            if selectors is not None:
                yield _line(key, list(selectors), name)


def _excludes(file_layer: Layer, found: str | None, excludes: CommandLineExcludes) -> list[str]:
    lines = []
    if excludes.exclude is not None:
        lines.append(_line("exclude", list(excludes.exclude), "command line (--exclude)"))
    elif file_layer.exclude:
        lines.append(_line("exclude", list(file_layer.exclude), found))
    else:
        lines.append(_line("exclude", [], DEFAULT))
    if excludes.extend_exclude:
        lines.append(_line("extend-exclude", list(excludes.extend_exclude), COMMAND_LINE))
    return lines


def _options(
    rules: Registry, options: Mapping[str, Mapping[str, object]], source: _Sources
) -> list[str]:
    return [
        _line(f"rules.{rule.code}.{name}", value, source.of(_has_option(rule.code, name)))
        for rule in rules.rules
        for name, value in sorted(options.get(rule.code, rule.options).items())
    ]
