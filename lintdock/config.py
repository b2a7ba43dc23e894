"""Configuration: finding and validating config files, and resolving the settings of a run.

Sources, lowest precedence first: the rules' defaults, a config file (``.lintdock.toml``,
``lintdock.toml`` or ``[tool.lintdock]`` in ``pyproject.toml``, the nearest one above each linted
path), then the command line. Each source is a partial ``Layer``; ``resolve`` combines them.

Selection follows ruff's layering and flake8's decision rule: within one layer the most specific
matching selector wins (an exact code or name beats ``LD10``, which beats ``LD1``, which beats
``ALL``; on a tie ``ignore`` wins); a layer without ``select`` starts from the rules the previous
layers selected, a layer with ``select`` starts afresh. A rule off by default is selected only by
its code, its name, its subcodes or ``ALL``, never by a prefix of its family (``LD5`` selects
the LD5 rules on by default).
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import pathspec

from lintdock.discovery import BadPattern, gitignore_spec
from lintdock.files import FileKind, FileProblem, read_bytes, read_text
from lintdock.model.diagnostic import Severity
from lintdock.rules import Registry, code_prefix
from lintdock.rules.base import Rule

CONFIG_NAMES = (".lintdock.toml", "lintdock.toml", "pyproject.toml")
KEYS = (
    "select",
    "ignore",
    "extend-select",
    "severity",
    "fail-on",
    "exclude",
    "per-file-ignores",
    "rules",
    "compose-by-content",
    "read-outside-root",
    "roles",
    "projects",
    "fragments",
)
V = TypeVar("V")
DEFAULT_FAIL_ON = Severity.WARNING
EXACT = 100  # the specificity of an exact code or name; a prefix counts its length


class ConfigError(Exception):
    """A configuration problem, worded for the user (exit code 2)."""


@dataclass(frozen=True)
class Layer:
    """What one source (a config file or the command line) says; None/empty: not said."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity | None = None
    exclude: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    compose_by_content: bool | None = None
    read_outside_root: tuple[str, ...] = ()
    roles: Mapping[str, str] = field(default_factory=dict)  # glob -> role name
    projects: tuple[tuple[str, ...], ...] = ()  # compose files that make one project each
    fragments: Mapping[str, bool] = field(default_factory=dict)  # glob -> is a fragment
    service_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # code -> names


@dataclass(frozen=True)
class ConfigFile:
    """A loaded config file; ``directory`` anchors its ``exclude`` and ``per-file-ignores``."""

    path: str
    directory: str
    layer: Layer


