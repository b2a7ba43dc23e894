"""LD652 go-unpinned: ``go install`` (or ``go get``) names a module without a version, or with
a moving one (``@latest``, ``@upgrade``, ``@patch``); local packages (``.``, ``./cmd/app``)
build what the checkout holds, and a ``go install`` that names one of them, or the main
module's ``tool`` or ``all``, runs in that module: its other packages take go.mod's versions.

The advice fits the command: ``go get`` has not installed commands since Go 1.18 (``go install
pkg@version`` does), and in GOPATH mode (``GO111MODULE=off``) there are no versions at all."""

from __future__ import annotations

from dataclasses import dataclass

from lintdock.facts.package_runs import PackageRun
from lintdock.facts.packages import PackageCommand, needs_pin
from lintdock.facts.run_scripts import posix_script
from lintdock.rules.package_practice import RUNS, PinCheck, PinOptions


def _in_module(_run: PackageRun, command: PackageCommand) -> bool:
    """``go install tool golang.org/x/tools/cmd/stringer``: the versions come from go.mod."""
    if command.verb is None or command.verb.value != "install":
        return False
    return any(p.pin is None and not needs_pin(p.word.value, "go") for p in command.named)


def _versioned(run: PackageRun, command: PackageCommand) -> bool:
    return _in_module(run, command) or _fetched_then_checked_out(run, command)


def _fetched_then_checked_out(run: PackageRun, command: PackageCommand) -> bool:
    """``go get …/clair || true``, then ``git checkout "${CLAIR_VERSION}"`` in a later RUN of
    the stage (jessfraz's clair, GOPATH era): the go get only fetches the source (its failure
    is ignored), and the checkout pins what is built."""
    if command.verb is None or command.verb.value != "get" or command.command.operator != "||":
        return False
    after = run.script.next(command.command)
    if after is None or after.program != "true" or run.stage is None:
        return False
    instructions = run.stage.instructions
    at = next((i for i, each in enumerate(instructions) if each is run.instruction), None)
    for instruction in instructions[at:] if at is not None else ():
        script = posix_script(run.project, run.dockerfile, run.stage, instruction)
        for git in script.runs("git") if script is not None else ():
            if "checkout" in (word.value for word in git.args):
                return True
    return False


def _gopath_mode(run: PackageRun, command: PackageCommand) -> bool:
    """Whether the command runs with ``GO111MODULE=off``: from an ENV, an ARG or an assignment
    of the RUN, on the command itself included."""
    own = dict(w.value.partition("=")[::2] for w in command.command.assignments)
    value = own.get("GO111MODULE", run.variables(command).get("GO111MODULE"))
    return value is not None and value.strip("'\"").lower() == "off"


@dataclass(frozen=True)
class GoPinCheck(PinCheck):
    """LD652's check, whose example says how Go pins in the mode the command runs in."""

    def example(self, run: PackageRun, command: PackageCommand, name: str) -> str:
        if _gopath_mode(run, command):
            return (
                "GO111MODULE=off is GOPATH mode, which fetches the default branch and knows no "
                f"versions: check out a tag of the repository, or go install {name}@<version> "
                "in module mode"
            )
        if command.verb is not None and command.verb.value == "get":
            return f"go install {name}@<version>: since Go 1.18 go get no longer installs"
        return super().example(run, command, name)


Options = PinOptions
INSTRUCTIONS = RUNS
check_instruction = GoPinCheck(
    lambda c: c.family == "go", "{name}@<version>", versioned=_versioned
).findings
