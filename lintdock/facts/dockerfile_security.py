"""What the container security rules (LD8xx, Dockerfile side) read off a Dockerfile: the user
the shipped image runs as (and whether it is named by a numeric UID), and whether an ARG or ENV
holds a secret."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lintdock.facts.base_images import resolved_base
from lintdock.facts.images import WINDOWS, base_family, parse_reference
from lintdock.facts.memo import Fact
from lintdock.facts.official_images import drops_root_for, serving_master
from lintdock.facts.packages import expand_variables
from lintdock.facts.presence import command_values, expanded_at
from lintdock.facts.run_scripts import posix_script
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import OptionSyntax, ShellScript, SimpleCommand, Word, scan_words
from lintdock.parsers.shell_launchers import USER_SWITCHES
from lintdock.project import Project
from lintdock.secrets import may_be_secret

_ROOT_USERS = frozenset({"root", "0"})
_DECIMAL = re.compile(r"[+-]?[0-9]+")

SECRET_WORDS = re.compile(
    r"(?:_|^)(?:apikey|auth|credentials?|key|password|pword|passwd|secret|token)(?:_|$)",
    re.IGNORECASE,
)
"""BuildKit's SecretsUsedInArgOrEnv: one of these words as a whole ``_``-separated part of
the name (``DB_PASSWORD``, ``GITHUB_TOKEN``, ``AUTH``; not ``TOKENIZER`` nor ``MONKEY``)."""
NOT_SECRET_WORDS = re.compile(r"(?:_|^)(?:public|file|version)(?:_|$)", re.IGNORECASE)
"""Words that make such a name about a secret, not the secret (``PUBLIC_KEY``,
``PASSWORD_FILE``, ``GPG_KEY_VERSION``)."""


_SIGNING_WORDS = frozenset({"gpg", "pgp", "gnupg"})
"""Words that make a ``KEY`` an OpenPGP public key (``GPG_KEY``, ``NODE_PGP_KEY``): official
images write the release signing key's fingerprint there, to verify a download."""
_PRIVATE_WORDS = frozenset({"private", "secret", "password", "passwd", "pword", "passphrase"})
_KEY_WORDS = frozenset({"key", "keys"})
_SECRET_PARTS = frozenset(
    {"apikey", "auth", "credential", "credentials", "password", "pword", "passwd", "secret"}
    | {"token", *_PRIVATE_WORDS}
)
_HEX = "[0-9A-Fa-f]"
_FINGERPRINT = re.compile(f"(?:0x)?{_HEX}{{40}}")
_GROUPED_FINGERPRINT = re.compile(f"(?:{_HEX}{{4}}\\s+){{9}}{_HEX}{{4}}")
_KEY_ID = re.compile(f"0x(?:{_HEX}{{16}}|{_HEX}{{40}})")
_SEGMENT = r"[A-Za-z0-9._@+-]+"
_FILE_PATH = re.compile(
    rf"(?:(?:~|\$\{{?\w+\}}?|\.{{1,2}})?/[a-z0-9._-]+(?:/{_SEGMENT})*/?"
    rf"|{_SEGMENT}(?:/{_SEGMENT})+\.[A-Za-z0-9]{{1,5}})"
)
_TEMPLATE = re.compile(r"<[^<>]+>|\{\{.*\}\}|your[_-].*", re.IGNORECASE)
_PLACEHOLDER_WORDS = frozenset({"changeme", "fixme", "replaceme", "placeholder", "todo", "tbd"})
_COUNTING = ("1234567890", "0123456789")
_COUNTED = 4
_ENTRY_KEY = re.compile(r"__\d+__key$", re.IGNORECASE)
"""The ``Key`` of an entry in a list of .NET settings (``Filters__0__Key=ProcessId`` beside
``Filters__0__Value=1``): the name of what the entry matches, not a key that unlocks."""


def secret_name(name: str) -> bool:
    """Whether an ARG or ENV name says it holds a secret, as BuildKit decides it."""
    return SECRET_WORDS.search(name) is not None and NOT_SECRET_WORDS.search(name) is None


def secret_variable(keyword: str, name: str, value: str | None) -> bool:
    """Whether an ARG or ENV holds a secret: its name says so (``secret_name``) and neither its
    name nor its value (as written, None for an ARG without a default) says otherwise. Not
    secrets: an OpenPGP public key (``GPG_KEY``, or a ``*_KEY`` whose value is written as
    fingerprints), the key of a settings entry (``Filters__0__Key``), a value that is a file
    path (where the secret lives), a switch (``true``,
    ``0``). An ENV that is empty or holds a placeholder (``changeme``, ``XXXX``, ``123456``)
    documents a variable given at run time; an ARG's value comes with ``--build-arg`` whatever
    its default, so only what the default says about its kind counts."""
    if not secret_name(name) or _public_key_name(name) or _ENTRY_KEY.search(name):
        return False
    if value is None:
        return True
    text = value.strip()
    if not text:
        return keyword == "ARG"
    if _FILE_PATH.fullmatch(text) or not may_be_secret(text):
        return False
    if _fingerprints(text) and not _parts(name) & _SECRET_PARTS:
        return False
    return keyword == "ARG" or not _placeholder(text)


