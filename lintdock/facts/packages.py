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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from lintdock.model.shell import OptionSyntax, ShellScript, SimpleCommand, Word, scan_words

Action = Literal["install", "remove", "mark-auto", "mark-manual"]
Family = Literal["apt", "apk", "rpm", "zypper", "pacman", "apt-mark", "pip", "npm", "gem"]
PinStyle = Literal["equals", "rpm", "pip", "npm", "gem"]


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
    syntax = OptionSyntax(short, frozenset(long.split()))
    system = family not in ("pip", "npm", "gem")
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
    "install reinstall",
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
    marked automatically installed."""

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
    action: Action | None = (
        "install"
        if verb.value in manager.install
        else "remove"
        if verb.value in manager.remove
        else None
    )
    if action is None:
        return None
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
    )


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
    name = package_name(text, rpm=pins == "rpm")
    if pins == "rpm":
        dash = _RPM_VERSION.search(text)
        if dash is not None:
            return name, dash.end(), "-"
    equals = _EQUALS_PIN.search(text)
    if equals is None:
        return name, len(text), None
    return name, equals.end(), equals.group()
