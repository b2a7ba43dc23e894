"""What a rule is: metadata plus a pure check function of a Project and the rule's options."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lintdock.model.diagnostic import Diagnostic, Severity

if TYPE_CHECKING:
    from lintdock.project import Project

Options = Mapping[str, object]
Check = Callable[["Project", Options], Iterable[Diagnostic]]

FAMILIES = {
    "LD0": "input",
    "LD1": "healthcheck",
    "LD2": "image-contents",
    "LD3": "startup-dependency",
    "LD4": "depends-on",
    "LD5": "restart-policy",
    "LD9": "meta",
}


@dataclass(frozen=True)
class Rule:
    """A lint rule.

    ``check`` receives the whole project of one run unit (a compose project with the Dockerfiles
    its services build, or a lone Dockerfile) and the rule's resolved options, and yields
    diagnostics whose ``code`` is this rule's. ``options`` maps each option name to its default;
    a configured value must have the default's type.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    check: Check
    options: Mapping[str, object] = field(default_factory=dict)
    fixable: bool = False
    enabled_by_default: bool = True

    @property
    def family(self) -> str:
        return FAMILIES[self.code[:3]]
