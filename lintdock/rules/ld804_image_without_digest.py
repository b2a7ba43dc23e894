"""LD804 image-without-digest: a pulled image named by tag only."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import hardening_expected
from lintdock.facts.images import FLOATING_TAGS
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

SERVICE_KEYS = ("image",)


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    if not hardening_expected(context.project, service):
        return  # a test, development, example or archive file: hardening protects nothing
    image = service.image
    if image is None or service.build is not None or not image.value.strip():
        return  # a built image is named, not pulled
    if "@" in image.value or _untagged_or_floating(image.value):
        return  # pinned; or not even pinned to a version, which LD704 reports
    if context.project.images.built_here(image.value):
        return  # not pulled: no registry holds it, so no digest to pin
    message = (
        f"{image.value} is pulled by tag: whoever controls the registry can move the tag to "
        "other content. Pin it by digest (image: name:tag@sha256:...) and let a bot update it"
    )
    yield report(context, message, service, image)


def _untagged_or_floating(reference: str) -> bool:
    """Whether an image reference has no tag (``nginx``, ``host:5000/app``) or one of LD704's
    floating tags (``latest``, ``stable``)."""
    last = reference.rsplit("/", 1)[-1]
    return ":" not in last or last.rsplit(":", 1)[1].lower() in FLOATING_TAGS
