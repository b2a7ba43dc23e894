"""LD636 apk-cache-kept: ``apk add`` without ``--no-cache`` in an image that ships: apk keeps
the package index it fetched in ``/var/cache/apk``. Deleting ``/var/cache/apk`` later in the
same RUN, or a cache or tmpfs mount of it, keeps it out of the image as well; ``--no-network``
fetches no index, so there is none to keep."""

from __future__ import annotations

from lintdock.facts.package_runs import PackageRun
from lintdock.facts.packages import PackageCommand
from lintdock.rules.package_practice import RUNS, OptionCheck, words

_CACHE = ("/var/cache/apk", "/etc/apk/cache")


def _kept_out(run: PackageRun, command: PackageCommand) -> bool:
    if command.has_option(long="no-network"):
        return True
    cleaned = any(
        later.family == "apk" and later.verb is not None and later.verb.value == "cache"
        for later in run.later(command)
    )
    return cleaned or run.mounts(_CACHE) or run.deletes(command, _CACHE)


INSTRUCTIONS = RUNS
check_instruction = OptionCheck(
    lambda c: c.family == "apk",
    words("add"),
    "no-cache",
    "keeps the package index in /var/cache/apk",
    excused=_kept_out,
).findings
