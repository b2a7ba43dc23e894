"""LD644 zypper-dist-upgrade: ``zypper dist-upgrade`` (``dup``) in a RUN. It upgrades the whole
distribution, possibly to another release, under a base image that names one: the image no
longer is what its FROM says, and builds stop being repeatable. Update the base image instead,
or ``zypper update``/``patch`` the packages that need it."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.package_runs import PackageRun
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context
from lintdock.rules.package_practice import RUNS, RunCheck, command_span, words

_DIST_UPGRADE = words("dist-upgrade dup")


class _DistUpgradeCheck(RunCheck):
    def run_findings(self, context: Context, path: str, run: PackageRun) -> Iterator[Diagnostic]:
        for command in run.commands:
            verb = command.verb.value if command.verb is not None else None
            if command.family == "zypper" and verb in _DIST_UPGRADE:
                message = (
                    f"zypper {verb} upgrades the whole distribution under the base image: "
                    "update the base image instead, or zypper update the packages that need it"
                )
                yield context.report(message, path, command_span(command))


INSTRUCTIONS = RUNS
check_instruction = _DistUpgradeCheck().findings
