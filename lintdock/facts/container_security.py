"""What the container security rules (LD8xx, Compose side) read off a service: host paths,
capabilities, ``security_opt`` entries, users, and how a value was written (literally, or
through a ``${VARIABLE}``), plus the one place their severity follows the file's role."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lintdock.facts.compose_edits import in_own_section
from lintdock.facts.default_credentials import guessable, is_one_value
from lintdock.facts.dockerfile_security import (
    base_drop,
    image_drop,
    is_root_user,
    privilege_drop,
    start_drop,
)
from lintdock.facts.host_agents import own_names
from lintdock.facts.memo import Fact
from lintdock.model.compose import EnvVar, Located, Mount, Service, Setting
from lintdock.model.diagnostic import Edit, Severity
from lintdock.model.span import Span
from lintdock.parsers.compose_interpolation import (
    InvalidInterpolation,
    MissingRequired,
    interpolate,
)
from lintdock.project import Project
from lintdock.roles import TRIAL_ROLES


def host_path(mount: Mount) -> str | None:
    """The normalised absolute host path of a bind mount or device (``/var/run/``, ``//etc``
    and ``/etc/.`` are ``/var/run``, ``/etc``), None for a relative path, a named volume or a
    tmpfs. A ``~`` path keeps its ``~``."""
    if mount.source is None or mount.kind not in ("bind", "device"):
        return None
    text = mount.source.value.replace("\\", "/")
    if not text.startswith(("/", "~")):
        return None
    normal = posixpath.normpath(text)
    return "/" if normal == "//" else normal


def under(path: str, directory: str) -> bool:
    """Whether ``path`` is ``directory`` or inside it."""
    return path == directory or path.startswith(directory.rstrip("/") + "/")


def bind_mounts(service: Service) -> Iterator[tuple[Mount, str]]:
    """The service's bind mounts of absolute host paths, with the normalised path."""
    for mount in service.mounts:
        path = host_path(mount)
        if path is not None:
            yield mount, path


def capability(text: str) -> str:
    """A capability name as Docker reads it: upper case, without ``CAP_`` (``ALL`` only as
    written: Docker refuses ``CAP_ALL``)."""
    name = text.strip().upper()
    return name if name == "CAP_ALL" else name.removeprefix("CAP_")


def capabilities(service: Service, key: str) -> Iterator[tuple[str, Located[object]]]:
    """The capabilities ``cap_add`` or ``cap_drop`` lists, each with where it is written."""
    setting = service.setting(key)
    for item in setting.items if setting is not None else ():
        if isinstance(item.value, str):
            yield capability(item.value), item


@dataclass(frozen=True)
class SecurityOption:
    """One ``security_opt`` entry: ``seccomp:unconfined`` and ``seccomp=unconfined`` alike
    are ``name`` ``seccomp``, ``value`` ``unconfined`` (both lower case)."""

    name: str
    value: str
    where: Located[object]


def security_options(service: Service) -> tuple[SecurityOption, ...]:
    """The service's ``security_opt`` entries, in order."""
    setting = service.setting("security_opt")
    options = []
    for item in setting.items if setting is not None else ():
        if isinstance(item.value, str):
            marks = [i for i in (item.value.find(":"), item.value.find("=")) if i >= 0]
            separator = min(marks, default=len(item.value))
            name = item.value[:separator].strip().lower()
            value = item.value[separator + 1 :].strip().lower()
            options.append(SecurityOption(name, value, item))
    return tuple(options)


