"""LD106 healthcheck-probes-other-host: a health check that probes another host. It tests a
dependency instead of the container, so one outage marks every consumer unhealthy."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintdock.facts.healthchecks import Site, sites
from lintdock.facts.needs import LOCAL_HOSTS, url_hosts
from lintdock.facts.startup_checks import PROBES, SET_UP_COMMANDS, probed_hosts
from lintdock.facts.workers import is_worker
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.shell import SimpleCommand, Word
from lintdock.rules.base import Context

REROUTING = ("resolve", "connect-to", "unix-socket", "abstract-unix-socket", "proxy", "socks5")
"""curl options that send the request somewhere other than the URL's host."""


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for site in sites(project):
        if site.service is not None and is_worker(site.service):
            continue  # no endpoint of its own: probing its broker is its check (as for LD103)
        for command in site.script.commands:
            found = _other_host(site, command)
            if found is not None:
                yield _finding(context, site, *found)


def _other_host(site: Site, command: SimpleCommand) -> tuple[str, Word] | None:
    """The first host the command probes that is not the container itself, with the word
    naming it."""
    if command.program in SET_UP_COMMANDS or _rerouted(command):
        return None
    for host in _probed(command):
        if _local(host, site):
            continue
        word = next((w for w in command.args if _names(w, host)), None)
        if word is not None:
            return host, word
    return None


def _probed(command: SimpleCommand) -> tuple[str, ...]:
    """The hosts a command probes: for a known client (curl's and wget's URLs, ``nc``'s host,
    ``pg_isready -h``, …) as LD301 reads them; for any other program, the URLs in its arguments
    and arguments that are a ``host:port`` (``wait-for-it redis:6379``), not text inside a
    script (``node -e``, ``python -c``) nor its ``-h``, which may mean anything."""
    if command.program in PROBES:
        return probed_hosts(command)
    return tuple(dict.fromkeys(host for word in command.args for host in url_hosts(word.value)))


def _names(word: Word, host: str) -> bool:
    """Whether the word names ``host`` other than as a variable (``$HOSTNAME:8080`` names no
    host ``hostname``)."""
    text = word.value.lower()
    return any(
        not text[: match.start()].endswith(("$", "${"))
        for match in re.finditer(re.escape(host), text)
    )


def _rerouted(command: SimpleCommand) -> bool:
    return command.program == "curl" and command.option("x", REROUTING) is not None


def _local(host: str, site: Site) -> bool:
    """The container itself, or a host that is not known (a variable: ``$HOSTNAME`` is the
    container, any other variable may be)."""
    return (
        host in LOCAL_HOSTS
        or host.startswith("127.")
        or "$" in host
        or "%" in host
        or host in site.own_names
    )


def _finding(context: Context, site: Site, host: str, word: Word) -> Diagnostic:
    message = (
        f'{site.where} probes "{host}", not this container: when "{host}" is down, every '
        "container with this check turns unhealthy although it works, and a restart cannot "
        "help. Probe the container itself (localhost) and check the dependency once at start-up"
    )
    return site.report(context, message, word.span)
