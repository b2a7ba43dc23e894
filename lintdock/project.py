"""Links compose services to the Dockerfiles and stages they build, and answers the questions
rules ask about a service as a whole: its final stage, its effective health check, its effective
start command. "Unknown" (a pulled image) is an answer of its own, never a guess.

API CONTRACT (implementation landing shortly; rule authors code against these names):

    build_projects(dockerfiles, composes, read_text) -> list[Project]
    Project.dockerfiles: tuple[Dockerfile, ...]
    Project.compose: ComposeProject | None
    Project.script(command) -> ShellScript
        memoised shell parse of a Dockerfile ``Command``, a compose ``StartCommand``
        or a compose ``Healthcheck`` (None when it has no test).
    Project.builds_of(dockerfile) -> tuple[ServiceBuild, ...]
        the compose services of this run that build ``dockerfile``.
    Project.build_of(service) -> ServiceBuild | None
        the Dockerfile and stage a service builds, or the one its ``image`` is built by
        (another service with ``build`` and the same ``image``); None for a pulled image or
        a Dockerfile outside the run.
    Project.final_stages(dockerfile) -> tuple[Stage, ...]
        rules.md "Final stage with targets".
    Project.effective_healthcheck(service) -> EffectiveHealthcheck
    Project.effective_start(service) -> EffectiveStart
    Project.stage_start(dockerfile, stage) -> EffectiveStart   (image view, no compose)
    Project.one_shot_services() -> frozenset[str]
        services another service depends on with ``service_completed_successfully``.
    Project.entrypoint_script(dockerfile, word) -> ShellScript | None
        the parsed content of a script the image runs (``word`` names it, e.g. the first argv
        word of ENTRYPOINT), when it is COPY/ADDed from the build context and readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from lintdock.model.compose import Healthcheck, Located, Service
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import ShellScript


@dataclass(frozen=True)
class ServiceBuild:
    """A compose service and the Dockerfile stage its image is built from."""

    service: Service
    dockerfile: Dockerfile
    stage: Stage


@dataclass(frozen=True)
class EffectiveHealthcheck:
    """The health check a service's container really runs.

    ``state``: ``"compose"`` (a compose ``test`` is in effect), ``"image"`` (the linked
    Dockerfile's HEALTHCHECK, inherited through stages, is in effect), ``"disabled"`` (compose
    ``disable: true`` / ``test: ["NONE"]``, or ``HEALTHCHECK NONE`` in effect), ``"none"`` (known
    to have none: a locally built image without HEALTHCHECK and no compose test), ``"unknown"``
    (a pulled image and no compose test: the image may define one).
    ``compose`` is the service's healthcheck block if any (it may hold only timings).
    ``instruction``/``dockerfile`` are the HEALTHCHECK in effect from the image, if any.
    ``script`` is the test in effect, parsed.
    """

    state: str
    compose: Healthcheck | None
    instruction: Instruction | None
    dockerfile: Dockerfile | None
    script: ShellScript | None


@dataclass(frozen=True)
class StartPart:
    """An ENTRYPOINT or a CMD in effect: where it is written and what it runs.

    ``origin`` is ``"compose"`` or ``"image"``; ``located`` is the compose value
    (origin compose) and ``instruction`` the Dockerfile instruction (origin image);
    ``path`` the file it is written in.
    """

    script: ShellScript
    origin: str
    path: str
    located: Located[object] | None = None
    instruction: Instruction | None = None


@dataclass(frozen=True)
class EffectiveStart:
    """What a container starts with: ``entrypoint`` and ``command`` parts in effect.

    ``state`` is ``"known"`` when the start command is known from the files (a compose
    ``command``/``entrypoint``, or a linked Dockerfile), ``"unknown"`` for a pulled image without
    compose ``command``/``entrypoint``, ``"none"`` when a known image defines neither.
    Compose ``entrypoint`` clears the image's CMD, as Docker does; ENTRYPOINT in a stage clears
    the CMD inherited from its parent stage.
    """

    state: str
    entrypoint: StartPart | None
    command: StartPart | None

    @property
    def parts(self) -> tuple[StartPart, ...]:
        return tuple(p for p in (self.entrypoint, self.command) if p is not None)
