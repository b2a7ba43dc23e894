"""What a stage's image contains: its base image family, the tools its RUNs install, the files
its COPYs bring in, and from those whether a program is there.

Shared by the health-check rules (LD109 check-tool-missing, LD110 shell-form-without-shell) and
LD201 curl-in-final-image. Everything here is about what can be shown from the files: when a fact
depends on an image lintdock cannot see, the answer is None ("unknown"), never a guess.

API
---
``image_family(reference) -> ImageFamily``
    the family of an image reference as written in ``FROM`` or compose ``image:``.
``base_family(dockerfile, stage) -> ImageFamily``
    the family of the external image at the root of ``stage``'s lineage (``FROM builder``
    follows ``builder`` back to its own ``FROM``).
``tool_installs(dockerfile, stage, *, script=None) -> tuple[ToolInstall, ...]``
    the packages the stage's own RUNs install (not its parents'), each with the tool it provides.
``tool_copies(dockerfile, stage) -> tuple[ToolCopy, ...]``
    the named files the stage's own COPY/ADD instructions put into the image.
``has_tool(dockerfile, stage, tool, *, script=None) -> bool | None``
    True present, False known absent, None unknown; follows the lineage from the base image
    through every RUN and COPY in order (installs, removals, copies).
``image_has_tool(reference, tool) -> bool | None``
    the same for a pulled image, from its family alone.
``has_shell(dockerfile, stage, *, script=None) -> bool | None``
    whether the shell that shell-form instructions run (``/bin/sh``, or the ``SHELL`` in effect)
    is there.

``script`` parses a RUN's ``Command`` into the shell model; pass ``project.script`` to share the
project's parse cache (the default parses afresh).

Families
--------
Decided by the image reference, tag included (``docker.io/library/`` and digests ignored):

============== ============================================================ ===== ===== =====
family         images                                                        sh    curl  wget
============== ============================================================ ===== ===== =====
scratch        ``scratch``                                                   no    no    no
distroless     ``gcr.io/distroless/*`` (not ``:debug*``), ``cgr.dev/chainguard/  no    no    no
               static``, ``mcr.microsoft.com/dotnet/*:*-chiseled*``; only
               their language runtime (java, python3, node, dotnet) is there
busybox        ``busybox``, ``gcr.io/distroless/*:debug*`` (BusyBox wget)    yes   no    yes
alpine         ``alpine``; ``python``, ``node``, ``golang``, ``rust`` and        yes   no    yes
               ``mcr.microsoft.com/dotnet/{runtime-deps,runtime,aspnet}``
               with an ``alpine`` tag (BusyBox wget, no curl)
debian         ``debian:*`` and ``ubuntu:*`` (every tag: neither ships an HTTP  yes   no    no
               client), ``python``, ``node``, ``ruby`` with a ``slim`` tag
buildpack-deps ``buildpack-deps:*``; ``python``, ``node``, ``golang``, ``ruby``, yes   yes   yes
               ``rust``, ``perl``, ``gcc`` with a plain version or Debian
               codename tag (built on buildpack-deps)
windows        ``mcr.microsoft.com/windows/*``, ``*nanoserver*``,               exempt
               ``*servercore*`` tags (shell form runs ``cmd``)
unknown        everything else, and references with unresolved ``$ARG``s       ?     ?     ?
============== ============================================================ ===== ===== =====

Other images built on Alpine or Debian are "unknown" on purpose: several install curl
(``nginx:alpine``, ``php:*``), and a wrong "absent" is worse than no answer.

Installs and copies
-------------------
A RUN installs a package with apt-get/apt/aptitude ``install``, apk ``add``, yum/dnf/microdnf/
tdnf ``install``, zypper ``install``/``in``, pacman ``-S``; pins (``curl=7.88*``,
``curl-7.61.1``, ``curl@edge``, ``curl:amd64``) are stripped to the package name, which maps to
the program it provides (``netcat-openbsd`` -> ``nc``, ``curl-minimal`` -> ``curl``; other
packages provide their own name). A later command of the same RUN removes it (``apt-get
purge``/``remove``, ``apk del`` by name or by its ``--virtual`` group, ``yum remove``, …, or a
removal through a ``$VARIABLE`` that may name it). A removal in a later RUN removes it too.
Installs through variables, ``xargs``, a script file (``sh install.sh``, ``./setup.sh``) or
``busybox --install`` may add anything; a word naming a path such as ``/usr/local/bin/curl``
(``wget -O``, ``cp``, ``ln -s``) may add that program: both make an absent tool unknown.

A COPY/ADD brings in a named file (``COPY --from=curlimages/curl /usr/bin/curl /usr/bin/``): the
file's name counts as a program wherever it lands. A copy of a directory, a glob, or a source
named like a directory (``bin``, ``out``, ``dist``, ``publish``, …) into a directory on PATH (or
``/``, ``/usr``, ``/usr/local``) may bring in anything.
"""

