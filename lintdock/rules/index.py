"""The rule index: every rule's identity and metadata, read without importing any rule.

One entry per rule: code, kebab-case name, default severity, one-line summary, the views it
reads, its equivalents in other tools (``tool:ID``), whether it can fix, whether it is on by
default, the rules it leaves a case to (``defers_to``), and whether it has options. The module
implementing a rule is ``lintdock/rules/<code>_<name>.py`` (``ld101_missing_healthcheck``),
imported only when the rule runs. Adding a rule: see ``docs/adding-a-rule.md``.
"""

from __future__ import annotations

from lintdock.model.diagnostic import Severity
from lintdock.rules.base import COMPOSE, DOCKERFILE, PROJECT, Rule

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# Codes the parsers, the engine and the resilience map emit or read on behalf of a rule.
DOCKERFILE_SYNTAX = "LD001"
YAML_SYNTAX = "LD002"
COMPOSE_SCHEMA = "LD003"
JSON_FORM_INVALID = "LD004"
FILE_NOT_READ = "LD005"
DEPENDENCY_CHECK_UNBOUNDED = "LD303"
UNUSED_SUPPRESSION = "LD901"

TOOLS = (
    "hadolint",
    "buildkit",
    "checkov",
    "trivy",
    "dockerfile-utils",
    "dclint",
    "compose-lint",
    "compose-doctor",
    "ruff",
)
"""The tools ``equivalents`` name (``hadolint:DL3057``, ``buildkit:JSONArgsRecommended``)."""


def _entry(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    views: tuple[str, ...],
    equivalents: tuple[str, ...] = (),
    fixable: bool = False,
    enabled_by_default: bool = True,
    defers_to: tuple[str, ...] = (),
    has_options: bool = False,
    security_severity: float | None = None,
) -> Rule:
    return Rule(
        code=code,
        name=name,
        severity=severity,
        summary=summary,
        implementation=f"{code.lower()}_{name.replace('-', '_')}",
        views=views,
        equivalents=equivalents,
        fixable=fixable,
        enabled_by_default=enabled_by_default,
        defers_to=defers_to,
        has_options=has_options,
        security_severity=security_severity,
    )


