"""LD662 cd-instead-of-workdir: a RUN changes directory with ``cd`` in its own shell, where
WORKDIR would say it once for every later instruction. A ``cd`` that nothing follows does
nothing at all (the directory is gone with the RUN's shell), and is a warning. A ``cd`` into
scratch space (``/tmp``) or into a directory the RUN itself makes (``git clone URL x && cd x``)
belongs to the build step, and is left alone."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from posixpath import join, normpath

from lintdock.facts.memo import Fact
from lintdock.facts.run_scripts import outside_the_shell_process, posix_script
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import OptionSyntax, ShellScript, SimpleCommand, scan_words
from lintdock.project import Project
from lintdock.rules.base import Context

INSTRUCTIONS = ("RUN", "ONBUILD")
_REMOVERS = frozenset({"rm", "rmdir"})
# Going back (to the previous directory, up, home, the root) is no directory to work in.
_BACK = frozenset({"-", "..", "/", "~"})


def _way_back(target: str) -> bool:
    """A ``cd`` back rather than into a directory: ``-``, ``/``, ``~``, or up (``..``,
    ``../..``, ``../../``)."""
    return target in _BACK or all(part in ("..", "") for part in target.split("/"))


# Scratch space: a directory to unpack and build in, never one for later instructions to run in.
_TEMPORARY = ("/tmp", "/var/tmp")


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    script = posix_script(context.project, dockerfile, stage, instruction)
    if script is None:
        return
    layout = _LAYOUT(context.project, (dockerfile, stage)) if stage is not None else None
    later = layout.removed_after(instruction) if layout is not None else ()
    for command in script.runs("cd"):
        if not _workdir_would_do(script, command, later):
            continue
        if layout is not None and layout.workdir_at(instruction) and _after_work(script, command):
            continue  # on from a WORKDIR the RUN's earlier commands worked in: a split RUN
        target = command.args[-1].value if command.args else "~"
        if script.last is command:
            message = (
                f"'cd {target}' is the RUN's last command, so it changes nothing: the next "
                f"instruction starts in the WORKDIR again; write WORKDIR {target} instead"
            )
            yield context.report(message, dockerfile.path, command.span, Severity.WARNING)
            return
        if _temporary(target) or _made_by_the_run(script, command):
            continue  # scratch space, or what the step makes: no directory for later steps
        message = (
            f"RUN changes directory with 'cd {target}': WORKDIR {target} says it once, for this "
            "and every later instruction"
        )
        yield context.report(message, dockerfile.path, command.span)
        return  # one per RUN: later cds move on from this one


def _workdir_would_do(
    script: ShellScript, cd: SimpleCommand, removed_later: tuple[str, ...]
) -> bool:
    """Whether WORKDIR could replace ``cd``: it runs in the RUN's own shell (not a subshell, a
    ``sh -c`` string or a function), not in a loop nor only when a condition holds, to a fixed
    directory that neither the RUN nor a later RUN of the stage removes (a build directory
    deleted when it is done cannot be a WORKDIR), that the RUN does not leave again (``cd -``,
    ``cd /`` later: a visit), and is not a way back (``cd -``, ``cd ..``, ``cd /``, or up out of
    a directory an earlier ``cd`` entered)."""
    if not _in_own_shell(cd) or _conditional(script, cd):
        return False
    if not cd.args:
        return True
    target = cd.args[-1].value
    if _way_back(target) or _found_by_the_run(script, cd, target):
        return False
    index = script.commands.index(cd)
    earlier, later = script.commands[:index], script.commands[index + 1 :]
    if any(_entered(c) and _above(target, c.args[-1].value) for c in earlier):
        return False
    removed = any(
        c.program in _REMOVERS and any(_within(target, a.value) for a in c.args) for c in later
    ) or any(_within(target, path) for path in removed_later)
    return not removed and not any(_goes_back(c, target) for c in later)


@dataclass(frozen=True)
class _StageLayout:
    """Where each instruction of a stage stands (``positions``, by identity), where its first
    WORKDIR is (``-1`` when a stage it is built FROM sets one), and what its RUNs remove
    (``removals``: each RUN's position and the paths its ``rm``/``rmdir`` name)."""

    positions: Mapping[int, int]
    first_workdir: int | None
    removals: tuple[tuple[int, tuple[str, ...]], ...]

    def workdir_at(self, instruction: Instruction) -> bool:
        """Whether a WORKDIR is in effect at ``instruction``."""
        here = self.positions.get(id(instruction))
        return self.first_workdir is not None and here is not None and self.first_workdir < here

    def removed_after(self, instruction: Instruction) -> tuple[str, ...]:
        """The paths the stage's RUNs after ``instruction`` remove."""
        here = self.positions.get(id(instruction))
        if here is None:
            return ()
        return tuple(path for at, paths in self.removals if at > here for path in paths)


def _stage_layout(project: Project, ref: tuple[Dockerfile, Stage]) -> _StageLayout:
    """A stage's layout, worked out once for all its RUNs."""
    dockerfile, stage = ref
    positions = {id(instruction): at for at, instruction in enumerate(stage.instructions)}
    found = dockerfile.inherited(stage, "WORKDIR")
    inherited = found is not None and found[0] is not stage
    written = (at for at, i in enumerate(stage.instructions) if i.keyword == "WORKDIR")
    first_workdir = -1 if inherited else next(written, None)
    removals = []
    for at, instruction in enumerate(stage.instructions):
        script = posix_script(project, dockerfile, stage, instruction)
        removers = [c for c in script.commands if c.program in _REMOVERS] if script else []
        paths = tuple(a.value for c in removers for a in c.args if not a.value.startswith("-"))
        if paths:
            removals.append((at, paths))
    return _StageLayout(positions, first_workdir, tuple(removals))


_LAYOUT: Fact[tuple[Dockerfile, Stage], _StageLayout] = Fact("a stage's layout", _stage_layout)


def _after_work(script: ShellScript, cd: SimpleCommand) -> bool:
    """Whether commands that do work ran before ``cd`` in the RUN (not ``set``, ``export`` or
    another ``cd``): they ran in the WORKDIR, so a WORKDIR in place of the ``cd`` needs the RUN
    split in two (netbox-docker's ``... && cd /opt/netbox/ && ...``)."""
    return any(c.program not in _SETUP for c in script.before(cd) if c.program is not None)


_SETUP = frozenset({"set", "export", "cd", "umask", ":"})


def _conditional(script: ShellScript, cd: SimpleCommand) -> bool:
    """Whether ``cd`` runs only when a condition holds: in an ``if`` branch or ``case`` item, or
    after a test joined by ``&&``/``||`` (``[ "$X" = true ] && cd dir``). No WORKDIR is
    conditional."""
    if cd.in_branch:
        return True
    index = script.commands.index(cd)
    before = script.commands[index - 1] if index else None
    return (
        before is not None
        and before.operator in ("&&", "||")
        and before.program in _TESTS
        and before.depth == cd.depth
    )


_TESTS = frozenset({"[", "[[", "test"})


def _made_by_the_run(script: ShellScript, cd: SimpleCommand) -> bool:
    """Whether the RUN made the directory ``cd`` enters, or one holding it, before the ``cd``:
    ``mkdir``, a ``git clone`` (into its directory argument or the repository's name), an
    archive unpacked into it (``tar -C dir``, ``unzip -d dir``), or, for a relative ``cd``, an
    archive unpacked where the RUN is (``tar xf x.tgz && cd x-1.0``: its names are the
    archive's). WORKDIR, which runs before the RUN, cannot name what the RUN is to make, and the
    ``cd`` belongs to the build step that makes it. Paths are compared as the RUN's own ``cd``s
    left the directory at each command (relative ones from the WORKDIR, whatever it is)."""
    here = ""
    made: list[str] = []
    unpacked_here = False
    for command in script.before(cd):
        for directory in _made_directories(command):
            if directory == _HERE:
                unpacked_here = True
            else:
                made.append(_resolve(directory, here))
        if _entered(command):
            here = _resolve(command.args[-1].value, here)
    target = cd.args[-1].value if cd.args else "~"
    if unpacked_here and not target.startswith(("/", "~")):
        return True
    entered = _resolve(target, here)
    return any(_at_or_below(entered, directory) for directory in made)


_HERE = "."
"""What ``_made_directories`` gives for an archive unpacked in the current directory."""
_GIT_CLONE = OptionSyntax(
    "bcjou",
    frozenset({"branch", "config", "depth", "filter", "jobs", "origin", "reference"})
    | frozenset({"separate-git-dir", "shallow-exclude", "shallow-since", "template"})
    | frozenset({"upload-pack", "server-option", "bundle-uri"}),
)
_TAR = OptionSyntax("CfbHIKLNTVX", frozenset({"directory", "file", "exclude", "strip-components"}))


def _made_directories(command: SimpleCommand) -> tuple[str, ...]:
    """The directories ``command`` makes or fills, as it names them (``_HERE`` when it unpacks
    an archive into the current directory)."""
    if command.program == "mkdir":
        return tuple(w.value for w in command.positionals("m"))
    if command.program == "git" and command.args and command.args[0].value == "clone":
        operands = [w.value for name, w, _ in scan_words(command.args[1:], _GIT_CLONE) if not name]
        if len(operands) >= 2:
            return (operands[1],)
        return (_repository_name(operands[0]),) if operands else ()
    if command.program == "unzip":
        directory = command.option_value("d")
        return (directory.value,) if directory is not None else (_HERE,)
    if command.program == "tar" and _tar_extracts(command):
        directory = command.option_value("C", "directory", takes_value=_TAR.short_values)
        return (directory.value,) if directory is not None else (_HERE,)
    return ()


def _tar_extracts(tar: SimpleCommand) -> bool:
    """``tar xzf a.tgz``, ``tar -xf a.tgz``, ``tar --extract``."""
    first = tar.args[0].value if tar.args else ""
    bundle = first if not first.startswith("-") else ""
    flags = {name for name, _, _ in tar.scan(_TAR)}
    return "x" in bundle or bool(flags & {"x", "extract", "get"})


def _repository_name(url: str) -> str:
    """The directory ``git clone URL`` makes: the URL's last part without ``.git``."""
    name = url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return name.removesuffix(".git")


def _resolve(path: str, here: str) -> str:
    return normpath(join(here, path)) if here or path else ""


def _at_or_below(path: str, directory: str) -> bool:
    return path == directory or _above(directory, path)


def _temporary(directory: str) -> bool:
    """Whether ``directory`` is ``/tmp`` or ``/var/tmp`` or below them."""
    return any(_at_or_below(normpath(directory), scratch) for scratch in _TEMPORARY)


def _in_own_shell(cd: SimpleCommand) -> bool:
    return not (outside_the_shell_process(cd) or cd.loop is not None or cd.in_condition)


def _entered(command: SimpleCommand) -> bool:
    """Whether ``command`` is a ``cd`` of the RUN's own shell into a named directory."""
    return command.program == "cd" and _in_own_shell(command) and bool(command.args)


def _goes_back(command: SimpleCommand, directory: str) -> bool:
    """Whether ``command`` is a ``cd`` of the RUN's own shell that leaves ``directory`` the way
    it came or up (``cd -``, ``cd /``, ``cd`` home, a directory above it)."""
    if command.program != "cd" or not _in_own_shell(command):
        return False
    if not command.args or _way_back(command.args[-1].value):
        return True
    return _above(command.args[-1].value, directory)


def _found_by_the_run(script: ShellScript, cd: SimpleCommand, target: str) -> bool:
    """Whether ``target`` is found as the RUN runs, which no WORKDIR could name: by a command
    substitution (``cd "$(find . -name 'git-*')"``) or a variable the RUN itself sets (``cd
    "$tmp"`` after ``tmp=$(mktemp -d)``)."""
    if "$(" in target or "`" in target:
        return True
    names = {
        assignment.value.partition("=")[0]
        for command in script.before(cd)
        for assignment in command.assignments
    }
    return any(f"${name}" in target or f"${{{name}}}" in target for name in names)


def _within(directory: str, removed: str) -> bool:
    """Whether removing ``removed`` removes ``directory``: it names the directory or one above
    it, or is an absolute glob that matches one of them (``rm -rf /usr/src/*``, ``/tmp/icu*``)."""
    removed_parts = _parts(removed)
    parts = _parts(directory)[: len(removed_parts)]
    if removed_parts == [""] or len(removed_parts) > len(parts):
        return False
    if removed.startswith("/"):
        pairs = zip(parts, removed_parts, strict=True)
        return all(fnmatchcase(part, pattern) for part, pattern in pairs)
    return parts == removed_parts


def _above(upper: str, lower: str) -> bool:
    """Whether directory ``upper`` holds directory ``lower`` (named alike: both absolute or
    both relative)."""
    upper_parts, lower_parts = _parts(upper), _parts(lower)
    return len(upper_parts) < len(lower_parts) and lower_parts[: len(upper_parts)] == upper_parts


def _parts(path: str) -> list[str]:
    return path.rstrip("/").split("/") if path.rstrip("/") else [""]