from __future__ import annotations

import enum
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from lintdock.model.dockerfile import Command, Dockerfile, Instruction, Stage, Token
from lintdock.model.shell import ShellScript, SimpleCommand, Word

ScriptOf = Callable[[Command], "ShellScript | None"]

PATH_DIRS = frozenset(
    ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")
)
"""Docker's default PATH."""


# -- families ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageFamily:
    """What is known about a kind of base image.

    ``present``/``absent`` are programs known to be there or not; in a ``bare`` family every
    program not ``present`` is absent (scratch, distroless). ``certain``: the facts hold for every
    image of the family (LD109 reports them as errors; the others as warnings). ``/bin/sh`` is
    the program ``sh``.
    """

    name: str
    label: str
    present: frozenset[str] = frozenset()
    absent: frozenset[str] = frozenset()
    bare: bool = False
    certain: bool = False

    def presence(self, tool: str) -> bool | None:
        """True, False or None (unknown) for a program name."""
        if tool in self.present:
            return True
        if tool in self.absent or self.bare:
            return False
        return None


SCRATCH = ImageFamily("scratch", "scratch (an empty image)", bare=True, certain=True)
DISTROLESS = ImageFamily("distroless", "distroless (no shell, no tools)", bare=True, certain=True)
BUSYBOX = ImageFamily(
    "busybox", "BusyBox (wget, no curl)", frozenset({"sh", "wget"}), frozenset({"curl"})
)
ALPINE = replace(BUSYBOX, name="alpine", label="Alpine (BusyBox wget, no curl)")
DEBIAN = ImageFamily(
    "debian",
    "Debian/Ubuntu without curl or wget",
    frozenset({"sh"}),
    frozenset({"curl", "wget"}),
)
BUILDPACK = ImageFamily(
    "buildpack-deps", "buildpack-deps (curl and wget)", frozenset({"sh", "curl", "wget"})
)
WINDOWS = ImageFamily("windows", "Windows")
UNKNOWN = ImageFamily("unknown", "unknown")

_DISTROLESS_RUNTIMES = {
    "java": ("java",),
    "python3": ("python3", "python"),
    "nodejs": ("node", "nodejs"),
}
_ALPINE_VARIANTS = frozenset(
    (
        "python",
        "node",
        "golang",
        "rust",
        "mcr.microsoft.com/dotnet/runtime-deps",
        "mcr.microsoft.com/dotnet/runtime",
        "mcr.microsoft.com/dotnet/aspnet",
    )
)
_SLIM_VARIANTS = frozenset(("python", "node", "ruby"))
_BUILDPACK_BASED = frozenset(("python", "node", "golang", "ruby", "rust", "perl", "gcc"))
_VARIANT_MARKERS = (
    "alpine",
    "slim",
    "windows",
    "nanoserver",
    "servercore",
    "ltsc",
    "chiseled",
    "distroless",
    "musl",
    "uclibc",
    "glibc",
)
_HUB_PREFIXES = (
    "docker.io/library/",
    "index.docker.io/library/",
    "docker.io/",
    "index.docker.io/",
    "registry-1.docker.io/library/",
    "library/",
)


