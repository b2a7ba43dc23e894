"""Which programs an image has: its base family, then every install, removal and copy of its
stage's lineage, in build order. True present, False known absent, None unknown.

A RUN installs a package with a system package manager (``lintdock.facts.packages``); pins are
stripped to the package name, which maps to the program it provides (``netcat-openbsd`` ->
``nc``). A later command of the same RUN removes it (``apt-get purge``, ``apk del`` by name or by
its ``--virtual`` group, ``yum remove``, an ``apt-get autoremove`` after ``apt-mark auto``, or a
removal through a ``$VARIABLE`` that may name it); a removal in a later RUN removes it too.
Installs through variables, ``xargs``, a script file (``sh install.sh``, ``./setup.sh``) or
``busybox --install`` may add anything; a word naming a path such as ``/usr/local/bin/curl``
(``wget -O``, ``cp``, ``ln -s``) may add that program: both make an absent tool unknown.
A COPY/ADD brings in a named file (``lintdock.facts.copies``): its name counts as a program
wherever it lands; an opaque source copied onto PATH may bring in anything.

API (each fact memoised per project)
---
``has_tool(project, dockerfile, stage, tool) -> bool | None``
``image_has_tool(reference, tool) -> bool | None``   a pulled image, from its family alone
``tool_installs(project, dockerfile, stage) -> tuple[ToolInstall, ...]``   the stage's own RUNs
``tool_copies(project, dockerfile, stage) -> tuple[ToolCopy, ...]``   the stage's own COPY/ADD
``program_name(tool) -> str | None``
``command_values(project, dockerfile, stage, instruction, command) -> dict[str, str]``
    the variables a RUN's command sees: ARG defaults, ENV, earlier shell assignments
"""

from __future__ import annotations

import enum
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field

from lintdock.facts.copies import landings, next_workdir, on_path
from lintdock.facts.images import ALPINE_BASED, UNKNOWN, ImageFamily, image_family
from lintdock.facts.memo import Fact
from lintdock.facts.packages import (
    SYSTEM_MANAGERS,
    PackageCommand,
    expand_variables,
    package_command,
    removed_later,
    requested,
    tool_of,
)
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage, Token
from lintdock.model.shell import SimpleCommand, Word
from lintdock.project import Project
from lintdock.vocabulary import PATH_DIRS, POSIX_SHELLS

StageRef = tuple[Dockerfile, Stage]


@dataclass(frozen=True)
class ToolInstall:
    """A package a RUN installs: ``tool`` the program it provides, ``package`` the word as written
    (exact span), ``name`` the package without pins, ``removed_later`` True when a later command
    of the same RUN removes (or may remove) it; ``installer`` the package-manager command."""

    tool: str
    package: Word
    name: str
    instruction: Instruction
    removed_later: bool
    installer: SimpleCommand


@dataclass(frozen=True)
class ToolCopy:
    """A named file a COPY/ADD puts into the image: ``tool`` its file name there, ``source`` the
    source token, ``path`` where it lands, ``image`` the ``--from`` value if any."""

    tool: str
    source: Token
    path: str
    instruction: Instruction
    image: str | None


class Change(enum.Enum):
    """What an instruction does to a program's presence."""

    ADDED = "added"
    REMOVED = "removed"
    MAYBE_ADDED = "maybe added"
    MAYBE_REMOVED = "maybe removed"

    def apply(self, state: bool | None) -> bool | None:
        if self is Change.ADDED:
            return True
        if self is Change.REMOVED:
            return False
        if self is Change.MAYBE_ADDED:
            return None if state is False else state
        return None if state is True else state


@dataclass(frozen=True)
class _Event:
    tool: str | None  # a program name, or None: any program
    change: Change
    path: str | None = None


# -- the stage's own instructions ------------------------------------------------------------


def _stage_workdirs(_project: Project, dockerfile: Dockerfile) -> tuple[str, ...]:
    """The WORKDIR in effect at the start of each stage (inherited from its parent stage),
    in one pass over the file: parents come before the stages built from them."""
    starts: list[str] = []
    ends: list[str] = []
    for stage in dockerfile.stages:
        workdir = ends[stage.parent] if stage.parent is not None else "/"
        starts.append(workdir)
        for instruction in stage.instructions:
            workdir = next_workdir(instruction, workdir)
        ends.append(workdir)
    return tuple(starts)


STAGE_WORKDIRS = Fact("stage working directories", _stage_workdirs)


