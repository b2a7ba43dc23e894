"""LD4 depends_on."""

from __future__ import annotations

from lintdock.rules.base import COMPOSE, PROJECT
from lintdock.rules.catalog import ERROR, INFO, WARNING, entry

RULES = (
    entry(
        "LD401",
        "depends-on-undefined",
        ERROR,
        (
            "depends_on (or links, volumes_from, network_mode: service:x) names a service that is "
            "not defined, or one that only exists under another profile."
        ),
        views=(COMPOSE,),
    ),
    entry(
        "LD402",
        "depends-on-cycle",
        ERROR,
        (
            "Services depend on each other in a cycle (or a service on itself); docker compose "
            "refuses to load the project."
        ),
        views=(COMPOSE,),
    ),
    entry(
        "LD403",
        "healthy-without-healthcheck",
        ERROR,
        (
            "condition: service_healthy on a service with no health check in compose or in its "
            "image: docker compose up fails."
        ),
        views=(COMPOSE, PROJECT),
    ),
    entry(
        "LD404",
        "depends-on-start-order-only",
        WARNING,
        (
            "depends_on without a readiness condition on a dependency that serves requests, while "
            "the dependant has no start-up dependency check: start order is not readiness."
        ),
        views=(COMPOSE, PROJECT),
        fixable=True,
        defers_to=("LD406",),
        has_options=True,
    ),
    entry(
        "LD405",
        "completed-on-long-running",
        ERROR,
        (
            "condition: service_completed_successfully on a service that never exits (restart "
            "always/unless-stopped, a healthcheck, or published ports)."
        ),
        views=(COMPOSE,),
    ),
    entry(
        "LD406",
        "depends-on-ignored-by-swarm",
        INFO,
        (
            "depends_on in a file written for docker stack deploy: Swarm ignores it, so start order"
            " is not enforced."
        ),
        views=(COMPOSE,),
    ),
)
