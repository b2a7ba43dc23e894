"""What a RUN does with package managers: the facts the package-practice rules (LD630-LD659)
read. Commands come from ``lintdock.facts.packages``, the RUN's shell from the shell model, so
heredoc RUNs, ``sh -c`` strings and continuation lines all count alike.

API
---
``package_run(project, dockerfile, stage, instruction) -> PackageRun | None``
    the package-manager commands of a RUN (an ``ONBUILD RUN``'s inner RUN), memoised; None for
    an instruction that is no RUN or runs none.

A ``PackageRun`` says whether its layer ships (``ships``: the RUN is in a stage of the image
that ships, or in an ONBUILD trigger), what a command of it asks for (``requested``, variables
resolved), whether a later command of the same RUN removes a package, deletes a directory
(``deletes``) or runs another manager command (``later``), and whether a cache or tmpfs mount
keeps a directory out of the image (``mounts``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lintdock.facts.memo import Fact
from lintdock.facts.packages import (
    PackageCommand,
    Requested,
    manager_command,
    removed_later,
    requested,
)
from lintdock.facts.presence import command_values
from lintdock.facts.run_mounts import run_mounts
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import ShellScript, SimpleCommand
from lintdock.project import Project

_CACHING_MOUNTS = frozenset({"cache", "tmpfs"})
_HOME_PREFIXES = ("~/", "$HOME/", "${HOME}/")


@dataclass(frozen=True)
class PackageRun:
    """One RUN's package-manager commands (any verb, in order) and what they happen in."""

    project: Project
    dockerfile: Dockerfile
    stage: Stage | None
    instruction: Instruction
    script: ShellScript
    commands: tuple[PackageCommand, ...]
    ships: bool
    mount_targets: tuple[str, ...]

    def requested(self, command: PackageCommand) -> tuple[Requested, ...]:
        """The packages ``command`` asks for, variables expanded where their values are known
        (a name written around unknown ones, ``php${V}-redis``, as written)."""
        return tuple(requested(command, self.variables(command), partly_known=True))

    def variables(self, command: PackageCommand) -> dict[str, str]:
        """The variable values ``command`` sees (ARG defaults, ENV, earlier assignments)."""
        if self.stage is None:
            return {}
        return command_values(
            self.project, self.dockerfile, self.stage, self.instruction, command.command
        )

    def later(self, command: PackageCommand) -> tuple[PackageCommand, ...]:
        """The manager commands after ``command`` in this RUN."""
        index = self.commands.index(command)
        return self.commands[index + 1 :]

    def removed_later(self, command: PackageCommand, asked: Requested) -> bool:
        """Whether a later command of the RUN removes (or may remove) the package."""
        return removed_later(asked.name, command.group, self.later(command))

    def after(self, command: PackageCommand) -> tuple[SimpleCommand, ...]:
        """Every shell command that runs after ``command`` in this RUN."""
        commands = self.script.commands
        for index, candidate in enumerate(commands):
            if candidate is command.command:
                return commands[index + 1 :]
        return ()

    def deletes(self, command: PackageCommand, directories: Iterable[str]) -> bool:
        """Whether a command after ``command`` deletes one of ``directories`` or files in it
        (``rm -rf /var/lib/apt/lists/*``, ``find /var/cache/apk -delete``). A directory given
        relative (``.cache/pip``) is under any home directory."""
        wanted = tuple(directories)
        for later in self.after(command):
            if any(_overlaps(path, d) for path in _deleted_paths(later) for d in wanted):
                return True
        return False

    def mounts(self, directories: Iterable[str]) -> bool:
        """Whether a cache or tmpfs mount of the RUN holds one of ``directories`` (at it or at a
        directory above it), so what the command writes there never reaches the image."""
        wanted = tuple(directories)
        return any(_holds(target, d) for target in self.mount_targets for d in wanted)


def package_run(
    project: Project, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> PackageRun | None:
    """The package-manager commands of a RUN or ``ONBUILD RUN`` (see the module docstring)."""
    return PACKAGE_RUN(project, (dockerfile, stage, instruction))


def _package_run(
    project: Project, subject: tuple[Dockerfile, Stage | None, Instruction]
) -> PackageRun | None:
    dockerfile, stage, written = subject
    onbuild = written.keyword == "ONBUILD"
    instruction = written.inner if onbuild else written
    if instruction is None or instruction.keyword != "RUN" or instruction.command is None:
        return None
    script = project.script(instruction.command)
    if script is None:
        return None
    commands = tuple(c for c in map(manager_command, script.commands) if c is not None)
    if not commands:
        return None
    ships = onbuild or stage is None or stage.index in SHIPPING_STAGES(project, dockerfile)
    return PackageRun(
        project, dockerfile, stage, instruction, script, commands, ships, _mount_targets(written)
    )


PACKAGE_RUN = Fact("package run", _package_run)


def _shipping_stages(project: Project, dockerfile: Dockerfile) -> frozenset[int]:
    """The stages whose layers are in an image that ships: each final stage and the stages it is
    built FROM. A build stage only others COPY from ships nothing but what they copy."""
    return frozenset(
        ancestor.index
        for final in project.final_stages(dockerfile)
        for ancestor in dockerfile.lineage(final)
    )


SHIPPING_STAGES = Fact("shipping stages", _shipping_stages)


def _mount_targets(instruction: Instruction) -> tuple[str, ...]:
    """Where the RUN's cache and tmpfs mounts are (``--mount=type=cache,target=/root/.cache``;
    BuildKit's default type is bind, which keeps nothing out of the image)."""
    return tuple(
        mount.target
        for mount in run_mounts(instruction)
        if mount.kind in _CACHING_MOUNTS and mount.target is not None
    )


def _deleted_paths(command: SimpleCommand) -> Iterator[str]:
    """The paths a command deletes: ``rm``'s operands, ``find DIR … -delete`` (or ``-exec
    rm``)'s directories."""
    if command.program == "rm":
        yield from (w.value for w in command.positionals())
    elif command.program == "find":
        words = [w.value for w in command.args]
        if "-delete" in words or "rm" in words:
            yield from (w for w in words if not w.startswith(("-", "(", "!", "{")))


def _overlaps(path: str, directory: str) -> bool:
    """Whether deleting ``path`` (globs allowed) deletes ``directory`` or files in it."""
    fixed = path.split("*", 1)[0].split("?", 1)[0]
    for prefix in _HOME_PREFIXES:
        if fixed.startswith(prefix):
            fixed = "/" + fixed[len(prefix) :]
    fixed = fixed.rstrip("/") or "/"
    return fixed.startswith("/") and (_holds(fixed, directory) or _inside(fixed, directory))


def _holds(outer: str, directory: str) -> bool:
    """Whether the absolute path ``outer`` is ``directory`` or a directory above it. A relative
    ``directory`` (``.cache/pip``) is in a home directory: ``/root/.cache`` holds it."""
    if directory.startswith("/"):
        return directory == outer or directory.startswith(outer.rstrip("/") + "/")
    parts = directory.split("/")
    return any(outer.endswith("/" + "/".join(parts[:k])) for k in range(1, len(parts) + 1))


def _inside(path: str, directory: str) -> bool:
    """Whether the absolute ``path`` is inside ``directory`` (relative: in a home directory)."""
    if directory.startswith("/"):
        return _holds(directory, path)
    return f"/{directory}/" in f"{path}/"