def own_steps(
    project: Project, dockerfile: Dockerfile, stage: Stage
) -> Iterator[tuple[Instruction, str]]:
    """The stage's own instructions, each with the WORKDIR in effect for it."""
    workdir = STAGE_WORKDIRS(project, dockerfile)[stage.index]
    for instruction in stage.instructions:
        yield instruction, workdir
        workdir = next_workdir(instruction, workdir)


def _package_commands(project: Project, instruction: Instruction) -> list[PackageCommand]:
    assert instruction.command is not None
    script = project.script(instruction.command)
    commands = script.commands if script is not None else ()
    return [c for c in map(package_command, commands) if c is not None and c.system]


def _tool_installs(project: Project, ref: StageRef) -> tuple[ToolInstall, ...]:
    dockerfile, stage = ref
    found: list[ToolInstall] = []
    for instruction in stage.instructions:
        if instruction.keyword != "RUN" or instruction.command is None:
            continue
        commands = _package_commands(project, instruction)
        for index, command in enumerate(commands):
            if command.action != "install":
                continue
            later = commands[index + 1 :]
            values = command_values(project, dockerfile, stage, instruction, command.command)
            for asked in requested(command, values):
                name = asked.name
                removed = removed_later(name, command.group, later)
                found.append(
                    ToolInstall(
                        tool_of(name),
                        asked.package.word,
                        name,
                        instruction,
                        removed,
                        command.command,
                    )
                )
    return tuple(found)


def values_at(
    project: Project, dockerfile: Dockerfile, stage: Stage, instruction: Instruction
) -> dict[str, str]:
    """The ARG defaults and ENV values of ``stage``'s lineage declared before ``instruction``
    (an instruction of ``stage``): what BuildKit expands in its arguments, defaults only (a
    ``--build-arg`` given at build time is not known here)."""
    snapshots, positions = DECLARED_VALUES(project, dockerfile)
    position = positions.get(id(instruction), len(stage.instructions))
    values: dict[str, str] = {}
    for index, declared in snapshots[stage.index]:
        if index >= position:
            break
        values = declared
    return values


def expanded_at(
    project: Project, dockerfile: Dockerfile, stage: Stage, instruction: Instruction, text: str
) -> str | None:
    """``text`` (written in ``instruction``, such as ``USER $APP_UID`` or ``COPY
    --from=${STAGE}``) as BuildKit expands it with the values in scope; None when one of its
    variables has no known value."""
    if "$" not in text:
        return text
    return expand_variables(text, values_at(project, dockerfile, stage, instruction))


def command_values(
    project: Project,
    dockerfile: Dockerfile,
    stage: Stage,
    instruction: Instruction,
    command: SimpleCommand,
) -> dict[str, str]:
    """The values a RUN's command sees: ARG defaults and ENV of the stage lineage up to the
    RUN, then shell assignments earlier in the same RUN (``INSTALL_PKGS="curl tar" && …``,
    ``INSTALL_PKGS="$INSTALL_PKGS git"`` adding to it)."""
    values = dict(values_at(project, dockerfile, stage, instruction))
    assert instruction.command is not None
    script = project.script(instruction.command)
    for before in script.before(command) if script is not None else ():
        for assignment in before.assignments if not before.argv else ():
            name, _, value = assignment.value.partition("=")
            values[name] = expand_variables(value, values) or value
    return values


Snapshots = tuple[tuple[int, dict[str, str]], ...]


def _declared_values(
    _project: Project, dockerfile: Dockerfile
) -> tuple[tuple[Snapshots, ...], dict[int, int]]:
    """Each stage's ARG and ENV values as they grow, in one pass over the file: per stage,
    ``(index of the instruction, values after it)`` from ``-1`` (what the stage inherits from
    the stage it is built FROM); and each instruction's index in its stage, by identity."""
    stages: list[Snapshots] = []
    positions: dict[int, int] = {}
    for stage in dockerfile.stages:
        values = dict(stages[stage.parent][-1][1]) if stage.parent is not None else {}
        snapshots = [(-1, dict(values))]
        for index, instruction in enumerate(stage.instructions):
            positions[id(instruction)] = index
            if instruction.keyword in ("ARG", "ENV"):
                values.update((p.key.value, p.expanded) for p in instruction.pairs if p.expanded)
                snapshots.append((index, dict(values)))
        stages.append(tuple(snapshots))
    return tuple(stages), positions


DECLARED_VALUES = Fact("declared values", _declared_values)


TOOL_INSTALLS = Fact("tool installs", _tool_installs)


