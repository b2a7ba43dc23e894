"""LD705 build-and-image: a service sets both ``build`` and ``image`` with no ``pull_policy``
saying which one wins."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.compose_practice import from_variable
from lintdock.facts.official_images import OFFICIAL_IMAGES, official_name
from lintdock.facts.service_graph import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context, option

SERVICE_KEYS = ("build",)


@dataclass(frozen=True)
class Options:
    """LD705's options (``[tool.lintdock.rules.LD705]``)."""

    allow_pull_policy: bool = option(
        True, "A service that sets pull_policy has decided which one wins: leave it alone."
    )
    namespaced_images: bool = option(
        False,
        "Also report a name with a namespace or registry (`example/api:1.4`): usually the "
        "project's own image, named so that it can be pushed and pulled.",
    )


def only_built(reference: object) -> bool:
    """Whether the image name can only be the build's result: no registry nor namespace, so
    Docker Hub's ``library/``, and no Official Image (``etl-kafka``, ``app_cuda:local``). A
    pull of it finds nothing to replace the build with."""
    if not isinstance(reference, str):
        return False
    name = official_name(reference)
    return name is not None and name not in OFFICIAL_IMAGES


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    build = service.setting("build")
    image = service.setting("image")
    if build is None or image is None:
        return
    if context.options.allow_pull_policy and service.setting("pull_policy") is not None:
        return
    if build.key.path != image.key.path:
        return  # an override that builds what the base file pulls (or the reverse) is deliberate
    name = image.value.value
    if only_built(name) or from_variable(context.project, image.value):
        return
    if not context.options.namespaced_images and "/" in str(name):
        return
    message = (
        f'service "{service.key}" sets both build and image "{name}": '
        "docker compose pull replaces the local build with whatever the registry has under "
        "that name, and up runs whichever is there. Drop one, or set pull_policy: build "
        "(always build) or missing"
    )
    yield report(context, message, service, build.key)
