"""What a rule is: an entry of the rule index (metadata, read without importing the rule) and
an implementation module, imported only when the rule runs.

An implementation module has ``check(context)`` and/or node hooks (``lintdock.rules.dispatch``):
pure functions that yield the rule's diagnostics, each made by ``context.report`` so that it
carries the rule's own code. A rule with options declares them once, as a frozen dataclass
``Options`` whose fields are made by ``option()``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

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
    "SC": "shellcheck",
}
"""Families by code prefix. ``SC`` is ShellCheck's: one rule whose findings keep ShellCheck's own
codes (``SC2086``), see ``Rule.subcode_digits``."""

RULES_PACKAGE = "lintdock.rules"


Implementation = Any
"""An implementation module (or a test's stand-in): ``check`` and/or node hooks (see
``lintdock.rules.dispatch``)."""


@dataclass(frozen=True)
class Rule:
    """A lint rule, as the index describes it.

    ``implementation`` names the module of ``lintdock.rules`` that implements it (or is the
    implementation itself, in tests). ``views`` are what it reads; the engine runs it on a
    project only when the project has one of them. ``equivalents`` are the same check in other
    tools (``hadolint:DL3057``). ``defers_to`` are the rules that own a case this rule would
    otherwise also report (declared, so that the page and the index say it, not a comment).
    ``unanimous``: a finding about a file that several projects lint (a Dockerfile built by
    more than one compose project) is reported only when every one of them finds it, for a rule
    whose finding says that nothing in the repository needs a thing. ``has_options``: the
    implementation declares ``Options``; ``options`` are their defaults by
    config name, and a configured value must have the default's type. ``security_severity``
    (0.1 to 10, as CVSS scores) marks a security rule: GitHub code scanning files its findings
    as security alerts, graded by it.
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
    unanimous: bool = False
    has_options: bool = False
    security_severity: float | None = None  # CVSS-like 0.1-10 for a security finding
    # A rule that reports codes of another program under its own prefix: the digits they have
    # (ShellCheck's rule ``SC`` reports ``SC2086``: 4). 0: it reports its own code only.
    subcode_digits: int = 0

    @property
    def family(self) -> str:
        return FAMILIES[self.code[:3]]

    def owns(self, code: str) -> bool:
        """Whether a diagnostic of ``code`` is this rule's: its code, or one of its subcodes."""
        return code == self.code or self.names_subcodes(code, exact=True)

    def names_subcodes(self, selector: str, exact: bool = False) -> bool:
        """Whether ``selector`` is one of this rule's subcodes (``SC2086``), or with ``exact``
        False also a prefix of some (``SC2``, ``SC``)."""
        if not self.subcode_digits or not selector.upper().startswith(self.code):
            return False
        digits = selector[len(self.code) :]
        if digits and not digits.isdigit():
            return False
        shorter = not exact and len(digits) < self.subcode_digits
        return len(digits) == self.subcode_digits or shorter

    @property
    def module(self) -> str | None:
        """The dotted name of the implementation module, None for a stand-in."""
        if isinstance(self.implementation, str):
            return f"{RULES_PACKAGE}.{self.implementation}"
        return None

    def load(self) -> Implementation:
        """The implementation (its module is imported on first use)."""
        module = self.module
        return self.implementation if module is None else importlib.import_module(module)

    @property
    def options_type(self) -> type | None:
        """The implementation's ``Options`` dataclass, None when the rule has no options."""
        return getattr(self.load(), "Options", None) if self.has_options else None

    @property
    def options(self) -> Options:
        """Each option's default, by its name in the config (``max-retries``)."""
        return {config_name(f.name): f.default for f in _option_fields(self.options_type)}

    def option_problem(self, name: str, value: object) -> str | None:
        """What is wrong with ``value`` for option ``name`` beyond its type, if anything."""
        for option_field in _option_fields(self.options_type):
            if config_name(option_field.name) == name:
                check: OptionCheck | None = option_field.metadata.get("check")
                return check(value) if check is not None else None
        return None

    def resolved_options(self, values: Options) -> Any:
        """The rule's ``Options`` holding ``values`` (config names), defaults for the rest."""
        options_type = self.options_type
        if options_type is None:
            return values
        return options_type(**{name.replace("-", "_"): value for name, value in values.items()})


OptionCheck = Callable[[Any], "str | None"]


def option(default: object, help: str, check: OptionCheck | None = None) -> Any:
    """A field of a rule's ``Options``: its default, its description (the page's Options table)
    and, optionally, a check of a configured value of the right type that returns the problem
    (a config error naming the key), or None."""
    return field(default=default, metadata={"help": help, "check": check})


def option_help(option_field: Any) -> str:
    """The description an ``option()`` field was declared with."""
    help_text: str = option_field.metadata.get("help", "")
    return help_text


def config_name(field_name: str) -> str:
    """``max_retries`` -> ``max-retries``, as the config writes it."""
    return field_name.replace("_", "-")


def _option_fields(options_type: type | None) -> tuple[Any, ...]:
    return fields(options_type) if options_type is not None else ()


@dataclass(frozen=True)
class Context:
    """What a rule's ``check`` receives: the project, the rule's resolved options, and a way to
    report that can only make diagnostics of this rule."""

    rule: Rule
    project: Project
    options: Any  # the rule's Options

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
        subcode: str | None = None,
        hadolint_span: Span | None = None,
    ) -> Diagnostic:
        """A diagnostic of this rule (``severity`` None: the rule's default), or of one of its
        subcodes (ShellCheck's ``SC2086``); ``hadolint_span``: where hadolint reports it, when
        that is another instruction. In an archived file (``lintdock.roles``: kept as a record,
        not built again) every finding is information, and says why."""
        code = subcode if subcode is not None else self.rule.code
        role = self.project.role(path)
        if role.archived and severity is not Severity.INFO:
            severity = Severity.INFO  # a record, not built or run again
            if role.reason not in message:
                message += f" (an archived file: {role.reason})"
        return Diagnostic(code, message, path, span, severity, service, fix, hadolint_span)
