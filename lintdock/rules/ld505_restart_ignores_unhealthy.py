"""LD505 restart-ignores-unhealthy (off by default): a health check and a restart policy
without an orchestrator, as if Docker restarted unhealthy containers."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.images import image_words, named
from lintdock.facts.restart_policy import effective_policy
from lintdock.facts.service_graph import awaited_healthy, is_swarm_file, report, spoken_list
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context
from lintdock.vocabulary import BACKEND_IMAGES

HEALTH_SOURCES = {"compose": "a healthcheck", "image": "a HEALTHCHECK in its image"}
HEALERS = frozenset({"autoheal", "deunhealth", "watchdog"})
"""Words naming a container that restarts the project's unhealthy containers through the
Docker API (``willfarrell/autoheal``, ``qmcgaw/deunhealth``, mailcow's watchdog)."""


def check(context: Context) -> Iterator[Diagnostic]:
    """Once per project, at the first service it applies to, naming the others: the same fact
    about every service of a file is one thing to know, not one per service."""
    project = context.project
    if is_swarm_file(project.compose) or any(_heals(service) for service in project.services):
        return
    found = []
    awaited = awaited_healthy(project)
    for service in project.services:
        policy = effective_policy(service)
        health = project.effective_healthcheck(service).state
        if policy is None or policy.mode == "no" or health not in HEALTH_SOURCES:
            continue
        if service.key in awaited:  # the check gates a start-up: the combination is deliberate
            continue
        if _stock_backend(service):  # "let it exit when it cannot recover" is no advice there
            continue
        if project.service_role(service).production:  # outside it nobody relies on restarts
            found.append((service, policy, health))
    if not found:
        return
    service, policy, health = found[0]
    others = [f'"{other.key}"' for other, _policy, _health in found[1:]]
    also = f" (as do {spoken_list(others)})" if others else ""
    message = (
        f'"{service.key}" has {HEALTH_SOURCES[health]} and {policy.setting}{also}, but Docker '
        "restarts a container only when it exits, never because it is unhealthy (moby#28400): "
        "without an orchestrator an unhealthy container stays up, unhealthy. Let the app exit "
        "when it cannot recover, or run it under Swarm or Kubernetes"
    )
    yield report(context, message, service, policy.where)


def _heals(service: Service) -> bool:
    """A service, by its name or its image's, that restarts unhealthy containers: with one in
    the project, the health checks are acted on."""
    image = service.image.value if service.image is not None else ""
    words = {*image_words(image), *service.key.lower().replace("_", "-").split("-")}
    return bool(HEALERS & words)


def _stock_backend(service: Service) -> bool:
    """A database, cache or broker the service pulls as published (``redis:7``,
    ``mariadb:11``): whether it exits when it cannot recover is its publisher's to decide."""
    image = service.image.value if service.image is not None else None
    return service.build is None and image is not None and named(image, BACKEND_IMAGES) is not None
