"""LD1 health checks."""

from __future__ import annotations

from lintdock.rules.base import COMPOSE, DOCKERFILE, PROJECT
from lintdock.rules.catalog import ERROR, INFO, WARNING, entry

RULES = (
    entry(
        "LD101",
        "missing-healthcheck",
        WARNING,
        "The final stage runs a process but has no HEALTHCHECK.",
        views=(DOCKERFILE, PROJECT),
        equivalents=("hadolint:DL3057", "checkov:CKV_DOCKER_2", "trivy:DS-0026"),
    ),
    entry(
        "LD102",
        "dependency-without-healthcheck",
        WARNING,
        "A service others depend on has no healthcheck, so they cannot wait for it to be ready.",
        views=(COMPOSE, PROJECT),
        defers_to=("LD112", "LD403"),
    ),
    entry(
        "LD103",
        "healthcheck-disabled",
        INFO,
        (
            'HEALTHCHECK NONE in a final stage, or compose disable: true / test: ["NONE"]: the '
            "health check is switched off."
        ),
        views=(DOCKERFILE, COMPOSE),
    ),
    entry(
        "LD104",
        "multiple-healthchecks",
        WARNING,
        "More than one HEALTHCHECK in a stage: only the last one takes effect.",
        views=(DOCKERFILE,),
        equivalents=(
            "hadolint:DL3012",
            "buildkit:MultipleInstructionsDisallowed",
            "trivy:DS-0023",
            "dockerfile-utils:instructionHealthcheckMultiple",
        ),
        defers_to=("LD001",),
    ),
    entry(
        "LD105",
        "curl-without-fail",
        ERROR,
        (
            "A health check runs curl without --fail: curl exits 0 on HTTP 500, so the check can "
            "never fail."
        ),
        views=(DOCKERFILE, COMPOSE, PROJECT),
        fixable=True,
    ),
    entry(
        "LD106",
        "healthcheck-probes-other-host",
        WARNING,
        "The health check probes another host instead of the container itself.",
        views=(DOCKERFILE, COMPOSE, PROJECT),
    ),
    entry(
        "LD107",
        "healthcheck-options-invalid",
        ERROR,
        (
            "A health check option Docker or Compose rejects: bad durations, negative retries, "
            "unknown flags, a malformed test, start_interval without start_period."
        ),
        views=(DOCKERFILE, COMPOSE),
        equivalents=(
            "dockerfile-utils:UNKNOWN_HEALTHCHECK_FLAG",
            "dockerfile-utils:FLAG_INVALID_DURATION",
            "dockerfile-utils:FLAG_LESS_THAN_1MS",
        ),
    ),
    entry(
        "LD108",
        "healthcheck-timing",
        INFO,
        ("Health check timing that defeats the check: interval too short, too many retries."),
        views=(DOCKERFILE, COMPOSE, PROJECT),
        has_options=True,
    ),
    entry(
        "LD109",
        "check-tool-missing",
        ERROR,
        "A health check or start-up check calls a program the final image is known not to have.",
        views=(DOCKERFILE, COMPOSE, PROJECT),
        defers_to=("LD110",),
    ),
    entry(
        "LD110",
        "shell-form-without-shell",
        ERROR,
        "A shell-form instruction or CMD-SHELL test in an image without /bin/sh.",
        views=(DOCKERFILE, COMPOSE, PROJECT),
    ),
    entry(
        "LD111",
        "healthcheck-port-mismatch",
        INFO,
        (
            "The health check probes a localhost port the image does not EXPOSE while it exposes "
            "others."
        ),
        views=(DOCKERFILE, COMPOSE, PROJECT),
    ),
    entry(
        "LD112",
        "healthcheck-without-test",
        WARNING,
        (
            "A compose healthcheck with timings but no test, on an image without a HEALTHCHECK: it "
            "does nothing."
        ),
        views=(COMPOSE, PROJECT),
    ),
)
