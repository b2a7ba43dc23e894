"""LD635 apk-unpinned: ``apk add`` names a package without a version (``curl=8.5.0-r0``,
``curl~8.5`` or ``curl>8`` pin it; a local ``.apk`` file is pinned). Packages of a ``--virtual``
group deleted later in the same RUN, and packages named through variables whose values the file
does not give, are left alone."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, PinCheck, PinOptions

Options = PinOptions
INSTRUCTIONS = RUNS
check_instruction = PinCheck(
    lambda c: c.family == "apk", "{name}=<version> or {name}~<major.minor>"
).findings
