"""Rules and their pages agree: every registered rule has a page with Bad and Good examples,
every page documents a registered rule under its registered name."""

from __future__ import annotations

import pytest

from lintdock.docs import load_page, page_path, page_paths
from lintdock.rules import registry
from lintdock.rules.base import FAMILIES, Rule

RULES = registry().rules
PAGES = {path.name: load_page(path) for path in page_paths()}


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_has_a_page_with_bad_and_good_examples(rule: Rule) -> None:
    path = page_path(rule)
    assert path is not None, f"rules/{rule.code}-{rule.name}.md is missing"
    page = PAGES[path.name]
    assert any(e.bad and e.files for e in page.examples), f"{path.name} has no Bad example"
    assert any(not e.bad and e.files for e in page.examples), f"{path.name} has no Good example"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_documents_a_registered_rule(name: str) -> None:
    page = PAGES[name]
    rule = registry().get(page.code)
    assert rule is not None, f"{name} documents {page.code}, which is not registered"
    assert page.name == rule.name, f"{name}: title says {page.name}, the registry {rule.name}"
    assert name == f"{rule.code}-{rule.name}.md"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_metadata(rule: Rule) -> None:
    assert rule.code[:3] in FAMILIES
    assert rule.summary and not rule.summary.endswith(" ")
