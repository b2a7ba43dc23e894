"""LD616 from-platform-flag-const: ``FROM --platform=linux/amd64``, a constant, gives every
platform of a multi-platform build that one platform's image."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("FROM",)

_SPECIFIER = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+){0,2}")
_OPERATING_SYSTEMS = frozenset(
    {
        *("linux", "windows", "darwin", "freebsd", "netbsd", "openbsd", "solaris", "illumos"),
        *("aix", "android", "dragonfly", "ios", "js", "plan9", "wasip1", "macos"),
    }
)
_ARCHITECTURE_ALIASES = {
    "x86_64": "amd64",
    "x86-64": "amd64",
    "aarch64": "arm64",
    "armhf": "arm",
    "armel": "arm",
    "i386": "386",
    "i686": "386",
    "x86": "386",
}


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    platform = stage.platform if stage is not None else None
    if stage is None or platform is None or platform.references or not platform.value:
        return
    parsed = os_and_architecture(platform.value)
    if parsed is None:
        return  # not a platform: BuildKit refuses it when it builds
    name = stage.name or ""
    if any(part and part in name for part in parsed):
        return  # a stage named for its platform (build-amd64) means it
    message = (
        f"FROM --platform={platform.value} is a constant: every platform of a multi-platform "
        "build gets this one's image; use $BUILDPLATFORM (a build tool) or $TARGETPLATFORM, or "
        "name the stage after the platform when pinning it is the point"
    )
    yield context.report(message, dockerfile.path, platform.span)


def os_and_architecture(specifier: str) -> tuple[str, str] | None:
    """The OS and architecture of a platform specifier (``linux/arm64/v8``, ``amd64``) in
    normalized form, or None when it is not one; a missing part is empty."""
    if not _SPECIFIER.fullmatch(specifier):
        return None
    parts = specifier.lower().split("/")
    if len(parts) == 1 and parts[0] not in _OPERATING_SYSTEMS:
        parts = ["", parts[0]]
    system = "darwin" if parts[0] == "macos" else parts[0]
    architecture = parts[1] if len(parts) > 1 else ""
    if system and system not in _OPERATING_SYSTEMS:
        return None
    return system, _ARCHITECTURE_ALIASES.get(architecture, architecture)