@dataclass(frozen=True)
class Settings:
    """Everything the engine needs to lint the files one config governs."""

    selected: frozenset[str]
    severity: Mapping[str, Severity]
    fail_on: Severity
    options: Mapping[str, Mapping[str, object]]
    directory: str = "."
    exclude: pathspec.GitIgnoreSpec | None = None  # None: nothing excluded
    per_file_ignores: tuple[tuple[pathspec.GitIgnoreSpec, tuple[str, ...]], ...] = ()
    compose_by_content: bool = True  # walks lint other YAML files with top-level ``services:``
    read_outside_root: tuple[str, ...] = ()  # absolute directories
    roles: tuple[tuple[pathspec.GitIgnoreSpec, str], ...] = ()  # later entries win
    fragments: tuple[tuple[pathspec.GitIgnoreSpec, bool], ...] = ()  # later entries win
    # Per layer: whether it carries the previous selection, its select + extend-select, its
    # ignore; replayed per subcode (ShellCheck's SC2086) of a rule that has them.
    subcode_layers: tuple[tuple[bool, tuple[str, ...], tuple[str, ...]], ...] = ()
    # compose files that make one project each, as ``-f`` takes them (paths as the run shows them)
    projects: tuple[tuple[str, ...], ...] = ()

    def reports(self, rule: Rule, code: str, ignored: frozenset[str]) -> bool:
        """Whether a diagnostic of ``code`` from ``rule`` (selected) is kept: its own code
        always; a subcode when the selection chooses it and per-file-ignores do not drop it."""
        if code == rule.code:
            return True
        if any(code.startswith(entry) for entry in ignored):
            return False
        chosen = False
        for carries, selectors, ignores in self.subcode_layers:
            implicit = 0 if carries and chosen else -1
            selected = max([implicit] + [_specificity(_part(s, rule), code) for s in selectors])
            dropped = max([-1] + [_specificity(_part(s, rule), code) for s in ignores])
            chosen = selected > dropped
        return chosen

    service_ignores: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def ignores_service(self, code: str, service: str | None) -> bool:
        """Whether findings of ``code`` about ``service`` are switched off for it (what
        compose-lint's ``exclude_services`` says)."""
        return service is not None and service in self.service_ignores.get(code, ())

    def role_of(self, path: str) -> str | None:
        """The role ``roles`` gives ``path`` (the last matching glob's), if any."""
        return self._last_match(self.roles, path)

    def fragment_of(self, path: str) -> bool | None:
        """What ``fragments`` says of the compose file at ``path`` (the last matching glob):
        True, a fragment of a project assembled elsewhere; False, a whole project; None,
        nothing (lintdock infers it)."""
        return self._last_match(self.fragments, path)

    def _last_match(
        self, table: tuple[tuple[pathspec.GitIgnoreSpec, V], ...], path: str
    ) -> V | None:
        relative = self._relative(path) if table else None
        if relative is None:
            return None
        matching = [value for spec, value in table if spec.match_file(relative)]
        return matching[-1] if matching else None

    def severity_of(self, code: str) -> Severity | None:
        """The configured severity of ``code`` from its most specific override, if any."""
        best = max(
            (key for key in self.severity if _specificity(key, code) >= 0),
            key=lambda key: _specificity(key, code),
            default=None,
        )
        return None if best is None else self.severity[best]

    def ignored_in(self, path: str) -> frozenset[str]:
        """The codes ``per-file-ignores`` switch off for ``path``."""
        relative = self._relative(path) if self.per_file_ignores else None
        if relative is None:
            return frozenset()
        return frozenset(
            code
            for spec, ignored in self.per_file_ignores
            if spec.match_file(relative)
            for code in ignored
        )

    def excludes(self, path: str, is_dir: bool = False) -> bool:
        """Whether ``exclude`` rules out ``path`` (a directory when ``is_dir``)."""
        if self.exclude is None:
            return False
        relative = self._relative(path)
        return relative is not None and self.exclude.match_file(
            relative + "/" if is_dir else relative
        )

    def _relative(self, path: str) -> str | None:
        """``path`` relative to the config's directory, None when it is outside."""
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(self.directory))
        if relative == os.pardir or relative.startswith(os.pardir + os.sep):
            return None
        return relative.replace(os.sep, "/")


