"""The service graph of a compose project after normalisation and merging: which entries point
at which services, the dependency cycles, and whether the file is written for Swarm. Shared by
the depends_on (LD4xx) and restart policy (LD5xx) rules (``report``, the one way rules report
about a service, is ``lintdock.facts.reporting``'s).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from lintdock.facts.reporting import report as report  # the LD0, LD4 and LD5 rules' import
from lintdock.model.compose import ComposeProject, Dependency, Located, Service
from lintdock.project import Project

# Enumerating every elementary cycle is exponential in the worst case; real projects have a
# handful of services, so the search stops after this many steps rather than hang on a
# pathological file.
CYCLE_SEARCH_STEPS = 20_000

SOURCE_WORDING = {
    "links": "through links",
    "volumes_from": "through volumes_from",
    "network_mode": "through network_mode",
}


def spoken_list(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: items as a sentence lists them."""
    if len(items) < 3:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def entry_anchor(dependency: Dependency) -> Located[str]:
    """Where a dependency entry is written: the name in the list, the key of the long form,
    or the ``links``/``volumes_from``/``network_mode`` value that implies it."""
    located = dependency.service
    if located.key_span is None:
        return located
    return Located(located.value, located.key_span, located.path)


def via(dependency: Dependency) -> str:
    """`` (through links)`` for an implicit dependency, empty for a ``depends_on`` entry."""
    wording = SOURCE_WORDING.get(dependency.source)
    return f" ({wording})" if wording else ""


def services_by_name(project: Project) -> dict[str, Service]:
    return {service.key: service for service in project.services}


def awaited_healthy(project: Project) -> frozenset[str]:
    """The services another one waits for with ``condition: service_healthy``."""
    return frozenset(
        entry.service.value
        for service in project.services
        for entry in service.depends_on
        if entry.condition_value == "service_healthy"
    )


def dependency_edges(project: Project) -> Iterator[tuple[Service, Dependency, Service]]:
    """Every dependency entry whose target is defined: ``(dependant, entry, dependency)``."""
    services = services_by_name(project)
    for service in project.services:
        for dependency in service.depends_on:
            target = services.get(dependency.service.value)
            if target is not None:
                yield service, dependency, target


COMPOSE_ONLY_SETTINGS = (
    "container_name",
    "links",
    "external_links",
    "network_mode",
    "privileged",
    "devices",
    "cgroup_parent",
    "security_opt",
    "userns_mode",
    "ipc",
    "pid",
    "shm_size",
    "mac_address",
    "domainname",
)
"""Service keys ``docker stack deploy`` does not support ("Ignoring unsupported options"): a
file that sets one is run with ``docker compose``. ``build`` and ``restart`` are left out:
stack files keep them for ``docker compose build`` and as leftovers."""


def is_swarm_file(compose: ComposeProject | None) -> bool:
    """rules.md "Swarm files": a file named as a stack (``docker-stack.yml``, ``*-swarm.yml``)
    unless it restarts its services the Compose way only, or one where a service sets a
    ``deploy`` key only Swarm acts on (``placement``, ``update_config``, ``rollback_config``,
    ``mode: global``; docker compose honours ``replicas``, ``mode: replicated``, resources and
    restart_policy, so they do not count) and no service sets a key Swarm does not support
    (``container_name``, ``network_mode``, ``privileged``, ...)."""
    if compose is None:
        return False
    if _stack_name(compose) is not None and not _restarts_compose_way(compose):
        return True
    return _swarm_key(compose) is not None and compose_only_setting(compose) is None


def _restarts_compose_way(compose: ComposeProject) -> bool:
    """A service sets ``restart``, which ``docker stack deploy`` ignores, and none sets
    ``deploy``: "stack" is also the word for any set of services, and a file that keeps its
    services up with ``restart`` alone is run with ``docker compose`` (nextcloud's
    ``stack.yml``), whatever its name."""
    services = compose.services
    return any(s.restart is not None for s in services) and all(s.deploy is None for s in services)