def tool_installs(
    project: Project, dockerfile: Dockerfile, stage: Stage
) -> tuple[ToolInstall, ...]:
    """The packages the stage's own RUN instructions install, in order."""
    return TOOL_INSTALLS(project, (dockerfile, stage))


def _tool_copies(project: Project, ref: StageRef) -> tuple[ToolCopy, ...]:
    found = []
    for instruction, workdir in own_steps(project, *ref):
        if instruction.keyword not in ("COPY", "ADD"):
            continue
        origin = instruction.flag("from")
        for copy in landings(instruction, workdir):
            if not copy.opaque:
                image = origin.value if origin else None
                name = posixpath.basename(copy.landed)
                found.append(ToolCopy(name, copy.source, copy.landed, instruction, image))
    return tuple(found)


TOOL_COPIES = Fact("tool copies", _tool_copies)


def tool_copies(project: Project, dockerfile: Dockerfile, stage: Stage) -> tuple[ToolCopy, ...]:
    """The named files the stage's own COPY/ADD instructions bring in (directories, globs and
    directory-like sources are not listed: their content is unknown)."""
    return TOOL_COPIES(project, (dockerfile, stage))


# -- presence ------------------------------------------------------------------------------------


@dataclass
class _Walker:
    """Collects the changes a stage's instructions make, in order; ``groups`` (apk
    ``--virtual`` name -> tools) carry over from the parent stage."""

    groups: dict[str, list[str]]
    events: list[_Event] = field(default_factory=list)

    def add(self, tool: str | None, change: Change, path: str | None = None) -> None:
        self.events.append(_Event(tool, change, path))

    def command(self, command: SimpleCommand) -> None:
        package = package_command(command)
        if package is not None and package.system:
            self._packages(package)
        elif _may_add_anything(command):
            self.add(None, Change.MAYBE_ADDED)
        for word in command.args:
            if "/" in word.value and not word.value.endswith("/"):
                self.add(posixpath.basename(word.value), Change.MAYBE_ADDED, word.value)

    def _packages(self, package: PackageCommand) -> None:
        if package.action in ("mark-auto", "mark-manual"):
            return
        if package.opaque:
            opaque = Change.MAYBE_ADDED if package.action == "install" else Change.MAYBE_REMOVED
            self.add(None, opaque)
            if package.action != "install":
                return
        tools = [tool_of(p.name) for p in package.named]
        if package.action == "install":
            if package.group is not None:
                self.groups.setdefault(package.group.lower(), []).extend(tools)
            for tool in tools:
                self.add(tool, Change.ADDED)
            return
        for tool in tools:
            for member in (tool, *self.groups.pop(tool, ())):
                self.add(member, Change.REMOVED)

    def copy(self, instruction: Instruction, workdir: str) -> None:
        for copy in landings(instruction, workdir):
            if not copy.opaque:
                self.add(posixpath.basename(copy.landed), Change.ADDED, copy.landed)
            elif on_path(copy.landed):
                self.add(None, Change.MAYBE_ADDED)


def _may_add_anything(command: SimpleCommand) -> bool:
    """Installs whose packages are not written in the RUN: ``xargs apt-get install``, a script
    file, ``busybox --install``."""
    words = {w.value for w in command.argv}
    if command.program == "xargs" and not words.isdisjoint(SYSTEM_MANAGERS):
        return True
    launchers = {posixpath.basename(w.value) for w in command.wrappers}
    return ("busybox" in launchers and "--install" in words) or _runs_script_file(command)


def _runs_script_file(command: SimpleCommand) -> bool:
    """``./setup``, ``/tmp/install.sh``, ``sh install.sh``, ``curl … | sh``: a script whose
    content is not in the RUN."""
    program = command.program or ""
    first = command.argv[0].value if command.argv else ""
    if program.endswith(".sh") or first.startswith(("./", "../")):
        return True
    return program in POSIX_SHELLS and not any(
        w.value.startswith("-") and "c" in w.value for w in command.args
    )


def _program_changes(project: Project, dockerfile: Dockerfile) -> tuple[tuple[_Event, ...], ...]:
    """Each stage's own changes to the image's programs, in one pass over the file (the apk
    groups a stage defines carry over to the stages built from it)."""
    changes: list[tuple[_Event, ...]] = []
    groups: list[dict[str, list[str]]] = []
    for stage in dockerfile.stages:
        inherited = groups[stage.parent] if stage.parent is not None else {}
        walker = _Walker({name: list(tools) for name, tools in inherited.items()})
        for instruction, workdir in own_steps(project, dockerfile, stage):
            if instruction.keyword == "RUN" and instruction.command is not None:
                script = project.script(instruction.command)
                for command in script.commands if script is not None else ():
                    walker.command(command)
            elif instruction.keyword in ("COPY", "ADD"):
                walker.copy(instruction, workdir)
        changes.append(tuple(walker.events))
        groups.append(walker.groups)
    return tuple(changes)