def _parts(name: str) -> set[str]:
    return set(name.lower().split("_"))


def _public_key_name(name: str) -> bool:
    """``GPG_KEY``, ``WORDPRESS_CLI_GPG_KEY``: a signing key's fingerprint (not ``GPG_PRIVATE_KEY``
    nor ``GPG_KEY_PASSWORD``)."""
    parts = _parts(name)
    return bool(parts & _SIGNING_WORDS and parts & _KEY_WORDS) and not parts & _SECRET_PARTS


def _fingerprints(text: str) -> bool:
    """OpenPGP fingerprints written so that they cannot be a 40-digit licence key: as gpg prints
    one (groups of four), with ``0x``, or several in a list."""
    if _GROUPED_FINGERPRINT.fullmatch(text) or _KEY_ID.fullmatch(text):
        return True
    words = re.split(r"[\s,]+", text)
    return len(words) > 1 and all(_FINGERPRINT.fullmatch(word) for word in words)


def _placeholder(text: str) -> bool:
    """``changeme``, ``XXXXXXXX``, ``00000000-0000-0000-0000-000000000000``, ``123456``,
    ``<your token>``: a value that stands for one to be given."""
    plain = re.sub(r"[^0-9a-z]", "", text.lower())
    counting = len(plain) >= _COUNTED and any(run.startswith(plain) for run in _COUNTING)
    return (
        len(set(plain)) <= 2
        or counting
        or plain in _PLACEHOLDER_WORDS
        or _TEMPLATE.fullmatch(text) is not None
    )


@dataclass(frozen=True)
class StageUser:
    """The USER a stage runs as: the instruction that sets it, its text, and whether that is
    root (None: written through a variable, so not known)."""

    instruction: Instruction
    text: str
    root: bool | None


def shipped_user(dockerfile: Dockerfile, stage: Stage) -> StageUser | None:
    """The USER in effect at the end of ``stage`` (its own last one, or its lineage's), None
    when no stage of its lineage sets one."""
    found = dockerfile.inherited(stage, "USER")
    return stage_user(found[1]) if found is not None else None


def stage_user(instruction: Instruction) -> StageUser | None:
    """What a USER instruction says (None when it names no one)."""
    if not instruction.words:
        return None
    text = instruction.words[0].value
    if "$" in text:
        return StageUser(instruction, text, None)
    return StageUser(instruction, text, is_root_user(text))


def user_before(
    project: Project, dockerfile: Dockerfile, stage: Stage, instruction: Instruction
) -> StageUser | None:
    """The USER in effect when ``instruction`` (of ``stage``) runs: the stage's last USER before
    it, else the one its lineage ends with; None when none is set (the base image's user)."""
    return USERS_IN_EFFECT(project, (dockerfile, stage)).get(id(instruction))


def _users_in_effect(
    _project: Project, subject: tuple[Dockerfile, Stage]
) -> dict[int, StageUser | None]:
    """The USER in effect before each instruction of the stage, by identity, in one pass."""
    dockerfile, stage = subject
    parent = dockerfile.stages[stage.parent] if stage.parent is not None else None
    current = shipped_user(dockerfile, parent) if parent is not None else None
    users: dict[int, StageUser | None] = {}
    for instruction in stage.instructions:
        users[id(instruction)] = current
        if instruction.keyword == "USER":
            current = stage_user(instruction)
    return users


USERS_IN_EFFECT = Fact("users in effect", _users_in_effect)


def is_root_user(user: str) -> bool:
    """Whether a user (``root``, ``0``, ``0:1000``, ``root:root``) is UID 0."""
    name = user.strip().partition(":")[0]
    return name.lower() in _ROOT_USERS or (_DECIMAL.fullmatch(name) is not None and int(name) == 0)


_USER_ADDING = OptionSyntax(
    "bcdefgGhkKpPRsuZ",
    frozenset(
        {
            *("base-dir", "comment", "home-dir", "expiredate", "inactive", "gid", "groups"),
            *("skel", "key", "password", "root", "prefix", "shell", "uid", "selinux-user"),
            *("home", "ingroup", "gecos", "firstuid", "lastuid", "firstgid", "lastgid", "conf"),
        }
    ),
)
"""The value-taking options of ``useradd`` (shadow) and ``adduser`` (Debian's and BusyBox's):
``-u``/``--uid`` and the others whose value is not the user's name."""
_USER_ADDERS = ("useradd", "adduser")


