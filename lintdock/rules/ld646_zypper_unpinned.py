"""LD646 zypper-unpinned: ``zypper install`` names a package without a version (``curl=8.6``,
``'curl>=8'`` or ``curl-8.6`` pin it; ``.rpm`` files and paths need none)."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, PinCheck, PinOptions

Options = PinOptions
INSTRUCTIONS = RUNS
check_instruction = PinCheck(lambda c: c.family == "zypper", "{name}=<version>").findings