def is_true(value: object) -> bool:
    """A boolean setting as Compose reads it (``true`` or the string ``"true"``)."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def privileged(service: Service) -> bool:
    """Whether the service runs ``privileged: true``: every capability, every host device,
    no seccomp, AppArmor or masked paths. LD802 reports it; a grant that privileged already
    implies (a capability, a device, a host namespace, a profile turned off) adds nothing to
    that finding, and the rules for those grants leave such a service to LD802."""
    setting = service.setting("privileged")
    return setting is not None and is_true(setting.value.value)


def written_text(project: Project, located: Located[Any]) -> str | None:
    """The scalar holding ``located`` as its file writes it, before interpolation, when
    known (a list entry ``KEY=value`` is returned whole)."""
    for span, text in WRITTEN(project, None).get((located.path, located.span.line), ()):
        inner = located.span
        if (span.line, span.column) <= (inner.line, inner.column) and (
            inner.end_line,
            inner.end_column,
        ) <= (span.end_line, span.end_column):
            return text
    return None


def _written(project: Project, _: None) -> dict[tuple[str, int], list[tuple[Span, str]]]:
    compose = project.compose
    by_line: dict[tuple[str, int], list[tuple[Span, str]]] = {}
    for presentation in compose.presentation if compose is not None else ():
        for scalar in presentation.scalars:
            if not scalar.key:
                key = (presentation.path, scalar.span.line)
                by_line.setdefault(key, []).append((scalar.span, scalar.text))
    return by_line


def literal_value(project: Project, variable: EnvVar) -> str:
    """What of an environment value its file says literally: the value with every
    ``${VARIABLE}`` left unset (so ``${PW}`` is empty and ``${PW:-hunter2}`` is ``hunter2``).
    An env file's value is literal as read."""
    return _interpolated(project, variable, {})


def _interpolated(project: Project, variable: EnvVar, variables: Mapping[str, str]) -> str:
    """An environment value as its file writes it, interpolated with ``variables``."""
    if variable.value is None:
        return ""
    written = written_text(project, variable.value)
    if written is None:
        return variable.value.value
    if written_text(project, variable.name) is not None:  # the list syntax, NAME=value
        written = written.partition("=")[2]
    try:
        return interpolate(written, variables)
    except (InvalidInterpolation, MissingRequired):
        return ""


SET_BY_DEPLOYER = "\x00"
"""What :func:`value_when_set` writes for each variable: a character no file holds."""


class _EveryVariableSet(Mapping[str, str]):
    """An environment that sets every variable, to :data:`SET_BY_DEPLOYER`."""

    def __getitem__(self, name: str) -> str:
        return SET_BY_DEPLOYER

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def value_when_set(project: Project, variable: EnvVar) -> str:
    """An environment value as its file writes it with every ``${VARIABLE}`` set by the
    deployer (each one :data:`SET_BY_DEPLOYER`): ``${PW:-changeme}`` keeps none of its
    default, ``changeme$SUFFIX`` all of its literal."""
    return _interpolated(project, variable, _EveryVariableSet())


URL_WITH_PASSWORD = re.compile(
    r"(?<![A-Za-z0-9+.-])(?P<scheme>[A-Za-z][A-Za-z0-9+.-]{0,31})://"
    r"(?P<user>[^\s:/@]{0,256}):(?P<password>[^\s/@]{1,1024})@[^\s@]"
)
"""``scheme://user:password@host``, every part bounded so that a long value is read in
linear time."""


def connection_credentials(text: str) -> tuple[str, str, str] | None:
    """The scheme, user and password of a ``scheme://user:password@host`` URL in ``text``
    that writes a password, or None."""
    match = URL_WITH_PASSWORD.search(text)
    return (match["scheme"], match["user"], match["password"]) if match else None


def set_by_deployer(text: str) -> bool:
    """Whether ``text``, a part of :func:`value_when_set`, is only variables: its literal, if
    any, is a fallback that the deployer's value replaces."""
    bare = text.strip().strip("\"'")
    return bare != "" and bare.strip(SET_BY_DEPLOYER) == ""


WRITTEN = Fact("scalars as written", _written)

ACCOUNT_SUFFIXES = ("_USER", "_USERNAME", "_LOGIN", "_DB", "_DATABASE", "_NAME")
"""Names of the variables that name an account or a database (``POSTGRES_USER``,
``MYSQL_DATABASE``): a password equal to one of their values is that name again."""