@dataclass(frozen=True)
class NamedUser:
    """The USER of a shipped image written as a name (``app``, ``app:app``, or a variable whose
    default is one): ``user`` is the user part, variables expanded, ``group`` the group part
    (None when not written), ``uid`` the UID a ``useradd -u``/``adduser -u`` of the stage's
    lineage gives that user (None when none does), ``uid_text`` that UID as the command wrote
    it (``${APP_UID}``: a USER should use the same variable, which a build argument may set)."""

    instruction: Instruction
    user: str
    group: str | None
    uid: str | None = None
    uid_text: str | None = None


def named_user(project: Project, dockerfile: Dockerfile, stage: Stage) -> NamedUser | None:
    """The USER in effect at the end of ``stage``, when it names its user by name rather than
    by a numeric UID; None when it is numeric, root (LD850's), not known (a variable without a
    default), not set, or the image is a Windows one (no UIDs there: ``ContainerUser``)."""
    found = dockerfile.inherited(stage, "USER")
    if found is None or not found[1].words or windows_image(dockerfile, stage):
        return None
    ancestor, instruction = found
    text = expanded_at(project, dockerfile, ancestor, instruction, instruction.words[0].value)
    if not text or not text.strip():
        return None
    user, colon, group = text.strip().partition(":")
    if not user or _DECIMAL.fullmatch(user) or is_root_user(user):
        return None
    uid, uid_text = _uid_of(project, dockerfile, stage, user) or (None, None)
    return NamedUser(instruction, user, group if colon else None, uid, uid_text)


PRIVILEGE_DROPPERS = USER_SWITCHES | {"setuidgid", "chpst", "setpriv", "runuser", "su"}
"""Programs that run a command as another user: an image that starts as root and hands its
app to one of them runs the app unprivileged (``exec gosu postgres "$@"``)."""
ROOT_SUPERVISORS = frozenset({"init", "supervisord", "runsvdir", "my_init", "s6-svscan"})
"""Supervisors that start as root and run each service as its own user (s6-overlay's
``/init``, supervisord, runit, phusion's ``my_init``): USER would stop them working."""
SELF_DROPPING_FLAGS = {
    "rspamd": ("-u", "--user"),
    "dnsmasq": ("-u", "--user"),
    "memcached": ("-u", "--user"),
    "named": ("-u",),
    "chronyd": ("-u",),
    "ntpd": ("-u",),
    "openvpn": ("--user",),
    "privoxy": ("--user",),
    "pdns_server": ("--setuid",),
    "pdns_recursor": ("--setuid",),
}
"""Daemons that start as root and give it up themselves to the user a flag names
(``rspamd -f -u _rspamd -g _rspamd``, ``dnsmasq --user=dnsmasq``): root lets them bind and
open what they need first, as nginx's master does."""


SUPERVISED_BASES = {
    "linuxserver/": "s6-overlay's /init",
    "lsiobase/": "s6-overlay's /init",
    "phusion/baseimage": "my_init",
}
"""Base images (by path prefix, on any registry) whose own ENTRYPOINT starts a supervisor as
root that runs each service as its own user: every LinuxServer.io image runs s6-overlay, whose
services drop to the ``abc`` user (``s6-setuidgid abc``, PUID/PGID); phusion's baseimage runs
``my_init``."""


def privilege_drop(project: Project, dockerfile: Dockerfile, stage: Stage) -> str | None:
    """How the image that ``stage`` builds gives up root at start, or None: its ENTRYPOINT or
    CMD (or the entrypoint script they run from the build context) switches user with gosu,
    su-exec, su, chpst, capsh --user... or starts a supervisor that runs each service as its own
    user; or, with no ENTRYPOINT of its own, its base image's start does (``base_drop``)."""
    start = project.stage_start(dockerfile, stage)
    if start.entrypoint is None:
        words = _first_words(start.command.script) if start.command is not None else ()
        drop = base_drop(dockerfile, stage, words[0].value if words else None)
        if drop is not None:
            return drop
    for part in (start.entrypoint, start.command):
        if part is None:
            continue
        scripts = [part.script]
        words = _first_words(part.script)
        found = project.entrypoint_script(dockerfile, stage, words[0]) if words else None
        if found is not None:
            scripts.append(found.script)
        for script in scripts:
            reason = start_drop(script)
            if reason is not None:
                return reason
    return None


