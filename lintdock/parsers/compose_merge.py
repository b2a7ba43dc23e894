"""Merging Compose documents (base file, then overrides) and applying same-file ``extends``,
with compose-go's rules.

Mappings merge key by key, scalars are replaced, sequences are appended (then made unique by
the key Compose indexes them by: ports, volumes, ``KEY=value`` lists, ...). Special cases:
``command``, ``entrypoint`` and ``healthcheck.test`` are replaced whole; ``build`` and
``depends_on`` merge their string/list forms as mappings; ``environment``, ``labels`` and their
kin merge by variable name; ``networks`` merge by name; ``logging`` merges only for the same
driver. ``!reset`` drops a value from the merge and ``!override`` replaces it whole.

Every node keeps its file and span, so a merged value still points at the file that wrote it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator

from lintdock.model.compose import ComposeFinding
from lintdock.parsers.compose_yaml import YamlNode, key_text, scalar_text
from lintdock.rules.codes import COMPOSE_SCHEMA

Path = tuple[str, ...]
Merger = Callable[[YamlNode, YamlNode, Path], YamlNode]

SHORT_FORM_TAG = "!lintdock/short-form"
"""Marks a ``depends_on`` entry that a merge turned from the list syntax into the map syntax."""

RESET_TAG = "!reset"
OVERRIDE_TAG = "!override"


def merge_documents(
    base: YamlNode | None, override: YamlNode, findings: list[ComposeFinding]
) -> YamlNode:
    """``override`` merged into ``base`` (None for the first document)."""
    override, replaced = _strip_resets(override, ())
    if base is None:
        return override
    for path in replaced:
        base = _delete(base, path)
    return _Merger(findings).merge(base, override, ())


ServicesOf = Callable[[str], "dict[str, YamlNode] | None"]
"""The services of another compose file (interpolated), by path; None when it cannot be read."""

MAX_SHOWN_CYCLE = 6
"""Longest ``extends`` cycle named in full; longer ones are shown by their ends."""


def apply_extends(
    document: YamlNode,
    findings: list[ComposeFinding],
    services_of: ServicesOf | None,
    directory_of: Callable[[str], str],
) -> YamlNode:
    """The document with each service that ``extends`` another merged onto it: a service of
    the same document, or (through ``services_of``; None: no file is read) of the file
    ``extends.file`` names, resolved from ``directory_of`` the file that says it (Compose's:
    the project directory for a ``-f`` file, its own directory for an extended file). Chains
    are followed without recursion; a cycle or a missing service is one LD003 finding, and the
    service is kept as written."""
    section = document.entry("services")
    if section is None or not section[1].is_mapping:
        return document
    own = {key_text(key): value for key, value in section[1].entries()}
    file = section[1].file

    def lookup(path: str) -> dict[str, YamlNode] | None:
        if path == file:
            return own
        return services_of(path) if services_of is not None else None

    merger = _Merger(findings)
    resolver = _ExtendsResolver(lookup, merger, findings, services_of is not None, directory_of)
    entries = tuple((key, resolver.resolve(file, key_text(key))) for key, _ in section[1].entries())
    return _with_entry(document, section[0], section[1].with_value(entries))


ServiceKey = tuple[str, str]
"""A service by file and name."""


class _ExtendsResolver:
    """Resolves ``extends`` chains, each service once, iteratively (a chain of a thousand
    services is as good as one of two)."""

    def __init__(
        self,
        lookup: Callable[[str], dict[str, YamlNode] | None],
        merger: _Merger,
        findings: list[ComposeFinding],
        reads_files: bool,
        directory_of: Callable[[str], str],
    ) -> None:
        self.lookup = lookup
        self.reads_files = reads_files
        self.directory_of = directory_of
        self.merger = merger
        self.findings = findings
        self.done: dict[ServiceKey, YamlNode] = {}

    def resolve(self, file: str, name: str) -> YamlNode:
        """The service ``name`` of ``file`` with everything it extends merged under it."""
        chain: list[tuple[ServiceKey, YamlNode]] = []
        base = self._follow((file, name), chain)
        for key, service in reversed(chain):
            if base is not None and base.is_mapping and service.is_mapping:
                base = self.merger.merge(base, _without(service, "extends"), ("services", key[1]))
            else:
                base = service
            self.done[key] = base
        return self.done[(file, name)]

    def _follow(
        self, current: ServiceKey, chain: list[tuple[ServiceKey, YamlNode]]
    ) -> YamlNode | None:
        """Walk the chain from ``current``, appending each service met; the resolved service
        the chain ends on, or None (it ends on a service that extends nothing, or on an error,
        reported here)."""
        on_chain: set[ServiceKey] = set()
        while current not in self.done:
            services = self.lookup(current[0])
            service = services.get(current[1]) if services is not None else None
            if service is None:
                return None
            on_chain.add(current)
            chain.append((current, service))
            reference = _extends_reference(service.get("extends"))
            if reference is None:
                return None
            target = self._target(current, reference)
            if target is None:
                return None
            if target in on_chain:
                self._cycle(chain, target, reference[1])
                return None
            current = target
        return self.done[current]

    def _target(
        self, current: ServiceKey, reference: tuple[str | None, YamlNode]
    ) -> ServiceKey | None:
        """The service an ``extends`` names, or None (reported) when it is not there."""
        file_name, service_node = reference
        file = current[0]
        if file_name is not None and not self.reads_files:
            return None  # loaded from texts alone: the service is kept as written
        if file_name is not None:
            file = posixpath.normpath(posixpath.join(self.directory_of(current[0]), file_name))
        services = self.lookup(file)
        name = scalar_text(service_node.value)
        if services is None:
            self._finding(f"open {file}: no such file or directory", service_node)
        elif name not in services:
            where = f" in {current[0]}" if file_name is None else f" from {file}"
            self._finding(
                f'cannot extend service "{current[1]}"{where}: service "{name}" not found',
                service_node,
            )
        else:
            return file, name
        return None

    def _cycle(
        self, chain: list[tuple[ServiceKey, YamlNode]], target: ServiceKey, node: YamlNode
    ) -> None:
        names = [key[1] for key, _ in chain]
        start = [key for key, _ in chain].index(target)
        cycle = [*names[start:], target[1]]
        if len(cycle) > MAX_SHOWN_CYCLE:
            cycle = [*cycle[:3], f"... ({len(cycle) - 5} more)", *cycle[-2:]]
        self._finding(f"circular extends: {' -> '.join(cycle)}", node)

    def _finding(self, message: str, node: YamlNode) -> None:
        self.findings.append(ComposeFinding(COMPOSE_SCHEMA, message, node.file, node.span))


def _extends_reference(extends: YamlNode | None) -> tuple[str | None, YamlNode] | None:
    """``(file or None for this file, service name node)`` of an ``extends``, else None."""
    if extends is None:
        return None
    if extends.is_scalar:
        return (None, extends) if extends.value is not None else None
    service = extends.get("service")
    if service is None or not service.is_scalar or service.value is None:
        return None
    file = extends.get("file")
    if file is None or not file.is_scalar or not isinstance(file.value, str):
        return None, service
    return file.value.replace("\\", "/"), service


class _Merger:
    """compose-go's ``MergeYaml`` over positioned nodes."""

    def __init__(self, findings: list[ComposeFinding]) -> None:
        self.findings = findings
        self.specials: tuple[tuple[Path, Merger], ...] = (
            (("services", "*", "command"), _replace),
            (("services", "*", "entrypoint"), _replace),
            (("services", "*", "healthcheck", "test"), _replace),
            (("services", "*", "build"), self._merge_build),
            (("services", "*", "depends_on"), self._merge_depends_on),
            (("services", "*", "networks"), self._merge_networks),
            (("services", "*", "models"), self._merge_networks),
            (("services", "*", "logging"), self._merge_logging),
            (("services", "*", "extra_hosts"), _merge_extra_hosts),
            (("services", "*", "build", "extra_hosts"), _merge_extra_hosts),
            (("services", "*", "ulimits", "*"), _replace),
            *((pattern, self._merge_key_values) for pattern in _KEY_VALUE_PATHS),
        )

    def merge(self, base: YamlNode, override: YamlNode, path: Path) -> YamlNode:
        for pattern, merger in self.specials:
            if _matches(path, pattern):
                return merger(base, override, path)
        if override.is_scalar and override.value is None:
            return base
        if base.is_mapping and override.is_mapping:
            return self._merge_mappings(base, override, path)
        if base.is_sequence and override.is_sequence:
            return _unique(_concatenate(base, override), path)
        if not base.is_scalar:
            self.findings.append(
                ComposeFinding(
                    COMPOSE_SCHEMA,
                    f"cannot override {'.'.join(path)}: a {override.kind} cannot replace a "
                    f"{base.kind}",
                    override.file,
                    override.span,
                )
            )
        return override

    def _merge_mappings(self, base: YamlNode, override: YamlNode, path: Path) -> YamlNode:
        overrides = {key_text(key): (key, value) for key, value in override.entries()}
        entries: list[tuple[YamlNode, YamlNode]] = []
        for key, value in base.entries():
            name = key_text(key)
            if name not in overrides:
                entries.append((key, value))
                continue
            override_key, override_value = overrides.pop(name)
            merged = self.merge(value, override_value, (*path, name))
            entries.append((override_key if merged is override_value else key, merged))
        entries.extend(overrides.values())
        return base.with_value(tuple(entries))

    def _merge_build(self, base: YamlNode, override: YamlNode, path: Path) -> YamlNode:
        if override.is_scalar and override.value is None:
            return base
        return self._merge_mappings(_build_mapping(base), _build_mapping(override), path)

    def _merge_depends_on(self, base: YamlNode, override: YamlNode, path: Path) -> YamlNode:
        """By service name; a short-form entry over a long-form one resets its condition to
        ``service_started`` and ``required`` to true, as compose-go does."""
        if override.is_scalar and override.value is None:
            return base
        base = _name_mapping(base, SHORT_FORM_TAG)
        override = _name_mapping(override, SHORT_FORM_TAG)
        entries = tuple(
            (key, _short_form_over(base.get(key_text(key)), value))
            for key, value in override.entries()
        )
        return self._merge_mappings(base, override.with_value(entries), path)

    def _merge_networks(self, base: YamlNode, override: YamlNode, path: Path) -> YamlNode:
        if override.is_scalar and override.value is None:
            return base
        return self._merge_mappings(_name_mapping(base, None), _name_mapping(override, None), path)

    def _merge_logging(self, base: YamlNode, override: YamlNode, path: Path) -> YamlNode:
        base_driver, override_driver = base.get("driver"), override.get("driver")
        if (
            base_driver is not None
            and override_driver is not None
            and (base_driver.value != override_driver.value)
        ):
            return override
        return self.merge(base, override, (*path, "*"))

    def _merge_key_values(self, base: YamlNode, override: YamlNode, path: Path) -> YamlNode:
        """``KEY=value`` collections: by name, the override winning (in the mapping syntax
        when both files use it)."""
        if override.is_scalar and override.value is None:
            return base
        if base.is_mapping and override.is_mapping:
            return self._merge_mappings(base, override, (*path, "*"))
        return _unique(_concatenate(_as_sequence(base), _as_sequence(override)), path)


