"""LD6 Dockerfile practice: BuildKit's build checks (LD601-LD629)."""

from __future__ import annotations

from lintdock.rules.base import DOCKERFILE
from lintdock.rules.catalog import ERROR, WARNING, entry

RULES = (
    entry(
        "LD601",
        "stage-name-casing",
        WARNING,
        "A stage name (FROM ... AS Name) that is not lower case.",
        views=(DOCKERFILE,),
        equivalents=("buildkit:StageNameCasing",),
    ),
    entry(
        "LD602",
        "from-as-casing",
        WARNING,
        "The AS of FROM ... AS name is cased unlike its FROM (FROM ... as name).",
        views=(DOCKERFILE,),
        equivalents=("buildkit:FromAsCasing",),
    ),
    entry(
        "LD603",
        "consistent-instruction-casing",
        WARNING,
        "An instruction keyword cased unlike most of the file's, or in mixed case (Run).",
        views=(DOCKERFILE,),
        equivalents=("buildkit:ConsistentInstructionCasing",),
    ),
    entry(
        "LD604",
        "duplicate-stage-name",
        ERROR,
        "Two stages share a name (compared case-insensitively); BuildKit refuses to build.",
        views=(DOCKERFILE,),
        equivalents=("buildkit:DuplicateStageName", "hadolint:DL3024"),
    ),
    entry(
        "LD605",
        "reserved-stage-name",
        ERROR,
        "A stage named scratch or context, names BuildKit reserves.",
        views=(DOCKERFILE,),
        equivalents=("buildkit:ReservedStageName",),
    ),
    entry(
        "LD606",
        "maintainer-deprecated",
        WARNING,
        "MAINTAINER is deprecated: the author is a LABEL (org.opencontainers.image.authors).",
        views=(DOCKERFILE,),
        equivalents=("buildkit:MaintainerDeprecated", "hadolint:DL4000"),
        fixable=True,
    ),
    entry(
        "LD607",
        "no-empty-continuation",
        WARNING,
        "An empty line inside an instruction continued with a backslash (BuildKit will refuse it).",
        views=(DOCKERFILE,),
        equivalents=("buildkit:NoEmptyContinuation",),
    ),
    entry(
        "LD608",
        "expose-proto-casing",
        WARNING,
        "An EXPOSE protocol not in lower case (80/TCP).",
        views=(DOCKERFILE,),
        equivalents=("buildkit:ExposeProtoCasing",),
        fixable=True,
    ),
    entry(
        "LD609",
        "expose-invalid-format",
        WARNING,
        "An EXPOSE port with a host port or IP address (8080:80), which EXPOSE silently drops.",
        views=(DOCKERFILE,),
        equivalents=("buildkit:ExposeInvalidFormat",),
    ),
    entry(
        "LD610",
        "workdir-relative-path",
        WARNING,
        "A relative WORKDIR before any other in its stage: it depends on the base image's.",
        views=(DOCKERFILE,),
        equivalents=("buildkit:WorkdirRelativePath", "hadolint:DL3000"),
    ),
    entry(
        "LD612",
        "legacy-key-value-format",
        WARNING,
        "ENV key value or LABEL key value, the legacy form of key=value.",
        views=(DOCKERFILE,),
        equivalents=("buildkit:LegacyKeyValueFormat",),
        fixable=True,
    ),
)
