"""Docker Bake files (``docker-bake.hcl``, ``docker-bake.json``) as far as lintdock reads them:
which image each target builds, from which Dockerfile, under which tags.

Built only by ``lintdock.parsers.bake``; values are resolved (``inherits`` merged, variables
replaced by their defaults), each with the position where it is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from lintdock.model.span import Span


@dataclass(frozen=True, slots=True)
class BakeValue:
    """A string value and where it is written (for an inherited value: in the parent target)."""

    value: str
    span: Span


@dataclass(frozen=True, slots=True)
class BakeTarget:
    """A ``target`` block. ``context`` and ``dockerfile`` as written (Bake's defaults are ``.``
    and ``Dockerfile``, the latter relative to the context); ``stage`` is the Dockerfile stage
    (the target's ``target`` attribute); ``tags`` every tag the target may get (both branches
    of a conditional; tags that depend on what the file cannot tell are left out);
    ``contexts`` the names of its named contexts (``contexts = { base = "target:base" }``: a
    ``FROM base`` or ``COPY --from=base`` of its Dockerfile takes that context, not an image
    named ``base``), each at its key; ``context_targets`` the named contexts that are another
    target's image (``base = "target:base"``), as (name, target) pairs."""

    name: BakeValue
    context: BakeValue | None
    dockerfile: BakeValue | None
    stage: BakeValue | None
    tags: tuple[BakeValue, ...]
    contexts: tuple[BakeValue, ...] = ()
    context_targets: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class BakeFile:
    """A Bake file: its targets, and where and why reading it stopped (``problem``)."""

    path: str
    targets: tuple[BakeTarget, ...]
    problem: BakeValue | None = None