_KEY_VALUE_PATHS: tuple[Path, ...] = tuple(
    tuple(pattern.split("."))
    for pattern in (
        "services.*.annotations",
        "services.*.build.args",
        "services.*.build.additional_contexts",
        "services.*.build.labels",
        "services.*.deploy.labels",
        "services.*.dns",
        "services.*.dns_opt",
        "services.*.dns_search",
        "services.*.env_file",
        "services.*.label_file",
        "services.*.environment",
        "services.*.labels",
        "services.*.sysctls",
        "services.*.tmpfs",
        "networks.*.labels",
        "volumes.*.labels",
    )
)


def _matches(path: Path, pattern: Path) -> bool:
    return len(path) == len(pattern) and all(
        expected in ("*", part) for part, expected in zip(path, pattern, strict=True)
    )


def _replace(base: YamlNode, override: YamlNode, path: Path) -> YamlNode:
    return override


def _concatenate(base: YamlNode, override: YamlNode) -> YamlNode:
    return base.with_value(base.items() + override.items())


def _merge_extra_hosts(base: YamlNode, override: YamlNode, path: Path) -> YamlNode:
    base, override = _as_sequence(base), _as_sequence(override)
    known = {scalar_text(item.value) for item in base.items() if item.is_scalar}
    fresh = tuple(
        item
        for item in override.items()
        if not item.is_scalar or scalar_text(item.value) not in known
    )
    return base.with_value(base.items() + fresh)