def _first_words(script: ShellScript) -> tuple[Word, ...]:
    """The words of a start part's program: its exec form, or its first shell command."""
    return script.exec_words or (script.commands[0].argv if script.commands else ())


def base_drop(dockerfile: Dockerfile, stage: Stage, command: str | None) -> str | None:
    """How the external image ``stage`` is built from gives up root in its own entrypoint
    before it runs ``command``, for an image that keeps that entrypoint (``image_drop``)."""
    return image_drop(resolved_base(dockerfile, dockerfile.lineage(stage)[-1]) or "", command)


def image_drop(image: str, command: str | None) -> str | None:
    """How the image ``image`` gives up root in its entrypoint before it runs ``command`` (a
    program name; None: the image's own CMD): a supervised base (``SUPERVISED_BASES``) that runs
    its own services, or an Official Image whose entrypoint switches to the server's user
    (postgres, redis...)."""
    path = parse_reference(image.lower()).path
    for prefix, supervisor in SUPERVISED_BASES.items():
        if command is None and path.startswith(prefix):
            return f"its image starts {supervisor}, which runs each service as its own user"
    dropping = drops_root_for(image, command)
    return f"the {dropping} image gives up root itself at start" if dropping else None


def start_drop(script: ShellScript) -> str | None:
    """How a start script gives up root: a command run through a user switcher (gosu,
    setpriv, capsh --user...) or a supervisor that runs each service as its own user."""
    for command in script.commands:
        programs = [posixpath.basename(w.value) for w in (*command.wrappers, *command.argv[:1])]
        programs += _set_positionals_program(command)
        if command.program == "capsh" and any(w.value.startswith("--user") for w in command.argv):
            return "its start runs the app through capsh --user"
        flag = _dropping_flag(command)
        if flag is not None:
            return f"its start runs {command.program} {flag}, which gives up root itself"
        for program in programs:
            if program in PRIVILEGE_DROPPERS:
                return f"its start runs the app through {program}"
            if program in ROOT_SUPERVISORS:
                return f"it starts {program}, which runs each service as its own user"
            if serving_master(program):
                return f"it starts {program}, whose master runs the workers that serve as a user"
    return None


def _dropping_flag(command: SimpleCommand) -> str | None:
    """The flag (with its user) by which a daemon of ``SELF_DROPPING_FLAGS`` gives up root."""
    flags = SELF_DROPPING_FLAGS.get(command.program or "", ())
    words = [w.value for w in command.args]
    for index, word in enumerate(words):
        name, equals, _user = word.partition("=")
        if name in flags and (equals or index + 1 < len(words)):
            return word if equals else f"{word} {words[index + 1]}"
    return None


def _set_positionals_program(command: SimpleCommand) -> list[str]:
    """The program ``set -- PROGRAM …`` makes the script's arguments (``set -- su-exec vault
    "$@"`` before ``exec "$@"``, as HashiCorp's entrypoints write it)."""
    words = [w.value for w in command.args]
    if command.program != "set" or "--" not in words[:1]:
        return []
    return [posixpath.basename(words[1])] if len(words) > 1 else []


def windows_image(dockerfile: Dockerfile, stage: Stage) -> bool:
    """A Windows image (by its base, or the backtick ``# escape=`` Windows files use)."""
    return dockerfile.escape == "`" or base_family(dockerfile, stage) is WINDOWS


def _uid_of(
    project: Project, dockerfile: Dockerfile, stage: Stage, user: str
) -> tuple[str, str] | None:
    """The numeric UID the last ``useradd``/``adduser`` of ``user`` in the lineage gives it, and
    the UID as written there."""
    uid = None
    for ancestor in reversed(dockerfile.lineage(stage)):
        for instruction in ancestor.instructions:
            script = posix_script(project, dockerfile, ancestor, instruction)
            for command in script.commands if script is not None else ():
                if command.program not in _USER_ADDERS:
                    continue
                given = _added_uid(project, dockerfile, ancestor, instruction, command, user)
                uid = given if given is not None else uid
    return uid


def _added_uid(
    project: Project,
    dockerfile: Dockerfile,
    stage: Stage,
    instruction: Instruction,
    command: SimpleCommand,
    user: str,
) -> tuple[str, str] | None:
    values = command_values(project, dockerfile, stage, instruction, command)
    names = [w for option, w, _ in scan_words(command.args, _USER_ADDING) if option is None]
    if not names or expand_variables(names[0].value, values) != user:
        return None
    uid = next(
        (v for option, _, v in scan_words(command.args, _USER_ADDING) if option in ("u", "uid")),
        None,
    )
    number = expand_variables(uid.value, values) if uid is not None else None
    if uid is None or number is None or not number.isdigit():
        return None
    return number, uid.value
