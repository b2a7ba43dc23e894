"""LD822 resource-limits-missing: no memory limit, or no CPU limit."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from lintdock.facts.container_security import hardening_expected
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

SERVICE_KEYS = ()


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    if not hardening_expected(context.project, service):
        return  # a test, development, example or archive file: hardening protects nothing
    limits = _deploy_limits(service)
    memory = _set(service, "mem_limit") or _given(limits.get("memory"))
    cpu = _set(service, "cpus") or _set(service, "cpu_quota") or _given(limits.get("cpus"))
    if memory and cpu:
        return
    missing = "CPU limit" if memory else "memory limit" if cpu else "memory or CPU limit"
    message = (
        f'"{service.key}" has no {missing}: Docker sets none, so one runaway container can '
        "starve the host. Set deploy.resources.limits (memory, cpus)"
    )
    yield report(context, message, service)


def _deploy_limits(service: Service) -> Mapping[str, object]:
    deploy = service.setting("deploy")
    value = deploy.value.value if deploy is not None else None
    resources = value.get("resources") if isinstance(value, dict) else None
    limits = resources.get("limits") if isinstance(resources, dict) else None
    return limits if isinstance(limits, dict) else {}


def _set(service: Service, key: str) -> bool:
    setting = service.setting(key)
    return setting is not None and _given(setting.value.value)


def _given(value: object) -> bool:
    return value not in (None, "", 0, "0")
