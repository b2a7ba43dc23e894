"""LD821 logging-disabled: ``logging.driver: none``."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.container_security import nested_value
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

SERVICE_KEYS = ()


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    setting = service.setting("logging")
    if setting is None or not isinstance(setting.value.value, dict):
        return
    driver = setting.value.value.get("driver")
    if not isinstance(driver, str) or driver.strip().lower() != "none":
        return
    where = nested_value(context.project, service, setting, "driver") or setting.value
    message = (
        "logging driver none throws the service's output away: there is nothing to read after "
        "an incident or a crash. Keep the default driver, with max-size and max-file options "
        "if disk space is the concern"
    )
    yield report(context, message, service, where)
