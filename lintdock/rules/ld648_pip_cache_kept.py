"""LD648 pip-cache-kept: ``pip install`` without ``--no-cache-dir`` in an image that ships: pip
keeps a copy of every download and built wheel in ``~/.cache/pip``. Also kept out: the cache
turned off by ``PIP_NO_CACHE_DIR`` (an ENV or ARG of the stage, an assignment in the RUN; pip
reads any boolean there, even ``0``, as "no cache"), a cache or tmpfs mount of the cache
directory (``PIP_CACHE_DIR`` when the file sets it), its deletion or ``pip cache purge`` later
in the same RUN, and ``--no-index`` installs (or any in a ``RUN --network=none``) of local
archives, which download nothing. pipx and pipenv are other programs."""

from __future__ import annotations

from lintdock.facts.package_runs import PackageRun
from lintdock.facts.packages import PackageCommand, disables_pip_cache
from lintdock.rules.package_practice import RUNS, OptionCheck, offline, words

_SWITCH = "PIP_NO_CACHE_DIR"


def _kept_out(run: PackageRun, command: PackageCommand) -> bool:
    if command.has_option(long="no-index") or offline(run):
        return True  # only local archives: nothing is downloaded, nothing cached
    values = run.variables(command)
    own = tuple(word.value for word in command.command.assignments)
    for assignment in own + _exported(run, command):
        name, _, value = assignment.partition("=")
        values[name] = value
    if _SWITCH in values and disables_pip_cache(values[_SWITCH]):
        return True
    directories = (".cache/pip", values.get("PIP_CACHE_DIR") or ".cache/pip")
    purged = any(
        later.family == "pip" and later.verb is not None and later.verb.value == "cache"
        for later in run.later(command)
    )
    return purged or run.mounts(directories) or run.deletes(command, directories)


def _exported(run: PackageRun, command: PackageCommand) -> tuple[str, ...]:
    """``export PIP_NO_CACHE_DIR=1`` earlier in the RUN."""
    return tuple(
        word.value
        for earlier in run.script.before(command.command)
        if earlier.program == "export"
        for word in earlier.args
    )


INSTRUCTIONS = RUNS
check_instruction = OptionCheck(
    lambda c: c.family == "pip",
    words("install"),
    "no-cache-dir",
    "keeps every download in pip's cache (~/.cache/pip)",
    excused=_kept_out,
).findings