def _synthetic(value: object, near: YamlNode, tag: str | None = None) -> YamlNode:
    """A node Compose's merge makes up, placed where the value it comes from is written."""
    return YamlNode("scalar", near.span, value, near.file, tag=tag)


def _short_form_over(base: YamlNode | None, value: YamlNode) -> YamlNode:
    """A short-form ``depends_on`` entry, as what it means when it overrides a long one."""
    if base is None or not base.is_mapping or value.tag != SHORT_FORM_TAG:
        return value
    defaults = (("condition", "service_started"), ("required", True))
    entries = tuple(
        (_synthetic(key, value), _synthetic(default, value)) for key, default in defaults
    )
    return value.with_value(entries, "mapping")


def _build_mapping(node: YamlNode) -> YamlNode:
    """``build: ./dir`` as ``build: {context: ./dir}``."""
    if not node.is_scalar:
        return node
    return node.with_value(((_synthetic("context", node), node),), "mapping")


def _name_mapping(node: YamlNode, tag: str | None) -> YamlNode:
    """A list of names as a mapping of name to an empty value (tagged ``tag``)."""
    if not node.is_sequence:
        return node
    entries = tuple((item, _synthetic(None, item, tag)) for item in node.items())
    return node.with_value(entries, "mapping")


def _as_sequence(node: YamlNode) -> YamlNode:
    """A mapping as ``KEY=value`` items (``KEY`` for an empty value), a scalar as one item."""
    if node.is_sequence:
        return node
    if node.is_scalar:
        return node.with_value((node,) if node.value else (), "sequence")
    items = tuple(
        YamlNode("scalar", key.span.cover(value.span), _key_value_text(key, value), key.file)
        for key, value in node.entries()
    )
    return node.with_value(items, "sequence")