def _split_reference(reference: str) -> tuple[str, str | None]:
    """``repository`` (Docker Hub prefixes dropped, lower-cased) and tag (None: none written;
    ``latest`` is implied unless the reference is pinned by digest only)."""
    name, _, digest = reference.strip().lower().partition("@")
    slash, colon = name.rfind("/"), name.rfind(":")
    repository, tag = (name[:colon], name[colon + 1 :]) if colon > slash else (name, None)
    for prefix in _HUB_PREFIXES:
        if repository.startswith(prefix):
            repository = repository[len(prefix) :]
            break
    if tag is None and not digest:
        tag = "latest"
    return repository, tag


def image_family(reference: str) -> ImageFamily:
    """The family of an image reference (see the module docstring's table)."""
    if "$" in reference or not reference.strip():
        return UNKNOWN
    repository, tag = _split_reference(reference)
    if repository == "scratch":
        return SCRATCH
    if _is_windows(repository, tag or ""):
        return WINDOWS
    for decide in (_distroless_family, _busybox_family, _debian_family):
        family = decide(repository, tag)
        if family is not None:
            return family
    return UNKNOWN


def _is_windows(repository: str, tag: str) -> bool:
    return repository.startswith(
        ("mcr.microsoft.com/windows", "microsoft/windows", "microsoft/nanoserver")
    ) or any(marker in tag for marker in ("nanoserver", "servercore", "windows", "ltsc"))


def _distroless_family(repository: str, tag: str | None) -> ImageFamily | None:
    if repository.startswith("gcr.io/distroless/"):
        if tag is None or "debug" in tag:
            return BUSYBOX if tag is not None else None
        flavour = repository.removeprefix("gcr.io/distroless/")
        runtime = next(
            (tools for prefix, tools in _DISTROLESS_RUNTIMES.items() if flavour.startswith(prefix)),
            (),
        )
        return replace(DISTROLESS, present=frozenset(runtime))
    if repository == "cgr.dev/chainguard/static":
        return DISTROLESS
    if repository.startswith("mcr.microsoft.com/dotnet/") and tag and "chiseled" in tag:
        runtime = () if repository.endswith("runtime-deps") else ("dotnet",)
        return replace(DISTROLESS, present=frozenset(runtime))
    return None


def _busybox_family(repository: str, tag: str | None) -> ImageFamily | None:
    if repository == "busybox":
        return BUSYBOX
    if repository == "alpine" or (
        repository in _ALPINE_VARIANTS and tag is not None and "alpine" in tag
    ):
        return ALPINE
    return None


def _debian_family(repository: str, tag: str | None) -> ImageFamily | None:
    if repository in ("debian", "ubuntu"):
        return DEBIAN
    if tag is None:
        return None
    if repository in _SLIM_VARIANTS and "slim" in tag:
        return DEBIAN
    if repository == "buildpack-deps" or (
        repository in _BUILDPACK_BASED and not any(m in tag for m in _VARIANT_MARKERS)
    ):
        return BUILDPACK
    return None


def external_base(dockerfile: Dockerfile, stage: Stage) -> Stage:
    """The stage at the root of ``stage``'s lineage: the one built FROM an external image."""
    return dockerfile.lineage(stage)[-1]


def base_family(dockerfile: Dockerfile, stage: Stage) -> ImageFamily:
    """The family of the external image ``stage`` is ultimately built from."""
    return image_family(external_base(dockerfile, stage).base_image)


# -- package managers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Manager:
    """How one package manager's command line reads: its install and remove verbs and the
    options that take the next word as their value."""

    install: frozenset[str]
    remove: frozenset[str]
    value_options: frozenset[str]
    rpm_versions: bool = False  # ``name-1.2.3`` pins


def _manager(install: str, remove: str, values: str, rpm: bool = False) -> _Manager:
    return _Manager(
        frozenset(install.split()), frozenset(remove.split()), frozenset(values.split()), rpm
    )


