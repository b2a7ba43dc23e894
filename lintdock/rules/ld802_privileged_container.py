"""LD802 privileged-container: ``privileged: true``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.facts.container_security import lowered, privileged, role_note
from lintdock.facts.host_agents import NESTED_RUNTIME_IMAGES, nested_runtime
from lintdock.facts.reporting import report
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules.base import Context, option

SERVICE_KEYS = ()


@dataclass(frozen=True)
class Options:
    """LD802's options (``[tool.lintdock.rules.LD802]``)."""

    nested_runtime_images: tuple[str, ...] = option(
        NESTED_RUNTIME_IMAGES,
        "Images that run containers inside themselves (Docker in Docker, Podman, BuildKit, "
        "Kubernetes in a container), which cannot run unprivileged: their `privileged` is "
        "information that says so. A name matches words in a row of the image's repository "
        "path, registry and tag left out (`docker:dind` is Docker's image with a `dind` tag); "
        "for a service built here, also the image its Dockerfile starts FROM.",
    )


def check_service(context: Context, service: Service) -> Iterator[Diagnostic]:
    setting = service.setting("privileged")
    if setting is None or not privileged(service):
        return
    project = context.project
    message = (
        f"privileged: true{role_note(project, service)} gives the container every "
        "capability and every host device, without seccomp or AppArmor: root in it is root on "
        "the host. "
    )
    runtime = nested_runtime(project, service, context.options.nested_runtime_images)
    if runtime is not None:
        message += (
            f"Running containers inside it is the job of its image ({runtime}), which needs "
            "it: keep the service's API private, or run it with a runtime made for nested "
            "containers (Sysbox)"
        )
        yield report(context, message, service, setting.value, severity=Severity.INFO)
        return
    message += "Grant the one capability or device it needs (cap_add, devices) instead"
    severity = lowered(Severity.ERROR, project, service)
    yield report(context, message, service, setting.value, severity=severity)
