"""Compose service nodes (interpolated, extended, merged) to ``Service`` models.

Both syntaxes of each field are normalised here: ``depends_on`` list and map (plus the implicit
dependencies of ``links``, ``volumes_from`` and ``service:x`` namespaces), ``healthcheck.test``
string and list, ``environment`` list and map, ``env_file`` string, list and long form,
``command``/``entrypoint`` string (split into words) and list, ``build`` string and map.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from lintdock.model.compose import (
    Block,
    Build,
    ComposeFinding,
    Dependency,
    DependencySource,
    Deploy,
    Duration,
    EnvFile,
    EnvVar,
    Healthcheck,
    Located,
    Reference,
    RestartPolicy,
    Service,
    Setting,
    StartCommand,
    TestKind,
    YamlValue,
)
from lintdock.model.duration import COMPOSE_UNITS, parse_duration
from lintdock.model.span import MappedText
from lintdock.parsers import compose_mounts
from lintdock.parsers.compose_merge import SHORT_FORM_TAG
from lintdock.parsers.compose_ports import port
from lintdock.parsers.compose_words import split_command
from lintdock.parsers.compose_yaml import LineIndex, YamlNode, key_text, scalar_text, to_data
from lintdock.rules.codes import COMPOSE_SCHEMA

SWARM_KEYS = ("placement", "update_config", "rollback_config")
"""``deploy`` keys only Swarm acts on: docker compose ignores them. ``replicas`` and ``mode:
replicated`` are not among them: docker compose honours both (it starts that many containers)."""
SWARM_MODES = ("global",)
"""``deploy.mode`` values only Swarm runs (one task per node); compose has no nodes."""
NAMESPACE_KEYS: tuple[DependencySource, ...] = ("network_mode", "ipc", "pid", "uts", "cgroup")
"""Keys whose ``service:NAME`` value makes the service depend on NAME."""

HEALTHCHECK_KINDS: dict[object, TestKind] = {"CMD": "CMD", "CMD-SHELL": "CMD-SHELL", "NONE": "NONE"}
_REMOTE_CONTEXT = re.compile(r"^(https?://|git@|git://|ssh://|github\.com/)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Context:
    """What normalising needs besides the nodes: the file texts and the project directory
    (the base file's directory, against which Compose resolves relative paths), and the
    directories of files whose paths Compose resolves elsewhere (an ``include``d file's project
    directory, an ``extends.file``'s own directory)."""

    sources: Mapping[str, LineIndex]
    project_dir: str
    directories: Mapping[str, str] = field(default_factory=dict)

    def mapped(self, node: YamlNode) -> MappedText | None:
        """The scalar's value with the file position of each character, when its style writes
        the value verbatim on one line (plain, or quoted without escapes); else None."""
        if not node.is_scalar or not isinstance(node.value, str) or node.style in ("|", ">"):
            return None
        if node.span.line != node.span.end_line:
            return None
        source = self.sources.get(node.file)
        if source is None:
            return None
        raw = source.text_at(node.span)
        quote = 1 if node.style in ("'", '"') else 0
        if raw[quote : len(raw) - quote] != node.value:
            return None
        return MappedText.at(node.value, node.span.line, node.span.column + quote)

    def resolve(self, relative: str, file: str = "") -> str:
        """``relative`` (written in ``file``) joined to the directory Compose resolves it from,
        normalised, with ``/`` separators."""
        relative = relative.replace("\\", "/")
        directory = self.directories.get(file, self.project_dir)
        joined = relative if posixpath.isabs(relative) else posixpath.join(directory, relative)
        return posixpath.normpath(joined) if joined else "."


def located(node: YamlNode, key: YamlNode | None = None) -> Located[YamlValue]:
    """A node's plain value with its position (and its key's)."""
    return Located(to_data(node), node.span, node.file, key.span if key is not None else None)


def located_text(node: YamlNode, key: YamlNode | None = None) -> Located[str]:
    """A scalar's value as text (``8080`` -> ``"8080"``) with its position."""
    text = scalar_text(node.value) if node.is_scalar else str(to_data(node))
    return Located(text, node.span, node.file, key.span if key is not None else None)


def marker(node: YamlNode, key: YamlNode) -> Located[None]:
    """Where a block is written (its value and its key), for models that need only that."""
    return Located(None, node.span, node.file, key.span)


def key_located(key: YamlNode) -> Located[str]:
    """A mapping key's text, at the key."""
    return Located(key_text(key), key.span, key.file, key.span)


def command_findings(document: YamlNode) -> Iterator[ComposeFinding]:
    """LD003 for each ``command``/``entrypoint`` string Compose cannot split (an unterminated
    quote, a bare parenthesis)."""
    section = document.get("services")
    for name, node in section.entries() if section is not None else ():
        for key in ("command", "entrypoint"):
            value = node.get(key)
            if value is None or not value.is_scalar or not isinstance(value.value, str):
                continue
            error = split_command(value.value).error
            if error is not None:
                where = f"services.{key_text(name)}.{key}"
                yield ComposeFinding(COMPOSE_SCHEMA, f"{where}: {error}", value.file, value.span)


def services(root: YamlNode, context: Context) -> tuple[Service, ...]:
    """Every service of the merged project, in file order."""
    section = root.get("services")
    if section is None:
        return ()
    return tuple(
        service(key, value, context)
        for key, value in section.entries()
        if value.is_mapping or value.value is None
    )


def service(key: YamlNode, node: YamlNode, context: Context) -> Service:
    """One service from its name key and its mapping."""
    return Service(
        name=key_located(key),
        image=_optional_text(node.entry("image")),
        build=_build(node.entry("build"), context),
        command=_start_command(node.entry("command"), context),
        entrypoint=_start_command(node.entry("entrypoint"), context),
        healthcheck=_healthcheck(node.entry("healthcheck"), context),
        depends_on=tuple(_dependencies(node)),
        restart=_optional(node.entry("restart")),
        deploy=_deploy(node.entry("deploy")),
        environment=tuple(_environment(node.get("environment"), context)),
        ports=tuple(located(item) for item in _items(node.get("ports"))),
        expose=tuple(located(item) for item in _items(node.get("expose"))),
        profiles=tuple(_texts(node.get("profiles"))),
        aliases=tuple(_aliases(node)),
        network_mode=_optional_text(node.entry("network_mode")),
        depends_on_block=_block(node.entry("depends_on")),
        env_files=tuple(_env_files(node.get("env_file"), context)),
        extends_file=_extends_file(node.get("extends")),
        settings=tuple(_setting(key, value) for key, value in node.entries()),
        port_mappings=tuple(port(item, context.mapped) for item in _items(node.get("ports"))),
        mounts=(
            *compose_mounts.volumes(node.get("volumes"), context.mapped),
            *compose_mounts.tmpfs(node.get("tmpfs"), context.mapped),
        ),
        devices=tuple(compose_mounts.devices(node.get("devices"), context.mapped)),
        references=tuple(_references(node, context)),
    )


def _setting(key: YamlNode, value: YamlNode) -> Setting:
    items = tuple(located(item) for item in value.items())
    return Setting(key_located(key), located(value, key), items)


def _items(node: YamlNode | None) -> tuple[YamlNode, ...]:
    return node.items() if node is not None else ()


def _optional(entry: tuple[YamlNode, YamlNode] | None) -> Located[YamlValue] | None:
    if entry is None or entry[1].value is None:
        return None
    return located(entry[1], entry[0])


def _duration(entry: tuple[YamlNode, YamlNode] | None) -> Located[Duration] | None:
    """A duration option, parsed as Compose parses it (a string; anything else is no duration)."""
    written = _optional(entry)
    if written is None:
        return None
    value = written.value
    seconds = parse_duration(value, COMPOSE_UNITS) if isinstance(value, str) else None
    return Located(Duration(value, seconds), written.span, written.path, written.key_span)


def _optional_text(entry: tuple[YamlNode, YamlNode] | None) -> Located[str] | None:
    if entry is None or entry[1].value is None:
        return None
    return located_text(entry[1], entry[0])


def _texts(node: YamlNode | None) -> Iterator[str]:
    for item in _items(node):
        if item.is_scalar and item.value is not None:
            yield scalar_text(item.value)


def _block(entry: tuple[YamlNode, YamlNode] | None) -> Block | None:
    if entry is None:
        return None
    key, value = entry
    if value.is_scalar or any(item.file != value.file for item in _children(value)):
        return None
    return Block(marker(value, key), value.flow)


def _children(node: YamlNode) -> Iterator[YamlNode]:
    for key, value in node.entries():
        yield key
        yield value
    yield from node.items()


def _start_command(
    entry: tuple[YamlNode, YamlNode] | None, context: Context
) -> StartCommand | None:
    if entry is None or entry[1].value is None:
        return None
    key, node = entry
    if node.is_sequence:
        words = tuple(located_text(item) for item in node.items())
        return StartCommand(located(node, key), words, is_string=False)
    text = scalar_text(node.value) if node.is_scalar else ""
    split = split_command(text)
    mapped = context.mapped(node)
    words = tuple(
        Located(
            word.text,
            mapped.span(word.start, word.end) if mapped is not None else node.span,
            node.file,
        )
        for word in split.words
    )
    return StartCommand(located(node, key), words, True, split.operator_index)


def _healthcheck(entry: tuple[YamlNode, YamlNode] | None, context: Context) -> Healthcheck | None:
    if entry is None or not entry[1].is_mapping:
        return None
    key, node = entry
    test_entry = node.entry("test")
    test = _optional(test_entry)
    kind, args, shell_node = _test_parts(test_entry[1] if test_entry else None)
    shell_text = context.mapped(shell_node) if shell_node is not None else None
    return Healthcheck(
        key=marker(node, key),
        test=test,
        test_kind=kind,
        test_args=args,
        shell_text=shell_text,
        interval=_duration(node.entry("interval")),
        timeout=_duration(node.entry("timeout")),
        retries=_optional(node.entry("retries")),
        start_period=_duration(node.entry("start_period")),
        start_interval=_duration(node.entry("start_interval")),
        disable=_optional(node.entry("disable")),
    )


def _test_parts(
    node: YamlNode | None,
) -> tuple[TestKind | None, tuple[Located[str], ...], YamlNode | None]:
    """``(kind, args, shell node)`` of a ``test``: a string is CMD-SHELL; a list names its kind
    first. The shell node is the scalar holding a CMD-SHELL command, when there is one."""
    if node is None or node.value is None:
        return None, (), None
    if node.is_scalar:
        if not isinstance(node.value, str) or not node.value.strip():
            return None, (), None
        return "CMD-SHELL", (located_text(node),), node
    items = node.items()
    if not items or not items[0].is_scalar or items[0].value not in HEALTHCHECK_KINDS:
        return None, (), None
    kind = HEALTHCHECK_KINDS[items[0].value]
    args = tuple(located_text(item) for item in items[1:])
    shell_node = items[1] if kind == "CMD-SHELL" and len(items) == 2 else None
    return kind, args, shell_node


def _dependencies(node: YamlNode) -> Iterator[Dependency]:
    entry = node.get("depends_on")
    if entry is not None and entry.is_sequence:
        for item in entry.items():
            yield Dependency(located_text(item), None, True, False, short_form=True)
    elif entry is not None:
        for key, value in entry.entries():
            yield _long_dependency(key, value)
    yield from _implicit_dependencies(node)


def _long_dependency(key: YamlNode, value: YamlNode) -> Dependency:
    name = key_located(key)
    if value.tag == SHORT_FORM_TAG:
        return Dependency(name, None, True, False, short_form=True)
    condition = value.entry("condition")
    required = value.get("required")
    restart = value.get("restart")
    return Dependency(
        name,
        _optional_text(condition),
        required is None or required.value is not False,
        restart is not None and restart.value is True,
        short_form=False,
    )


def _implicit_dependencies(node: YamlNode) -> Iterator[Dependency]:
    """``links``, ``volumes_from`` and ``service:NAME`` namespaces, as compose-go adds them."""
    for item in _scalar_items(node.get("links")):
        name = scalar_text(item.value).split(":", 1)[0]
        yield _implicit(item, name, "links", restart=True)
    for item in _scalar_items(node.get("volumes_from")):
        name = scalar_text(item.value).split(":", 1)[0]
        if not scalar_text(item.value).startswith("container:"):
            yield _implicit(item, name, "volumes_from", restart=False)
    for key_name in NAMESPACE_KEYS:
        value = node.get(key_name)
        text = value.value if value is not None and value.is_scalar else None
        if isinstance(text, str) and text.startswith("service:") and value is not None:
            yield _implicit(value, text.removeprefix("service:"), key_name, restart=True)


def _implicit(node: YamlNode, name: str, source: DependencySource, restart: bool) -> Dependency:
    return Dependency(
        Located(name, node.span, node.file), None, True, restart, short_form=False, source=source
    )


def _scalar_items(node: YamlNode | None) -> Iterator[YamlNode]:
    for item in _items(node):
        if item.is_scalar and item.value is not None:
            yield item


def _environment(node: YamlNode | None, context: Context) -> Iterator[EnvVar]:
    if node is None:
        return
    for key, value in node.entries():
        name = key_located(key)
        text = None if value.value is None else located_text(value, key)
        yield EnvVar(name, text)
    for item in _scalar_items(node):
        yield _list_variable(item, context)


def _list_variable(item: YamlNode, context: Context) -> EnvVar:
    """``NAME=value`` (or a bare ``NAME``) from the list syntax, each part at its own position
    when the scalar maps exactly."""
    text = scalar_text(item.value)
    name, equals, value = text.partition("=")
    mapped = context.mapped(item)

    def part(start: int, end: int, part_text: str) -> Located[str]:
        span = mapped.span(start, end) if mapped is not None else item.span
        return Located(part_text, span, item.file)

    name_located = part(0, len(name), name)
    if not equals:
        return EnvVar(name_located, None)
    return EnvVar(name_located, part(len(name) + 1, len(text), value))


def _env_files(node: YamlNode | None, context: Context) -> Iterator[EnvFile]:
    if node is None:
        return
    entries = node.items() if node.is_sequence else (node,)
    for entry in entries:
        path_node, required = entry, True
        if entry.is_mapping:
            path_node = entry.get("path") or entry
            required_node = entry.get("required")
            required = required_node is None or required_node.value is not False
        if path_node.is_scalar and path_node.value is not None:
            path = located_text(path_node)
            yield EnvFile(path, context.resolve(path.value, path_node.file), required)


def _build(entry: tuple[YamlNode, YamlNode] | None, context: Context) -> Build | None:
    if entry is None or entry[1].value is None:
        return None
    key, node = entry
    if node.is_scalar:
        context_node: YamlNode | None = node
        dockerfile_entry = inline_entry = target_entry = None
    else:
        context_node = node.get("context")
        dockerfile_entry = node.entry("dockerfile")
        inline_entry = node.entry("dockerfile_inline")
        target_entry = node.entry("target")
    build_context = (
        located_text(context_node)
        if context_node is not None and context_node.value is not None
        else Located(".", node.span, node.file, key.span)
    )
    dockerfile = _optional_text(dockerfile_entry)
    inline = _optional_text(inline_entry)
    context_path = (
        None
        if _REMOTE_CONTEXT.match(build_context.value)
        else context.resolve(build_context.value, build_context.path)
    )
    return Build(
        key=marker(node, key),
        context=build_context,
        context_path=context_path,
        dockerfile=dockerfile,
        dockerfile_path=_dockerfile_path(context_path, dockerfile, inline),
        dockerfile_inline=inline,
        target=_optional_text(target_entry),
    )


def _dockerfile_path(
    context_path: str | None, dockerfile: Located[str] | None, inline: Located[str] | None
) -> str | None:
    if context_path is None or inline is not None:
        return None
    name = dockerfile.value.replace("\\", "/") if dockerfile is not None else "Dockerfile"
    if posixpath.isabs(name):
        return posixpath.normpath(name)
    return posixpath.normpath(posixpath.join(context_path, name))


def _deploy(entry: tuple[YamlNode, YamlNode] | None) -> Deploy | None:
    if entry is None or not entry[1].is_mapping:
        return None
    key, node = entry
    policy_entry = node.entry("restart_policy")
    policy = None
    if policy_entry is not None and policy_entry[1].is_mapping:
        policy_key, policy_node = policy_entry
        policy = RestartPolicy(
            key=marker(policy_node, policy_key),
            condition=_optional(policy_node.entry("condition")),
            max_attempts=_optional(policy_node.entry("max_attempts")),
            delay=_duration(policy_node.entry("delay")),
            window=_duration(policy_node.entry("window")),
        )
    swarm_keys = tuple(
        key_located(swarm_key)
        for swarm_key, value in node.entries()
        if key_text(swarm_key) in SWARM_KEYS
        or (key_text(swarm_key) == "mode" and value.is_scalar and value.value in SWARM_MODES)
    )
    return Deploy(marker(node, key), policy, swarm_keys)


def _aliases(node: YamlNode) -> Iterator[str]:
    networks = node.get("networks")
    for _, network in networks.entries() if networks is not None else ():
        yield from _texts(network.get("aliases"))
    hostname = node.get("hostname")
    if hostname is not None and hostname.is_scalar and hostname.value is not None:
        yield scalar_text(hostname.value)


def _references(node: YamlNode, context: Context) -> Iterator[Reference]:
    """The networks, named volumes, secrets and configs a service uses (both syntaxes)."""
    networks = node.get("networks")
    for item in _scalar_items(networks):
        yield Reference("network", located_text(item))
    for key, _ in networks.entries() if networks is not None else ():
        yield Reference("network", key_located(key))
    for item in _items(node.get("volumes")):
        volume = _named_volume(item, context)
        if volume is not None:
            yield Reference("volume", volume)
    for kind in ("secret", "config"):
        for item in _items(node.get(f"{kind}s")):
            source = item.get("source") if item.is_mapping else item
            if source is not None and source.is_scalar and source.value is not None:
                yield Reference(kind, located_text(source))


_BIND_SOURCE = re.compile(r"^(?:[/.~$\\]|[A-Za-z]:[\\/])")


def _named_volume(item: YamlNode, context: Context) -> Located[str] | None:
    """The named volume a ``volumes`` entry mounts (``data:/var/lib``, or the long syntax with
    ``type: volume``), None for a bind mount, an anonymous volume or a tmpfs."""
    if item.is_mapping:
        kind, source = item.get("type"), item.get("source")
        if kind is None or kind.value != "volume" or source is None or not source.value:
            return None
        return located_text(source)
    if not item.is_scalar or not isinstance(item.value, str) or ":" not in item.value:
        return None
    name = item.value.split(":", 1)[0]
    if not name or _BIND_SOURCE.match(item.value):
        return None
    mapped = context.mapped(item)
    return Located(name, mapped.span(0, len(name)) if mapped else item.span, item.file)


def _extends_file(node: YamlNode | None) -> Located[str] | None:
    file_entry = node.entry("file") if node is not None else None
    return _optional_text(file_entry)