_APT = _manager(
    "install",
    "remove purge autoremove",
    "-o --option -c --config-file -t --target-release --default-release",
)
_RPM = _manager(
    "install reinstall",
    "remove erase autoremove",
    "-x --exclude --installroot --releasever --enablerepo --disablerepo -c --config "
    "--repo --repoid -d --debuglevel -e --errorlevel --downloaddir",
    rpm=True,
)
MANAGERS: dict[str, _Manager] = {
    "apt-get": _APT,
    "apt": _APT,
    "aptitude": _APT,
    "apk": _manager(
        "add",
        "del",
        "-X --repository -p --root -t --virtual --arch --cache-dir --keys-dir --repositories-file",
    ),
    "yum": _RPM,
    "dnf": _RPM,
    "microdnf": _RPM,
    "tdnf": _RPM,
    "zypper": _manager("install in", "remove rm", "-r --repo --from -t --type -R --root", rpm=True),
}
"""Package managers whose installs are recognised (pacman is read by its own rules)."""

PACKAGE_TOOLS = {
    "curl-minimal": "curl",
    "netcat": "nc",
    "netcat-openbsd": "nc",
    "netcat-traditional": "nc",
    "nmap-ncat": "nc",
    "inetutils-telnet": "telnet",
    "busybox-extras": "telnet",
}
"""Packages whose program has another name; every other package provides its own name."""

_PIN = re.compile(r"[=<>~:@]")
_RPM_VERSION = re.compile(r"-\d.*$")
_RPM_ARCH = re.compile(r"\.(x86_64|aarch64|i686|noarch|ppc64le|s390x)$")
_SHELLS = frozenset(("sh", "bash", "ash", "dash", "zsh", "ksh"))


def package_name(word: str, rpm: bool = False) -> str:
    """The package a word installs, without version pins or architecture."""
    name = _PIN.split(word, maxsplit=1)[0].lower()
    if rpm:
        name = _RPM_ARCH.sub("", _RPM_VERSION.sub("", name))
    return name


def tool_of(package: str) -> str:
    """The program a package provides (``netcat-openbsd`` -> ``nc``)."""
    return PACKAGE_TOOLS.get(package, package)


@dataclass(frozen=True)
class ToolInstall:
    """A package a RUN installs: ``tool`` the program it provides, ``package`` the word as written
    (exact span), ``name`` the package without pins, ``removed_later`` True when a later command
    of the same RUN removes (or may remove) it."""

    tool: str
    package: Word
    name: str
    instruction: Instruction
    removed_later: bool


@dataclass(frozen=True)
class ToolCopy:
    """A named file a COPY/ADD puts into the image: ``tool`` its file name there, ``source`` the
    source token, ``path`` where it lands, ``image`` the ``--from`` value if any."""

    tool: str
    source: Token
    path: str
    instruction: Instruction
    image: str | None


@dataclass(frozen=True)
class _PackageCommand:
    """One package-manager command: its verb kind and the package words it names."""

    kind: str  # "install" | "remove" | "auto" | "manual" (apt-mark)
    packages: tuple[Word, ...]
    rpm: bool
    group: str | None = None  # apk --virtual NAME: the group the packages join
    opaque: bool = False  # names packages through variables
    autoremove: bool = False  # also removes the packages marked automatically installed


def _package_command(command: SimpleCommand) -> _PackageCommand | None:
    program = command.program
    if program == "pacman":
        return _pacman_command(command)
    if program == "apt-mark":
        return _apt_mark_command(command)
    manager = MANAGERS.get(program or "")
    if manager is None:
        return None
    verb: str | None = None
    packages: list[Word] = []
    group = None
    words = iter(command.args)
    for word in words:
        text = word.value
        if text.startswith("-"):
            name, equals, value = text.partition("=")
            if name in manager.value_options and not equals:
                value = next(words, word).value
            if name in ("--virtual", "-t") and program == "apk":
                group = value
        elif verb is None:
            verb = text
        else:
            packages.append(word)
    kind = "install" if verb in manager.install else "remove" if verb in manager.remove else None
    if kind is None:
        return None
    opaque = any("$" in w.value or "$" in w.raw for w in packages)
    autoremove = verb == "autoremove" or any(
        w.value in ("--auto-remove", "--autoremove") for w in command.args
    )
    return _PackageCommand(
        kind, tuple(packages), manager.rpm_versions, group, opaque, autoremove and manager is _APT
    )


