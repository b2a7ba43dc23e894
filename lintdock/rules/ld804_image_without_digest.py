"""LD804 image-without-digest: an image named by tag only."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

SERVICE_KEYS = ("image",)


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    image = service.image
    if image is None or service.build is not None or not image.value.strip():
        return  # a built image is named, not pulled
    if "@" in image.value or _untagged_or_latest(image.value):
        return  # pinned; or not even tagged, which the explicit-tag rule of LD7 reports
    message = (
        f"{image.value} is pulled by tag: whoever controls the registry can move the tag to "
        "other content. Pin it by digest (image: name:tag@sha256:...) and let a bot update it"
    )
    yield report(context, message, service, image)


def _untagged_or_latest(reference: str) -> bool:
    """Whether an image reference has no tag (``nginx``, ``host:5000/app``) or ``latest``."""
    last = reference.rsplit("/", 1)[-1]
    return ":" not in last or last.rsplit(":", 1)[1] == "latest"
