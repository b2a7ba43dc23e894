"""LD704 image-without-explicit-tag: a pulled image without a tag, or with a floating one (an
image the repository builds itself is not pulled)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.compose_practice import written
from lintdock.facts.images import FLOATING_TAGS
from lintdock.facts.service_graph import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context, option

SERVICE_KEYS = ("image",)


def _names_problem(tags: tuple[str, ...]) -> str | None:
    blank = [tag for tag in tags if not tag.strip()]
    return "a tag cannot be empty" if blank else None


@dataclass(frozen=True)
class Options:
    """LD704's options (``[tool.lintdock.rules.LD704]``)."""

    floating_tags: tuple[str, ...] = option(
        FLOATING_TAGS,
        "Tags that name no fixed version (compared case-insensitively).",
        _names_problem,
    )


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    image = service.image
    if image is None or service.build is not None or not image.value.strip():
        return  # with build, image only names what is built
    scalar = written(context.project, image)
    if scalar is not None and _from_variable(scalar.text):
        return  # the name or tag comes from a variable: set where the project is deployed
    name, tag, digest = split_reference(image.value)
    if digest or context.project.images.built_here(image.value):
        return
    floating = {t.lower() for t in context.options.floating_tags}
    if tag is None:
        message = (
            f'image "{name}" has no tag, so Compose pulls "{name}:latest", whatever that is on '
            "the day: pin a version tag (or a digest)"
        )
    elif tag.lower() in floating:
        message = (
            f'image "{image.value}" uses the floating tag "{tag}", which moves to new releases: '
            "pin a version tag (or a digest)"
        )
    else:
        return
    yield report(context, message, service, image)


def _from_variable(text: str) -> bool:
    """Whether the image's name or tag is written with a variable: in its last component
    (``app:${TAG}``), or the whole reference is one (``${IMAGE-netbox:latest}``, whose default
    is only the fallback of what the deployment sets)."""
    whole = text.strip().strip("'\"")
    one_variable = whole.startswith("${") and whole.endswith("}") and whole.count("${") == 1
    return one_variable or "$" in text.rpartition("/")[2]


def split_reference(reference: str) -> tuple[str, str | None, str | None]:
    """``[registry[:port]/]path[:tag][@digest]`` as (name, tag, digest)."""
    rest, _, digest = reference.strip().partition("@")
    head, slash, last = rest.rpartition("/")
    name, colon, tag = last.partition(":")
    return f"{head}{slash}{name}", (tag if colon else None), (digest or None)
