"""LD647 pip-unpinned: ``pip install`` names a package without a version (``flask==3.0.3``,
a range, ``pkg @ url`` or a VCS URL with ``@ref`` pins it). Requirements and constraints files
(``-r``, ``-c``), local projects and wheels (``.``, ``./pkg``, ``dist/app.whl``), editable
installs and ``--no-index`` installs from a local wheel folder name no package to pin."""

from __future__ import annotations

from lintdock.facts.packages import PackageCommand
from lintdock.rules.package_practice import RUNS, PinCheck, PinOptions


def _from_the_index(command: PackageCommand) -> bool:
    return command.family == "pip" and not command.has_option(long="no-index")


Options = PinOptions
INSTRUCTIONS = RUNS
check_instruction = PinCheck(_from_the_index, "{name}==<version>, or a requirements file").findings