def resolve(registry: Registry, layers: Sequence[Layer], directory: str = ".") -> Settings:
    """Combine layers (lowest precedence first) into the settings of a run."""
    selected = frozenset(r.code for r in registry.rules if r.enabled_by_default)
    severity: dict[str, Severity] = {}
    fail_on = DEFAULT_FAIL_ON
    options: dict[str, dict[str, object]] = {}  # configured rules only: defaults are the rule's
    exclude: list[str] = []
    per_file: list[tuple[pathspec.GitIgnoreSpec, tuple[str, ...]]] = []
    by_content = True
    readable: list[str] = []
    roles: list[tuple[pathspec.GitIgnoreSpec, str]] = []
    fragments: list[tuple[pathspec.GitIgnoreSpec, bool]] = []
    subcode_layers: list[tuple[bool, tuple[str, ...], tuple[str, ...]]] = []
    projects: list[tuple[str, ...]] = []
    services: dict[str, frozenset[str]] = {}
    for layer in layers:
        for code, names in layer.service_ignores.items():
            services[code] = services.get(code, frozenset()) | frozenset(names)
        selected = _select(registry, layer, selected)
        severity.update(layer.severity)
        fail_on = layer.fail_on or fail_on
        for code, values in layer.options.items():
            options.setdefault(code, dict(_rule(registry, code).options)).update(values)
        exclude += layer.exclude
        by_content = by_content if layer.compose_by_content is None else layer.compose_by_content
        roles += [(gitignore_spec([glob]), role) for glob, role in layer.roles.items()]
        fragments += [(gitignore_spec([glob]), is_one) for glob, is_one in layer.fragments.items()]
        per_file += [
            (gitignore_spec([glob]), _codes(registry, selectors))
            for glob, selectors in layer.per_file_ignores.items()
        ]
        readable += [os.path.abspath(os.path.join(directory, d)) for d in layer.read_outside_root]
        subcode_layers.append(
            (layer.select is None, (layer.select or ()) + layer.extend_select, layer.ignore)
        )
        projects += [
            tuple(os.path.normpath(os.path.join(directory, f)) for f in files)
            for files in layer.projects
        ]
    return Settings(
        selected=selected,
        severity=severity,
        fail_on=fail_on,
        options=options,
        directory=directory,
        exclude=gitignore_spec(exclude) if exclude else None,
        per_file_ignores=tuple(per_file),
        compose_by_content=by_content,
        read_outside_root=tuple(readable),
        roles=tuple(roles),
        fragments=tuple(fragments),
        subcode_layers=tuple(subcode_layers),
        projects=tuple(projects),
        service_ignores=services,
    )


def _rule(registry: Registry, code: str) -> Rule:
    rule = registry.get(code)
    assert rule is not None, code  # layers hold validated codes
    return rule


def _select(registry: Registry, layer: Layer, carried: frozenset[str]) -> frozenset[str]:
    chosen = set()
    selectors = (layer.select or ()) + layer.extend_select
    for rule in registry.rules:
        implicit = 0 if layer.select is None and rule.code in carried else -1
        chosen_by = [_specificity(s, rule.code, rule) for s in selectors if _turns_on(s, rule)]
        selected = max([implicit, *chosen_by])
        ignored = max([-1] + [_specificity(s, rule.code, rule, False) for s in layer.ignore])
        if selected > ignored:
            chosen.add(rule.code)
    return frozenset(chosen)


def _turns_on(selector: str, rule: Rule) -> bool:
    """Whether selecting ``selector`` may turn ``rule`` on. A rule off by default is opt-in: its
    code or name, one of its subcodes (``SC2086``, ``SC``) or ``ALL`` select it, a code prefix
    of its family (``LD5``) does not, so selecting a family selects what that family reports by
    default. (Ignoring by prefix reaches every rule.)"""
    if rule.enabled_by_default or selector.upper() == "ALL":
        return True
    return code_prefix(selector) is None or _specificity(selector, rule.code, rule) == EXACT


def _specificity(selector: str, code: str, rule: Rule | None = None, parts: bool = True) -> int:
    """How specifically ``selector`` names ``code``: EXACT, a prefix length, or -1. With
    ``parts``, a subcode or subcode prefix (``SC2086``, ``SC2``) names the rule owning it."""
    upper = selector.upper()
    if upper == code or (rule is not None and selector == rule.name):
        return EXACT
    if parts and rule is not None and rule.names_subcodes(selector):
        return len(upper)
    prefix = code_prefix(selector) or (upper if SUBCODE_PREFIX.fullmatch(upper) else None)
    return len(prefix) if prefix is not None and code.startswith(prefix) else -1


SUBCODE_PREFIX = re.compile(r"(?!LD)[A-Z]{2}\d*")


def _part(selector: str, rule: Rule) -> str:
    """A selector as it names a subcode of ``rule``: the rule's name stands for its prefix."""
    return rule.code if selector == rule.name else selector


def _codes(registry: Registry, selectors: Sequence[str]) -> tuple[str, ...]:
    """The codes selectors name: rule codes, and subcodes or their prefixes as written."""
    return tuple(
        sorted(
            {
                s.upper() if r.names_subcodes(s) and s.upper() != r.code else r.code
                for s in selectors
                for r in registry.matching(s)
            }
        )
    )