def _apt_mark_command(command: SimpleCommand) -> _PackageCommand | None:
    """``apt-mark auto '.*'``, ``apt-mark manual $saved``: what a later autoremove may remove."""
    words = [w for w in command.args if not w.value.startswith("-")]
    if not words or words[0].value not in ("auto", "manual"):
        return None
    names = tuple(words[1:])
    opaque = any("$" in w.raw for w in names)
    return _PackageCommand(words[0].value, names, rpm=False, opaque=opaque)


def _pacman_command(command: SimpleCommand) -> _PackageCommand | None:
    kind = None
    packages = []
    for word in command.args:
        text = word.value
        if text == "--sync" or re.fullmatch(r"-S[yu]*", text):
            kind = "install"
        elif text == "--remove" or re.fullmatch(r"-R[sncu]*", text):
            kind = "remove"
        elif not text.startswith("-"):
            packages.append(word)
    if kind is None:
        return None
    return _PackageCommand(kind, tuple(packages), False, opaque=any("$" in w.raw for w in packages))


def triggered(instruction: Instruction) -> Instruction:
    """The instruction an ``ONBUILD`` triggers in the images built from this one (it is written
    here, so findings about it belong here); any other instruction itself."""
    if instruction.keyword == "ONBUILD" and instruction.inner is not None:
        return instruction.inner
    return instruction


def _runs(stage: Stage) -> Iterator[Instruction]:
    for instruction in stage.instructions:
        if instruction.keyword == "RUN" and instruction.command is not None:
            yield instruction


def _default_script(command: Command) -> ShellScript | None:
    from lintdock.parsers.shell import script_of_command

    return script_of_command(command)


def _commands(instruction: Instruction, script: ScriptOf | None) -> tuple[SimpleCommand, ...]:
    assert instruction.command is not None
    parsed = (script or _default_script)(instruction.command)
    return parsed.commands if parsed is not None else ()


def tool_installs(
    dockerfile: Dockerfile, stage: Stage, *, script: ScriptOf | None = None
) -> tuple[ToolInstall, ...]:
    """The packages the stage's own RUN instructions install, in order."""
    del dockerfile  # the stage holds its instructions; kept for a uniform signature
    found: list[ToolInstall] = []
    for instruction in _runs(stage):
        commands = [c for c in map(_package_command, _commands(instruction, script)) if c]
        for index, command in enumerate(commands):
            if command.kind != "install":
                continue
            for word in _named(command):
                name = package_name(word.value, command.rpm)
                later = commands[index + 1 :]
                removed = any(_removes(c, name, command.group) for c in later)
                removed = removed or _autoremoved(later, name)
                found.append(ToolInstall(tool_of(name), word, name, instruction, removed))
    return tuple(found)


def _named(command: _PackageCommand) -> list[Word]:
    """The package words written out (``$DEPS`` names packages nobody can read)."""
    return [w for w in command.packages if "$" not in w.value and "$" not in w.raw]


def _removes(command: _PackageCommand, name: str, group: str | None) -> bool:
    """Whether ``command`` removes (or may remove) the package ``name`` of ``group``."""
    if command.kind != "remove":
        return False
    if command.opaque:
        return True
    removed = {package_name(w.value, command.rpm) for w in command.packages}
    return name in removed or (group is not None and group.lower() in removed)


def _autoremoved(commands: Sequence[_PackageCommand], name: str) -> bool:
    """Whether an apt autoremove among ``commands`` removes the package ``name``: an
    ``apt-mark auto`` covering it comes first, with no ``apt-mark manual`` naming it since."""
    marked = False
    for command in commands:
        if command.kind == "auto":
            marked = (
                marked or command.opaque or any(_matches(w.value, name) for w in command.packages)
            )
        elif command.kind == "manual" and not command.opaque:
            marked = marked and all(not _matches(w.value, name) for w in command.packages)
        elif command.kind == "remove" and command.autoremove and marked:
            return True
    return False


def _matches(pattern: str, name: str) -> bool:
    """apt-mark takes names and regular expressions (``'.*'``)."""
    try:
        return pattern == name or re.fullmatch(pattern, name) is not None
    except re.error:
        return False


# -- copies --------------------------------------------------------------------------------------

