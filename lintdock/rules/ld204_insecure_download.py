"""LD204 insecure-download: TLS certificate verification turned off, ``curl -k``/``--insecure``
(also inside ``-fsSLk``) or ``wget --no-check-certificate``, in a RUN, a Dockerfile
CMD/ENTRYPOINT/HEALTHCHECK, or a compose ``command``/``entrypoint``/``healthcheck``; not for a
command that only fetches from the container itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lintdock.facts.instructions import triggered
from lintdock.facts.needs import LOCAL_HOSTS
from lintdock.facts.startup_checks import probed_hosts
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.shell import ShellScript, SimpleCommand, Word
from lintdock.rules.base import Context

if TYPE_CHECKING:
    from lintdock.model.compose import Healthcheck, Service, StartCommand


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        for instruction in map(triggered, dockerfile.instructions):
            if instruction.command is None:
                continue
            script = project.script(instruction.command)
            for word, program in _insecure_words(script):
                yield context.report(_message(word, program), dockerfile.path, word.span)
    for service in project.services:
        for source, path in _compose_sources(service):
            for word, program in _insecure_words(project.script(source)):
                message = _message(word, program)
                yield context.report(message, path, word.span, service=service.key)


def _compose_sources(service: Service) -> Iterator[tuple[StartCommand | Healthcheck, str]]:
    """The service's commands, with the file each is written in."""
    for start in (service.entrypoint, service.command):
        if start is not None:
            yield start, start.node.path
    healthcheck = service.healthcheck
    if healthcheck is not None and healthcheck.test is not None:
        yield healthcheck, healthcheck.test.path


def _insecure_words(script: ShellScript | None) -> Iterator[tuple[Word, str]]:
    """The option words that switch TLS verification off, with the program they belong to."""
    if script is None:
        return
    for command in script.commands:
        word = None
        if command.program == "curl":
            word = command.option("k", "insecure")
        elif command.program == "wget":
            word = command.option(long="no-check-certificate")
        if word is not None and not _loopback_only(command):
            yield word, command.program or ""


def _loopback_only(command: SimpleCommand) -> bool:
    """Every host the command fetches from is the container itself (``curl -k
    https://localhost/health``): nothing stands between them, and no public certificate
    names localhost."""
    hosts = probed_hosts(command)
    return bool(hosts) and all(host in LOCAL_HOSTS or host.startswith("127.") for host in hosts)


def _message(word: Word, program: str) -> str:
    return (
        f"`{word.value}` turns off TLS certificate verification for {program}: anyone between "
        "the container and the server can answer instead. Install the CA certificate and keep "
        "verification on."
    )
