"""LD204 insecure-download: TLS certificate verification turned off, ``curl -k``/``--insecure``
(also inside ``-fsSLk``) or ``wget --no-check-certificate``, in a RUN, a Dockerfile
CMD/ENTRYPOINT/HEALTHCHECK, or a compose ``command``/``entrypoint``/``healthcheck``; not for a
command that only fetches from the container itself (``localhost``, or a service probing its own
name), nor for one that makes no TLS connection (plain ``http://`` URLs, no redirects followed)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Literal

from lintdock.facts.instructions import triggered
from lintdock.facts.needs import LOCAL_HOSTS
from lintdock.facts.presence import values_at
from lintdock.facts.startup_checks import probed_hosts
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.model.shell import ShellScript, SimpleCommand, Word
from lintdock.rules.base import Context

if TYPE_CHECKING:
    from lintdock.model.compose import Healthcheck, Service, StartCommand

TLS_SCHEMES = frozenset({"https", "ftps", "smtps", "imaps", "pop3s", "ldaps", "wss"})
CHECKSUM_TOOLS = frozenset({"sha256sum", "sha512sum", "sha384sum", "sha1sum", "md5sum", "shasum"})
SIGNATURE_TOOLS = frozenset({"gpg", "gpg2", "gpgv", "cosign", "minisign", "signify"})
HEX_CHECKSUM = re.compile(r"[0-9a-fA-F]{32,}")
"""A checksum written out: 32 or more hex digits."""
VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
Verification = Literal["pinned", "checked"]
VERIFIED = (
    " A checksum or signature check follows in the same RUN, so a tampered file fails the build "
    "(unless its checksum came over the same unverified connection)."
)


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        for stage in dockerfile.stages:
            yield from _check_stage(context, dockerfile, stage)
    for service in project.services:
        own_names = _own_names(service)
        for source, path in _compose_sources(service):
            for word, command in _insecure_words(project.script(source), own_names):
                message = _message(word, command)
                yield context.report(message, path, word.span, service=service.key)


def _check_stage(context: Context, dockerfile: Dockerfile, stage: Stage) -> Iterator[Diagnostic]:
    project = context.project
    for instruction in map(triggered, stage.instructions):
        if instruction.command is None:
            continue
        script = project.script(instruction.command)
        for word, command in _insecure_words(script, LOCAL_HOSTS):
            message = _message(word, command)
            values = values_at(project, dockerfile, stage, instruction)
            verified = _verified_later(script, command, values) if script is not None else None
            if verified == "pinned":
                continue  # the Dockerfile's own checksum decides: TLS adds nothing
            if verified == "checked":
                message += VERIFIED
                yield context.report(message, dockerfile.path, word.span, Severity.INFO)
            else:
                yield context.report(message, dockerfile.path, word.span)


def _own_names(service: Service) -> frozenset[str]:
    """The names a service's container reaches itself by: loopback, its service name, its
    aliases and host name (lower-cased)."""
    return LOCAL_HOSTS | {service.key.lower(), *(alias.lower() for alias in service.aliases)}


def _compose_sources(service: Service) -> Iterator[tuple[StartCommand | Healthcheck, str]]:
    """The service's commands, with the file each is written in."""
    for start in (service.entrypoint, service.command):
        if start is not None:
            yield start, start.node.path
    healthcheck = service.healthcheck
    if healthcheck is not None and healthcheck.test is not None:
        yield healthcheck, healthcheck.test.path


def _insecure_words(
    script: ShellScript | None, own_names: frozenset[str]
) -> Iterator[tuple[Word, SimpleCommand]]:
    """The option words that switch TLS verification off, with their command, where it may make
    a TLS connection to another host than ``own_names``."""
    if script is None:
        return
    for command in script.commands:
        word = None
        if command.program == "curl":
            word = command.option("k", "insecure")
        elif command.program == "wget":
            word = command.option(long="no-check-certificate")
        if word is None or _self_only(command, own_names):
            continue
        if _may_fetch_tls_url(command) or _follows_redirects(command):
            yield word, command


