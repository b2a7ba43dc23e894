"""LD2 what ships in the image."""

from __future__ import annotations

from lintdock.rules.base import COMPOSE, DOCKERFILE, PROJECT
from lintdock.rules.catalog import INFO, WARNING, entry

RULES = (
    entry(
        "LD201",
        "curl-in-final-image",
        WARNING,
        (
            "The final stage installs curl or wget (or another listed tool) and keeps it: build "
            "stages are where such tools belong."
        ),
        views=(DOCKERFILE, PROJECT),
        unanimous=True,
        has_options=True,
    ),
    entry(
        "LD202",
        "curl-for-checks",
        INFO,
        (
            "A health check or start-up dependency check uses curl or wget, so the production image"
            " must ship an HTTP client; a purpose-built check utility avoids it."
        ),
        views=(DOCKERFILE, COMPOSE, PROJECT),
    ),
    entry(
        "LD203",
        "pipe-to-shell",
        WARNING,
        (
            "A RUN downloads a script with curl or wget and pipes it into a shell or "
            "interpreter: unverified remote code at build time."
        ),
        views=(DOCKERFILE,),
        security_severity=7.5,
    ),
    entry(
        "LD204",
        "insecure-download",
        WARNING,
        (
            "TLS verification turned off: curl -k/--insecure or wget --no-check-certificate, in a "
            "RUN or a check."
        ),
        views=(DOCKERFILE, COMPOSE),
        equivalents=("checkov:CKV2_DOCKER_2", "checkov:CKV2_DOCKER_3"),
        security_severity=6.5,
    ),
)