def _key_value_text(key: YamlNode, value: YamlNode) -> str:
    if value.value is None:
        return key_text(key)
    return f"{key_text(key)}={scalar_text(value.value)}"


def _unique(sequence: YamlNode, path: Path) -> YamlNode:
    """Later items replace earlier ones with the same index key (compose-go EnforceUnicity)."""
    indexer = _indexer(path)
    if indexer is None:
        return sequence
    items: list[YamlNode] = []
    positions: dict[str, int] = {}
    for item in sequence.items():
        key = indexer(item)
        if key in positions:
            items[positions[key]] = item
        else:
            positions[key] = len(items)
            items.append(item)
    return sequence.with_value(tuple(items))


def _indexer(path: Path) -> Callable[[YamlNode], str] | None:
    name = path[-1] if len(path) == 3 and path[0] == "services" else None
    if path[-1] == "aliases" or name in _KEY_VALUE_NAMES:
        return _key_value_index
    return {
        "ports": _port_index,
        "expose": _text_index,
        "volumes": _target_index,
        "devices": _target_index,
        "secrets": _mount_index("/run/secrets/"),
        "configs": _mount_index("/"),
        "env_file": _env_file_index,
    }.get(name or "")


_KEY_VALUE_NAMES = frozenset(
    {
        "annotations",
        "cap_add",
        "cap_drop",
        "dns",
        "dns_opt",
        "dns_search",
        "environment",
        "labels",
        "links",
        "profiles",
        "sysctls",
        "tmpfs",
    }
)


def _text_index(item: YamlNode) -> str:
    return scalar_text(item.value) if item.is_scalar else str(id(item))


def _key_value_index(item: YamlNode) -> str:
    return _text_index(item).split("=", 1)[0]


def _port_index(item: YamlNode) -> str:
    if not item.is_mapping:
        return _text_index(item)
    fields = {key_text(key): scalar_text(value.value) for key, value in item.entries()}
    return "{}:{}:{}/{}".format(
        fields.get("host_ip", "0.0.0.0"),
        fields.get("published", ""),
        fields.get("target", ""),
        fields.get("protocol", "tcp"),
    )


def _target_index(item: YamlNode) -> str:
    if item.is_mapping:
        target = item.get("target")
        return _text_index(target) if target is not None else str(id(item))
    parts = _text_index(item).split(":")
    return parts[1] if len(parts) > 1 else parts[0]


def _mount_index(default_dir: str) -> Callable[[YamlNode], str]:
    def index(item: YamlNode) -> str:
        if item.is_mapping:
            target, source = item.get("target"), item.get("source")
            if target is not None:
                return _text_index(target)
            return default_dir + (_text_index(source) if source is not None else "")
        return default_dir + _text_index(item)

    return index


def _env_file_index(item: YamlNode) -> str:
    path = item.get("path") if item.is_mapping else item
    return _text_index(path) if path is not None else str(id(item))


def _strip_resets(node: YamlNode, path: Path) -> tuple[YamlNode, list[Path]]:
    """The document without its ``!reset`` values, and the paths tagged ``!reset`` or
    ``!override`` (to be removed from the base before merging)."""
    if not node.is_mapping:
        return node, []
    replaced: list[Path] = []
    entries: list[tuple[YamlNode, YamlNode]] = []
    for key, value in node.entries():
        child_path = (*path, key_text(key))
        if value.tag in (RESET_TAG, OVERRIDE_TAG):
            replaced.append(child_path)
            if value.tag == RESET_TAG:
                continue
        else:
            value, inner = _strip_resets(value, child_path)
            replaced.extend(inner)
        entries.append((key, value))
    return (node.with_value(tuple(entries)) if replaced else node), replaced


def _delete(node: YamlNode, path: Path) -> YamlNode:
    """``node`` without the entry at ``path`` (mapping keys only)."""
    if not node.is_mapping or not path:
        return node
    entries = tuple(_deleted_entries(node.entries(), path))
    return node.with_value(entries)


def _deleted_entries(
    entries: Iterable[tuple[YamlNode, YamlNode]], path: Path
) -> Iterator[tuple[YamlNode, YamlNode]]:
    for key, value in entries:
        if key_text(key) != path[0]:
            yield key, value
        elif len(path) > 1:
            yield key, _delete(value, path[1:])


def _without(node: YamlNode, name: str) -> YamlNode:
    return _delete(node, (name,))


def _with_entry(node: YamlNode, key: YamlNode, value: YamlNode) -> YamlNode:
    entries = tuple((k, value if k is key else v) for k, v in node.entries())
    return node.with_value(entries)