def well_known_default(project: Project, value: str, patterns: Iterable[str]) -> bool:
    """Whether a credential's literal ``value`` is a default anyone can guess rather than a
    secret: one of ``patterns`` (:data:`DEFAULT_CREDENTIALS` is the rules' default), or the
    name of an account, a database or an application of the project (``POSTGRES_PASSWORD:
    nextcloud`` beside ``POSTGRES_USER: nextcloud``, or in a project that runs nextcloud)."""
    text = value.strip().strip("\"'").lower()
    return guessable(text, patterns) or (is_one_value(text) and text in ACCOUNTS(project, None))


def _accounts(project: Project, _: None) -> frozenset[str]:
    compose = project.compose
    names: set[str] = set()
    for service in compose.services if compose is not None else ():
        names.update(own_names(project, service))
        for variable in project.environment(service):
            name = variable.name.value.upper()
            if name == "USER" or name.endswith(ACCOUNT_SUFFIXES):
                names.add(literal_value(project, variable).strip().strip("\"'").lower())
    names.discard("")
    return frozenset(names)


ACCOUNTS = Fact("account and application names", _accounts)


def lowered(severity: Severity, project: Project, service: Service) -> Severity | None:
    """``severity`` for a production service; one step lower (an error is a warning, a
    warning is information) for a test harness, a development setup or an example, where the
    same setting hands over a developer's or a CI runner's machine rather than a server.
    None means the rule's default."""
    if project.service_role(service).production:
        return None
    return Severity.WARNING if severity is Severity.ERROR else Severity.INFO


def hardening_expected(project: Project, service: Service) -> bool:
    """Whether the opt-in hardening rules (a setting the service lacks: ``cap_drop``,
    ``read_only``, limits, a digest, no-new-privileges) apply to ``service``: not in a test
    harness, a development setup, an example or an archive, which are run to try something
    on a developer's or a CI runner's machine, where hardening protects nothing."""
    return project.service_role(service).role not in TRIAL_ROLES


def default_credential_severity(
    project: Project, service: Service, set_by_the_deployer: bool
) -> Severity | None:
    """How to report a well-known default credential (LD818, LD819): not at all when it is only
    the fallback of a variable the deployer sets (``${DB_PASSWORD:-changeme}``) or when the
    service is in a test, development or example file, run to try something rather than to
    serve anyone (a one-shot job of a production file is not); else as information."""
    trial = project.service_role(service).role in TRIAL_ROLES
    return None if set_by_the_deployer or trial else Severity.INFO


def role_note(project: Project, service: Service) -> str:
    """`` (in a test file)``-style words for a message, empty in production."""
    role = project.service_role(service)
    article = "an" if role.role.value[0] in "aeiou" else "a"
    return "" if role.production else f" (in {article} {role.role.value} file)"


def written_here(project: Project, service: Service) -> bool:
    """Whether every key of the service is written in its own section of the file that names
    it (no override, ``extends`` or ``<<:`` anchor merge supplies any), and in block style: a
    new key can then be added there without changing what another file says."""
    compose = project.compose
    if compose is None or service.setting("extends") is not None or not service.settings:
        return False
    for presentation in compose.presentation:
        if presentation.path != service.name.path:
            continue
        for mapping in presentation.mappings:
            if mapping.path == ("services", service.key):
                spans = [setting.key.span for setting in service.settings]
                return (
                    not mapping.flow
                    and [key.span for key in mapping.keys] == spans
                    and all(in_own_section(compose, service, s.key) for s in service.settings)
                )
    return False


def new_key_edit(project: Project, service: Service, line: str) -> Edit | None:
    """An edit adding ``line`` (``read_only: true``) as the service's first key, in the
    column of its keys; None where :func:`written_here` says an edit is not certain."""
    if not written_here(project, service):
        return None
    first = service.settings[0].key.span
    if first.line <= service.name.span.line:
        return None
    at = Span(first.line, first.column, first.line, first.column)
    return Edit(at, f"{line}\n{' ' * (first.column - 1)}")


