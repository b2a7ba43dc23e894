"""LD672 untrusted-registry: a FROM, a ``COPY --from`` or a ``RUN --mount=from=`` pulls an image
from a registry not in the ``trusted-registries`` option (silent while the option is empty).
Docker Hub images (no registry written) are ``docker.io``; a stage is no image."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.base_images import resolved_base
from lintdock.facts.images import parse_reference
from lintdock.facts.run_mounts import run_mounts
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.span import Span
from lintdock.rules.base import Context, option

INSTRUCTIONS = ("FROM", "COPY", "ADD", "RUN")
HUB = "docker.io"


def _patterns_problem(value: tuple[str, ...]) -> str | None:
    bad = [p for p in value if not p or "*" in p.strip("*")]
    return f"a '*' may only start or end a registry pattern: {bad[0]!r}" if bad else None


@dataclass(frozen=True)
class Options:
    """LD672's options (``[tool.lintdock.rules.LD672]``)."""

    trusted_registries: tuple[str, ...] = option(
        (),
        "Registries images may come from (docker.io for Docker Hub); '*.example.com' and "
        "'registry.example.*' match by suffix or prefix, '*' matches all. Empty: the rule is "
        "silent. hadolint's trustedRegistries.",
        _patterns_problem,
    )


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    trusted: tuple[str, ...] = context.options.trusted_registries
    if not trusted:
        return
    for image, span in _pulled(dockerfile, stage, instruction):
        registry = parse_reference(image).registry or HUB
        if not any(_matches(pattern, registry) for pattern in trusted):
            message = (
                f"'{image}' comes from {registry}, which is not a trusted registry "
                f"({', '.join(trusted)})"
            )
            yield context.report(message, dockerfile.path, span)


def _pulled(
    dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[tuple[str, Span]]:
    """The images an instruction pulls from a registry, with where they are written."""
    if instruction.keyword == "FROM":
        image = resolved_base(dockerfile, stage)
        if image is not None and stage is not None:
            yield image, stage.base.span
        return
    if instruction.keyword == "RUN":
        for mount in run_mounts(instruction):
            if mount.source_from is not None and _is_image(dockerfile, mount.source_from):
                yield mount.source_from, mount.from_span or mount.span
        return
    flag = instruction.flag("from")
    if flag is not None and flag.value and _is_image(dockerfile, flag.value):
        yield flag.value, flag.value_span or flag.span


def _is_image(dockerfile: Dockerfile, source: str) -> bool:
    """Whether a ``--from`` names an image (not a stage, not a variable a build decides)."""
    return "$" not in source and dockerfile.stage_named(source) is None


def _matches(pattern: str, registry: str) -> bool:
    if pattern == "*":
        return True
    if pattern.startswith("*"):
        return registry.endswith(pattern[1:])
    if pattern.endswith("*"):
        return registry.startswith(pattern[:-1])
    return registry == pattern