def _verified_later(
    script: ShellScript, download: SimpleCommand, values: Mapping[str, str]
) -> Verification | None:
    """How a check that follows the download in the same RUN vouches for the file: "pinned"
    when a checksum written in the Dockerfile itself is checked (``echo "<sha256>  f" |
    sha256sum -c -``, or ``${SHA256}`` from an ARG), "checked" for any other checksum or
    signature check (``sha256sum -c f.sha256``, ``gpg --verify``), None when there is none."""
    found: Verification | None = None
    for command in script.commands[len(script.before(download)) + 1 :]:
        if command.program in CHECKSUM_TOOLS and command.option("c", "check") is not None:
            if _fed_a_written_checksum(script, command, values):
                return "pinned"
            found = "checked"
        elif _checks_a_signature(command):
            found = "checked"
    return found


def _checks_a_signature(command: SimpleCommand) -> bool:
    if command.program in ("gpg", "gpg2"):
        return command.option(long="verify") is not None
    return command.program in SIGNATURE_TOOLS


def _fed_a_written_checksum(
    script: ShellScript, check: SimpleCommand, values: Mapping[str, str]
) -> bool:
    """``check`` reads its list from an ``echo``/``printf`` piped into it whose checksum field
    (the first word of the line) is written in the Dockerfile: hex digits, or a variable the
    RUN does not set whose value there is a checksum or is given at build time (``ARG
    SHA256``). Not a file name (``FILE=l.tgz``), nor what a command printed (``$(cat x.sha)``)."""
    feeder = next((c for c in script.before(check) if script.next(c) is check), None)
    if feeder is None or feeder.operator not in ("|", "|&"):
        return False
    if feeder.program not in ("echo", "printf") or not feeder.args:
        return False
    field = " ".join(word.value for word in feeder.args).split()[0]
    if HEX_CHECKSUM.fullmatch(field):
        return True
    variable = VARIABLE.fullmatch(field)
    name = (variable[1] or variable[2]) if variable is not None else None
    if name is None or _assigned_in(script, check, name):
        return False
    value = values.get(name)
    return value is None or HEX_CHECKSUM.fullmatch(value) is not None


def _assigned_in(script: ShellScript, before: SimpleCommand, name: str) -> bool:
    """Whether a command of the RUN before ``before`` sets ``name`` (``sha=$(curl …)``)."""
    prefix = name + "="
    return any(
        word.value.startswith(prefix)
        for command in script.before(before)
        for word in command.assignments
    )


def _self_only(command: SimpleCommand, own_names: frozenset[str]) -> bool:
    """Every host the command fetches from is the container itself (``curl -k
    https://localhost/health``, service ``broker`` probing ``https://broker:8443``): nothing
    stands between them, and no public certificate names localhost."""
    hosts = probed_hosts(command)
    return bool(hosts) and all(host in own_names or host.startswith("127.") for host in hosts)


def _may_fetch_tls_url(command: SimpleCommand) -> bool:
    """A URL with a TLS scheme, or one not known (a variable, none found); schemeless URLs are
    http, as curl and wget take them."""
    urls = [w.value for w in command.positionals()]
    urls += [w.value for w in (command.option_value(long="url"),) if w is not None]
    return not urls or any(_url_may_use_tls(url) for url in urls)


def _url_may_use_tls(url: str) -> bool:
    scheme, separator, _ = url.partition("://")
    if not separator:
        return url.startswith("$")
    return "$" in scheme or scheme.lower() in TLS_SCHEMES


def _follows_redirects(command: SimpleCommand) -> bool:
    """wget follows redirects unless ``--max-redirect=0``; curl only with ``-L``."""
    if command.program == "wget":
        redirects = command.option_value(long="max-redirect")
        return redirects is None or redirects.value != "0"
    return command.option("L", "location") is not None


def _message(word: Word, command: SimpleCommand) -> str:
    program = command.program
    if not _may_fetch_tls_url(command):
        return (
            f"`{word.value}` turns off TLS certificate verification for {program} wherever a "
            "redirect of its plain http:// URL leads to https://: anyone between the container "
            "and the server can answer instead. Fetch the https:// URL with verification on."
        )
    return (
        f"`{word.value}` turns off TLS certificate verification for {program}: anyone between "
        "the container and the server can answer instead. Install the CA certificate and keep "
        "verification on."
    )
