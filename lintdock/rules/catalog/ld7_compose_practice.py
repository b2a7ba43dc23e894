"""LD7 Compose practice and style: dclint's rules (LD701-LD799)."""

from __future__ import annotations

from lintdock.rules.base import COMPOSE
from lintdock.rules.catalog import ERROR, INFO, WARNING, entry

RULES = (
    entry(
        "LD701",
        "duplicate-container-name",
        ERROR,
        "Two services of a project set the same container_name; the second cannot be created.",
        views=(COMPOSE,),
        equivalents=("dclint:no-duplicate-container-names",),
    ),
    entry(
        "LD702",
        "duplicate-published-port",
        ERROR,
        "Two port mappings of a project publish the same host port, protocol and address.",
        views=(COMPOSE,),
        equivalents=("dclint:no-duplicate-exported-ports",),
    ),
    entry(
        "LD703",
        "invalid-container-name",
        ERROR,
        "A container_name Docker refuses (it must match [a-zA-Z0-9][a-zA-Z0-9_.-]+).",
        views=(COMPOSE,),
        equivalents=("dclint:service-container-name-regex",),
    ),
    entry(
        "LD704",
        "image-without-explicit-tag",
        WARNING,
        "A pulled image without a tag, or with a floating tag such as latest.",
        views=(COMPOSE,),
        equivalents=("dclint:service-image-require-explicit-tag", "compose-lint:CL-0004"),
        has_options=True,
    ),
    entry(
        "LD705",
        "build-and-image",
        INFO,
        "A service sets both build and image without a pull_policy saying which one wins.",
        views=(COMPOSE,),
        equivalents=("dclint:no-build-and-image",),
        has_options=True,
    ),
    entry(
        "LD706",
        "obsolete-version-field",
        WARNING,
        "The top-level version key is obsolete: Compose ignores it and warns.",
        views=(COMPOSE,),
        equivalents=("dclint:no-version-field",),
        fixable=True,
    ),
    entry(
        "LD707",
        "missing-project-name",
        INFO,
        "A base compose file without a top-level name: the project is named after its folder.",
        views=(COMPOSE,),
        equivalents=("dclint:require-project-name-field",),
        enabled_by_default=False,
    ),
)
