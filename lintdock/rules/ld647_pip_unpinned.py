"""LD647 pip-unpinned: ``pip install`` names a package without a version (``flask==3.0.3``,
a range, ``pkg @ url`` or a VCS URL with ``@ref`` pins it). Requirements and constraints files
(``-r``, ``-c``), local projects and wheels (``.``, ``./pkg``, ``dist/app.whl``), editable
installs and ``--no-index`` installs from a local wheel folder name no package to pin, nor does
a ``RUN --network=none``: no index is reachable, so the version is that of the local archive
``--find-links`` offers."""

from __future__ import annotations

from lintdock.facts.package_runs import PackageRun
from lintdock.facts.packages import PackageCommand
from lintdock.rules.package_practice import RUNS, PinCheck, PinOptions, offline


def _from_the_index(command: PackageCommand) -> bool:
    return command.family == "pip" and not command.has_option(long="no-index")


Options = PinOptions
INSTRUCTIONS = RUNS


def _offline(run: PackageRun, _command: PackageCommand) -> bool:
    return offline(run)


check_instruction = PinCheck(
    _from_the_index, "{name}==<version>, or a requirements file", versioned=_offline
).findings
