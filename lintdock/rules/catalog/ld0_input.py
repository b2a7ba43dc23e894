"""LD0 input: files that cannot be read, parsed or assembled."""

from __future__ import annotations

from lintdock.rules.base import COMPOSE, DOCKERFILE
from lintdock.rules.catalog import ERROR, WARNING, entry
from lintdock.rules.codes import (
    COMPOSE_SCHEMA,
    DOCKERFILE_SYNTAX,
    FILE_NOT_READ,
    JSON_FORM_INVALID,
    YAML_SYNTAX,
)

RULES = (
    entry(
        DOCKERFILE_SYNTAX,
        "dockerfile-syntax",
        ERROR,
        (
            "The Dockerfile cannot be built as written: unknown instruction, unterminated heredoc, "
            "instruction before FROM, no FROM, missing arguments."
        ),
        views=(DOCKERFILE,),
        equivalents=("hadolint:DL1000", "hadolint:DL3061", "hadolint:DL3043"),
    ),
    entry(
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
    entry(
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
    entry(
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
    entry(
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
    entry(
        "LD006",
        "undefined-reference",
        ERROR,
        (
            "A service uses a network, named volume, secret or config the project does not "
            "declare; docker compose refuses to load the project."
        ),
        views=(COMPOSE,),
    ),
    entry(
        "LD007",
        "service-without-image",
        ERROR,
        ("A service has neither image nor build; docker compose refuses to load the project."),
        views=(COMPOSE,),
    ),
    entry(
        "LD008",
        "env-file-missing",
        ERROR,
        "A required env_file does not exist; docker compose refuses to start the service.",
        views=(COMPOSE,),
    ),
)
