"""LD816 shared-mount-propagation: a bind mount with ``shared`` or ``rshared`` propagation."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

SERVICE_KEYS = ()


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    for mount in service.mounts:
        propagation = mount.propagation
        if propagation is None or propagation.value.strip().lower() not in ("shared", "rshared"):
            continue
        message = (
            f"{propagation.value} propagation: mounts made inside the container appear on the "
            "host (and the other way round). Use the default (rprivate), or rslave if the "
            "container must only see the host's new mounts"
        )
        yield report(context, message, service, propagation)
