"""LD5 restart policies."""

from __future__ import annotations

from lintdock.rules.base import COMPOSE, PROJECT
from lintdock.rules.catalog import ERROR, INFO, WARNING, entry

RULES = (
    entry(
        "LD501",
        "restart-policy-invalid",
        ERROR,
        (
            "A restart value or deploy.restart_policy that Docker rejects or silently misreads: "
            "unknown policy, retry count on a policy other than on-failure, a negative or "
            "non-numeric count."
        ),
        views=(COMPOSE,),
    ),
    entry(
        "LD502",
        "restart-unbounded",
        INFO,
        (
            "restart: on-failure without a retry limit (or deploy.restart_policy on-failure "
            "without max_attempts): a crash loop never stops."
        ),
        views=(COMPOSE,),
        fixable=True,
        has_options=True,
        enabled_by_default=False,
    ),
    entry(
        "LD503",
        "restart-one-shot",
        WARNING,
        (
            "restart: always/unless-stopped on a one-shot service (one that others wait for with "
            "service_completed_successfully): it re-runs forever."
        ),
        views=(COMPOSE,),
    ),
    entry(
        "LD504",
        "missing-restart-policy",
        INFO,
        (
            "A long-running service (ports, healthcheck, or dependants) with no restart policy: a "
            "crash is never recovered."
        ),
        views=(COMPOSE, PROJECT),
        equivalents=("compose-doctor:R001",),
        defers_to=("LD302",),
    ),
    entry(
        "LD505",
        "restart-ignores-unhealthy",
        INFO,
        (
            "A health check and a restart policy but no orchestrator: Docker never restarts an "
            "unhealthy container."
        ),
        views=(COMPOSE, PROJECT),
        enabled_by_default=False,
    ),
    entry(
        "LD506",
        "restart-policy-conflict",
        WARNING,
        (
            "Both restart and deploy.restart_policy are set and disagree; deploy.restart_policy "
            "wins under Compose."
        ),
        views=(COMPOSE,),
    ),
)
