"""LD652 go-unpinned: ``go install`` (or ``go get``) names a module without a version, or with
a moving one (``@latest``, ``@upgrade``, ``@patch``); local packages (``.``, ``./cmd/app``)
build what the checkout holds, and a ``go install`` that names one of them, or the main
module's ``tool`` or ``all``, runs in that module: its other packages take go.mod's versions."""

from __future__ import annotations

from lintdock.facts.package_runs import PackageRun
from lintdock.facts.packages import PackageCommand, needs_pin
from lintdock.rules.package_practice import RUNS, PinCheck, PinOptions


def _in_module(_run: PackageRun, command: PackageCommand) -> bool:
    """``go install tool golang.org/x/tools/cmd/stringer``: the versions come from go.mod."""
    if command.verb is None or command.verb.value != "install":
        return False
    return any(p.pin is None and not needs_pin(p.word.value, "go") for p in command.named)


Options = PinOptions
INSTRUCTIONS = RUNS
check_instruction = PinCheck(
    lambda c: c.family == "go", "{name}@<version>", versioned=_in_module
).findings
