"""The rule index: every rule's identity and metadata, read without importing any rule.

One entry per rule: code, kebab-case name, default severity, one-line summary, the views it
reads, its equivalents in other tools (``tool:ID``), whether it can fix, whether it is on by
default, the rules it leaves a case to (``defers_to``), and whether it has options. The entries
live in ``lintdock/rules/catalog/``, a module per family or per range of codes. The module
implementing a rule is ``lintdock/rules/<code>_<name>.py`` (``ld101_missing_healthcheck``),
imported only when the rule runs. Adding a rule: see ``docs/adding-a-rule.md``.
"""

from __future__ import annotations

from lintdock.rules.catalog import (
    ld0_input,
    ld1_healthchecks,
    ld2_image_contents,
    ld3_startup_checks,
    ld4_depends_on,
    ld5_restart,
    ld6_buildkit,
    ld6_packages,
    ld6_practice,
    ld7_compose_practice,
    ld8_compose_security,
    ld8_dockerfile_security,
    ld9_meta,
    shellcheck,
)

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


RULES = (
    *ld0_input.RULES,
    *ld1_healthchecks.RULES,
    *ld2_image_contents.RULES,
    *ld3_startup_checks.RULES,
    *ld4_depends_on.RULES,
    *ld5_restart.RULES,
    *ld6_buildkit.RULES,
    *ld6_packages.RULES,
    *ld6_practice.RULES,
    *ld7_compose_practice.RULES,
    *ld8_compose_security.RULES,
    *ld8_dockerfile_security.RULES,
    *ld9_meta.RULES,
    *shellcheck.RULES,
)
