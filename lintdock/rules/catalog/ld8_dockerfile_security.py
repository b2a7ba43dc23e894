"""LD8 container security, Dockerfile side (LD850-LD899)."""

from __future__ import annotations

from lintdock.rules.base import DOCKERFILE, PROJECT
from lintdock.rules.catalog import INFO, WARNING, entry

RULES = (
    entry(
        "LD850",
        "last-user-root",
        WARNING,
        "The image that ships ends with USER root (or UID 0): its process runs as root.",
        views=(DOCKERFILE, PROJECT),
        equivalents=("hadolint:DL3002", "trivy:DS-0002"),
        security_severity=6.0,
    ),
    entry(
        "LD851",
        "secret-in-arg-or-env",
        WARNING,
        (
            "An ARG or ENV is named like a secret (password, token, secret, key...): its value "
            "is kept in the image's metadata or history. Use RUN --mount=type=secret."
        ),
        views=(DOCKERFILE,),
        equivalents=("buildkit:SecretsUsedInArgOrEnv", "hadolint:DL3064"),
        has_options=True,
        security_severity=7.0,
    ),
    entry(
        "LD852",
        "final-stage-without-user",
        INFO,
        (
            "The image that ships never sets USER, so it runs as its base image's user: root, "
            "for most bases."
        ),
        views=(DOCKERFILE, PROJECT),
        equivalents=("checkov:CKV_DOCKER_3",),
        enabled_by_default=False,
        security_severity=4.0,
    ),
    entry(
        "LD853",
        "user-not-numeric",
        INFO,
        (
            "The image that ships names its USER (USER app) instead of a numeric UID, which "
            "Kubernetes' runAsNonRoot cannot verify."
        ),
        views=(DOCKERFILE, PROJECT),
        equivalents=("hadolint:DL3066",),
        enabled_by_default=False,
        defers_to=("LD850",),
        security_severity=2.0,
    ),
)
