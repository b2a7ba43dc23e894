"""LD651 gem-unpinned: ``gem install`` names a gem without a version (``rails:7.1.3``, or
``-v``/``--version`` for the command, pins it; a local ``.gem`` file needs none)."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, PinCheck, PinOptions

Options = PinOptions
INSTRUCTIONS = RUNS
check_instruction = PinCheck(
    lambda c: c.family == "gem", "{name}:<version>, or -v <version>"
).findings
