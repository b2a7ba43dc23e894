"""Which services a service needs: the one place lintdock infers dependencies (LD102, LD301,
LD404 share it).

A compose service *needs* another when it

- names it in ``depends_on`` (or ``links``, ``volumes_from``, ``network_mode: service:x``:
  ``via`` is ``"depends_on"`` and ``dependency`` the entry), or
- holds, in an environment variable, a URL (``http://api/x``), a DSN
  (``postgres://user:pw@db:5432/app``, ``jdbc:postgresql://db/x``, ``mongodb://a:1,b:2/x``),
  a ``host:port``, a connection string (``Host=db;Port=5432``, ``Server=db,1433``) or, in a
  variable named ``*_HOST``, ``*_HOSTNAME``, ``*_SERVER`` or ``*_ADDR``, a bare host, whose host
  is the name or a network alias of another service. The variable comes from compose
  ``environment``/``env_file`` (``via`` ``"environment"``) or from the ENV of the image the
  service builds (``via`` ``"image-env"``; compose overrides a variable of the same name).

A Dockerfile alone needs a host when the ENV of a stage holds a URL whose host is a single DNS
label that is not local (``ENV RngApi:Url=http://numbers-api/rng``): ``image_needs``. Dotted
names (``api.github.com``) are taken for external services, not for containers.

Local hosts (``localhost``, ``127.0.0.1``, ``::1``, ``0.0.0.0``, the service's own names) never
count, nor do proxy variables (``HTTP_PROXY``, ``no_proxy``) and mail variables (``SMTP_HOST``,
``MAIL_HOST``, an ``smtp://`` URL): a mail server is used when a mail is sent, not needed to
start; nor does a value of several lines (a configuration file, such as a proxy's ``CADDYFILE``:
its upstreams are reached per request). A service whose start command only writes configuration
(set-up commands, file queries, ``bench set-config``) needs nothing through its environment.

API::

    hosts_in(value, name="", names_a_host=False) -> tuple[str, ...]   the hosts a value points at
    needs_of(project, service) -> tuple[Need, ...]     one Need per (target, evidence)
    needed_services(project, service, via=()) -> dict[str, Need]   first Need per target
    service_aliases(project, name) -> frozenset[str]   the names a service answers to
    service_names(project) -> dict[str, str]           every name on the networks -> service
    dependants_of(project, name) -> tuple[tuple[Service, Need], ...]
    writes_configuration_only(project, service) -> bool
    runs_on_schedule(project, service) -> bool         a cron job: a daemon, a crontab line
    started_before(project, service) / ready_before(project, service) -> frozenset[str]
    image_needs(dockerfile, stage) -> tuple[HostNeed, ...]
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from lintdock.facts.memo import Fact
from lintdock.model.dockerfile import Dockerfile, Instruction, KeyValue, Stage
from lintdock.model.span import Span
from lintdock.project import Project
from lintdock.vocabulary import SET_UP_COMMANDS

if TYPE_CHECKING:
    from lintdock.model.compose import Dependency, EnvVar, Service
    from lintdock.model.shell import SimpleCommand

Via = Literal["depends_on", "environment", "image-env"]
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0", "ip6-localhost"})
HOST_VARIABLE_SUFFIXES = ("_HOST", "_HOSTNAME", "_SERVER", "_ADDR")

SCHEME_CHARACTERS = frozenset(string.ascii_letters + string.digits + "+.-")
_AUTHORITY = re.compile(r"[^/?#\s\"'<>]*")
_HOST_PORT = re.compile(r"(?<![\w.@/:${-])(?P<host>[A-Za-z0-9][\w.-]*):(?P<port>\d{1,5})(?![\w.:])")
_CONNECTION_HOST = re.compile(
    r"(?:^|;)\s*(?:server|host|data source|address|addr)\s*=\s*(?:tcp:)?(?P<host>[^;,:\s]+)",
    re.IGNORECASE,
)
_DNS_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?")
_HOST_NAME = re.compile(r"[A-Za-z0-9][\w.-]*")


@dataclass(frozen=True)
class Need:
    """A service needs ``target`` (a service name). ``span``/``path`` locate the evidence: the
    ``depends_on`` entry, the environment variable (its name), or the image's ENV value.
    ``variable`` and ``host`` (as written) are set for the environment kinds."""

    target: str
    via: Via
    path: str
    span: Span
    variable: str | None = None
    host: str | None = None
    dependency: Dependency | None = None


@dataclass(frozen=True)
class HostNeed:
    """A Dockerfile stage needs ``host``: its ENV ``pair`` (in ``instruction``) holds a URL to it.
    ``span`` is the value token; ``host`` as written."""

    host: str
    variable: str
    pair: KeyValue
    instruction: Instruction
    span: Span


def hosts_in(value: str, name: str = "", names_a_host: bool = False) -> tuple[str, ...]:
    """The hosts a variable's value points at, in order of appearance, lower-cased. ``name`` is
    the variable's name: a ``*_HOST``-style name makes a bare value a host too, as does
    ``names_a_host`` (a probe uses the variable as its host)."""
    found: list[str] = []
    for authority in url_authorities(value):
        found += _authority_hosts(authority)
    found += [m.group("host") for m in _HOST_PORT.finditer(value)]
    found += [m.group("host") for m in _CONNECTION_HOST.finditer(value)]
    host_variable = names_a_host or name.upper().endswith(HOST_VARIABLE_SUFFIXES)
    if host_variable and _HOST_NAME.fullmatch(value):
        found.append(value)
    unique = dict.fromkeys(host.lower() for host in found if host)
    return tuple(unique)


def url_hosts(value: str) -> tuple[str, ...]:
    """The hosts a word names as a URL (``http://api:8080/x``) or, when the word is nothing
    else, as ``host:port`` (``redis-queue:6379``); lower-cased. Unlike ``hosts_in``, text inside
    a word is not read as ``host:port``: the script of ``node -e "...statusCode===200?0:1..."``
    names no host ``0``."""
    found = [host for authority in url_authorities(value) for host in _authority_hosts(authority)]
    whole = _HOST_PORT.fullmatch(value)
    if whole is not None:
        found.append(whole.group("host"))
    return tuple(dict.fromkeys(host.lower() for host in found if host))


def url_authorities(value: str) -> Iterator[str]:
    """The authority of each URL (``scheme://authority``, ``jdbc:`` prefixes too) in ``value``,
    left to right. One pass: each ``://`` is found once and the scheme before it is read
    backwards, no further than the previous URL's end (a regular expression would rescan a long
    run of letters from each of its offsets)."""
    resume = 0
    while (mark := value.find("://", resume)) >= 0:
        start = mark
        while start > resume and value[start - 1] in SCHEME_CHARACTERS:
            start -= 1
        if any(character in string.ascii_letters for character in value[start:mark]):
            authority = _AUTHORITY.match(value, mark + 3)
            assert authority is not None  # the pattern matches the empty string
            yield authority.group()
            resume = authority.end()
        else:
            resume = mark + 1


def _authority_hosts(authority: str) -> list[str]:
    """``user:pw@a:1,b:2`` -> ``["a", "b"]``; ``[::1]:80`` -> ``["[::1]"]``."""
    hosts = authority.rpartition("@")[2]
    result = []
    for entry in hosts.split(","):
        if entry.startswith("["):
            result.append(entry[: entry.find("]") + 1])
        else:
            result.append(entry.partition(":")[0])
    return result


def _container_host(host: str) -> bool:
    """A single-label, non-local name that is not a placeholder written in capitals
    (``nats://TODO``, ``http://HOSTNAME/``: container names are lower-case)."""
    label = _DNS_LABEL.fullmatch(host) is not None and host.lower() not in LOCAL_HOSTS
    return label and not (host.isupper() and not host.isdigit())


def is_proxy_variable(name: str) -> bool:
    return name.upper().endswith("PROXY")


MAIL_SCHEMES = ("smtp://", "smtps://", "submission://", "sendmail://")
ON_DEMAND_WORDS = ("SMTP", "MAIL", "RENDER")
"""Words of a variable's name for a service called per request: mail, and renderers that turn
a page into an image or a PDF when one is asked for (``GF_RENDERING_SERVER_URL``)."""


def used_on_demand(name: str, value: str) -> bool:
    """A variable for a service the app only uses now and then, not one it needs before it can
    serve: a proxy, a mail server or catcher used when a mail is sent (``SMTP_HOST``,
    ``MAIL_HOST``, ``EMAIL_HOST``, ``MAILER_DSN=smtp://mailpit:1025``), a renderer called when
    a panel is exported (``GF_RENDERING_SERVER_URL``), or the upstreams of a configuration file
    held in the variable."""
    upper = name.upper()
    if is_proxy_variable(name) or any(word in upper for word in ON_DEMAND_WORDS):
        return True
    return value.strip().lower().startswith(MAIL_SCHEMES) or is_configuration_file(value)


def is_configuration_file(value: str) -> bool:
    """A value of several lines is a whole configuration file (a ``CADDYFILE`` that the start
    command writes to ``/etc/caddy/Caddyfile``), not a connection setting: the hosts it names
    are a proxy's upstreams or a program's routes, reached when a request comes."""
    return "\n" in value.strip()


# -- compose services -------------------------------------------------------------------------


def needs_of(project: Project, service: Service) -> tuple[Need, ...]:
    """Every need of ``service``: its dependency entries first, then its environment (compose,
    then image ENV), one Need per target and piece of evidence."""
    return NEEDS(project, service)


def _needs_of(project: Project, service: Service) -> tuple[Need, ...]:
    needs = [_dependency_need(service, dependency) for dependency in service.depends_on]
    if writes_configuration_only(project, service):
        return tuple(needs)
    names = service_names(project)
    own = _own_names(service)
    environment = project.environment(service)
    if runs_on_schedule(project, service):
        shared = _shared_variables(project, service)
        environment = tuple(v for v in environment if (v.name.path, v.name.span) not in shared)
    needs += _environment_needs(environment, names, own)
    needs += _image_env_needs(project, service, names, own)
    return tuple(needs)


FILE_QUERIES = frozenset({"ls", "grep", "jq", "yq", "head", "wc", "sort", "find", "date", "exit"})
"""Programs that read files or say something and connect to nothing."""


def writes_configuration_only(project: Project, service: Service) -> bool:
    """The service's start command only writes configuration: every command it runs is a
    set-up command, a query of files (``ls``, ``grep``, ``jq``) or sets a configuration value
    (frappe's configurator: ``bench set-config -g db_host $DB_HOST``). It connects to nothing:
    the hosts in its environment are what it writes down for others, not what it needs."""
    start = project.effective_start(service)
    if start.state != "known":
        return False
    commands = start.commands
    return bool(commands) and all(_connects_to_nothing(c) for c in commands)


def _connects_to_nothing(command: SimpleCommand) -> bool:
    program = command.program
    if program is None or program in SET_UP_COMMANDS or program in FILE_QUERIES:
        return True
    return _sets_configuration([word.value for word in command.args[:2]])


def _sets_configuration(words: list[str]) -> bool:
    """``set-config …`` (bench), ``config set …`` (npm, yarn, pnpm), ``config:set``."""
    return bool(words) and (
        words[0] in ("set-config", "config:set") or words[:2] == ["config", "set"]
    )


CRON_PROGRAMS = frozenset({"cron", "crond", "supercronic", "go-crond", "ofelia"})
CRON_SHORTHANDS = frozenset({"@hourly", "@daily", "@weekly", "@monthly", "@yearly", "@annually"})
_SCHEDULE_FIELD = re.compile(r"[\d*/,-]+")


def runs_on_schedule(project: Project, service: Service) -> bool:
    """The service runs jobs on a schedule: a cron daemon, or a command that is a crontab line
    (``"0 0 * * * sentry cleanup"``), or an image built from a ``cron`` folder."""
    start = project.effective_start(service)
    for part in start.parts:
        for command in part.script.commands:
            if command.program in CRON_PROGRAMS:
                return True
            first = command.argv[0].value if command.argv else ""
            if _crontab_line(first):
                return True
    build = service.build
    context = build.context_path if build is not None else None
    return context is not None and context.rstrip("/").rsplit("/", 1)[-1] == "cron"


def _crontab_line(text: str) -> bool:
    """``0 0 * * * command`` or ``@daily command``."""
    fields = text.split()
    if len(fields) > 1 and fields[0] in CRON_SHORTHANDS:
        return True
    return len(fields) > 5 and all(_SCHEDULE_FIELD.fullmatch(field) for field in fields[:5])


def _shared_variables(project: Project, service: Service) -> frozenset[tuple[str, Span]]:
    """The variables ``service`` shares with another service, written once (a YAML anchor such
    as ``<<: *defaults``, a common ``env_file``): a cron job inherits them with the rest of the
    configuration, it does not need what they point at to start."""
    own = {(v.name.path, v.name.span) for v in project.environment(service)}
    others = {
        (v.name.path, v.name.span)
        for other in project.services
        if other is not service
        for v in project.environment(other)
    }
    return frozenset(own & others)


def needed_services(
    project: Project, service: Service, via: tuple[Via, ...] = ()
) -> dict[str, Need]:
    """The services ``service`` needs, each with its first piece of evidence (optionally only
    evidence of the kinds in ``via``)."""
    first: dict[str, Need] = {}
    for need in needs_of(project, service):
        if not via or need.via in via:
            first.setdefault(need.target, need)
    return first


READY_CONDITIONS = ("service_healthy", "service_completed_successfully")


def started_before(project: Project, service: Service) -> frozenset[str]:
    """The services compose has started before this one: its own ``depends_on`` entries, and,
    through them, every service a dependency waits for to be healthy or done (``web`` ->
    ``api`` -> ``db: service_healthy``: ``db`` is ready before ``web`` starts)."""
    return _waited_through(project, {d.service.value for d in service.depends_on})


def ready_before(project: Project, service: Service) -> frozenset[str]:
    """The services compose has waited for to be healthy or done before it starts this one:
    its ``depends_on`` entries with such a condition, and what those wait for in turn."""
    entries = service.depends_on
    return _waited_through(
        project, {d.service.value for d in entries if d.condition_value in READY_CONDITIONS}
    )


def _waited_through(project: Project, first: set[str]) -> frozenset[str]:
    """``first``, and every service they wait for to be ready, transitively."""
    by_name = SERVICES_BY_NAME(project, None)
    waited = set(first)
    pending = list(waited)
    while pending:
        dependency = by_name.get(pending.pop())
        for entry in dependency.depends_on if dependency is not None else ():
            name = entry.service.value
            if entry.condition_value in READY_CONDITIONS and name not in waited:
                waited.add(name)
                pending.append(name)
    return frozenset(waited)


def dependants_of(project: Project, name: str) -> tuple[tuple[Service, Need], ...]:
    """The services that need the service ``name``, each with its first piece of evidence."""
    return tuple(DEPENDANTS(project, None).get(name, ()))


def _dependants(project: Project, _: None) -> dict[str, list[tuple[Service, Need]]]:
    """Service name -> the services that need it, in order."""
    found: dict[str, list[tuple[Service, Need]]] = {}
    for service in project.services:
        for name, need in needed_services(project, service).items():
            if name != service.key:
                found.setdefault(name, []).append((service, need))
    return found


def _dependency_need(service: Service, dependency: Dependency) -> Need:
    located = dependency.service
    return Need(located.value, "depends_on", located.path, located.span, dependency=dependency)


def service_names(project: Project) -> dict[str, str]:
    """Every name a service answers to on the project's networks (lower-cased) -> service."""
    return SERVICE_NAMES(project, None)


def _names(project: Project, _: None) -> dict[str, str]:
    names: dict[str, str] = {}
    for service in project.services:
        for alias in service.aliases:
            names.setdefault(alias.lower(), service.key)
    for service in project.services:
        names[service.key.lower()] = service.key
    return names


def service_aliases(project: Project, name: str) -> frozenset[str]:
    """Every name (lower-cased) the service ``name`` answers to: its name and network aliases."""
    service = project.compose.service(name) if project.compose is not None else None
    aliases = service.aliases if service is not None else ()
    return frozenset({name.lower(), *(alias.lower() for alias in aliases)})


def _own_names(service: Service) -> frozenset[str]:
    return frozenset({service.key.lower(), *(a.lower() for a in service.aliases)}) | LOCAL_HOSTS


def _environment_needs(
    environment: tuple[EnvVar, ...], names: dict[str, str], own: frozenset[str]
) -> Iterator[Need]:
    for variable in environment:
        if variable.value is None or used_on_demand(variable.name.value, variable.value.value):
            continue
        for host, target in _targets(variable.value.value, variable.name.value, names, own):
            yield _environment_need(variable, target, host)


def _environment_need(variable: EnvVar, target: str, host: str) -> Need:
    name = variable.name
    return Need(target, "environment", name.path, name.span, variable=name.value, host=host)


def _image_env_needs(
    project: Project, service: Service, names: dict[str, str], own: frozenset[str]
) -> Iterator[Need]:
    link = project.build_of(service)
    if link is None:
        return
    overridden = {variable.name.value for variable in project.environment(service)}
    for _instruction, pair in effective_env(link.dockerfile, link.stage).values():
        if pair.key.value in overridden or pair.value is None or pair.expanded is None:
            continue
        if used_on_demand(pair.key.value, pair.expanded):
            continue
        for host, target in _targets(pair.expanded, pair.key.value, names, own):
            yield Need(
                target,
                "image-env",
                link.dockerfile.path,
                pair.value.span,
                variable=pair.key.value,
                host=host,
            )


def _targets(
    value: str, name: str, names: dict[str, str], own: frozenset[str]
) -> Iterator[tuple[str, str]]:
    """``(host, service)`` for each host in ``value`` that is another service."""
    for host in hosts_in(value, name):
        if host not in own and host in names:
            yield host, names[host]


NEEDS = Fact("needs", _needs_of)
DEPENDANTS = Fact("dependants", _dependants)


def _services_by_name(project: Project, _: None) -> dict[str, Service]:
    """The project's compose services by name (the first of a name, as ``ComposeProject.service``
    finds it), so that following a chain of ``depends_on`` costs a look-up per step."""
    found: dict[str, Service] = {}
    for service in project.compose.services if project.compose else ():
        found.setdefault(service.key, service)
    return found


SERVICES_BY_NAME = Fact("services by name", _services_by_name)
SERVICE_NAMES = Fact("service names", _names)


# -- Dockerfiles --------------------------------------------------------------------------------


def effective_env(dockerfile: Dockerfile, stage: Stage) -> dict[str, tuple[Instruction, KeyValue]]:
    """The ENV variables in effect at the end of ``stage``, inherited through its parent stages:
    name -> the instruction and pair that set it last."""
    env: dict[str, tuple[Instruction, KeyValue]] = {}
    for ancestor in reversed(dockerfile.lineage(stage)):
        for instruction in ancestor.all("ENV"):
            for pair in instruction.pairs:
                env[pair.key.value] = (instruction, pair)
    return env


def image_needs(dockerfile: Dockerfile, stage: Stage) -> tuple[HostNeed, ...]:
    """The hosts ``stage``'s ENV points at with URLs: single-label, non-local names, as written,
    in file order."""
    needs = []
    for instruction, pair in effective_env(dockerfile, stage).values():
        if pair.value is None or pair.expanded is None:
            continue
        if used_on_demand(pair.key.value, pair.expanded):
            continue
        for authority in url_authorities(pair.expanded):
            for host in _authority_hosts(authority):
                if _container_host(host):
                    needs.append(HostNeed(host, pair.key.value, pair, instruction, pair.value.span))
    return tuple(sorted(needs, key=lambda need: need.span))
