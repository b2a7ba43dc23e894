"""LD643 zypper-without-yes: ``zypper install`` (``remove``, ``patch``, ``update``, …) without
a non-interactive switch (``-n``/``--non-interactive`` before the command, ``-y``/
``--no-confirm`` after it): zypper asks, reads no answer from the build and aborts."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, ConfirmCheck, words

INSTRUCTIONS = RUNS
check_instruction = ConfirmCheck(
    frozenset({"zypper"}),
    words("install in remove rm source-install si patch update up dist-upgrade dup"),
    "ny",
    ("non-interactive", "no-confirm"),
).findings
