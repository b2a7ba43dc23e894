"""Where health checks are written and which images run them: the one walk the LD1xx rules
share, and the one way they report about a check.

A ``Site`` is a health check as written: a Dockerfile ``HEALTHCHECK CMD`` (the last one of
each stage, the one that takes effect there; earlier ones are LD104's) or the ``test`` of a
compose service (once per service, so a test shared through a YAML anchor is reported once per
service that uses it). ``images`` are the images that run it: for a HEALTHCHECK, the final
stages in which it is the one in effect; for a compose test, the stage the service builds.
``pulled`` is the image a compose service pulls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lintdock.facts.images import ImageFamily, base_family, external_base, image_family
from lintdock.facts.presence import has_tool, image_has_tool
from lintdock.facts.stage_shell import has_shell
from lintdock.model.diagnostic import Diagnostic, Fix, Severity
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import ShellScript
from lintdock.model.span import Span
from lintdock.project import Project
from lintdock.rules.base import Context

if TYPE_CHECKING:
    from lintdock.model.compose import Healthcheck, Service

ImageRef = tuple[Dockerfile, Stage]


@dataclass(frozen=True)
class Site:
    """A health check as written, and where it runs.

    ``path`` is the file it is written in; ``stage`` the Dockerfile stage holding the
    HEALTHCHECK (None for compose); ``service`` the compose service (None for a Dockerfile);
    ``own_names`` the host names that reach the container itself (the services running it, their
    aliases, hostnames and container names, lower-cased).
    """

    script: ShellScript
    path: str
    images: tuple[ImageRef, ...]
    instruction: Instruction | None = None
    stage: ImageRef | None = None
    service: Service | None = None
    healthcheck: Healthcheck | None = None
    pulled: str | None = None
    own_names: frozenset[str] = frozenset()

    @property
    def anchor(self) -> Span:
        """Where to report about the check as a whole: the ``test`` key, or the instruction."""
        if self.healthcheck is not None and self.healthcheck.test is not None:
            return self.healthcheck.test.anchor
        assert self.instruction is not None
        return self.instruction.span

    @property
    def where(self) -> str:
        """``The HEALTHCHECK`` or ``The healthcheck test of "web"``, to start a message."""
        if self.service is not None:
            return f'The healthcheck test of "{self.service.key}"'
        return "The HEALTHCHECK"

    def report(
        self,
        context: Context,
        message: str,
        span: Span | None = None,
        *,
        severity: Severity | None = None,
        fix: Fix | None = None,
    ) -> Diagnostic:
        """A finding about this check at ``span`` (default: ``anchor``)."""
        service = self.service.key if self.service is not None else None
        where = span or self.anchor
        return context.report(message, self.path, where, severity, service, fix)


def sites(project: Project) -> Iterator[Site]:
    """Every health check of the project: Dockerfile HEALTHCHECKs, then compose tests."""
    for dockerfile in project.dockerfiles:
        yield from _dockerfile_sites(project, dockerfile)
    for service in project.services:
        site = _compose_site(project, service)
        if site is not None:
            yield site


def _dockerfile_sites(project: Project, dockerfile: Dockerfile) -> Iterator[Site]:
    finals = project.final_stages(dockerfile)
    names = frozenset(
        name for link in project.builds_of(dockerfile) for name in own_names(link.service)
    )
    for stage in dockerfile.stages:
        instruction = stage.last("HEALTHCHECK")
        if instruction is None or instruction.healthcheck_none or instruction.command is None:
            continue
        script = project.script(instruction.command)
        if script is None:
            continue
        images = tuple(
            (dockerfile, final)
            for final in finals
            if (found := dockerfile.inherited(final, "HEALTHCHECK")) and found[1] is instruction
        )
        yield Site(
            script, dockerfile.path, images, instruction, (dockerfile, stage), own_names=names
        )


def _compose_site(project: Project, service: Service) -> Site | None:
    healthcheck = service.healthcheck
    if healthcheck is None or healthcheck.disabled or healthcheck.test is None:
        return None
    if healthcheck.test_kind not in ("CMD", "CMD-SHELL"):
        return None
    script = project.script(healthcheck)
    if script is None:
        return None
    link = project.build_of(service)
    if link is not None and not link.certain:
        link = None  # a Dockerfile that only may define the image: judged as the pulled image
    images = ((link.dockerfile, link.stage),) if link is not None else ()
    pulled = service.image.value if link is None and service.image is not None else None
    return Site(
        script,
        healthcheck.test.path,
        images,
        service=service,
        healthcheck=healthcheck,
        pulled=pulled,
        own_names=own_names(service),
    )


def own_names(service: Service) -> frozenset[str]:
    """The host names that reach the service's own container, lower-cased: its name, its
    network aliases and ``hostname``, and its ``container_name`` (Docker's DNS answers each)."""
    names = [service.key, *service.aliases]
    container_name = service.setting("container_name")
    if container_name is not None and isinstance(container_name.value.value, str):
        names.append(container_name.value.value)
    return frozenset(name.lower() for name in names)


@dataclass(frozen=True)
class ImageView:
    """An image a check runs in, as far as the files show it: ``has`` answers whether a
    program is there (True, False, None unknown), ``shell`` whether the shell that shell-form
    commands run is; ``description`` names the image for messages; ``built`` is True for an
    image built from a Dockerfile of the run (its stages can install tools)."""

    description: str
    family: ImageFamily
    has: Callable[[str], bool | None]
    shell: bool | None
    built: bool = True


def stage_view(project: Project, dockerfile: Dockerfile, stage: Stage) -> ImageView:
    """The image built from ``stage``, installs and copies included."""
    base = external_base(dockerfile, stage).base_image
    description = f"{stage_label(dockerfile, stage)} (built on {base})"

    def has(tool: str) -> bool | None:
        return has_tool(project, dockerfile, stage, tool)

    shell = has_shell(project, dockerfile, stage)
    return ImageView(description, base_family(dockerfile, stage), has, shell)


def pulled_view(reference: str) -> ImageView:
    """A pulled image: only what its family tells."""

    def has(tool: str) -> bool | None:
        return image_has_tool(reference, tool)

    family = image_family(reference)
    return ImageView(f"the image {reference}", family, has, has("/bin/sh"), built=False)


def site_views(project: Project, site: Site) -> tuple[ImageView, ...]:
    """The images a health check runs in."""
    views = [stage_view(project, dockerfile, stage) for dockerfile, stage in site.images]
    if site.pulled is not None:
        views.append(pulled_view(site.pulled))
    return tuple(views)


def stage_label(dockerfile: Dockerfile, stage: Stage) -> str:
    """``stage "runtime"`` or ``the last stage``, for messages."""
    if stage.name is not None:
        return f'stage "{stage.name}"'
    if stage is dockerfile.stages[-1]:
        return "the last stage"
    return f"stage {stage.index}"


# -- durations and counts (``lintdock.model.duration`` parses durations) ------------------------

MAX_RETRIES = 2**63 - 1
"""Docker keeps ``retries`` in a 64-bit integer: a larger count is rejected (LD107), never
counted (and never turned into text digit by digit: Python limits that to 4,300 digits)."""
DEFAULT_INTERVAL = 30.0
"""Docker's health check interval when neither the image nor compose sets one."""


def retries_count(text: str | None) -> int | None:
    """``text`` as a retry count Docker accepts (decimal digits, at most MAX_RETRIES)."""
    if not text or not text.isdecimal() or len(text) > len(str(MAX_RETRIES)):
        return None
    count = int(text)
    return count if count <= MAX_RETRIES else None
