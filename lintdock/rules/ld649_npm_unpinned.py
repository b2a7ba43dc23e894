"""LD649 npm-unpinned: ``npm install`` names a package without a version (``express@4.19.2``
or a range pins it; ``@latest`` does not). ``npm install`` and ``npm ci`` without names install
what package.json and the lock file say; folders, tarballs and git URLs with ``#ref`` are
pinned."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, PinCheck, PinOptions

Options = PinOptions
INSTRUCTIONS = RUNS
check_instruction = PinCheck(lambda c: c.manager == "npm", "{name}@<version>").findings
