"""LD637 yum-without-yes: ``yum install`` (``remove``, ``update``, …) without ``-y``
(``--assumeyes``): yum asks "Is this ok [y/N]", reads no answer from the build and aborts."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, ConfirmCheck, words

INSTRUCTIONS = RUNS
check_instruction = ConfirmCheck(
    frozenset({"yum"}),
    words("install groupinstall localinstall reinstall remove erase update upgrade downgrade"),
    "y",
    ("assumeyes",),
).findings
