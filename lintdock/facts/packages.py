"""Package-manager commands: which packages a command installs or removes, with their versions
and options, every word with its span.

System managers (apt-get/apt/aptitude, apk, yum/dnf/microdnf/tdnf, zypper, pacman, and
``apt-mark``) change which programs an image has; language managers (pip, npm, gem) are read for
their pins and options only.

API
---
``package_command(command) -> PackageCommand | None``
    the package-manager command a shell command is, if it is one (``python -m pip`` included).
``package_commands(script) -> tuple[PackageCommand, ...]``
    every package-manager command of a parsed script, in order.
``package_name(word, rpm=False) -> str`` and ``tool_of(package) -> str``
    a package word's name, and the program that package provides.

A ``PackageCommand`` has the ``manager`` run (``apt-get``, ``pip3``), its ``family`` (``apt``,
``apk``, ``rpm``, ``zypper``, ``pacman``, ``apt-mark``, ``pip``, ``npm``, ``gem``), the
``action``, the ``verb`` word, the ``packages`` named (each a ``Package``: the word, its name,
the pin operator and version as written, with the version's own word and span) and every option
(``has_option("y", ("yes", "assume-yes"))`` reads ``-y``, ``-qy``, ``--yes`` alike).

Pins, by family: ``curl=7.88*`` (apt, apk, zypper also ``>=``, ``<``, ``~``), ``curl-7.61.1``
(rpm: yum, dnf, zypper's ``name-version`` too), ``flask==3.0``/``flask>=3``/``pkg @ url`` (pip),
``express@4`` (npm, ``@scope/pkg@1``), ``rails:7.1`` (gem; ``-v``/``--version`` is an option).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from lintdock.model.shell import OptionSyntax, ShellScript, SimpleCommand, Word, scan_words

Action = Literal["install", "remove", "mark-auto", "mark-manual", "other"]
Family = Literal[
    "apt", "apk", "rpm", "zypper", "pacman", "apt-mark", "pip", "npm", "gem", "yarn", "go"
]
PinStyle = Literal["equals", "rpm", "pip", "npm", "gem", "go"]


@dataclass(frozen=True)
class Manager:
    """How one package manager's command line reads: its install and remove verbs, the options
    that take a value, and how a package word pins its version."""

    family: Family
    install: frozenset[str]
    remove: frozenset[str]
    syntax: OptionSyntax
    pins: PinStyle
    system: bool = True


def _manager(
    family: Family, install: str, remove: str, short: str, long: str, pins: PinStyle = "equals"
) -> Manager:
    syntax = OptionSyntax(short, frozenset(long.split()), single_dash_long=family == "go")
    system = family not in ("pip", "npm", "gem", "yarn", "go")
    return Manager(
        family, frozenset(install.split()), frozenset(remove.split()), syntax, pins, system
    )


_APT = _manager(
    "apt",
    "install",
    "remove purge autoremove",
    "oct",
    "option config-file target-release default-release",
)
_RPM = _manager(
    "rpm",
    "install reinstall localinstall",
    "remove erase autoremove",
    "xcde",
    "exclude installroot releasever enablerepo disablerepo config repo repoid debuglevel "
    "errorlevel downloaddir",
    pins="rpm",
)
_PIP = _manager(
    "pip",
    "install",
    "uninstall",
    "rceiftC",
    "requirement constraint editable index-url extra-index-url find-links target prefix root src "
    "upgrade-strategy platform python-version implementation abi progress-bar log proxy retries "
    "timeout exists-action trusted-host cert client-cert cache-dir no-binary only-binary "
    "config-settings global-option",
    pins="pip",
)
SYSTEM_MANAGERS: dict[str, Manager] = {
    "apt-get": _APT,
    "apt": _APT,
    "aptitude": _APT,
    "apk": _manager(
        "apk",
        "add",
        "del",
        "Xpt",
        "repository root virtual arch cache-dir keys-dir repositories-file",
    ),
    "yum": _RPM,
    "dnf": _RPM,
    "microdnf": _RPM,
    "tdnf": _RPM,
    "zypper": _manager("zypper", "install in", "remove rm", "rtR", "repo from type root", "rpm"),
}
"""System package managers read by verb (pacman and apt-mark are read by their own rules)."""
LANGUAGE_MANAGERS: dict[str, Manager] = {
    "pip": _PIP,
    "npm": _manager(
        "npm",
        "install i add",
        "uninstall un remove rm r unlink",
        "w",
        "prefix registry workspace tag cache userconfig globalconfig",
        pins="npm",
    ),
    "gem": _manager(
        "gem",
        "install i",
        "uninstall",
        "vinsp",
        "version install-dir bindir source http-proxy platform document",
        pins="gem",
    ),
    "yarn": _manager(
        "yarn", "add install", "remove", "", "cwd modules-folder cache-folder", pins="npm"
    ),
    "go": _manager(
        "go",
        "install get",
        "",
        "",
        "o C ldflags gcflags asmflags tags mod modfile p pkgdir toolexec overlay exec",
        pins="go",
    ),
}
_PIP_PROGRAM = re.compile(r"pip[0-9.]*")
_PYTHON_PROGRAM = re.compile(r"python[0-9.]*")

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
_EQUALS_PIN = re.compile(r"[=<>~]+")
_RPM_VERSION = re.compile(r"-(?=\d)")
_RPM_ARCH = re.compile(r"\.(x86_64|aarch64|i686|noarch|ppc64le|s390x)$")
_PIP_NAME_END = re.compile(r"[=<>!~;@\[\s]")
_PIP_PIN = re.compile(r"\s*(===|==|~=|!=|>=|<=|>|<|@)\s*")


def package_name(word: str, rpm: bool = False) -> str:
    """The package a word installs, without version pins or architecture."""
    name = _PIN.split(word, maxsplit=1)[0].lower()
    if rpm:
        name = _RPM_ARCH.sub("", _RPM_VERSION.split(name, maxsplit=1)[0])
    return name


def tool_of(package: str) -> str:
    """The program a package provides (``netcat-openbsd`` -> ``nc``)."""
    return PACKAGE_TOOLS.get(package, package)


@dataclass(frozen=True)
class Package:
    """A package word: ``name`` without pins or architecture (lower case); ``pin`` the operator
    that pins it (``=``, ``==``, ``>=``, ``-`` for rpm, ``@``, ``:``) and ``version`` the text
    after it, both None when unpinned; ``version_word`` the version with its own span (exact
    for an unquoted word); ``variable`` True when the word goes through ``$VARIABLE``."""

    word: Word
    name: str
    pin: str | None
    version: str | None
    version_word: Word | None
    variable: bool


@dataclass(frozen=True)
class Option:
    """An option occurrence: ``name`` a short letter or long name (no dashes), the ``word`` it
    is written in, its ``value`` if it takes one."""

    name: str
    word: Word
    value: Word | None


@dataclass(frozen=True)
class PackageCommand:
    """One package-manager command (see the module docstring). ``group`` is apk's
    ``--virtual NAME``; ``autoremove`` is True when an apt command also removes the packages
    marked automatically installed; ``dry_run`` when it only shows what it would do
    (``apt-get install -s``): such a command installs nothing, so its action is ``other``."""

    command: SimpleCommand
    manager: str
    family: Family
    action: Action
    verb: Word | None
    packages: tuple[Package, ...]
    options: tuple[Option, ...]
    system: bool
    group: str | None = None
    autoremove: bool = False
    dry_run: bool = False

    @property
    def opaque(self) -> bool:
        """Names packages through variables: nobody can read which."""
        return any(package.variable for package in self.packages)

    @property
    def named(self) -> tuple[Package, ...]:
        """The packages written out (not through variables)."""
        return tuple(package for package in self.packages if not package.variable)

    def option(self, short: str = "", long: str | Iterable[str] = ()) -> Option | None:
        """The last occurrence of any of the ``short`` letters or ``long`` names."""
        wanted = set(short) | ({long} if isinstance(long, str) else set(long))
        found = None
        for option in self.options:
            if option.name in wanted:
                found = option
        return found

    def has_option(self, short: str = "", long: str | Iterable[str] = ()) -> bool:
        return self.option(short, long) is not None


def package_commands(script: ShellScript | None) -> tuple[PackageCommand, ...]:
    """Every package-manager command of ``script``, in order."""
    if script is None:
        return ()
    return tuple(found for c in script.commands if (found := package_command(c)) is not None)


def package_command(command: SimpleCommand) -> PackageCommand | None:
    """What ``command`` does as a package manager, None when it is none (or names no verb the
    manager installs or removes with)."""
    found = manager_command(command)
    return found if found is not None and found.action != "other" else None


def manager_commands(script: ShellScript | None) -> tuple[PackageCommand, ...]:
    """Every package-manager command of ``script`` whatever its verb, in order."""
    if script is None:
        return ()
    return tuple(found for c in script.commands if (found := manager_command(c)) is not None)


def manager_command(command: SimpleCommand) -> PackageCommand | None:
    """Like ``package_command``, for any verb: one that neither installs nor removes
    (``update``, ``clean``, ``dist-upgrade``, yarn's ``cache``) has the action ``other`` and its
    operands as ``packages``; ``yum module install nodejs:18`` installs ``nodejs:18``, the
    second verb word its ``verb``. None when the command runs no package manager or names no
    verb."""
    program = command.program or ""
    if program == "pacman":
        return _pacman_command(command)
    if program == "apt-mark":
        return _apt_mark_command(command)
    words = command.args
    manager = SYSTEM_MANAGERS.get(program) or LANGUAGE_MANAGERS.get(program)
    if manager is None and _PIP_PROGRAM.fullmatch(program):
        manager = _PIP
    elif manager is None and _PYTHON_PROGRAM.fullmatch(program) and _runs_pip(words):
        program, manager, words = "pip", _PIP, words[2:]
    if manager is None:
        return None
    return _verb_command(command, program, manager, words)


def _runs_pip(words: tuple[Word, ...]) -> bool:
    return len(words) >= 2 and words[0].value == "-m" and words[1].value == "pip"


def _verb_command(
    command: SimpleCommand, program: str, manager: Manager, words: tuple[Word, ...]
) -> PackageCommand | None:
    verb: Word | None = None
    operands: list[Word] = []
    options: list[Option] = []
    for name, word, value in scan_words(words, manager.syntax):
        if name is not None:
            options.append(Option(name, word, value))
        elif verb is None:
            verb = word
        else:
            operands.append(word)
    if verb is None:
        return None
    if manager.family == "rpm" and verb.value == "module" and operands:
        verb, operands = operands[0], operands[1:]
    dry_run = _dry_run(manager.family, options)
    action: Action = (
        "other"
        if dry_run
        else "install"
        if verb.value in manager.install
        else "remove"
        if verb.value in manager.remove
        else "other"
    )
    group = next((o.value.value for o in options if o.name in ("virtual", "t") and o.value), None)
    autoremove = verb.value == "autoremove" or any(
        o.name in ("auto-remove", "autoremove") for o in options
    )
    return PackageCommand(
        command,
        program,
        manager.family,
        action,
        verb,
        tuple(_package(word, manager.pins) for word in operands),
        tuple(options),
        manager.system,
        group if manager.family == "apk" else None,
        autoremove and manager.family == "apt",
        dry_run,
    )


_DRY_RUN: dict[Family, frozenset[str]] = {
    "apt": frozenset({"s", "simulate", "just-print", "dry-run", "recon", "no-act"}),
    "apk": frozenset({"s", "simulate"}),
    "zypper": frozenset({"D", "dry-run"}),
    "pip": frozenset({"dry-run"}),
}
"""The options that make a manager only show what it would do."""


def _dry_run(family: Family, options: Sequence[Option]) -> bool:
    wanted = _DRY_RUN.get(family, frozenset())
    return any(option.name in wanted for option in options)


def _apt_mark_command(command: SimpleCommand) -> PackageCommand | None:
    """``apt-mark auto '.*'``, ``apt-mark manual $saved``: what a later autoremove may remove
    (the names may be regular expressions)."""
    words = [w for w in command.args if not w.value.startswith("-")]
    if not words or words[0].value not in ("auto", "manual"):
        return None
    action: Action = "mark-auto" if words[0].value == "auto" else "mark-manual"
    packages = tuple(_package(word, "equals") for word in words[1:])
    options = tuple(Option(w.value.lstrip("-"), w, None) for w in command.args if w not in words)
    return PackageCommand(
        command, "apt-mark", "apt-mark", action, words[0], packages, options, True
    )


def _pacman_command(command: SimpleCommand) -> PackageCommand | None:
    action: Action | None = None
    verb = None
    packages = []
    options = []
    for word in command.args:
        text = word.value
        if text == "--sync" or re.fullmatch(r"-S[yu]*", text):
            action, verb = "install", word
        elif text == "--remove" or re.fullmatch(r"-R[sncu]*", text):
            action, verb = "remove", word
        elif text.startswith("-"):
            options.append(Option(text.lstrip("-"), word, None))
        else:
            packages.append(_package(word, "equals"))
    if action is None:
        return None
    return PackageCommand(
        command, "pacman", "pacman", action, verb, tuple(packages), tuple(options), True
    )


def _package(word: Word, pins: PinStyle) -> Package:
    text = word.value
    variable = "$" in text or "$" in word.raw
    name, start, pin = _split_pin(text, pins)
    if pin is None:
        return Package(word, name, None, None, None, variable)
    version = text[start:]
    return Package(word, name, pin, version, word.tail(start), variable)


def _split_pin(text: str, pins: PinStyle) -> tuple[str, int, str | None]:
    """The package name, where its version starts, and the pin operator (None: unpinned)."""
    if pins == "pip":
        name = _PIP_NAME_END.split(text, maxsplit=1)[0].lower()
        found = _PIP_PIN.search(text, len(name))
        return (name, found.end(), found.group(1)) if found else (name, len(text), None)
    if pins == "npm":
        at = text.find("@", 1)
        return (text.lower(), len(text), None) if at < 0 else (text[:at].lower(), at + 1, "@")
    if pins == "gem":
        name, colon, _ = text.partition(":")
        return (name.lower(), len(name) + 1, ":") if colon else (name.lower(), len(text), None)
    if pins == "go":
        at = text.rfind("@")
        return (text, len(text), None) if at < 0 else (text[:at], at + 1, "@")
    name = package_name(text, rpm=pins == "rpm")
    if pins == "rpm":
        dash = _RPM_VERSION.search(text)
        if dash is not None:
            return name, dash.end(), "-"
    equals = _EQUALS_PIN.search(text)
    if equals is not None:
        return name, equals.end(), equals.group()
    stream = text.find(":") if pins == "rpm" else -1
    if stream > 0:
        return name, stream + 1, ":"  # a module's stream: nodejs:18
    return name, len(text), None


# -- what a command asks for ---------------------------------------------------------------------

PIN_STYLES: dict[Family, PinStyle] = {
    "apt": "equals",
    "apk": "equals",
    "pacman": "equals",
    "rpm": "rpm",
    "zypper": "rpm",
    "pip": "pip",
    "npm": "npm",
    "yarn": "npm",
    "gem": "gem",
    "go": "go",
}
_LOCAL_FILES: dict[str, tuple[str, ...]] = {
    "apt": (".deb",),
    "apk": (".apk",),
    "rpm": (".rpm",),
    "zypper": (".rpm",),
    "pip": (".whl", ".tar.gz", ".tgz", ".zip"),
    "npm": (".tgz", ".tar", ".tar.gz"),
    "yarn": (".tgz", ".tar", ".tar.gz"),
    "gem": (".gem",),
}
_FLOATING_VERSIONS: dict[str, frozenset[str]] = {
    "npm": frozenset({"latest", "next", ""}),
    "yarn": frozenset({"latest", "next", ""}),
    "go": frozenset({"latest", "upgrade", "patch", ""}),
}
_VCS = re.compile(r"(git|hg|svn|bzr)(\+[a-z-]+)?:")
_LOCAL_PATH = ("/", "./", "../", "~/", "file:")
_GO_LOCAL = re.compile(r"\.\.?(/.*)?|/.*")


@dataclass(frozen=True)
class Requested:
    """A package as the manager receives it: ``text`` the word written, or one of the words a
    variable in it expands to (``$PACKAGES``, ``python${PY}-dev``); ``name`` without pins;
    ``package`` the word as written."""

    package: Package
    text: str
    name: str


_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")


def requested(
    command: PackageCommand, values: Mapping[str, str], partly_known: bool = False
) -> Iterator[Requested]:
    """The packages ``command`` asks for, with ``values`` known for some variables (an ARG
        default, an ENV, a shell assignment earlier in the RUN). A word whose variables are not all
        known is left out: nobody can read what it names. A variable's value is split into words as
        the shell splits it, options in it (``--no-install-recommends``) left out. A word that
    writes its pin before the variable (``curl=$VERSION``) is taken as written. With
    ``partly_known``, a word that writes part of a name around unknown variables
    (``postgresql-${PG_MAJOR}``) is taken as written too, where pins are operators (apt, apk,
    pacman): whatever the variable holds, the word names a package without a version."""
    for package in command.packages:
        style = PIN_STYLES.get(command.family, "equals")
        if not package.variable or _pinned_before_variables(package.word.value, style):
            yield Requested(package, package.word.value, package.name)
            continue
        expanded = expand_variables(package.word.value, values)
        if expanded is None and partly_known and _names_around_variables(package, style):
            yield Requested(package, package.word.value, package.name)
        for text in (expanded or "").split():
            if not text.startswith("-"):
                yield Requested(package, text, _split_pin(text, style)[0])


def _names_around_variables(package: Package, style: PinStyle) -> bool:
    """``php${V}-redis``: literal name text beside the variables, no pin, no substitution."""
    literal = _VARIABLE.sub("", package.word.value)
    return style == "equals" and bool(literal.strip("-_.")) and not re.search(r"[$(`]", literal)


def _pinned_before_variables(text: str, style: PinStyle) -> bool:
    """``curl=$VERSION``, ``"b2 == $VERSION"``: the pin is written, whatever the variable
    holds."""
    name, _, pin = _split_pin(text, style)
    return pin is not None and "$" not in name


def expand_variables(text: str, values: Mapping[str, str]) -> str | None:
    """``text`` with every ``$NAME``/``${NAME}`` replaced by its value; None when one is not
    known or the text uses another expansion (``$(…)``, ``${NAME:-x}``)."""
    unknown = False

    def value(match: re.Match[str]) -> str:
        nonlocal unknown
        known = values.get(match.group(1) or match.group(2))
        unknown = unknown or known is None or "$" in known
        return known or ""

    expanded = _VARIABLE.sub(value, text)
    return None if unknown or "$" in expanded else expanded


def needs_pin(text: str, family: Family) -> bool:
    """Whether a package word, as the manager receives it, names a package by its name alone:
    no version (``curl``, ``express@latest``), rather than a pinned version (``curl=8.5*``,
    ``httpd-2.4.57``, ``flask==3.0``, ``pkg @ git+https://…@v1``), a local file or path
    (``./app.deb``, ``dist/app.whl``, ``.``), a release (``curl/bookworm-backports``), a group
    (``@development``), a versioned checkout (``git+https://…#v1``) or, for go, a package of the
    main module (``tool``, ``all``: go.mod gives their versions)."""
    lowered = text.lower()
    if lowered.endswith(_LOCAL_FILES.get(family, ())) or lowered in (".", ".."):
        return False
    if family in ("apt", "apk", "rpm", "zypper"):
        if "/" in text or (family == "rpm" and text.startswith("@")):
            return False
    elif family == "pip":
        vcs = _VCS.match(lowered) is not None
        if ("/" in text and not vcs) or text.startswith("."):
            return False
    elif family in ("npm", "yarn"):
        if text.startswith(_LOCAL_PATH) or "#" in text:
            return False
    elif family == "go" and (_GO_LOCAL.fullmatch(text) or "." not in text.split("/", 1)[0]):
        return False  # a local package, or a pattern of the main module (tool, all, std)
    _, start, pin = _split_pin(text, PIN_STYLES[family])
    if pin is None:
        return True
    return text[start:].lower() in _FLOATING_VERSIONS.get(family, frozenset())


def pinned_by_option(command: PackageCommand) -> bool:
    """Whether an option pins every package of the command: gem's ``-v 2.4``/``--version``,
    pip's constraints file (``-c constraints.txt``)."""
    if command.family == "gem":
        return command.has_option("v", "version")
    return command.family == "pip" and command.has_option("c", "constraint")


_BOOLEANS = frozenset({"y", "yes", "t", "true", "on", "1", "n", "no", "f", "false", "off", "0"})


def disables_pip_cache(value: str) -> bool:
    """Whether ``PIP_NO_CACHE_DIR=value`` turns pip's cache off: pip reads any boolean there
    (``1``, ``true``, even ``0`` or ``false``, for backward compatibility) as "no cache"."""
    return value.strip().lower() in _BOOLEANS


# -- removals ------------------------------------------------------------------------------------


def removed_later(name: str, group: str | None, later: Sequence[PackageCommand]) -> bool:
    """Whether a command of ``later`` (those after the install, in the same RUN) removes, or
    may remove, the package ``name`` installed in apk's ``group``: by name, by its group, through
    a variable that may name it, or by an apt autoremove after an ``apt-mark auto`` covering
    it."""
    return any(_removes(c, name, group) for c in later) or _autoremoved(later, name)


def _removes(command: PackageCommand, name: str, group: str | None) -> bool:
    """Whether ``command`` removes (or may remove) the package ``name`` of ``group``."""
    if command.action != "remove":
        return False
    if command.opaque:
        return True
    removed = {package.name for package in command.packages}
    return name in removed or (group is not None and group.lower() in removed)


def _autoremoved(commands: Sequence[PackageCommand], name: str) -> bool:
    """Whether an apt autoremove among ``commands`` removes the package ``name``: an
    ``apt-mark auto`` covering it comes first, with no ``apt-mark manual`` naming it since."""
    marked = False
    for command in commands:
        words = [package.word.value for package in command.packages]
        if command.action == "mark-auto":
            marked = marked or command.opaque or any(_matches(w, name) for w in words)
        elif command.action == "mark-manual" and not command.opaque:
            marked = marked and all(not _matches(w, name) for w in words)
        elif command.action == "remove" and command.autoremove and marked:
            return True
    return False


def _matches(pattern: str, name: str) -> bool:
    """apt-mark takes names and regular expressions (``'.*'``)."""
    try:
        return pattern == name or re.fullmatch(pattern, name) is not None
    except re.error:
        return False
