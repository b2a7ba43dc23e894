"""LD634 apt-instead-of-apt-get: ``apt`` in a RUN. apt is the command line for people at a
terminal: its output and behaviour may change between releases, and it warns that it "does not
have a stable CLI interface" when run from a script. ``apt-get`` and ``apt-cache`` are the
stable interfaces. The fix writes ``apt-get`` for the verbs both run alike."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.package_runs import PackageRun
from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.rules.base import Context
from lintdock.rules.package_practice import RUNS, RunCheck, command_span, words

_SAME_IN_APT_GET = words("install update remove purge autoremove clean dist-upgrade")
"""Verbs apt-get runs as apt does (``apt upgrade`` also installs new dependencies,
``apt-get upgrade`` does not; ``apt list`` and ``apt search`` are apt-cache's)."""


class _AptCheck(RunCheck):
    def run_findings(self, context: Context, path: str, run: PackageRun) -> Iterator[Diagnostic]:
        for command in run.commands:
            program = command.command.argv[0]
            if command.manager != "apt":
                continue
            message = (
                "apt is meant for terminals (its command line is not stable for scripts): use "
                "apt-get, or apt-cache to query"
            )
            fix = None
            verb = command.verb.value if command.verb is not None else None
            if verb in _SAME_IN_APT_GET and program.raw == program.value == "apt":
                fix = Fix("write apt-get", (Edit(program.span, "apt-get"),))
            yield context.report(message, path, command_span(command), fix=fix)


INSTRUCTIONS = RUNS
check_instruction = _AptCheck().findings