def nested_value(
    project: Project, service: Service, setting: Setting, *keys: str
) -> Located[object] | None:
    """Where the scalar ``keys`` down inside a mapping setting is written (``logging`` ->
    ``driver``), when the file that writes the setting writes it."""
    compose = project.compose
    path = ("services", service.key, setting.key.value, *keys)
    for presentation in compose.presentation if compose is not None else ():
        if presentation.path != setting.key.path:
            continue
        for scalar in presentation.scalars:
            if scalar.path == path and not scalar.key:
                return Located(scalar.text, scalar.span, presentation.path)
    return None


def added_capabilities(
    service: Service, grants: dict[str, str]
) -> Iterator[tuple[str, str, Located[object]]]:
    """The ``cap_add`` entries among ``grants`` (name -> what it grants): the name as
    written, what it grants, and where."""
    for name, item in capabilities(service, "cap_add"):
        if name in grants:
            yield str(item.value).strip(), grants[name], item


def variable_origin(service: Service, variable: EnvVar) -> tuple[Located[Any], str]:
    """Where to report about an environment variable, and words saying where it is set: at its
    value in the compose file, or, for a variable an ``env_file`` sets, at that ``env_file``
    entry (a finding must be in a file the run lints), naming the env file's line."""
    for env_file in service.env_files:
        if env_file.resolved == variable.name.path:
            line = variable.name.span.line
            return env_file.path, f"the env file {env_file.path.value} (line {line})"
    anchor = variable.value if variable.value is not None else variable.name
    return anchor, "the compose file"


def compose_user(service: Service) -> str | None:
    """The service's ``user:`` as written (``root``, ``"0"``, ``1000:1000``), or None."""
    setting = service.setting("user")
    value = setting.value.value if setting is not None else None
    return str(value) if isinstance(value, (str, int)) and str(value).strip() else None


def non_root_user(project: Project, service: Service) -> str | None:
    """The non-root user the service's process runs as, when the files say so: its ``user:``,
    else the last USER of the image it builds; None when root or not known (a pulled image, a
    user given by a variable)."""
    user = compose_user(service)
    link = project.build_of(service)
    if user is None and service.setting("user") is None and link is not None:
        found = link.dockerfile.inherited(link.stage, "USER")
        user = found[1].words[0].value if found is not None and found[1].words else None
    if user is None or "$" in user or is_root_user(user):
        return None
    return user


def root_dropped_at_start(project: Project, service: Service) -> str | None:
    """How the image ``service`` runs gives up root itself at start, whatever ``user: root``
    says, or None: the image it builds runs its app through gosu, su-exec... (LD850's
    ``privilege_drop``), or the image it runs or builds FROM switches user in its entrypoint
    (``image_drop``: postgres, redis, LinuxServer.io's s6-overlay images), or the compose
    ``entrypoint:`` or ``command:`` does (``exec setpriv --reuid 1000 …``). An ``entrypoint:``
    replaces the image's start, so with one only what it runs itself counts."""
    for start in (service.entrypoint, service.command):
        script = project.script(start) if start is not None else None
        drop = start_drop(script) if script is not None else None
        if drop is not None:
            return drop
    if service.entrypoint is not None:
        return None
    command = service.command.argv[0].value if service.command and service.command.argv else None
    link = project.build_of(service)
    if link is None:
        return image_drop(service.image.value if service.image is not None else "", command)
    if command is None:
        return privilege_drop(project, link.dockerfile, link.stage)
    if project.stage_start(link.dockerfile, link.stage).entrypoint is not None:
        return None  # an entrypoint of its own, which does not drop root
    return base_drop(link.dockerfile, link.stage, command)