# --- loading and validation -------------------------------------------------------------------


UpwardMemo = dict[tuple[str, str | None], "str | None"]
"""One search's answers by (directory, stop), kept to answer the directories below them."""


def nearest_upward(
    directory: str,
    found: Callable[[str], str | None],
    stop: str | None = None,
    memo: UpwardMemo | None = None,
) -> str | None:
    """The first answer ``found`` gives for ``directory`` or a directory above it, up to ``stop``
    (included) or the file system's root. ``memo`` keeps the answers of this search, so that
    sibling directories ask ``found`` about their common parents once."""
    memo = {} if memo is None else memo
    current = os.path.abspath(directory)
    last = os.path.abspath(stop) if stop is not None else None
    visited = []
    while (current, last) not in memo:
        visited.append(current)
        answer = found(current)
        parent = os.path.dirname(current)
        if answer is not None or current == last or parent == current:
            break
        current = parent
    else:
        answer = memo[current, last]
    for each in visited:
        memo[each, last] = answer
    return answer


def first_file(directory: str, names: Sequence[str]) -> str | None:
    """The first of ``names`` that is a file in ``directory``."""
    candidates = (os.path.join(directory, name) for name in names)
    return next((candidate for candidate in candidates if os.path.isfile(candidate)), None)


def find_config_file(directory: str, memo: UpwardMemo | None = None) -> str | None:
    """The config file governing ``directory``: the nearest one at or above it. In one
    directory ``.lintdock.toml`` beats ``lintdock.toml`` beats ``pyproject.toml``; a
    ``pyproject.toml`` without ``[tool.lintdock]`` does not count."""

    def governing(current: str) -> str | None:
        for name in CONFIG_NAMES:
            candidate = os.path.join(current, name)
            if os.path.isfile(candidate) and (
                name != "pyproject.toml" or _has_lintdock_table(candidate)
            ):
                return candidate
        return None

    return nearest_upward(directory, governing, memo=memo)


def _has_lintdock_table(pyproject: str) -> bool:
    """Whether a ``pyproject.toml`` configures lintdock; one that is broken counts when it
    mentions ``tool.lintdock`` (a duplicate table must not silently run the defaults)."""
    try:
        data = _read_toml(pyproject)
    except ConfigError:
        try:
            return b"tool.lintdock" in read_bytes(pyproject, FileKind.CONFIG)
        except FileProblem:
            return False
    return isinstance(data.get("tool"), dict) and "lintdock" in data["tool"]


def load_config_file(path: str, registry: Registry) -> ConfigFile:
    """Read and validate a config file; ConfigError names the file and the bad key."""
    data = _read_toml(path)
    where = os.path.basename(path)
    if where == "pyproject.toml":
        table = data.get("tool", {}).get("lintdock", {})
        prefix = "tool.lintdock."
    else:
        table, prefix = data, ""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {prefix.rstrip('.')} must be a table")
    layer = parse_table(table, registry, f"{path}: ", prefix)
    return ConfigFile(path=path, directory=os.path.dirname(path) or ".", layer=layer)


