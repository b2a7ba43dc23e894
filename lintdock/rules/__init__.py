"""The rule registry: the entries of the rule index (``lintdock.rules.index``), with lookups.

Reading the registry imports no rule: a rule's module is imported when the rule runs. Codes and
kebab-case names must be unique. A rule that reports another program's codes (ShellCheck's
``SC``) is found by each of them (``SC2086``) and by their prefixes (``SC2``); ``ALL`` is every
``LD`` rule, not such a rule: it is selected by naming it or its codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from lintdock.rules.base import Rule

CODE_PATTERN = re.compile(r"LD\d{3}")
FAMILY_CODE_PATTERN = re.compile(r"[A-Z]{2}")  # a rule with subcodes: SC
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
PREFIX_PATTERN = re.compile(r"LD\d{0,3}")


class Registry:
    """The known rules, sorted by code, with lookups by code, name and prefix."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = tuple(sorted(rules, key=lambda rule: rule.code))
        self._by_key = _index(self.rules)
        self._families = tuple(rule for rule in self.rules if rule.subcode_digits)

    def get(self, code_or_name: str) -> Rule | None:
        """The rule with this exact code (any case) or name, or the rule owning this subcode."""
        found = self._by_key.get(code_or_name) or self._by_key.get(code_or_name.upper())
        if found is None:
            found = next((r for r in self._families if r.owns(code_or_name.upper())), None)
        return found

    def matching(self, selector: str) -> tuple[Rule, ...]:
        """The rules a selector names: a code, a name, a code prefix (``LD1``) or ``ALL``."""
        rule = self.get(selector)
        if rule is not None:
            return (rule,)
        family = tuple(r for r in self._families if r.names_subcodes(selector))
        if family:
            return family
        prefix = code_prefix(selector)
        if prefix is None:
            return ()
        return tuple(r for r in self.rules if r.code.startswith(prefix))

    @property
    def keys(self) -> tuple[str, ...]:
        """Every code and name, for did-you-mean suggestions."""
        return tuple(self._by_key)


def code_prefix(selector: str) -> str | None:
    """``ALL`` -> ``LD``; ``ld10`` -> ``LD10``; None when the selector is not a code prefix."""
    upper = selector.upper()
    if upper == "ALL":
        return "LD"
    return upper if PREFIX_PATTERN.fullmatch(upper) else None


def _index(rules: tuple[Rule, ...]) -> dict[str, Rule]:
    by_key: dict[str, Rule] = {}
    for rule in rules:
        pattern = FAMILY_CODE_PATTERN if rule.subcode_digits else CODE_PATTERN
        if not pattern.fullmatch(rule.code):
            raise ValueError(f"rule code {rule.code!r} is not LD followed by three digits")
        if not NAME_PATTERN.fullmatch(rule.name):
            raise ValueError(f"rule name {rule.name!r} of {rule.code} is not kebab-case")
        for key in (rule.code, rule.name):
            if key in by_key:
                raise ValueError(f"{key!r} is registered twice ({by_key[key].code}, {rule.code})")
            by_key[key] = rule
    return by_key


@cache
def registry() -> Registry:
    """Every rule shipped with lintdock (indexed once per process)."""
    from lintdock.rules.index import RULES

    return Registry(RULES)