STACK_WORD = re.compile(r"(^|[-_.])(stack|swarm)([-_.]|$)")
"""``stack`` or ``swarm`` as a word of a file name (``stack.yml``, ``docker-stack.yml``,
``app.stack.yaml``, ``docker-compose-swarm.yml``), not inside another word (``localstack.yml``
runs LocalStack, the AWS emulator)."""


def _stack_name(compose: ComposeProject) -> str | None:
    """The name of a file of the project that calls itself a stack (``docker-stack.yml``)."""
    names = (posixpath.basename(path) for path in compose.files)
    return next((name for name in names if STACK_WORD.search(name.lower())), None)


def _swarm_key(compose: ComposeProject) -> str | None:
    """``deploy.replicas``: the first Swarm-only key the file sets."""
    for service in compose.services:
        if service.deploy is not None and service.deploy.swarm_keys:
            return f"deploy.{service.deploy.swarm_keys[0].value}"
    return None


def compose_only_setting(compose: ComposeProject) -> str | None:
    """``container_name``: the first key Swarm does not support that a service sets."""
    for service in compose.services:
        for setting in service.settings:
            if setting.key.value in COMPOSE_ONLY_SETTINGS:
                return setting.key.value
    return None


def swarm_evidence(compose: ComposeProject) -> str:
    """What makes the file a Swarm file, for messages: ``it sets deploy.replicas``, ``it is
    named docker-stack.yml``."""
    name = _stack_name(compose)
    if name is not None:
        return f"it is named {name}"
    return f"it sets {_swarm_key(compose) or 'deploy'}"


def shares_profile(dependant: Service, dependency: Service) -> bool:
    """Whether ``dependency`` is enabled whenever ``dependant`` is: it has no profiles, or the
    two share one (Compose enables only the profiles of services named on the command line,
    not those of their dependencies)."""
    if not dependency.profiles:
        return True
    return bool(set(dependant.profiles) & set(dependency.profiles))


# -- cycles --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cycle:
    """A dependency cycle: ``names`` from its first service in file order back to it
    (``("a", "b", "a")``), and the entry that closes it, in ``closer``'s ``depends_on``."""

    names: tuple[str, ...]
    closer: Service
    closing: Dependency

    @property
    def text(self) -> str:
        return " -> ".join(self.names)


def dependency_cycles(services: tuple[Service, ...]) -> list[Cycle]:
    """Every elementary cycle once, starting from the first service in file order that is on it,
    following entries in the order they are written (a self-dependency is a cycle of one)."""
    position = {service.key: index for index, service in enumerate(services)}
    edges = _edges(services)
    by_name = {service.key: service for service in services}
    cycles: list[Cycle] = []
    budget = [CYCLE_SEARCH_STEPS]
    for start in position:
        cycles += _cycles_through(start, position, edges, by_name, budget)
    return cycles


def _edges(services: tuple[Service, ...]) -> dict[str, tuple[Dependency, ...]]:
    """Each service's entries to defined services, the first entry per target."""
    defined = {service.key for service in services}
    edges = {}
    for service in services:
        first: dict[str, Dependency] = {}
        for dependency in service.depends_on:
            if dependency.service.value in defined:
                first.setdefault(dependency.service.value, dependency)
        edges[service.key] = tuple(first.values())
    return edges


def _cycles_through(
    start: str,
    position: Mapping[str, int],
    edges: Mapping[str, tuple[Dependency, ...]],
    by_name: Mapping[str, Service],
    budget: list[int],
) -> Iterator[Cycle]:
    """The cycles that start at ``start`` and otherwise visit only services after it in file
    order (``position``; depth-first, without recursion so that long chains cannot exhaust the
    stack)."""
    path = [start]
    on_path = {start}
    pending: list[Iterator[Dependency]] = [iter(edges[start])]
    while pending and budget[0] > 0:
        budget[0] -= 1
        dependency = next(pending[-1], None)
        if dependency is None:
            pending.pop()
            on_path.discard(path.pop())
            continue
        target = dependency.service.value
        if target == start:
            yield Cycle((*path, start), by_name[path[-1]], dependency)
        elif position[target] > position[start] and target not in on_path:
            path.append(target)
            on_path.add(target)
            pending.append(iter(edges[target]))
