"""LD640 dnf-without-yes: ``dnf``, ``microdnf`` or ``tdnf install`` (``remove``, ``upgrade``,
…) without ``-y`` (``--assumeyes``): the manager asks "Is this ok [y/N]", reads no answer from
the build and aborts. Oracle Linux's slim images build their microdnf to assume yes."""

from __future__ import annotations

from lintdock.facts.images import external_base, parse_reference
from lintdock.facts.package_runs import PackageRun
from lintdock.facts.packages import PackageCommand
from lintdock.rules.package_practice import RUNS, ConfirmCheck, words

INSTRUCTIONS = RUNS


def _assumes_yes(run: PackageRun, command: PackageCommand) -> bool:
    """microdnf on Oracle Linux's slim images (``oraclelinux:9-slim``), where "-y is implied"
    (Oracle's documentation; docker-library's OpenJDK images build without it)."""
    if command.manager != "microdnf" or run.stage is None:
        return False
    reference = parse_reference(external_base(run.dockerfile, run.stage).base_image.lower())
    return reference.path.endswith("oraclelinux") and "slim" in (reference.tag or "")


check_instruction = ConfirmCheck(
    frozenset({"dnf", "microdnf", "tdnf"}),
    words(
        "install in groupinstall localinstall reinstall remove erase update upgrade downgrade "
        "autoremove"
    ),
    "y",
    ("assumeyes",),
    accepted=_assumes_yes,
).findings
