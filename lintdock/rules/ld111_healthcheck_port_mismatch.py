"""LD111 healthcheck-port-mismatch: the health check probes localhost on a port the image does
not EXPOSE while it exposes others (``EXPOSE 8080`` but ``curl --fail http://localhost/health``
probes port 80): a forgotten ``:8080``. A port written out is deliberate (an internal status
port, ``127.0.0.1:10204``), and is not reported. Only for an image built here from an operating
system or language runtime: another image (pulled, or a server image built upon) may listen on
ports nothing here lists."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lintdock.facts.healthchecks import Site, sites
from lintdock.facts.images import UNKNOWN, WINDOWS, base_family
from lintdock.facts.needs import LOCAL_HOSTS
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.model.shell import SimpleCommand, Word
from lintdock.project import Project
from lintdock.rules.base import Context

if TYPE_CHECKING:
    from lintdock.model.compose import Located

DEFAULT_PORTS = {"http": 80, "https": 443, "": 80}
HOSTNAME_VARIABLES = frozenset({"$hostname", "${hostname}"})
_URL = re.compile(
    r"(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://)?(?:[^@/?#]*@)?"
    r"(?P<host>\[[^\]]*\]|[^/:?#]+)(?::(?P<port>[^/?#]*))?"
)
_PORTS = re.compile(r"(?P<low>\d+)(?:-(?P<high>\d+))?")

Ports = frozenset[int]


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for site in sites(project):
        exposed = _exposed(project, site)
        if not exposed:
            continue
        for command in site.script.commands:
            for probe in _local_probes(site, command):
                if probe.implied and probe.port not in exposed:
                    yield _finding(context, site, probe, exposed)


@dataclass(frozen=True)
class Probe:
    """A URL that targets the container itself: its word and port (``implied``: the scheme's
    default, not written)."""

    word: Word
    port: int
    implied: bool


def _local_probes(site: Site, command: SimpleCommand) -> Iterator[Probe]:
    """The URLs of a curl or wget run that target the container itself."""
    if command.program not in ("curl", "wget"):
        return
    urls = list(command.positionals())
    flagged = command.option_value(long="url") if command.program == "curl" else None
    if flagged is not None:
        urls.append(flagged)
    for word in urls:
        match = _URL.match(word.value)
        if match is None:
            continue
        host = match.group("host").lower()
        local = host in LOCAL_HOSTS or host.startswith("127.") or host in HOSTNAME_VARIABLES
        written = match.group("port")
        port = _port(match.group("scheme") or "", written)
        if (local or host in site.own_names) and port is not None:
            yield Probe(word, port, written is None)


def _port(scheme: str, written: str | None) -> int | None:
    if written is None:
        return DEFAULT_PORTS.get(scheme.lower())
    return int(written) if written.isdecimal() else None


def _exposed(project: Project, site: Site) -> Ports | None:
    """The ports the container is known to listen on; None when unknown: a variable, a pulled
    image (compose ``ports`` publish some of its ports, not all it listens on), or an image built
    from one that may serve ports of its own (``FROM zookeeper``: its admin server on 8080)."""
    images = site.images or ((site.stage,) if site.stage is not None else ())
    if not images or not all(_serves_nothing_itself(*image) for image in images):
        return None
    ports: set[int] = set()
    for dockerfile, stage in images:
        found = _stage_ports(dockerfile, stage)
        if found is None:
            return None
        ports |= found
    if site.service is not None:
        found = _compose_ports([*site.service.expose, *site.service.ports])
        if found is None:
            return None
        ports |= found
    return frozenset(ports)


def _serves_nothing_itself(dockerfile: Dockerfile, stage: Stage) -> bool:
    """Whether the image is built from an operating system or language runtime image (Debian,
    Alpine, ``python``, ``node``, distroless, scratch...), which listens on no port of its own."""
    return base_family(dockerfile, stage) not in (UNKNOWN, WINDOWS)


def _stage_ports(dockerfile: Dockerfile, stage: Stage) -> Ports | None:
    ports: set[int] = set()
    for ancestor in dockerfile.lineage(stage):
        for instruction in ancestor.all("EXPOSE"):
            found = _parse_ports(w.value.partition("/")[0] for w in instruction.words)
            if found is None:
                return None
            ports |= found
    return frozenset(ports)


def _compose_ports(entries: Iterable[Located[object]]) -> Ports | None:
    """Container ports of compose ``expose`` and ``ports`` entries (short and long syntax)."""
    texts = []
    for entry in entries:
        value = entry.value
        if isinstance(value, dict):
            value = value.get("target")
        texts.append(str(value).partition("/")[0].rpartition(":")[2])
    return _parse_ports(texts)


def _parse_ports(texts: Iterable[str]) -> Ports | None:
    ports: set[int] = set()
    for text in texts:
        match = _PORTS.fullmatch(text.strip())
        if match is None:
            return None
        low = int(match.group("low"))
        high = int(match.group("high") or low)
        ports.update(range(low, min(high, low + 1000) + 1))
    return frozenset(ports)


def _finding(context: Context, site: Site, probe: Probe, exposed: Ports) -> Diagnostic:
    listed = ", ".join(str(p) for p in sorted(exposed)[:5])
    default = " (the URL's default port)" if probe.implied else ""
    message = (
        f"{site.where} probes port {probe.port}{default} on the container itself, but the image "
        f"exposes {listed}: the check may be testing a port nothing listens on. Probe the "
        "port the app serves"
    )
    return site.report(context, message, probe.word.span)
