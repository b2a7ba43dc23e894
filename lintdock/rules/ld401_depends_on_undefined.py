"""LD401 depends-on-undefined: a dependency on a service the project does not define, or one
that only exists under a profile the dependant does not share."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from lintdock.facts.service_graph import (
    entry_anchor,
    report,
    services_by_name,
    shares_profile,
    via,
)
from lintdock.model.compose import Dependency, Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    services = services_by_name(project)
    compose = project.compose
    if compose is None:
        return
    for service in project.services:
        for dependency in service.depends_on:
            if not dependency.required:
                continue
            target = services.get(dependency.service.value)
            if target is None:
                if compose.complete and not compose.supplies("service", dependency.service.value):
                    yield _finding(
                        context, service, dependency, _undefined(service, dependency, services)
                    )
            elif not shares_profile(service, target):
                yield _finding(
                    context, service, dependency, _profile_only(service, dependency, target)
                )


def _undefined(service: Service, dependency: Dependency, names: Iterable[str]) -> str:
    others = [name for name in names if name != service.name.value]  # never the dependant
    close = difflib.get_close_matches(dependency.service.value, others, n=1)
    hint = f'. Did you mean "{close[0]}"?' if close else ""
    return (
        f"{_compose_error(service, dependency)}{via(dependency)}: docker compose refuses to load "
        f"the project{hint}"
    )


def _profile_only(service: Service, dependency: Dependency, target: Service) -> str:
    profiles = _quoted(target.profiles)
    own = f"only has {_quoted(service.profiles)}" if service.profiles else "has no profile"
    return (
        f"{_compose_error(service, dependency)}{via(dependency)} unless profile {profiles} is "
        f'enabled: "{target.key}" exists only under it and "{service.key}" {own}, so docker '
        "compose refuses to load the project. Give both a common profile, or mark the "
        "dependency `required: false`"
    )


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def _compose_error(service: Service, dependency: Dependency) -> str:
    return f'service "{service.key}" depends on undefined service "{dependency.service.value}"'


def _finding(
    context: Context, service: Service, dependency: Dependency, message: str
) -> Diagnostic:
    return report(context, message, service, entry_anchor(dependency))
