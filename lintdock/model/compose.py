"""The Compose model: a project of services, normalised from either syntax, with positions.

Built only by ``lintdock.parsers.compose``. Every value a rule may report on is a ``Located``:
the value, where it is written (the file that said it, after override merging and through YAML
anchors), and where its key is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, TypeAlias, TypeVar

from lintdock.model.span import MappedText, Span

T = TypeVar("T", covariant=True)
Scalar: TypeAlias = str | int | float | bool | None
YamlValue: TypeAlias = Scalar | list["YamlValue"] | dict[str, "YamlValue"]
"""A YAML value after interpolation, aliases expanded: what a key holds when its type is not
known to be right (the schema check, LD003, reports values of the wrong type)."""
TestKind = Literal["CMD", "CMD-SHELL", "NONE"]
DependencySource = Literal[
    "depends_on", "links", "volumes_from", "network_mode", "ipc", "pid", "uts", "cgroup"
]


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    """A value with its position. ``key_span`` is the mapping key it belongs to, when it has one;
    ``path`` the file it is written in."""

    value: T
    span: Span
    path: str
    key_span: Span | None = None

    @property
    def anchor(self) -> Span:
        """Where to report about this entry: its key when it has one, else the value."""
        return self.key_span or self.span


@dataclass(frozen=True, slots=True)
class Duration:
    """A duration option (``interval: 1m30s``) as Compose reads it: ``written`` as the file
    writes it (Compose takes a string; another value is what LD003 and LD107 report),
    ``seconds`` its length, None when Compose cannot read ``written`` as a duration."""

    written: YamlValue
    seconds: float | None


@dataclass(frozen=True, slots=True)
class Healthcheck:
    """A service's ``healthcheck``. ``test`` is normalised: a string is ``CMD-SHELL`` form.

    ``test_kind`` is ``"CMD"``, ``"CMD-SHELL"``, ``"NONE"``, or None when there is no usable
    test (absent, empty, or a list whose first item is something else; LD107 reports those).
    ``test_args`` are the items after the kind (for CMD-SHELL a single item: the shell text).
    ``shell_text`` maps the CMD-SHELL text to file positions where the scalar allows it (plain
    and single-quoted one-line scalars), else None. The four durations are parsed.
    """

    key: Located[None]
    test: Located[YamlValue] | None
    test_kind: TestKind | None
    test_args: tuple[Located[str], ...]
    shell_text: MappedText | None
    interval: Located[Duration] | None
    timeout: Located[Duration] | None
    retries: Located[YamlValue] | None
    start_period: Located[Duration] | None
    start_interval: Located[Duration] | None
    disable: Located[YamlValue] | None

    @property
    def disabled(self) -> bool:
        return bool(self.disable is not None and self.disable.value is True) or (
            self.test_kind == "NONE"
        )


@dataclass(frozen=True, slots=True)
class Dependency:
    """One ``depends_on`` entry, or an implicit one (``links``, ``volumes_from``,
    ``network_mode: service:x``: ``source`` says which). Short-form entries have
    ``condition`` ``service_started`` and ``short_form`` True."""

    service: Located[str]
    condition: Located[str] | None
    required: bool
    restart: bool
    short_form: bool
    source: DependencySource = "depends_on"

    @property
    def condition_value(self) -> str:
        return self.condition.value if self.condition is not None else "service_started"


@dataclass(frozen=True, slots=True)
class Block:
    """Where a collection value is written, so that a fix can rewrite it whole: ``node.key_span``
    is its key, ``node.span`` the value (a block collection from its first item to the end of its
    last, a flow collection from bracket to bracket); ``flow`` tells the two styles apart."""

    node: Located[None]
    flow: bool


@dataclass(frozen=True, slots=True)
class EnvVar:
    """An environment variable of a service: from ``environment`` (map or list) or an
    ``env_file`` (then ``name.path`` is that file). ``value`` None: declared without a value."""

    name: Located[str]
    value: Located[str] | None


@dataclass(frozen=True, slots=True)
class Build:
    """``build:``: the context and Dockerfile, resolved from the project directory (the first
    ``-f`` file's, an included project's, an extended file's own) the way Compose joins them
    (``path`` fields are filesystem paths as given to the run, with ``/`` separators).
    ``dockerfile_path`` is None for ``dockerfile_inline`` or a remote (git/URL) context."""

    key: Located[None]
    context: Located[str]
    context_path: str | None
    dockerfile: Located[str] | None
    dockerfile_path: str | None
    dockerfile_inline: Located[str] | None
    target: Located[str] | None


@dataclass(frozen=True, slots=True)
class RestartPolicy:
    """``deploy.restart_policy`` (``delay`` and ``window`` parsed as durations)."""

    key: Located[None]
    condition: Located[YamlValue] | None
    max_attempts: Located[YamlValue] | None
    delay: Located[Duration] | None
    window: Located[Duration] | None


@dataclass(frozen=True, slots=True)
class Deploy:
    """The parts of ``deploy`` that decide how a service recovers. ``swarm_keys`` lists which of
    the keys only Swarm acts on are set: ``placement``, ``update_config``, ``rollback_config``,
    and ``mode`` when it is ``global`` (docker compose honours ``replicas`` and ``mode:
    replicated``)."""

    key: Located[None]
    restart_policy: RestartPolicy | None
    swarm_keys: tuple[Located[str], ...]


@dataclass(frozen=True, slots=True)
class StartCommand:
    """``command`` or ``entrypoint``: a string (Compose splits it into words, no shell) or a list.
    ``words`` are the argv Compose runs; for a string, each word's position inside the scalar
    (the whole scalar's span where the scalar's style does not map characters exactly).

    For a string, an unquoted shell operator (``&&``, ``||``, ``;``, ``|``, ``&``, ``<``, ``>``,
    ``2>``...) is a word of its own and ``operator_index`` is the index of the first one: Compose
    stops reading the string there, so only ``words[:operator_index]`` is run."""

    node: Located[YamlValue]
    words: tuple[Located[str], ...]
    is_string: bool
    operator_index: int | None = None

    @property
    def argv(self) -> tuple[Located[str], ...]:
        """The words Compose actually runs."""
        return self.words if self.operator_index is None else self.words[: self.operator_index]


@dataclass(frozen=True, slots=True)
class EnvFile:
    """One ``env_file`` entry. ``resolved`` is the path joined to the project directory (the
    base compose file's directory) like ``Build.context_path``; ``required`` is False only when
    the long syntax says so. The loader never reads the file (it is given only texts): the
    project layer reads it and adds its variables to the service's environment."""

    path: Located[str]
    resolved: str
    required: bool


@dataclass(frozen=True, slots=True)
class Port:
    """One ``ports`` entry, parsed as Compose parses it: the short syntax
    ``[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`` (ports may be ranges, ``8000-8010``;
    an IPv6 host IP is written in brackets) or the long syntax (``target``, ``published``,
    ``host_ip``, ``protocol``). Each part has its own span where the scalar's style maps its
    characters exactly (else the entry's span); None when not written. ``entry`` is the whole
    entry."""

    entry: Located[YamlValue]
    host_ip: Located[str] | None
    published: Located[str] | None
    target: Located[str] | None
    protocol: Located[str] | None
    long_form: bool


@dataclass(frozen=True, slots=True)
class Mount:
    """One ``volumes``, ``tmpfs`` or ``devices`` entry, parsed as Compose parses it. ``kind`` is
    ``bind`` (a host path), ``volume`` (named or, without ``source``, anonymous), ``tmpfs``,
    ``device``, or what the long syntax's ``type`` says. ``source`` and ``target`` have their
    own spans where the scalar maps its characters exactly (else the entry's); ``options`` are
    the short syntax's comma-separated modes (``ro``, ``rshared``, ``exec``, ``rwm``...), and
    ``propagation`` the one among them (or ``bind.propagation``) that says how mounts
    propagate."""

    entry: Located[YamlValue]
    kind: str
    source: Located[str] | None
    target: Located[str] | None
    read_only: bool
    options: tuple[str, ...] = ()
    propagation: Located[str] | None = None


@dataclass(frozen=True, slots=True)
class Setting:
    """A key of a service as written (after merging): ``key`` its name and position, ``value``
    its plain value and position, ``items`` each item of a sequence value with its own
    position (``cap_add: [SYS_ADMIN]``)."""

    key: Located[str]
    value: Located[YamlValue]
    items: tuple[Located[YamlValue], ...] = ()


@dataclass(frozen=True, slots=True)
class Reference:
    """A service's use of a top-level resource: ``kind`` is ``network``, ``volume`` (a named
    volume), ``secret`` or ``config``; ``name`` where it is written."""

    kind: str
    name: Located[str]


@dataclass(frozen=True, slots=True)
class Service:
    """One service after interpolation, ``extends`` and override merging."""

    name: Located[str]
    image: Located[str] | None
    build: Build | None
    command: StartCommand | None
    entrypoint: StartCommand | None
    healthcheck: Healthcheck | None
    depends_on: tuple[Dependency, ...]
    restart: Located[YamlValue] | None
    deploy: Deploy | None
    environment: tuple[EnvVar, ...]
    ports: tuple[Located[YamlValue], ...]
    expose: tuple[Located[YamlValue], ...]
    profiles: tuple[str, ...]
    aliases: tuple[str, ...]  # network aliases and hostname
    network_mode: Located[str] | None
    # The ``depends_on`` value as written, when one file (not a merge of several) wrote it all.
    depends_on_block: Block | None = None
    env_files: tuple[EnvFile, ...] = ()
    # ``extends.file``: the loader cannot read other files, so what this service inherits from
    # there is missing (the service is loaded as written).
    extends_file: Located[str] | None = None
    references: tuple[Reference, ...] = ()
    # Every key of the service, in file order (security and style rules read them), and the
    # ``ports`` entries parsed.
    settings: tuple[Setting, ...] = ()
    port_mappings: tuple[Port, ...] = ()
    # ``volumes`` and ``tmpfs`` entries, and ``devices``, parsed.
    mounts: tuple[Mount, ...] = ()
    devices: tuple[Mount, ...] = ()

    def setting(self, name: str) -> Setting | None:
        """The service's key ``name`` (``privileged``, ``cap_add``, ``user``...), if written."""
        for setting in self.settings:
            if setting.key.value == name:
                return setting
        return None

    @property
    def key(self) -> str:
        return self.name.value


ScalarStyle = Literal["plain", "single", "double", "literal", "folded"]
YamlPath = tuple["str | int", ...]


@dataclass(frozen=True, slots=True)
class PresentedScalar:
    """A scalar as one file writes it (before merging): ``path`` where it sits in its document
    (``("services", "web", "image")``; a key's path ends with the key itself), ``key`` True for
    a mapping key, its ``style`` and ``span``."""

    path: YamlPath
    text: str
    style: ScalarStyle
    span: Span
    key: bool
    # The value reads back the same written without quotes (a string YAML would not take for
    # a number, a boolean or null, nor for a comment, an alias or a mapping).
    plain_safe: bool = False


@dataclass(frozen=True, slots=True)
class PresentedEntry:
    """One entry of a collection as its file writes it: a mapping's ``key`` (None for a sequence
    item; ``<<`` for a merge key), ``span`` from the key (or item) to the end of its value, and
    ``lines``, the whole lines that are the entry (the comment lines directly above it through
    its last line, a comment at its end included), None when it shares a line with something
    else (a flow collection, the first key of ``- key: value``). ``anchors`` it defines and
    ``aliases`` it uses."""

    key: Located[str] | None
    span: Span
    lines: tuple[int, int] | None
    anchors: frozenset[str] = frozenset()
    aliases: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class PresentedMapping:
    """A mapping as one file writes it: its ``keys`` in file order (those merged in by ``<<``
    included, at their anchor's position), ``flow`` for ``{...}``, and ``entries``: the entries
    written in this mapping itself, ``<<`` keys included, in file order."""

    path: YamlPath
    keys: tuple[Located[str], ...]
    flow: bool
    span: Span
    entries: tuple[PresentedEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class PresentedSequence:
    """A sequence as one file writes it: its ``items`` in file order, ``flow`` for ``[...]``."""

    path: YamlPath
    items: tuple[PresentedEntry, ...]
    flow: bool
    span: Span


@dataclass(frozen=True, slots=True)
class YamlPresentation:
    """How one compose file is written, for style rules: its mappings (key order), sequences
        (item order) and scalars (quoting style), each node once (a node reached again through an
        alias is not repeated), and its ``lines`` for fixes that move entries (empty when the file
    has ``\\r`` line ends: such fixes are not offered there)."""

    path: str
    mappings: tuple[PresentedMapping, ...]
    scalars: tuple[PresentedScalar, ...]
    sequences: tuple[PresentedSequence, ...] = ()
    lines: tuple[str, ...] = ()

    def line_text(self, first: int, last: int) -> str:
        """Lines ``first`` to ``last`` (1-based, inclusive), joined by ``\\n``."""
        return "\n".join(self.lines[first - 1 : last])


@dataclass(frozen=True, slots=True)
class YamlComment:
    """A ``#`` comment in a compose file (suppressions live here)."""

    text: str
    span: Span
    path: str


@dataclass(frozen=True, slots=True)
class ComposeFinding:
    """A problem found while loading (LD002 YAML, LD003 schema, malformed interpolation, …)."""

    code: str
    message: str
    path: str
    span: Span
    # A warning, not the rule's error: compose refuses only if the environment does not supply
    # what ``.env`` lacks (a required variable, a value made of variables .env does not set).
    depends_on_environment: bool = False
    # The variable of a ``${VAR:?message}`` guard ("" for any other finding): the author's own
    # way to stop compose until VAR is set.
    guard: str = ""


@dataclass(frozen=True, slots=True)
class Supplied:
    """Names a project uses that something outside its files defines (the platform of an app
    catalogue), as ``(kind, name)`` (kind ``service``, ``network``, ``volume``, ``secret``,
    ``config``), and why lintdock thinks so (``lintdock.assembly``)."""

    names: frozenset[tuple[str, str]]
    reason: str


@dataclass(frozen=True, slots=True)
class ComposeProject:
    """A compose file merged with its override, as ``docker compose`` loads them.

    ``files`` are the paths merged, base first. ``services`` keep file order. ``findings`` are the
    loader's; when the YAML cannot be read at all ``services`` is empty.
    """

    path: str
    files: tuple[str, ...]
    services: tuple[Service, ...]
    findings: tuple[ComposeFinding, ...]
    comments: tuple[YamlComment, ...]
    top_level_keys: tuple[Located[str], ...]
    # What the project is known to lack (an ``include`` that was not followed, ...): rules that
    # need the whole project (which services exist) say nothing when it is not empty.
    missing: tuple[str, ...] = ()
    presentation: tuple[YamlPresentation, ...] = ()
    # Names the top level declares, per kind (``network``: ``default`` is always declared).
    declared: tuple[tuple[str, frozenset[str]], ...] = ()
    # ``COMPOSE_PROFILES`` from ``.env``: the profiles a plain ``docker compose up`` enables.
    active_profiles: frozenset[str] = frozenset()
    # ``COMPOSE_PROJECT_NAME`` from ``.env`` ("" when it sets none): the project's name.
    dotenv_name: str = ""
    # What the project uses that something outside its files defines (a platform).
    supplied: Supplied | None = None
    # Values read from variables .env does not set: (file, span, the variables' names).
    unset: tuple[tuple[str, Span, tuple[str, ...]], ...] = ()

    @property
    def complete(self) -> bool:
        return not self.missing

    def declares(self, kind: str, name: str) -> bool:
        """Whether the top level declares the ``kind`` (network, volume, ...) ``name``, or the
        platform that completes the project supplies it."""
        return self.supplies(kind, name) or any(
            name in names for declared_kind, names in self.declared if declared_kind == kind
        )

    def unset_in(self, located: Located[object]) -> tuple[str, ...]:
        """The variables ``.env`` does not set that the value at ``located`` reads (as empty)."""
        for path, span, names in self.unset:
            if path == located.path and span == located.span:
                return names
        return ()

    @property
    def installed_by_platform(self) -> bool:
        """Whether a platform installs the project (an app of a catalogue): it sets the
        variables the app reads and writes the env files it names when it installs the app."""
        return self.supplied is not None

    def supplies(self, kind: str, name: str) -> bool:
        """Whether something outside the project's files defines the ``kind`` ``name`` (a
        ``service`` it patches or depends on, a network, ...)."""
        return self.supplied is not None and (kind, name) in self.supplied.names

    def is_active(self, service: Service) -> bool:
        """Whether ``docker compose up`` with no ``--profile`` runs ``service`` (and so checks
        it): it has no profile, or one ``COMPOSE_PROFILES`` enables."""
        return not service.profiles or bool(self.active_profiles & set(service.profiles))

    def service(self, name: str) -> Service | None:
        for service in self.services:
            if service.key == name:
                return service
        return None