def _read_toml(path: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):  # imported here: most runs read no config file
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(read_text(path, FileKind.CONFIG))
    except FileProblem as problem:
        raise ConfigError(f"{path}: cannot read: {problem.reason}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None


def parse_table(table: Mapping[str, Any], registry: Registry, where: str, prefix: str) -> Layer:
    """Validate a ``[tool.lintdock]``-shaped table into a Layer."""
    check = _Checker(registry, where, prefix)
    for key in table:
        if key not in KEYS:
            raise ConfigError(check.name(key) + f": unknown key{suggest(key, KEYS)}")
    return Layer(
        select=check.selectors("select", table["select"]) if "select" in table else None,
        ignore=check.selectors("ignore", table.get("ignore", [])),
        extend_select=check.selectors("extend-select", table.get("extend-select", [])),
        severity=check.severities("severity", table.get("severity", {})),
        fail_on=check.severity("fail-on", table["fail-on"]) if "fail-on" in table else None,
        exclude=check.patterns("exclude", table.get("exclude", [])),
        per_file_ignores=check.per_file_ignores(table.get("per-file-ignores", {})),
        options=check.rule_options(table.get("rules", {})),
        compose_by_content=check.flag("compose-by-content", table.get("compose-by-content")),
        read_outside_root=check.strings("read-outside-root", table.get("read-outside-root", [])),
        roles=check.roles(table.get("roles", {})),
        projects=check.projects(table.get("projects", [])),
        fragments=check.fragments(table.get("fragments", {})),
    )


@dataclass(frozen=True)
class _Checker:
    """Validates values, naming the offending key in every error."""

    registry: Registry
    where: str
    prefix: str

    def name(self, key: str) -> str:
        return f"{self.where}{self.prefix}{key}"

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.name(key)}: {problem}")

    def strings(self, key: str, value: object) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(key, "expected a list of strings")
        return tuple(value)

    def roles(self, value: object) -> dict[str, str]:
        from lintdock.roles import ROLE_NAMES

        if not isinstance(value, dict):
            raise self.fail("roles", "expected a table of glob = role")
        for glob, role in value.items():
            if role not in ROLE_NAMES:
                choices = ", ".join(ROLE_NAMES)
                raise self.fail(f"roles.{glob!r}", f"unknown role {role!r} (one of {choices})")
        return dict(value)

    def fragments(self, value: object) -> dict[str, bool]:
        """``{"apps/*/docker-compose.yml" = false}``: glob -> whether those compose files are
        fragments of a project assembled elsewhere."""
        if not isinstance(value, dict) or not all(isinstance(v, bool) for v in value.values()):
            raise self.fail("fragments", "expected a table of glob = true or false")
        return dict(value)

    def projects(self, value: object) -> tuple[tuple[str, ...], ...]:
        """``[["compose.yaml", "compose.prod.yaml"], ...]``: the files of each project, base
        first, as ``-f`` takes them."""
        problem = "expected a list of lists of compose files (base first)"
        if not isinstance(value, list):
            raise self.fail("projects", problem)
        groups = []
        for index, files in enumerate(value):
            if not isinstance(files, list) or not files:
                raise self.fail(f"projects[{index}]", problem)
            groups.append(self.strings(f"projects[{index}]", files))
        return tuple(groups)

    def flag(self, key: str, value: object) -> bool | None:
        if value is not None and not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {value!r}")
        return value

    def patterns(self, key: str, value: object) -> tuple[str, ...]:
        patterns = self.strings(key, value)
        for pattern in patterns:
            self.pattern(key, pattern)
        return patterns

    def pattern(self, key: str, pattern: str) -> None:
        try:
            gitignore_spec([pattern], strict=True)
        except BadPattern as error:
            raise self.fail(key, f"bad pattern {pattern!r}: {error}") from None

    def selectors(self, key: str, value: object) -> tuple[str, ...]:
        selectors = self.strings(key, value)
        for selector in selectors:
            if not self.registry.matching(selector):
                raise self.fail(
                    key,
                    f"unknown rule or prefix {selector!r}{suggest(selector, self.registry.keys)}",
                )
        return selectors

    def severity(self, key: str, value: object) -> Severity:
        try:
            return Severity.parse(value if isinstance(value, str) else repr(value))
        except ValueError as error:
            raise self.fail(key, str(error)) from None

    def severities(self, key: str, value: object) -> dict[str, Severity]:
        if not isinstance(value, dict):
            raise self.fail(key, "expected a table of rule = severity")
        levels = {}
        for selector, level in value.items():
            self.selectors(f"{key}.{selector}", [selector])
            rule = self.registry.get(selector)
            whole = rule is not None and not rule.names_subcodes(selector, exact=True)
            canonical = rule.code if rule is not None and whole else selector.upper()
            levels[canonical] = self.severity(f"{key}.{selector}", level)
        return levels

    def per_file_ignores(self, value: object) -> dict[str, tuple[str, ...]]:
        key = "per-file-ignores"
        if not isinstance(value, dict):
            raise self.fail(key, "expected a table of glob = [rules]")
        for glob in value:
            self.pattern(key, glob)
        return {glob: self.selectors(f"{key}.{glob!r}", codes) for glob, codes in value.items()}

    def rule_options(self, value: object) -> dict[str, dict[str, object]]:
        if not isinstance(value, dict):
            raise self.fail("rules", "expected a table of rule tables")
        options = {}
        for rule_key, table in value.items():
            rule = self.registry.get(rule_key)
            key = f"rules.{rule_key}"
            if rule is None:
                raise self.fail(key, f"unknown rule{suggest(rule_key, self.registry.keys)}")
            if not isinstance(table, dict):
                raise self.fail(key, "expected a table of options")
            options[rule.code] = {
                name: self.option(f"{key}.{name}", rule, name, option)
                for name, option in table.items()
            }
        return options

    def option(self, key: str, rule: Rule, name: str, value: object) -> object:
        if name not in rule.options:
            known = tuple(rule.options)
            listing = f" ({rule.code} has {', '.join(known)})" if known else " (it has none)"
            raise self.fail(key, f"unknown option{suggest(name, known) or listing}")
        checked = validate_option(
            rule.options[name], value, lambda problem: self.fail(key, problem)
        )
        problem = rule.option_problem(name, checked)
        if problem is not None:
            raise self.fail(key, problem)
        return checked


