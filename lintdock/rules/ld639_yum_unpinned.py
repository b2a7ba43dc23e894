"""LD639 yum-unpinned: ``yum install`` names a package without a version (``httpd-2.4.57``
pins it; ``.rpm`` files, paths, ``@groups`` and module streams such as ``nodejs:18`` need
none)."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, PinCheck, PinOptions

Options = PinOptions
INSTRUCTIONS = RUNS
check_instruction = PinCheck(lambda c: c.manager == "yum", "{name}-<version>").findings
