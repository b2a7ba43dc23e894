"""LD630 apt-unpinned: ``apt-get install`` names a package without a version.

A package is pinned by ``=version`` (``curl=8.5.*`` keeps security updates of one release),
named by a release (``curl/bookworm-backports``) or given as a local ``.deb``; one installed only
to be removed later in the same RUN (build dependencies) is reported only when the
``build-dependencies`` option asks (at info), and one named through a variable is judged by the
variable's value when the file gives it."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, PinCheck, PinOptions

Options = PinOptions
INSTRUCTIONS = RUNS
check_instruction = PinCheck(lambda c: c.family == "apt", "{name}=<version>").findings