_DIRECTORY_NAMES = frozenset(
    (
        "bin",
        "sbin",
        "out",
        "dist",
        "build",
        "builds",
        "publish",
        "release",
        "target",
        "app",
        "usr",
        "local",
        "opt",
        "rootfs",
        "root",
        "output",
        "artifacts",
        "tools",
        "lib",
    )
)
_GLOB = re.compile(r"[*?\[]")


def _opaque_source(source: str) -> bool:
    """A source that may be a directory of unknown content."""
    base = posixpath.basename(source.rstrip("/"))
    return (
        source.endswith("/")
        or base in ("", ".", "..")
        or bool(_GLOB.search(source))
        or base.lower() in _DIRECTORY_NAMES
    )


_ARCHIVE = re.compile(r"\.(tar|tgz|tbz2?|txz|tzst)$|\.tar\.(gz|bz2|xz|zst|lz4|lzma)$", re.I)


def _local_archive(source: str) -> bool:
    """A tar archive in the build context: ADD unpacks it (a downloaded one stays packed)."""
    return "://" not in source and bool(_ARCHIVE.search(source))


def _on_path(directory: str) -> bool:
    """A directory on PATH, or one that holds PATH directories."""
    directory = posixpath.normpath(directory)
    return directory in PATH_DIRS or any(
        d.startswith(directory.rstrip("/") + "/") for d in PATH_DIRS
    )


@dataclass(frozen=True)
class _Copy:
    """One COPY/ADD source and where it lands."""

    source: Token
    landed: str
    opaque: bool


def _copies(instruction: Instruction, workdir: str) -> Iterator[_Copy]:
    words = [w for w in instruction.words if not w.value.startswith("<<")]
    if len(words) < 2:
        return
    *sources, destination = words
    target = posixpath.join(workdir, destination.value)
    into_directory = (
        destination.value.endswith("/")
        or len(sources) > 1
        or _on_path(target)
        or destination.value in (".", "./")
    )
    unpacks = instruction.keyword == "ADD"
    for source in sources:
        opaque = _opaque_source(source.value) or (unpacks and _local_archive(source.value))
        landed = target
        if into_directory and not opaque:
            landed = posixpath.join(target, posixpath.basename(source.value.rstrip("/")))
        yield _Copy(source, posixpath.normpath(landed), opaque)


def _walk(dockerfile: Dockerfile, stage: Stage) -> Iterator[tuple[Stage, Instruction, str]]:
    """Every instruction from the lineage's root stage to ``stage``, in build order, with its
    stage and the working directory in effect for it."""
    workdir = "/"
    for ancestor in reversed(dockerfile.lineage(stage)):
        for instruction in ancestor.instructions:
            yield ancestor, instruction, workdir
            if instruction.keyword == "WORKDIR" and instruction.words:
                workdir = posixpath.join(workdir, instruction.words[0].value)


def tool_copies(dockerfile: Dockerfile, stage: Stage) -> tuple[ToolCopy, ...]:
    """The named files the stage's own COPY/ADD instructions bring in (directories, globs and
    directory-like sources are not listed: their content is unknown)."""
    found = []
    for owner, instruction, workdir in _walk(dockerfile, stage):
        if owner is not stage or instruction.keyword not in ("COPY", "ADD"):
            continue
        origin = instruction.flag("from")
        for copy in _copies(instruction, workdir):
            if not copy.opaque:
                found.append(
                    ToolCopy(
                        posixpath.basename(copy.landed),
                        copy.source,
                        copy.landed,
                        instruction,
                        origin.value if origin else None,
                    )
                )
    return tuple(found)


# -- presence ------------------------------------------------------------------------------------


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