def validate_option(default: object, value: object, fail: Callable[[str], ConfigError]) -> object:
    """``value`` if it has the default's type (lists item by item; an integer where a float is
    expected), else raises ``fail(problem)``. A list comes back as a tuple when the default is
    one."""
    if isinstance(default, (list, tuple)):
        item_types = {type(item) for item in default}
        if isinstance(value, list) and all(
            not item_types or type(item) in item_types for item in value
        ):
            return tuple(value) if isinstance(default, tuple) else value
    elif type(value) is type(default) or (type(default) is float and type(value) is int):
        return value
    raise fail(f"expected {_describe(default)}, got {value!r}")


def _describe(default: object) -> str:
    if isinstance(default, (list, tuple)):
        kinds = sorted({type(item).__name__ for item in default})
        return f"a list of {' or '.join(kinds)}" if kinds else "a list"
    return {bool: "true or false", int: "an integer", float: "a number", str: "a string"}.get(
        type(default), type(default).__name__
    )


def suggest(word: str, candidates: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, candidates, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def cli_layer(
    registry: Registry,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    severity: Mapping[str, Severity] | None = None,
    fail_on: Severity | None = None,
    options: Mapping[str, Mapping[str, object]] | None = None,
    compose_by_content: bool | None = None,
) -> Layer:
    """The layer of command-line options (or ``lint_texts`` arguments), validated like a
    config file; errors name the option (``--select``)."""
    table: dict[str, object] = {"ignore": list(ignore), "extend-select": list(extend_select)}
    if select is not None:
        table["select"] = list(select)
    if options:
        table["rules"] = {key: dict(values) for key, values in options.items()}
    layer = parse_table(table, registry, "", "--")
    return dataclasses.replace(
        layer,
        severity=dict(severity or {}),
        fail_on=fail_on,
        compose_by_content=compose_by_content,
    )


def parse_severity_overrides(items: Sequence[str], registry: Registry) -> dict[str, Severity]:
    """``["LD101=error", ...]`` from the command line into a severity table."""
    table: dict[str, str] = {}
    for item in items:
        selector, sep, level = item.partition("=")
        if not sep:
            raise ConfigError(f"--severity: expected CODE=level, got {item!r}")
        table[selector.strip()] = level.strip()
    return _Checker(registry, "", "--").severities("severity", table)


class ConfigResolver:
    """The settings governing each path of one run: from ``explicit`` (``--config``) for every
    path, else from the nearest config file above the path; ``cli`` on top either way. Loaded
    files are cached per directory."""

    def __init__(self, registry: Registry, cli: Layer, explicit: str | None = None) -> None:
        self.registry = registry
        self.cli = cli
        self.explicit = explicit
        self._by_directory: dict[str, Settings] = {}
        self._by_file: dict[tuple[str | None, str | None, str | None, str | None], Settings] = {}
        # Each configuration search's answers so far: lintdock's, hadolint's, dclint's, ...
        self._searches: tuple[UpwardMemo, ...] = ({}, {}, {}, {})

    def for_path(self, path: str) -> Settings:
        """Settings for a file (or a directory's entries) at ``path``."""
        directory = os.path.dirname(os.path.abspath(path))
        if directory not in self._by_directory:
            own, hadolints, dclints, composelints = self._searches
            found = self.explicit or find_config_file(directory, own)
            hadolint = None if self.explicit else hadolint_config_for(directory, found, hadolints)
            dclint = None if self.explicit else dclint_config_for(directory, found, dclints)
            composelint = (
                None if self.explicit else composelint_config_for(directory, found, composelints)
            )
            self._by_directory[directory] = self._settings(found, hadolint, dclint, composelint)
        return self._by_directory[directory]

    def _settings(
        self,
        config_path: str | None,
        hadolint: str | None = None,
        dclint: str | None = None,
        composelint: str | None = None,
    ) -> Settings:
        key = (config_path, hadolint, dclint, composelint)
        if key not in self._by_file:
            layers = [load_hadolint_layer(hadolint, self.registry)] if hadolint else []
            if dclint:
                layers.append(load_dclint_layer(dclint, self.registry))
            if composelint:
                layers.append(load_composelint_layer(composelint, self.registry))
            if config_path is None:
                anchor = os.path.dirname(dclint) if dclint else os.getcwd()
                settings = resolve(self.registry, [*layers, self.cli], anchor)
            else:
                loaded = load_config_file(config_path, self.registry)
                layers += [loaded.layer, self.cli]
                settings = resolve(self.registry, layers, loaded.directory)
            self._by_file[key] = settings
        return self._by_file[key]


def hadolint_config_for(
    directory: str, lintdock_config: str | None, memo: UpwardMemo | None = None
) -> str | None:
    """The hadolint configuration read beneath ``lintdock_config`` for ``directory``: the
    nearest ``.hadolint.yaml`` at or above it, no higher than the lintdock configuration's own
    directory."""
    from lintdock.hadolint_config import find_hadolint_config

    stop = os.path.dirname(lintdock_config) if lintdock_config else None
    return find_hadolint_config(directory, stop, memo)


def load_hadolint_layer(path: str, registry: Registry) -> Layer:
    """The settings a hadolint configuration file gives (imported only when there is one)."""
    from lintdock.hadolint_config import load_hadolint_config

    return load_hadolint_config(path, registry)


def dclint_config_for(
    directory: str, lintdock_config: str | None, memo: UpwardMemo | None = None
) -> str | None:
    """dclint's configuration read beneath ``lintdock_config`` for ``directory``, found as
    ``hadolint_config_for`` finds hadolint's (see ``lintdock.dclint_config``)."""
    from lintdock.dclint_config import find_dclint_config

    stop = os.path.dirname(lintdock_config) if lintdock_config else None
    return find_dclint_config(directory, stop, memo)


def load_dclint_layer(path: str, registry: Registry) -> Layer:
    """The settings a dclint configuration file gives (imported only when there is one)."""
    from lintdock.dclint_config import dclint_layer

    return dclint_layer(path, registry)


def composelint_config_for(
    directory: str, lintdock_config: str | None, memo: UpwardMemo | None = None
) -> str | None:
    """compose-lint's configuration read beneath ``lintdock_config`` for ``directory``: the
    nearest ``.compose-lint.yml`` at or above it, no higher than the lintdock configuration's
    own directory."""
    from lintdock.composelint_config import find_config

    stop = os.path.dirname(lintdock_config) if lintdock_config else None
    return find_config(directory, stop, memo)


def load_composelint_layer(path: str, registry: Registry) -> Layer:
    """The settings a ``.compose-lint.yml`` gives (imported only when there is one)."""
    from lintdock.composelint_config import load_config

    return load_config(path, registry).layer