RULES = (
    _entry(
        DOCKERFILE_SYNTAX,
        "dockerfile-syntax",
        ERROR,
        (
            "The Dockerfile cannot be built as written: unknown instruction, unterminated heredoc, "
            "instruction before FROM, no FROM, missing arguments."
        ),
        views=(DOCKERFILE,),
        equivalents=("hadolint:DL1000", "hadolint:DL3061"),
    ),
    _entry(
        YAML_SYNTAX,
        "yaml-syntax",
        ERROR,
        (
            "The compose file is not valid YAML, repeats a key in one mapping, or cannot be loaded "
            "safely (alias bomb, absurd nesting)."
        ),
        views=(COMPOSE,),
        equivalents=("dclint:invalid-yaml",),
    ),
    _entry(
        COMPOSE_SCHEMA,
        "compose-schema",
        ERROR,
        (
            "The compose file violates the Compose Specification: unknown key, wrong type, value "
            "not allowed, malformed interpolation; each violation at its key or value."
        ),
        views=(COMPOSE,),
        equivalents=("dclint:invalid-schema",),
    ),
    _entry(
        JSON_FORM_INVALID,
        "json-form-invalid",
        WARNING,
        (
            "An exec-form (JSON array) argument that is not valid JSON, such as CMD ['app']: Docker"
            " silently runs it as a shell-form string."
        ),
        views=(DOCKERFILE,),
        equivalents=("dockerfile-utils:JSON_IN_SINGLE_QUOTES",),
    ),
    _entry(
        FILE_NOT_READ,
        "file-not-read",
        ERROR,
        (
            "A file the project refers to was not read: outside the project root, not a regular "
            "file (a device, a FIFO), over the size limit of its kind, or not text."
        ),
        views=(COMPOSE, DOCKERFILE),
        equivalents=("ruff:E902",),
    ),
    _entry(
        "LD006",
        "undefined-reference",
        ERROR,
        (
            "A service uses a network, named volume, secret or config the project does not "
            "declare; docker compose refuses to load the project."
        ),
        views=(COMPOSE,),
    ),
    _entry(
        "LD007",
        "service-without-image",
        ERROR,
        ("A service has neither image nor build; docker compose refuses to load the project."),
        views=(COMPOSE,),
    ),
    _entry(
        "LD008",
        "env-file-missing",
        ERROR,
        "A required env_file does not exist; docker compose refuses to start the service.",
        views=(COMPOSE,),
    ),
    _entry(
        "LD101",
        "missing-healthcheck",
        WARNING,
        "The final stage runs a process but has no HEALTHCHECK.",
        views=(DOCKERFILE, PROJECT),
        equivalents=("hadolint:DL3057", "checkov:CKV_DOCKER_2", "trivy:DS-0026"),
    ),
    _entry(
        "LD102",
        "dependency-without-healthcheck",
        WARNING,
        "A service others depend on has no healthcheck, so they cannot wait for it to be ready.",
        views=(COMPOSE, PROJECT),
        defers_to=("LD112", "LD403"),
    ),
    _entry(
        "LD103",
        "healthcheck-disabled",
        INFO,
        (
            'HEALTHCHECK NONE in a final stage, or compose disable: true / test: ["NONE"]: the '
            "health check is switched off."
        ),
        views=(DOCKERFILE, COMPOSE),
    ),
    _entry(
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
    _entry(
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
    _entry(
        "LD106",
        "healthcheck-probes-other-host",
        WARNING,
        "The health check probes another host instead of the container itself.",
        views=(DOCKERFILE, COMPOSE, PROJECT),
    ),
    _entry(
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
    _entry(
        "LD108",
        "healthcheck-timing",
        INFO,
        (
            "Health check timing that defeats the check: interval too short, too many retries."
        ),
        views=(DOCKERFILE, COMPOSE, PROJECT),
        has_options=True,
    ),
    _entry(
        "LD109",
        "check-tool-missing",
        ERROR,
        "A health check or start-up check calls a program the final image is known not to have.",
        views=(DOCKERFILE, COMPOSE, PROJECT),
        defers_to=("LD110",),
    ),
    _entry(
        "LD110",
        "shell-form-without-shell",
        ERROR,
        "A shell-form instruction or CMD-SHELL test in an image without /bin/sh.",
        views=(DOCKERFILE, COMPOSE, PROJECT),
    ),
    _entry(
        "LD111",
        "healthcheck-port-mismatch",
        INFO,
        (
            "The health check probes a localhost port the image does not EXPOSE while it exposes "
            "others."
        ),
        views=(DOCKERFILE, COMPOSE, PROJECT),
    ),
    _entry(
        "LD112",
        "healthcheck-without-test",
        WARNING,
        (
            "A compose healthcheck with timings but no test, on an image without a HEALTHCHECK: it "
            "does nothing."
        ),
        views=(COMPOSE, PROJECT),
    ),
    _entry(
        "LD201",
        "curl-in-final-image",
        WARNING,
        (
            "The final stage installs curl or wget (or another listed tool) and keeps it: build "
            "stages are where such tools belong."
        ),
        views=(DOCKERFILE, PROJECT),
        has_options=True,
    ),
    _entry(
        "LD202",
        "curl-for-checks",
        INFO,
        (
            "A health check or start-up dependency check uses curl or wget, so the production image"
            " must ship an HTTP client; a purpose-built check utility avoids it."
        ),
        views=(DOCKERFILE, COMPOSE, PROJECT),
    ),
    _entry(
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
    _entry(
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
    _entry(
        "LD301",
        "missing-dependency-check",
        WARNING,
        (
            "A service needs another service and nothing makes it wait for it: no start-up "
            "dependency check and no depends_on entry."
        ),
        views=(DOCKERFILE, COMPOSE, PROJECT),
        defers_to=("LD404",),
    ),
    _entry(
        "LD302",
        "dependency-check-without-restart",
        WARNING,
        (
            "A compose service runs a start-up dependency check but has no restart policy: it exits"
            " once and never comes back."
        ),
        views=(COMPOSE, PROJECT),
    ),
    _entry(
        DEPENDENCY_CHECK_UNBOUNDED,
        "dependency-check-unbounded",
        WARNING,
        (
            "A start-up dependency check that can wait forever: curl without --max-time, a retry "
            "loop with no limit, a wait tool with a timeout of 0."
        ),
        views=(DOCKERFILE, COMPOSE),
    ),
    _entry(
        "LD304",
        "check-chain-not-exec",
        WARNING,
        (
            "A shell start command chains a check and the app without `exec`: the shell stays PID 1"
            " and the app never receives SIGTERM."
        ),
        views=(DOCKERFILE, COMPOSE),
        fixable=True,
    ),
    _entry(
        "LD305",
        "shell-syntax-without-shell",
        ERROR,
        (
            "Shell operators, redirections or variables where no shell runs (exec form, compose "
            "command/entrypoint): they reach the program as literal arguments."
        ),
        views=(DOCKERFILE, COMPOSE),
    ),
    _entry(
        "LD401",
        "depends-on-undefined",
        ERROR,
        (
            "depends_on (or links, volumes_from, network_mode: service:x) names a service that is "
            "not defined, or one that only exists under another profile."
        ),
        views=(COMPOSE,),
    ),
    _entry(
        "LD402",
        "depends-on-cycle",
        ERROR,
        (
            "Services depend on each other in a cycle (or a service on itself); docker compose "
            "refuses to load the project."
        ),
        views=(COMPOSE,),
    ),
    _entry(
        "LD403",
        "healthy-without-healthcheck",
        ERROR,
        (
            "condition: service_healthy on a service with no health check in compose or in its "
            "image: docker compose up fails."
        ),
        views=(COMPOSE, PROJECT),
    ),
    _entry(
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
    _entry(
        "LD405",
        "completed-on-long-running",
        ERROR,
        (
            "condition: service_completed_successfully on a service that never exits (restart "
            "always/unless-stopped, a healthcheck, or published ports)."
        ),
        views=(COMPOSE,),
    ),
    _entry(
        "LD406",
        "depends-on-ignored-by-swarm",
        INFO,
        (
            "depends_on in a file written for docker stack deploy: Swarm ignores it, so start order"
            " is not enforced."
        ),
        views=(COMPOSE,),
    ),
    _entry(
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
    _entry(
        "LD502",
        "restart-unbounded",
        INFO,
        (
            "restart: on-failure without a retry limit (or deploy.restart_policy on-failure/any "
            "without max_attempts): a crash loop never stops."
        ),
        views=(COMPOSE,),
        fixable=True,
        has_options=True,
    ),
    _entry(
        "LD503",
        "restart-one-shot",
        WARNING,
        (
            "restart: always/unless-stopped on a one-shot service (one that others wait for with "
            "service_completed_successfully): it re-runs forever."
        ),
        views=(COMPOSE,),
    ),
    _entry(
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
    _entry(
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
    _entry(
        "LD506",
        "restart-policy-conflict",
        WARNING,
        (
            "Both restart and deploy.restart_policy are set and disagree; deploy.restart_policy "
            "wins under Compose."
        ),
        views=(COMPOSE,),
    ),
    _entry(
        "LD601",
        "stage-name-casing",
        WARNING,
        "A stage name (FROM ... AS Name) that is not lower case.",
        views=(DOCKERFILE,),
        equivalents=("buildkit:StageNameCasing",),
    ),
    _entry(
        "LD602",
        "from-as-casing",
        WARNING,
        "The AS of FROM ... AS name is cased unlike its FROM (FROM ... as name).",
        views=(DOCKERFILE,),
        equivalents=("buildkit:FromAsCasing",),
    ),
    _entry(
        "LD603",
        "consistent-instruction-casing",
        WARNING,
        "An instruction keyword cased unlike most of the file's, or in mixed case (Run).",
        views=(DOCKERFILE,),
        equivalents=("buildkit:ConsistentInstructionCasing",),
    ),
    _entry(
        "LD604",
        "duplicate-stage-name",
        ERROR,
        "Two stages share a name (compared case-insensitively); BuildKit refuses to build.",
        views=(DOCKERFILE,),
        equivalents=("buildkit:DuplicateStageName", "hadolint:DL3024"),
    ),
    _entry(
        "LD605",
        "reserved-stage-name",
        ERROR,
        "A stage named scratch or context, names BuildKit reserves.",
        views=(DOCKERFILE,),
        equivalents=("buildkit:ReservedStageName",),
    ),
    _entry(
        "LD606",
        "maintainer-deprecated",
        WARNING,
        "MAINTAINER is deprecated: the author is a LABEL (org.opencontainers.image.authors).",
        views=(DOCKERFILE,),
        equivalents=("buildkit:MaintainerDeprecated", "hadolint:DL4000"),
        fixable=True,
    ),
    _entry(
        "LD607",
        "no-empty-continuation",
        WARNING,
        "An empty line inside an instruction continued with a backslash (BuildKit will refuse it).",
        views=(DOCKERFILE,),
        equivalents=("buildkit:NoEmptyContinuation",),
    ),
    _entry(
        "LD608",
        "expose-proto-casing",
        WARNING,
        "An EXPOSE protocol not in lower case (80/TCP).",
        views=(DOCKERFILE,),
        equivalents=("buildkit:ExposeProtoCasing",),
        fixable=True,
    ),
    _entry(
        "LD609",
        "expose-invalid-format",
        WARNING,
        "An EXPOSE port with a host port or IP address (8080:80), which EXPOSE silently drops.",
        views=(DOCKERFILE,),
        equivalents=("buildkit:ExposeInvalidFormat",),
    ),
    _entry(
        "LD610",
        "workdir-relative-path",
        WARNING,
        "A relative WORKDIR before any other in its stage: it depends on the base image's.",
        views=(DOCKERFILE,),
        equivalents=("buildkit:WorkdirRelativePath", "hadolint:DL3000"),
    ),
    _entry(
        "LD612",
        "legacy-key-value-format",
        WARNING,
        "ENV key value or LABEL key value, the legacy form of key=value.",
        views=(DOCKERFILE,),
        equivalents=("buildkit:LegacyKeyValueFormat",),
        fixable=True,
    ),
    _entry(
        UNUSED_SUPPRESSION,
        "unused-suppression",
        INFO,
        "A suppression comment (or one code in it) suppresses nothing.",
        views=(DOCKERFILE, COMPOSE),
    ),
)
