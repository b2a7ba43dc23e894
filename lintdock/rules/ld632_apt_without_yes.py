"""LD632 apt-without-yes: ``apt-get install`` (``remove``, ``purge``, ``upgrade``, …) without
``-y``: when it needs to confirm (extra packages, removals), it asks, reads no answer from the
build and aborts. ``-y``, ``--yes``, ``--assume-yes``, ``-qq`` (which implies it),
``-o APT::Get::Assume-Yes=true`` and ``yes |`` all answer; a simulation (``-s``,
``--simulate``, ``--dry-run``, ``--just-print``) asks nothing, nor does ``apt-get -f install``
after ``dpkg -i … &&``, which finds nothing broken."""

from __future__ import annotations

from lintdock.facts.package_runs import PackageRun
from lintdock.facts.packages import PackageCommand
from lintdock.rules.package_practice import RUNS, ConfirmCheck, words

_ASSUME_YES = ("apt::get::assume-yes=true", "apt::get::assume-yes=1", "apt::get::assume-yes=yes")


def _answered(run: PackageRun, command: PackageCommand) -> bool:
    """``-qq`` / ``-q -q`` / ``-q=2`` (quiet level 2 implies -y), or the option set with -o;
    or nothing to ask (``_nothing_to_fix``)."""
    quiet = sum(o.name in ("q", "quiet") for o in command.options)
    levels = {o.word.value for o in command.options if o.name in ("q", "quiet")}
    configured = {o.value.value.lower() for o in command.options if o.name == "o" and o.value}
    answered = quiet >= 2 or bool(levels & {"-q=2", "--quiet=2"})
    return answered or bool(configured & set(_ASSUME_YES)) or _nothing_to_fix(run, command)


def _nothing_to_fix(run: PackageRun, command: PackageCommand) -> bool:
    """``dpkg -i app.deb && apt-get -f install``: the fix-broken install runs only when dpkg
    succeeded, so no dependency is missing and it has nothing to confirm. (After ``||`` it runs
    because dpkg failed, and it asks.)"""
    fixing = command.has_option("f", ("fix-broken",)) and not command.packages
    earlier = run.script.before(command.command)
    previous = earlier[-1] if earlier else None
    return (
        fixing
        and previous is not None
        and previous.program == "dpkg"
        and previous.operator == "&&"
        and any(w.value in ("-i", "--install") for w in previous.args)
    )


INSTRUCTIONS = RUNS
check_instruction = ConfirmCheck(
    frozenset({"apt-get", "apt", "aptitude"}),
    words("install reinstall remove purge autoremove upgrade dist-upgrade full-upgrade build-dep"),
    "y",
    ("yes", "assume-yes"),
    accepted=_answered,
).findings
