"""The external image a FROM pulls, once its ARG defaults are resolved, for the rules that
judge the reference itself (tags, registries)."""

from __future__ import annotations

from lintdock.model.dockerfile import Dockerfile, Stage


def resolved_base(dockerfile: Dockerfile, stage: Stage | None) -> str | None:
    """The image ``stage`` is built FROM, its build ARGs replaced by their defaults; None when
    it is no image (``scratch``, an earlier stage) or cannot be known (an ARG without a default,
    an unresolved variable: a ``--build-arg`` decides)."""
    if stage is None or stage.parent is not None:
        return None
    image = stage.base_image.strip()
    if not image or "$" in image or image.lower() == "scratch":
        return None
    defaults = {
        pair.key.value: pair.value is not None
        for instruction in dockerfile.preamble
        for pair in instruction.pairs
    }
    base = stage.base.span
    for reference in stage.from_instruction.references:
        inside = base.cover(reference.span) == base
        has_default = reference.modifier in (":-", "-") or defaults.get(reference.name, False)
        if inside and not has_default:
            return None
    return image
