"""Links compose services to the Dockerfiles and stages they build, and answers the questions
rules ask about a service as a whole: its final stage, its effective health check, its effective
start command. "Unknown" (a pulled image) is an answer of its own, never a guess.

API (rule authors code against these names):

    build_projects(dockerfiles, composes, read_text) -> list[Project]
    built_dockerfile_paths(compose) -> list[str]
        the Dockerfiles a compose project's services build (the engine links them first).
    Project.dockerfiles: tuple[Dockerfile, ...]
    Project.compose: ComposeProject | None
    Project.memo(fact, subject) -> V
        a ``lintdock.facts.memo.Fact`` about ``subject``, computed once per project.
    Project.script(command) -> ShellScript
        memoised shell parse of a Dockerfile ``Command``, a compose ``StartCommand``
        or a compose ``Healthcheck`` (None when it has no test).
    Project.builds_of(dockerfile) -> tuple[ServiceBuild, ...]
        the compose services of this run that build ``dockerfile``.
    Project.build_of(service) -> ServiceBuild | None
        the Dockerfile and stage a service builds, or the one its ``image`` is built by
        (another service with ``build`` and the same ``image``, or elsewhere in the repository:
        ``ServiceBuild.source`` says how, ``certain`` whether it only may be); None for an
        image pulled from elsewhere or a Dockerfile outside the run.
    Project.final_stages(dockerfile) -> tuple[Stage, ...]
        rules.md "Final stage with targets".
    Project.effective_healthcheck(service) -> EffectiveHealthcheck
    Project.effective_start(service) -> EffectiveStart
    Project.stage_start(dockerfile, stage) -> EffectiveStart   (image view, no compose)
    Project.stage_healthcheck(dockerfile, stage) -> EffectiveHealthcheck   (image view)
        the HEALTHCHECK in effect, inherited through stages and through the repository's own
        base images (``repository_base``).
    Project.repository_base(dockerfile, stage) -> ImageBuild | None
        the Dockerfile stage of this repository that builds the image ``stage`` starts FROM
        (ARG defaults resolved: ``FROM $BASE_IMAGE``), when ``lintdock.image_sources`` knows it.
    Project.one_shot_services() -> frozenset[str]
        services another service depends on with ``service_completed_successfully``.
    Project.entrypoint_script(dockerfile, stage, word) -> ScriptFile | None
        the parsed content of a script the image runs (``word`` names it, e.g. the first argv
        word of ENTRYPOINT), when it is COPY/ADDed from the build context and readable.
    Project.unread_entrypoint(dockerfile, stage, word) -> (path, FileProblem) | None
        that script's file in the build context when the run will not read it, and why.
    Project.environment(service) -> tuple[EnvVar, ...]
        the service's variables: its ``env_file`` entries (read through the run) overridden by
        its ``environment``, as Compose combines them.
    Project.file_problem(path) -> FileProblem | None
        why the run will not read a file a service refers to (outside the project root, too
        large, not a regular file); None when it can.
    Project.role(path) -> FileRole
        what a file is for (production, test, development, example, base-image): configured,
        else inferred (docs/project-model.md).
    Project.service_role(service) -> FileRole
        a service's role: ``job`` for a one-shot, else its file's role.
    Project.generator(path) -> str | None
        how the file's leading comment says a program writes it (``DO NOT EDIT``), or None.
    Project.complete -> bool
        False when the compose project is a fragment of one assembled elsewhere.
    Project.exists(path) -> bool
        whether the run can read a file the project names (an ``env_file``).
    Project.context_paths: frozenset[str]
        Dockerfiles loaded only to understand a compose service (not linted in this run); the
        engine drops diagnostics in them.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase as fnmatch
from typing import TYPE_CHECKING, Literal, TypeVar

from lintdock.facts.copies import Landing, landings, lineage_walk, next_workdir
from lintdock.facts.memo import Fact, identity
from lintdock.files import FileProblem, NotReadable, TooLarge
from lintdock.image_sources import NO_IMAGES, ImageSource, RepositoryImages
from lintdock.model.dockerfile import Command, Dockerfile, Instruction, Stage
from lintdock.model.shell import ShellScript, SimpleCommand, Word
from lintdock.roles import (
    OFFICIAL_IMAGE_MARKER,
    PRODUCTION,
    FileRole,
    Role,
    generator_of,
    role_by_header,
    role_by_path,
    role_by_synopses,
)
from lintdock.vocabulary import PATH_DIRS, SHELL_PROGRAMS

if TYPE_CHECKING:
    from lintdock.model.compose import (
        ComposeProject,
        EnvVar,
        Healthcheck,
        Located,
        Service,
        StartCommand,
    )

S = TypeVar("S")
V = TypeVar("V")
HealthState = Literal["compose", "image", "disabled", "none", "unknown"]
StartState = Literal["known", "unknown", "none"]
Origin = Literal["compose", "image"]
ReadText = Callable[[str], "str | None"]
FileCheck = Callable[[str], "FileProblem | None"]
LoadDockerfile = Callable[[str], "Dockerfile | None"]


@dataclass(frozen=True)
class ServiceBuild:
    """A compose service and the Dockerfile stage its image is built from. ``source`` says how
    the repository links a pulled image to the Dockerfile (None: the service, or another of its
    project, builds it)."""

    service: Service
    dockerfile: Dockerfile
    stage: Stage
    source: ImageSource | None = None

    @property
    def certain(self) -> bool:
        """False when the Dockerfile only may define the image (a folder named after it)."""
        return self.source is None or self.source.certain


@dataclass(frozen=True)
class ImageBuild:
    """The Dockerfile stage of the repository that builds ``image``, and how it says so."""

    image: str
    dockerfile: Dockerfile
    stage: Stage
    source: ImageSource


MAX_BASE_DEPTH = 16
"""How many of the repository's own images a chain of bases is followed through (a chain
that comes back on itself ends there)."""


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

    state: HealthState
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
    origin: Origin
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

    state: StartState
    entrypoint: StartPart | None
    command: StartPart | None

    @property
    def parts(self) -> tuple[StartPart, ...]:
        return tuple(p for p in (self.entrypoint, self.command) if p is not None)

    @property
    def commands(self) -> tuple[SimpleCommand, ...]:
        """The commands the start runs, ``sh -c`` hosts left out (the commands of their string
        are there themselves)."""
        return tuple(
            command
            for part in self.parts
            for command in part.script.commands
            if not (command.program in SHELL_PROGRAMS and command.option("c") is not None)
        )


@dataclass(frozen=True)
class ScriptFile:
    """A shell script from the build context that the image runs (an entrypoint script)."""

    path: str
    script: ShellScript


@dataclass(frozen=True)
class Project:
    """One unit of linting: a compose project with the Dockerfiles its services build, or a
    lone Dockerfile. Shell parses and script reads are memoised per project."""

    dockerfiles: tuple[Dockerfile, ...]
    compose: ComposeProject | None = None
    context_paths: frozenset[str] = frozenset()
    read_text: ReadText = field(default=lambda _path: None, compare=False, repr=False)
    file_problem: FileCheck = field(default=lambda _path: None, compare=False, repr=False)
    _memo: dict[tuple[Fact[object, object], object], tuple[object, object]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # Roles configuration gives files (``[tool.lintdock] roles``), by path.
    roles: Mapping[str, FileRole] = field(default_factory=dict, compare=False, repr=False)
    # The role of a file that neither its path nor its content gives one (the repository's name).
    default_role: FileRole = field(default=PRODUCTION, compare=False, repr=False)
    # The images the run's files build (lintdock.image_sources), for pulled images and bases.
    images: RepositoryImages = field(default=NO_IMAGES, compare=False, repr=False)
    # Reads a Dockerfile of the repository the project does not hold (a base image's source).
    load_dockerfile: LoadDockerfile = field(default=lambda _path: None, compare=False, repr=False)

    def memo(self, fact: Fact[S, V], subject: S) -> V:
        """``fact`` about ``subject``, worked out once per project: rules share facts this way,
        so that eight rules asking about every service cost one computation each."""
        key = (fact, identity(subject))
        found = self._memo.get(key)  # type: ignore[arg-type]
        if found is None:
            found = (fact.compute(self, subject), subject)
            self._memo[key] = found  # type: ignore[index]
        return found[0]  # type: ignore[return-value]

    # -- shell -------------------------------------------------------------------------------

    def script(self, source: Command | StartCommand | Healthcheck) -> ShellScript | None:
        """The shell model of a command, parsed once per project."""
        return SCRIPT(self, source)

    # -- links ---------------------------------------------------------------------------------

    @property
    def services(self) -> tuple[Service, ...]:
        return self.compose.services if self.compose is not None else ()

    def builds_of(self, dockerfile: Dockerfile) -> tuple[ServiceBuild, ...]:
        """The compose services of this run that build ``dockerfile`` themselves."""
        return tuple(
            link
            for service in self.services
            if (link := self._own_build(service)) is not None and link.dockerfile is dockerfile
        )

    def build_of(self, service: Service) -> ServiceBuild | None:
        """The stage ``service`` runs: its own build, or the build of the service that produces
        its ``image``, or the Dockerfile the repository builds that image from elsewhere
        (``lintdock.image_sources``). None for an image pulled from elsewhere."""
        own = self._own_build(service)
        if own is not None or service.build is not None or service.image is None:
            return own
        link = self._image_builds().get(service.image.value)
        if link is not None:
            return ServiceBuild(service, link.dockerfile, link.stage)
        return self._repository_build(service, service.image.value)

    def _repository_build(self, service: Service, image: str) -> ServiceBuild | None:
        source = self.images.source_of(image)
        dockerfile = self._dockerfile_at(source.dockerfile) if source is not None else None
        if source is None or dockerfile is None or not dockerfile.stages:
            return None
        stage = dockerfile.stages[-1]
        if source.stage is not None:
            stage = dockerfile.stage_named(source.stage) or stage
        return ServiceBuild(service, dockerfile, stage, source)

    def _image_builds(self) -> dict[str, ServiceBuild]:
        """Image name -> the build of the first service that builds it (memoised: looking it up
        service by service would be quadratic on large files)."""
        return IMAGE_BUILDS(self, None)

    def _own_build(self, service: Service) -> ServiceBuild | None:
        build = service.build
        if build is None or build.dockerfile_path is None:
            return None
        dockerfile = self._dockerfile_at(build.dockerfile_path)
        if dockerfile is None or not dockerfile.stages:
            return None
        stage = dockerfile.stages[-1]
        if build.target is not None:
            targeted = dockerfile.stage_named(build.target.value)
            if targeted is None:
                return None
            stage = targeted
        return ServiceBuild(service, dockerfile, stage)

    def _dockerfile_at(self, path: str) -> Dockerfile | None:
        wanted = posixpath.normpath(path)
        for dockerfile in self.dockerfiles:
            if posixpath.normpath(dockerfile.path) == wanted:
                return dockerfile
        return None

    def final_stages(self, dockerfile: Dockerfile) -> tuple[Stage, ...]:
        """The stages that ship: the targets when every service building the file names one,
        else the last stage plus each targeted stage."""
        if not dockerfile.stages:
            return ()
        builds = self.builds_of(dockerfile)
        targeted = [b.stage for b in builds if b.service.build and b.service.build.target]
        if builds and len(targeted) == len(builds):
            finals = targeted
        else:
            finals = [dockerfile.stages[-1], *targeted]
        return tuple(sorted({s.index: s for s in finals}.values(), key=lambda s: s.index))

    def one_shot_services(self) -> frozenset[str]:
        """Services that run once, by what the project shows (``job_reasons``)."""
        return frozenset(JOBS(self, None))

    def job_reason(self, name: str) -> str | None:
        """Why the service ``name`` runs once (memoised ``job_reasons``), or None."""
        return JOBS(self, None).get(name)

    def job_reasons(self) -> dict[str, str]:
        """Service name -> why it runs once: another service waits for it with
        ``service_completed_successfully``, or its image is a build argument of another
        service's build and the service says nothing it would run or serve (a build stage
        tagged for the builds after it: zabbix's ``zabbix-build-base``; sentry's ``web``, whose
        image the other services build upon, has a command and a health check of its own)."""
        reasons = {
            dependency.service.value: "a service waits for it to complete"
            for service in self.services
            for dependency in service.depends_on
            if dependency.condition_value == "service_completed_successfully"
        }
        arguments = {value: other.key for other in self.services for value in _build_args(other)}
        for service in self.services:
            built_upon = arguments.get(service.image.value) if service.image else None
            if service.build is not None and built_upon is not None and _runs_nothing(service):
                reasons.setdefault(service.key, f'"{built_upon}" builds FROM its image')
        return reasons

    # -- roles -----------------------------------------------------------------------------------

    def role(self, path: str) -> FileRole:
        """What the file at ``path`` is for: as configured, else by its path (``tests/``,
        ``compose.dev.yaml``), else by its content (a ``sut`` service, a base image), else
        production."""
        return FILE_ROLE(self, path)

    def service_role(self, service: Service) -> FileRole:
        """A service's role: a one-shot job when another service waits for it to complete,
        else the role of the file that names it, else, where nothing gives the file one, that
        of the stage it builds: ``target: dev`` is a development setup (docker/getting-started)."""
        return SERVICE_ROLE(self, service)

    def _service_role(self, service: Service) -> FileRole:
        reason = JOBS(self, None).get(service.key)
        if reason is not None:
            return FileRole(Role.JOB, reason)
        role = self.role(service.name.path)
        target = service.build.target if service.build is not None else None
        if role is not PRODUCTION or target is None or not isinstance(target.value, str):
            return role
        named = role_by_path(target.value)
        if named is None or named.role not in (Role.DEVELOPMENT, Role.TEST):
            return role
        return FileRole(named.role, f"it builds the {target.value} stage")

    def _file_role(self, path: str) -> FileRole:
        return (
            self.roles.get(path)
            or role_by_path(path)
            or self._content_role(path)
            or self.default_role
        )

    def _content_role(self, path: str) -> FileRole | None:
        compose = self.compose
        if compose is not None and path in compose.files and compose.service("sut") is not None:
            return FileRole(Role.TEST, "a `sut` service: a test harness")
        declared = role_by_header(self._header_comments(path))
        if declared is not None:
            return declared
        for dockerfile in self.dockerfiles:
            if dockerfile.path != path:
                continue
            written = ((i.keyword, i.arguments.text) for i in dockerfile.instructions)
            reference_sheet = role_by_synopses(written)
            if reference_sheet is not None:
                return reference_sheet
            if self._is_base_image(dockerfile):
                return FileRole(Role.BASE_IMAGE, 'no CMD, and its entrypoint ends in exec "$@"')
            source = self.official_source(path)
            if source is not None:
                return FileRole(Role.IMAGE_SOURCE, source)
        return None

    def generator(self, path: str) -> str | None:
        """How the leading comment of the file at ``path`` says a program writes it
        (``generated via "apply-templates.sh"``, ``DO NOT EDIT``), or None: its findings
        stand (the file is what ships), its fixes belong in what generates it."""
        return generator_of(self._header_comments(path))

    def _header_comments(self, path: str) -> list[str]:
        """The comments of the file at ``path`` above its first instruction (a Dockerfile) or
        its first top-level key (a compose file of the project)."""
        for dockerfile in self.dockerfiles:
            if dockerfile.path == path:
                first = min((i.span.line for i in dockerfile.instructions), default=0)
                return [c.text for c in dockerfile.comments if c.span.line < first]
        compose = self.compose
        if compose is None or path not in compose.files:
            return []
        keys = [key.span.line for key in compose.top_level_keys if key.path == path]
        first = min(keys, default=0)
        return [c.text for c in compose.comments if c.path == path and c.span.line < first]

    def official_source(self, path: str) -> str | None:
        """Why the file at ``path`` is a Docker Official Image's source, whatever else its role
        is (a base image of one: Temurin's JRE images), or None: a
        ``generate-stackbrew-library.sh`` in its folder or above, or the repository's README."""
        marker = self._official_image_marker(path)
        if marker is not None:
            return f"a Docker Official Image's source ({marker})"
        if self.default_role.role is Role.IMAGE_SOURCE:
            return self.default_role.reason
        return None

    def _official_image_marker(self, path: str) -> str | None:
        """The ``generate-stackbrew-library.sh`` in the Dockerfile's folder or one above it."""
        directory = posixpath.dirname(path)
        while True:
            marker = posixpath.join(directory, OFFICIAL_IMAGE_MARKER)
            if self.exists(marker):
                return marker
            if not directory or directory in (".", "/"):
                return None
            directory = posixpath.dirname(directory)

    def _is_base_image(self, dockerfile: Dockerfile) -> bool:
        """A final stage with no CMD whose ENTRYPOINT is a script ending in ``exec "$@"`` and
        whose every ``exec`` runs its arguments (not ``exec java …`` when it is given none): it
        runs what the images built FROM it (or ``docker run``) give it, nothing of its own."""
        if not dockerfile.stages:
            return False
        stage = dockerfile.stages[-1]
        start = self.stage_start(dockerfile, stage)
        if start.command is not None or start.entrypoint is None:
            return False
        script = start.entrypoint.script
        words = script.commands[0].argv if script.commands else script.exec_words
        found = self.entrypoint_script(dockerfile, stage, words[0]) if words else None
        if found is None or found.script.last is None:
            return False
        if [w.value for w in found.script.last.wrappers] != ["exec"]:
            return False
        execs = [c for c in found.script.commands if c.wrappers and c.wrappers[0].value == "exec"]
        return all(_runs_its_arguments(command) for command in execs)

    @property
    def complete(self) -> bool:
        """Whether the project holds everything it is assembled from: False for a compose file
        that patches services defined elsewhere, or whose ``include`` could not be followed
        (``ComposeProject.missing`` says what is missing). Rules that need the whole project
        (which services exist, what they define) stay silent when it is not."""
        return self.compose is None or self.compose.complete

    def exists(self, path: str) -> bool:
        """Whether the run can read the file at ``path`` (an ``env_file``)."""
        return self.read_text(path) is not None

    def environment(self, service: Service) -> tuple[EnvVar, ...]:
        """The service's environment: ``env_file`` variables (later files win) overridden by
        ``environment`` entries, as Compose combines them."""
        return ENVIRONMENT(self, service)

    # -- effective configuration -----------------------------------------------------------------

    def effective_healthcheck(self, service: Service) -> EffectiveHealthcheck:
        """The health check the service's container runs, and where it comes from."""
        compose = service.healthcheck
        if compose is not None and compose.disabled:
            return EffectiveHealthcheck("disabled", compose, None, None, None)
        if compose is not None and compose.test_kind in ("CMD", "CMD-SHELL"):
            return EffectiveHealthcheck("compose", compose, None, None, self.script(compose))
        link = self.build_of(service)
        if link is None:
            return EffectiveHealthcheck("unknown", compose, None, None, None)
        image = self.stage_healthcheck(link.dockerfile, link.stage)
        return EffectiveHealthcheck(
            image.state, compose, image.instruction, image.dockerfile, image.script
        )

    def stage_healthcheck(
        self, dockerfile: Dockerfile, stage: Stage, depth: int = 0
    ) -> EffectiveHealthcheck:
        """The HEALTHCHECK in effect for a stage (image view, no compose): its own or its
        parent stages', else that of the repository's image it is built FROM."""
        found = dockerfile.inherited(stage, "HEALTHCHECK")
        base = self.repository_base(dockerfile, stage) if found is None else None
        if base is not None and depth < MAX_BASE_DEPTH:
            return self.stage_healthcheck(base.dockerfile, base.stage, depth + 1)
        if found is None:
            return EffectiveHealthcheck("none", None, None, dockerfile, None)
        instruction = found[1]
        if instruction.healthcheck_none or instruction.command is None:
            return EffectiveHealthcheck("disabled", None, instruction, dockerfile, None)
        script = self.script(instruction.command)
        return EffectiveHealthcheck("image", None, instruction, dockerfile, script)

    def repository_base(self, dockerfile: Dockerfile, stage: Stage) -> ImageBuild | None:
        """The stage of the repository's own Dockerfile that builds the image ``stage`` is
        ultimately built FROM (``FROM $BASE_IMAGE`` with its ARG default), or None."""
        return REPOSITORY_BASE(self, (dockerfile, dockerfile.root_stage(stage)))

    def _repository_base(self, dockerfile: Dockerfile, root: Stage) -> ImageBuild | None:
        from lintdock.facts.base_images import resolved_base

        image = resolved_base(dockerfile, root)
        source = None
        if image is not None:
            named = self.images.context_source(dockerfile.path, image)
            source = named or self.images.source_of(image)
        if image is None or source is None or source.dockerfile == dockerfile.path:
            return None
        built = self._dockerfile_at(source.dockerfile) or self.load_dockerfile(source.dockerfile)
        if built is None or not built.stages:
            return None
        target = built.stage_named(source.stage) if source.stage is not None else None
        return ImageBuild(image, built, target or built.stages[-1], source)

    def effective_start(self, service: Service) -> EffectiveStart:
        """What the service's container starts with (compose overrides, then the image)."""
        return EFFECTIVE_START(self, service)

    def _effective_start(self, service: Service) -> EffectiveStart:
        link = self.build_of(service)
        image = self.stage_start(link.dockerfile, link.stage) if link is not None else None
        joined = _shell_and_script(service.entrypoint, service.command)
        if joined is not None:
            return EffectiveStart("known", self._compose_part(joined), None)
        entrypoint = self._compose_part(service.entrypoint)
        command = self._compose_part(service.command)
        if entrypoint is None and image is not None:
            entrypoint = image.entrypoint
            command = command or image.command
        if entrypoint is None and command is None:
            return EffectiveStart("unknown" if image is None else image.state, None, None)
        return EffectiveStart("known", entrypoint, command)

    def _compose_part(self, start: StartCommand | None) -> StartPart | None:
        if start is None:
            return None
        script = self.script(start)
        if script is None:
            return None
        return StartPart(script, "compose", start.node.path, located=start.node)

    def stage_start(self, dockerfile: Dockerfile, stage: Stage) -> EffectiveStart:
        """ENTRYPOINT and CMD in effect for a stage: a CMD inherited from a parent stage is
        cleared by an ENTRYPOINT set nearer, as BuildKit does."""
        return STAGE_START(self, (dockerfile, stage))

    def _stage_start(self, dockerfile: Dockerfile, stage: Stage) -> EffectiveStart:
        entrypoint = dockerfile.inherited(stage, "ENTRYPOINT")
        command = dockerfile.inherited(stage, "CMD")
        if (
            entrypoint is not None
            and command is not None
            and command[0].index < entrypoint[0].index
        ):
            command = None  # inherited from farther up the lineage (parents come first)
        parts = [
            self._image_part(dockerfile, found[1] if found else None)
            for found in (entrypoint, command)
        ]
        if parts[0] is None and parts[1] is None:
            return EffectiveStart("none", None, None)
        return EffectiveStart("known", parts[0], parts[1])

    def _image_part(
        self, dockerfile: Dockerfile, instruction: Instruction | None
    ) -> StartPart | None:
        if instruction is None or instruction.command is None:
            return None
        script = self.script(instruction.command)
        if script is None:
            return None
        return StartPart(script, "image", dockerfile.path, instruction=instruction)

    # -- the build context -----------------------------------------------------------------------

    def context_dir(self, dockerfile: Dockerfile) -> str:
        """The build context of a Dockerfile: a compose service's ``context``, else the
        Dockerfile's own folder."""
        for link in self.builds_of(dockerfile):
            build = link.service.build
            if build is not None and build.context_path is not None:
                return build.context_path
        return self.images.context_of(dockerfile.path) or posixpath.dirname(dockerfile.path) or "."

    def entrypoint_script(
        self, dockerfile: Dockerfile, stage: Stage, word: Word
    ) -> ScriptFile | None:
        """The script at ``word``'s path in the image, when a COPY/ADD in the stage lineage took
        it from the build context and the run can read it."""
        return ENTRYPOINT_SCRIPT(self, (dockerfile, stage, word.value))

    def unread_entrypoint(
        self, dockerfile: Dockerfile, stage: Stage, word: Word
    ) -> tuple[str, FileProblem] | None:
        """The build-context file a COPY/ADD put at ``word``'s path that the run will not read
        as a script (not a regular file, not permitted, outside the root), and why; None when
        it is read, missing or too large to be a script (a binary)."""
        for source in _context_sources(dockerfile, stage, word.value):
            path = posixpath.normpath(posixpath.join(self.context_dir(dockerfile), source))
            problem = self.file_problem(path)
            if problem is None or isinstance(problem, TooLarge):
                return None
            if not isinstance(problem, NotReadable) or os.path.lexists(path):
                return path, problem
        return None


def _runs_nothing(service: Service) -> bool:
    """No command, entrypoint, health check or port of its own: nothing to run or serve."""
    return not (
        service.command
        or service.entrypoint
        or service.healthcheck
        or service.ports
        or service.expose
    )


def _build_args(service: Service) -> list[str]:
    """The values of the build arguments of ``service`` (``build.args``, map or list form)."""
    setting = service.setting("build")
    build = setting.value.value if setting is not None else None
    args = build.get("args") if isinstance(build, dict) else None
    if isinstance(args, dict):
        return [value for value in args.values() if isinstance(value, str)]
    if isinstance(args, list):
        return [arg.partition("=")[2] for arg in args if isinstance(arg, str) and "=" in arg]
    return []


def _image_builds(project: Project, _: None) -> dict[str, ServiceBuild]:
    builds: dict[str, ServiceBuild] = {}
    for other in project.services:
        if other.image is not None and other.image.value not in builds:
            link = project._own_build(other)
            if link is not None:
                builds[other.image.value] = link
    return builds


def _combined_environment(project: Project, service: Service) -> tuple[EnvVar, ...]:
    from lintdock.parsers.compose_envfile import env_file_variables

    combined: dict[str, EnvVar] = {}
    for env_file in service.env_files:
        text = project.read_text(env_file.resolved)
        for variable in env_file_variables(text or "", env_file.resolved):
            combined[variable.name.value] = variable
    for variable in service.environment:
        combined[variable.name.value] = variable
    return tuple(combined.values())


def _read_entrypoint(project: Project, subject: tuple[Dockerfile, Stage, str]) -> ScriptFile | None:
    dockerfile, stage, target = subject
    for source in _context_sources(dockerfile, stage, target):
        path = posixpath.normpath(posixpath.join(project.context_dir(dockerfile), source))
        text = project.read_text(path)
        if text is not None:
            from lintdock.parsers.shell import parse_shell_file

            return ScriptFile(path, parse_shell_file(text))
    return None


def _shell_and_script(
    entrypoint: StartCommand | None, command: StartCommand | None
) -> StartCommand | None:
    """``entrypoint: [/bin/sh]`` with ``command: [-c, "migrate && collector"]`` (or ``[sh, -c]``
    with ``["…"]``): one shell running one script, as the container runs them joined."""
    from lintdock.model.compose import StartCommand
    from lintdock.parsers.shell_launchers import shell_body_index

    if entrypoint is None or command is None or entrypoint.is_string or command.is_string:
        return None
    values = [word.value for word in entrypoint.argv]
    if not values or posixpath.basename(values[0]) not in SHELL_PROGRAMS:
        return None
    joined = (*entrypoint.argv, *command.argv)
    if shell_body_index(values) is not None or shell_body_index([w.value for w in joined]) is None:
        return None
    return StartCommand(command.node, joined, is_string=False)


def _context_sources(dockerfile: Dockerfile, stage: Stage, target: str) -> Iterable[str]:
    """Build-context paths that COPY/ADD may have put at the file ``target`` names (a path
    relative to the final WORKDIR, or a bare name looked up on the default PATH), newest copy
    first: the file itself, the file a glob matched, or the file inside a directory whose
    contents were copied."""
    copies: list[Landing] = []
    workdir = "/"
    for step in lineage_walk(dockerfile, stage):
        instruction = step.instruction
        workdir = next_workdir(instruction, step.workdir)
        if instruction.keyword in ("COPY", "ADD") and not instruction.flag("from"):
            copies += landings(instruction, step.workdir)
    if "/" in target:
        wanted = [posixpath.normpath(posixpath.join(workdir, target))]
    else:
        wanted = [posixpath.join(directory, target) for directory in PATH_DIRS]
    for copy in reversed(copies):
        source = _in_context(copy.source.value)
        pattern = posixpath.basename(source)
        for path in wanted:
            if copy.landed == path:
                yield source
            elif any(character in pattern for character in "*?["):
                name = posixpath.basename(path)  # ``COPY *.sh /`` put start.sh at /start.sh
                if posixpath.dirname(path) == copy.destination and fnmatch(name, pattern):
                    yield posixpath.join(posixpath.dirname(source), name)
            elif path.startswith(copy.destination.rstrip("/") + "/"):
                yield posixpath.join(source, posixpath.relpath(path, copy.destination))


def _in_context(source: str) -> str:
    """A COPY source as a path inside the build context: BuildKit reads ``/e.sh`` and
    ``../e.sh`` as ``e.sh`` of the context, never as a path on the host."""
    return posixpath.normpath("/" + source).lstrip("/") or "."


def _parse_script(
    _project: Project, source: Command | StartCommand | Healthcheck
) -> ShellScript | None:
    from lintdock.parsers import shell

    if isinstance(source, Command):
        return shell.script_of_command(source)
    from lintdock.model.compose import StartCommand  # not imported by Dockerfile-only runs

    if isinstance(source, StartCommand):
        return shell.script_of_start(source)
    return shell.script_of_healthcheck(source)


_RUNS_ITS_ARGUMENTS = re.compile(r"\$@|\$\{@\}|\$\{\w+\[@\]\}")
"""The last word of an entrypoint that runs what it is given: ``exec "$@"``, or an array made
of them (jupyter's ``exec "${cmd[@]}"``)."""


def _runs_its_arguments(command: SimpleCommand) -> bool:
    """``exec "$@"``, ``exec gosu app "${cmd[@]}"``: the command runs what it was given."""
    return (
        len(command.argv) == 1 and _RUNS_ITS_ARGUMENTS.fullmatch(command.argv[0].value) is not None
    )


SCRIPT = Fact("shell parse", _parse_script)
IMAGE_BUILDS = Fact("image builds", _image_builds)
ENVIRONMENT = Fact("service environment", _combined_environment)
FILE_ROLE: Fact[str, FileRole] = Fact("file role", lambda project, path: project._file_role(path))
SERVICE_ROLE: Fact[Service, FileRole] = Fact(
    "service role", lambda project, service: project._service_role(service)
)
JOBS: Fact[None, dict[str, str]] = Fact("jobs", lambda project, _none: project.job_reasons())
ENTRYPOINT_SCRIPT = Fact("entrypoint script", _read_entrypoint)
EFFECTIVE_START: Fact[Service, EffectiveStart] = Fact(
    "effective start", lambda project, service: project._effective_start(service)
)
STAGE_START: Fact[tuple[Dockerfile, Stage], EffectiveStart] = Fact(
    "stage start", lambda project, ref: project._stage_start(*ref)
)
REPOSITORY_BASE: Fact[tuple[Dockerfile, Stage], ImageBuild | None] = Fact(
    "repository base", lambda project, ref: project._repository_base(*ref)
)


def build_projects(
    dockerfiles: Iterable[Dockerfile],
    composes: Iterable[ComposeProject],
    read_text: ReadText,
    load_dockerfile: LoadDockerfile,
    file_problem: FileCheck = lambda _path: None,
    images: RepositoryImages = NO_IMAGES,
) -> list[Project]:
    """Group one run's files into projects: each compose project with the Dockerfiles its
    services build (loading those the run did not name, as context only) and those ``images``
    says its pulled images are built from (as context only: they are linted where they are
    built), and each remaining Dockerfile alone."""
    linted = {posixpath.normpath(d.path): d for d in dockerfiles}
    claimed: set[str] = set()
    projects = []
    for compose in composes:
        members: dict[str, Dockerfile] = {}
        context: set[str] = set()
        for path in built_dockerfile_paths(compose):
            if path in linted:
                members[path] = linted[path]
                claimed.add(path)
            elif (loaded := load_dockerfile(path)) is not None:
                members[path] = loaded
                context.add(loaded.path)
        for path in _pulled_image_sources(compose, images):
            if path not in members and (loaded := load_dockerfile(path)) is not None:
                members[path] = loaded
                context.add(loaded.path)
        projects.append(
            Project(
                tuple(members.values()),
                compose,
                frozenset(context),
                read_text,
                file_problem,
                images=images,
                load_dockerfile=load_dockerfile,
            )
        )
    projects += [
        Project(
            (d,),
            None,
            frozenset(),
            read_text,
            file_problem,
            images=images,
            load_dockerfile=load_dockerfile,
        )
        for p, d in linted.items()
        if p not in claimed
    ]
    return projects


def _pulled_image_sources(compose: ComposeProject, images: RepositoryImages) -> list[str]:
    """The Dockerfiles the repository builds the images of ``compose``'s pulling services from
    (those no service of the project builds)."""
    built = {s.image.value for s in compose.services if s.image is not None and s.build}
    paths = []
    for service in compose.services:
        if service.build is None and service.image is not None and service.image.value not in built:
            source = images.source_of(service.image.value)
            if source is not None and source.dockerfile not in paths:
                paths.append(source.dockerfile)
    return paths


def built_dockerfile_paths(compose: ComposeProject) -> list[str]:
    """The Dockerfiles the services of ``compose`` build (normalised paths, each once)."""
    paths = []
    for service in compose.services:
        build = service.build
        if build is not None and build.dockerfile_path is not None:
            path = posixpath.normpath(build.dockerfile_path)
            if path not in paths:
                paths.append(path)
    return paths
