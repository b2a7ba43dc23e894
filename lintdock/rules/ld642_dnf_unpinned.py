"""LD642 dnf-unpinned: ``dnf``, ``microdnf`` or ``tdnf install`` names a package without a
version (``nginx-1.24.0`` pins it; ``.rpm`` files, paths, ``@groups`` and module streams need
none)."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, PinCheck, PinOptions

DNF = frozenset({"dnf", "microdnf", "tdnf"})
Options = PinOptions
INSTRUCTIONS = RUNS
check_instruction = PinCheck(lambda c: c.manager in DNF, "{name}-<version>").findings