@dataclass
class _Walker:
    """Collects the changes a stage's instructions make, in order."""

    script: ScriptOf | None
    events: list[_Event] = field(default_factory=list)
    groups: dict[str, list[str]] = field(default_factory=dict)  # apk --virtual name -> tools

    def add(self, tool: str | None, change: Change, path: str | None = None) -> None:
        self.events.append(_Event(tool, change, path))

    def run(self, instruction: Instruction) -> None:
        for command in _commands(instruction, self.script):
            self._command(command)

    def _command(self, command: SimpleCommand) -> None:
        package = _package_command(command)
        if package is not None:
            self._packages(package)
        elif _may_add_anything(command):
            self.add(None, Change.MAYBE_ADDED)
        for word in command.args:
            if "/" in word.value and not word.value.endswith("/"):
                self.add(posixpath.basename(word.value), Change.MAYBE_ADDED, word.value)

    def _packages(self, package: _PackageCommand) -> None:
        if package.kind in ("auto", "manual"):
            return
        if package.opaque:
            opaque = Change.MAYBE_ADDED if package.kind == "install" else Change.MAYBE_REMOVED
            self.add(None, opaque)
            if package.kind != "install":
                return
        tools = [tool_of(package_name(w.value, package.rpm)) for w in _named(package)]
        if package.kind == "install":
            if package.group is not None:
                self.groups.setdefault(package.group.lower(), []).extend(tools)
            for tool in tools:
                self.add(tool, Change.ADDED)
            return
        for tool in tools:
            for member in (tool, *self.groups.pop(tool, ())):
                self.add(member, Change.REMOVED)

    def copy(self, instruction: Instruction, workdir: str) -> None:
        for copy in _copies(instruction, workdir):
            if not copy.opaque:
                self.add(posixpath.basename(copy.landed), Change.ADDED, copy.landed)
            elif _on_path(copy.landed):
                self.add(None, Change.MAYBE_ADDED)


def _may_add_anything(command: SimpleCommand) -> bool:
    """Installs whose packages are not written in the RUN: ``xargs apt-get install``, a script
    file, ``busybox --install``."""
    words = {w.value for w in command.argv}
    if command.program == "xargs" and not words.isdisjoint(MANAGERS):
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
    return program in _SHELLS and not any(
        w.value.startswith("-") and "c" in w.value for w in command.args
    )


def _events(dockerfile: Dockerfile, stage: Stage, script: ScriptOf | None) -> list[_Event]:
    """Every change to the image's programs, from the lineage's root stage to ``stage``."""
    walker = _Walker(script)
    for _, instruction, workdir in _walk(dockerfile, stage):
        if instruction.keyword == "RUN" and instruction.command is not None:
            walker.run(instruction)
        elif instruction.keyword in ("COPY", "ADD"):
            walker.copy(instruction, workdir)
    return walker.events


def program_name(tool: str) -> str | None:
    """The name a program is looked up by: a bare name, or the base name of a path in a PATH
    directory. None for another path (only an exact copy can show it is there)."""
    if "/" not in tool:
        return tool
    if posixpath.dirname(posixpath.normpath(tool)) in PATH_DIRS:
        return posixpath.basename(tool)
    return None


def has_tool(
    dockerfile: Dockerfile, stage: Stage, tool: str, *, script: ScriptOf | None = None
) -> bool | None:
    """Whether the image of ``stage`` has the program ``tool`` (a name or an absolute path):
    True present, False known absent, None unknown."""
    name = program_name(tool)
    state = base_family(dockerfile, stage).presence(name) if name is not None else None
    path = posixpath.normpath(tool) if "/" in tool else None
    for event in _events(dockerfile, stage, script):
        if event.tool is None or event.tool == name or (path and event.path == path):
            state = event.change.apply(state)
    return state


def image_has_tool(reference: str, tool: str) -> bool | None:
    """Whether a pulled image (no Dockerfile in the run) has ``tool``, as far as its family
    tells."""
    name = program_name(tool)
    return image_family(reference).presence(name) if name is not None else None


def shell_of(dockerfile: Dockerfile, stage: Stage) -> str:
    """The program shell-form instructions run in ``stage``: the SHELL in effect, else
    ``/bin/sh``."""
    found = dockerfile.inherited(stage, "SHELL")
    if found is not None:
        command = found[1].command
        if command is not None and command.exec_form:
            return command.exec_form[0].value
    return "/bin/sh"


def has_shell(
    dockerfile: Dockerfile, stage: Stage, *, script: ScriptOf | None = None
) -> bool | None:
    """Whether the shell that shell-form instructions run is in the image of ``stage``."""
    return has_tool(dockerfile, stage, shell_of(dockerfile, stage), script=script)
