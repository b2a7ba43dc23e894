"""LD809 security-profile-disabled: ``security_opt`` turns off seccomp, AppArmor or SELinux."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import SecurityOption, privileged, security_options
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

SERVICE_KEYS = ()

DISABLED = {
    ("seccomp", "unconfined"): "seccomp's system call filter",
    ("apparmor", "unconfined"): "AppArmor's confinement",
    ("label", "disable"): "SELinux labelling",
    ("systempaths", "unconfined"): "the masking of /proc and /sys paths",
}


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    if privileged(service):
        return  # LD802's finding: privileged runs without seccomp or AppArmor already
    options = security_options(service)
    for option in options:
        what = DISABLED.get((option.name, option.value))
        if what is None or _overridden(option, options):
            continue
        message = (
            f"security_opt {option.name}:{option.value} turns off {what}, one of the layers "
            "that stops a compromised process from reaching the kernel or the host. Write a "
            "profile that allows what the service needs instead"
        )
        yield report(context, message, service, option.where)


def _overridden(option: SecurityOption, options: tuple[SecurityOption, ...]) -> bool:
    """Whether a later entry for the same profile replaces this one (Docker keeps the last
    seccomp and apparmor entry; every label entry applies)."""
    if option.name == "label":
        return False
    later = options[options.index(option) + 1 :]
    return any(other.name == option.name for other in later)
