"""LD640 dnf-without-yes: ``dnf``, ``microdnf`` or ``tdnf install`` (``remove``, ``upgrade``,
…) without ``-y`` (``--assumeyes``): the manager asks "Is this ok [y/N]", reads no answer from
the build and aborts."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, ConfirmCheck, words

INSTRUCTIONS = RUNS
check_instruction = ConfirmCheck(
    frozenset({"dnf", "microdnf", "tdnf"}),
    words(
        "install in groupinstall localinstall reinstall remove erase update upgrade downgrade "
        "autoremove"
    ),
    "y",
    ("assumeyes",),
).findings
