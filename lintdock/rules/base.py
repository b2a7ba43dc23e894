"""What a rule is: an entry of the rule index (metadata, read without importing the rule) and
an implementation module, imported only when the rule runs.

An implementation module has ``check(context)``, a pure function that yields the rule's
diagnostics, each made by ``context.report`` so that it carries the rule's own code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from lintdock.model.diagnostic import Diagnostic, Fix, Severity

if TYPE_CHECKING:
    from lintdock.model.span import Span
    from lintdock.project import Project

Options = Mapping[str, object]
Check = Callable[["Context"], Iterable[Diagnostic]]

DOCKERFILE, COMPOSE, PROJECT = "dockerfile", "compose", "project"
VIEWS = (DOCKERFILE, COMPOSE, PROJECT)
"""What a rule reads: a Dockerfile, a compose file, or a compose service together with the
Dockerfile it builds (the project view)."""

FAMILIES = {
    "LD0": "input",
    "LD1": "healthcheck",
    "LD2": "image-contents",
    "LD3": "startup-dependency",
    "LD4": "depends-on",
    "LD5": "restart-policy",
    "LD6": "dockerfile-practice",
    "LD7": "compose-practice",
    "LD8": "container-security",
    "LD9": "meta",
}

RULES_PACKAGE = "lintdock.rules"


class Implementation(Protocol):
    """What an implementation module (or a test's stand-in) provides."""

    def check(self, context: Context) -> Iterable[Diagnostic]: ...


@dataclass(frozen=True)
class Rule:
    """A lint rule, as the index describes it.

    ``implementation`` names the module of ``lintdock.rules`` that implements it (or is the
    implementation itself, in tests). ``views`` are what it reads; the engine runs it on a
    project only when the project has one of them. ``equivalents`` are the same check in other
    tools (``hadolint:DL3057``). ``defers_to`` are the rules that own a case this rule would
    otherwise also report (declared, so that the page and the index say it, not a comment).
    ``options`` maps each option name to its default; a configured value must have the
    default's type.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    implementation: str | Implementation
    views: tuple[str, ...] = (DOCKERFILE,)
    equivalents: tuple[str, ...] = ()
    fixable: bool = False
    enabled_by_default: bool = True
    defers_to: tuple[str, ...] = ()
    has_options: bool = False

    @property
    def family(self) -> str:
        return FAMILIES[self.code[:3]]

    @property
    def module(self) -> str | None:
        """The dotted name of the implementation module, None for a stand-in."""
        if isinstance(self.implementation, str):
            return f"{RULES_PACKAGE}.{self.implementation}"
        return None

    def load(self) -> Implementation | ModuleType:
        """The implementation (its module is imported on first use)."""
        module = self.module
        return self.implementation if module is None else importlib.import_module(module)  # type: ignore[return-value]

    @property
    def options(self) -> Options:
        """Each option's default (the implementation's ``OPTIONS``); empty when it has none."""
        if not self.has_options:
            return {}
        defaults: Options = getattr(self.load(), "OPTIONS", {})
        return defaults

    def check(self, project: Project, options: Options) -> list[Diagnostic]:
        """Run the rule on ``project``: its diagnostics, every one of them of this rule."""
        return list(self.load().check(Context(self, project, options)))


@dataclass(frozen=True)
class Context:
    """What a rule's ``check`` receives: the project, the rule's resolved options, and a way to
    report that can only make diagnostics of this rule."""

    rule: Rule
    project: Project
    options: Options

    @property
    def code(self) -> str:
        return self.rule.code

    def report(
        self,
        message: str,
        path: str,
        span: Span,
        severity: Severity | None = None,
        service: str | None = None,
        fix: Fix | None = None,
    ) -> Diagnostic:
        """A diagnostic of this rule (``severity`` None: the rule's default)."""
        return Diagnostic(self.rule.code, message, path, span, severity, service, fix)