PROGRAM_CHANGES = Fact("program changes", _program_changes)


def program_name(tool: str) -> str | None:
    """The name a program is looked up by: a bare name, or the base name of a path in a PATH
    directory. None for another path (only an exact copy can show it is there)."""
    if "/" not in tool:
        return tool
    if posixpath.dirname(posixpath.normpath(tool)) in PATH_DIRS:
        return posixpath.basename(tool)
    return None


def _root_families(project: Project, dockerfile: Dockerfile) -> tuple[ImageFamily, ...]:
    """Each stage's base family: the family of the external image its lineage starts from, or
    built on Alpine when that image's family is unknown but a stage built from it runs ``apk``
    (``FROM aerokube/ggr-ui`` then ``apk add``: only Alpine-family images have apk)."""
    roots = [dockerfile.root_stage(stage) for stage in dockerfile.stages]
    runs_apk = {
        root.index
        for root, stage in zip(roots, dockerfile.stages, strict=True)
        if _runs_apk(project, stage)
    }
    families = []
    for root in roots:
        family = image_family(root.base_image)
        families.append(ALPINE_BASED if family is UNKNOWN and root.index in runs_apk else family)
    return tuple(families)


def _runs_apk(project: Project, stage: Stage) -> bool:
    return any(
        command.family == "apk"
        for instruction in stage.instructions
        if instruction.keyword == "RUN" and instruction.command is not None
        for command in _package_commands(project, instruction)
    )


ROOT_FAMILIES = Fact("root families", _root_families)


def root_family(project: Project, dockerfile: Dockerfile, stage: Stage) -> ImageFamily:
    """The family of the image ``stage`` is ultimately built from, as its file shows it."""
    return ROOT_FAMILIES(project, dockerfile)[stage.index]


def _presence(project: Project, subject: tuple[Dockerfile, str]) -> tuple[bool | None, ...]:
    """Whether each stage's image has the program, in one pass over the file: a stage starts
    from its parent's answer (or its base family's) and applies its own changes."""
    dockerfile, tool = subject
    name = program_name(tool)
    path = posixpath.normpath(tool) if "/" in tool else None
    changes = PROGRAM_CHANGES(project, dockerfile)
    states: list[bool | None] = []
    for stage in dockerfile.stages:
        if stage.parent is not None:
            state = states[stage.parent]
        else:
            family = root_family(project, dockerfile, stage)
            state = family.presence(name) if name is not None else None
        for event in changes[stage.index]:
            if event.tool is None or event.tool == name or (path and event.path == path):
                state = event.change.apply(state)
        states.append(state)
    return tuple(states)


PRESENCE = Fact("program presence", _presence)


def has_tool(project: Project, dockerfile: Dockerfile, stage: Stage, tool: str) -> bool | None:
    """Whether the image of ``stage`` has the program ``tool`` (a name or an absolute path):
    True present, False known absent, None unknown."""
    return PRESENCE(project, (dockerfile, tool))[stage.index]


def image_has_tool(reference: str, tool: str) -> bool | None:
    """Whether a pulled image (no Dockerfile in the run) has ``tool``, as far as its family
    tells."""
    name = program_name(tool)
    return image_family(reference).presence(name) if name is not None else None


WINDOWS_PROGRAMS = frozenset({"curl"})
"""Programs every Windows base image ships: ``curl.exe`` is in System32 since Windows 10 1803
and Server 2019, Nano Server included."""


def base_has_tool(project: Project, dockerfile: Dockerfile, stage: Stage, tool: str) -> bool:
    """Whether the image ``stage`` is ultimately built FROM is known to have ``tool`` already
    (before any install of this file): the repository's own base image that installs it, a
    family that ships it (BusyBox ``wget`` in Alpine), or Windows' ``curl.exe``."""
    base = project.repository_base(dockerfile, stage)
    if base is not None:
        return has_tool(project, base.dockerfile, base.stage, tool) is True
    family = root_family(project, dockerfile, stage)
    if family.name == "windows":
        return tool in WINDOWS_PROGRAMS
    name = program_name(tool)
    return name is not None and family.presence(name) is True
