"""LD804 image-without-digest: a pulled image named by tag only."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.official_images import OFFICIAL_IMAGES, official_name
from lintdock.facts.reporting import report
from lintdock.image_sources import normal_reference
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.project import Project
from lintdock.rules.base import Context
from lintdock.rules.ld704_image_without_explicit_tag import FLOATING

SERVICE_KEYS = ("image",)


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    image = service.image
    if image is None or service.build is not None or not image.value.strip():
        return  # a built image is named, not pulled
    if "@" in image.value or _untagged_or_floating(image.value):
        return  # pinned; or not even pinned to a version, which LD704 reports
    if built_in_repository(context.project, image.value):
        return  # not pulled: no registry holds it, so no digest to pin
    message = (
        f"{image.value} is pulled by tag: whoever controls the registry can move the tag to "
        "other content. Pin it by digest (image: name:tag@sha256:...) and let a bot update it"
    )
    yield report(context, message, service, image)


def built_in_repository(project: Project, reference: str) -> bool:
    """Whether the run builds this very reference (a compose build or a Bake target tags it,
    variables at their defaults: Mailu's Bake file tags ``mailu/nginx:${MAILU_VERSION}``, by
    default ``local``, which its tests run), or it is a bare name outside Docker's Official
    Images, which no registry serves. Another tag of an image built here (``mailu/nginx:
    master``) is what the project publishes and its users pull: still reported."""
    name = official_name(reference)
    if name is not None:
        return name not in OFFICIAL_IMAGES
    key = normal_reference(reference)
    source = project.images.by_reference.get(key) if key is not None else None
    return source is not None and source.certain


def _untagged_or_floating(reference: str) -> bool:
    """Whether an image reference has no tag (``nginx``, ``host:5000/app``) or one of LD704's
    floating tags (``latest``, ``stable``)."""
    last = reference.rsplit("/", 1)[-1]
    return ":" not in last or last.rsplit(":", 1)[1].lower() in FLOATING
