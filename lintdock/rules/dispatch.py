"""Running rules on a project: each rule's whole-project check, then one walk over the
Dockerfiles' instructions and one over the compose services, calling at each node the rules
registered for it (ruff's and hadolint's way: a hundred instruction rules are one walk, not a
hundred).

An implementation module registers for nodes with module-level declarations:

- ``INSTRUCTIONS``: instruction keywords (upper case, ``ONBUILD`` for the wrapper itself), and
  ``check_instruction(context, dockerfile, stage, instruction)``; ``stage`` is None for the
  ARGs before the first FROM;
- ``SERVICE_KEYS``: compose service keys, and ``check_service(context, service)``, called for
  each service that sets one of them (an empty tuple: every service).

A module may also (or instead) have ``check(context)``, which sees the whole project.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lintdock.model.compose import Service
    from lintdock.model.diagnostic import Diagnostic
    from lintdock.project import Project
    from lintdock.rules.base import Context, Rule

Call = Callable[[], "Iterable[Diagnostic]"]


@dataclass(frozen=True)
class Bound:
    """A rule ready to run on one project: its implementation and its context."""

    rule: Rule
    implementation: Any
    context: Context


def calls(project: Project, bound: Sequence[Bound]) -> Iterator[tuple[Rule, Call]]:
    """Every call that running ``bound`` on ``project`` takes, with the rule it is for."""
    for each in bound:
        check = getattr(each.implementation, "check", None)
        if check is not None:
            yield each.rule, partial(check, each.context)
    yield from _instruction_calls(project, bound)
    yield from _service_calls(project, bound)


def _instruction_calls(project: Project, bound: Sequence[Bound]) -> Iterator[tuple[Rule, Call]]:
    by_keyword: dict[str, list[tuple[Rule, Callable[..., Iterable[Diagnostic]], Context]]] = {}
    for each in bound:
        for keyword in getattr(each.implementation, "INSTRUCTIONS", ()):
            hook = each.implementation.check_instruction
            by_keyword.setdefault(keyword, []).append((each.rule, hook, each.context))
    if not by_keyword:
        return
    for dockerfile in project.dockerfiles:
        for instruction in dockerfile.preamble:
            for rule, hook, context in by_keyword.get(instruction.keyword, ()):
                yield rule, partial(hook, context, dockerfile, None, instruction)
        for stage in dockerfile.stages:
            for instruction in stage.instructions:
                for rule, hook, context in by_keyword.get(instruction.keyword, ()):
                    yield rule, partial(hook, context, dockerfile, stage, instruction)


def _service_calls(project: Project, bound: Sequence[Bound]) -> Iterator[tuple[Rule, Call]]:
    registered = [
        (each.rule, each.implementation.check_service, each.context, keys)
        for each in bound
        if (keys := getattr(each.implementation, "SERVICE_KEYS", None)) is not None
    ]
    for service in project.services if registered else ():
        for rule, hook, context, keys in registered:
            if not keys or any(_sets(service, key) for key in keys):
                yield rule, partial(hook, context, service)


def _sets(service: Service, key: str) -> bool:
    """Whether ``service`` sets ``key`` (a key the model does not hold counts as unset)."""
    return getattr(service, key, None) not in (None, ())
