"""The external image a FROM pulls, once its ARG defaults are resolved, for the rules that
judge the reference itself (tags, registries)."""

from __future__ import annotations

from dataclasses import dataclass

from lintdock.facts.images import Reference, parse_reference
from lintdock.model.dockerfile import Dockerfile, Stage, Token


@dataclass(frozen=True)
class PulledBase:
    """The image a stage is built FROM: ``image`` with ARG defaults resolved, its ``reference``
    parts, the ``written`` token, and ``via`` (" (ARG default of $BASE)" when a variable gave
    it, else "") for messages."""

    image: str
    reference: Reference
    written: Token
    via: str


def pulled_base(dockerfile: Dockerfile, stage: Stage | None) -> PulledBase | None:
    """``resolved_base`` with its parts, for the rules that judge tags."""
    image = resolved_base(dockerfile, stage)
    if image is None or stage is None:
        return None
    written = stage.base
    via = f" (ARG default of {written.value})" if written.value != image else ""
    return PulledBase(image, parse_reference(image), written, via)


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
