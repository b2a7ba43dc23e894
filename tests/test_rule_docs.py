"""Every example of every rule page, linted: each Bad must produce the page's rule, each Good
must not. Plus the page format itself (lintdock.docs)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lintdock import shellcheck
from lintdock.docs import Example, Page, load_page, page_paths
from lintdock.engine import lint_texts
from lintdock.rules import registry

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PAGES = [load_page(path) for path in page_paths()]
CASES = [(page, example) for page in PAGES for example in page.examples]


def case_id(case: tuple[Page, Example]) -> str:
    page, example = case
    return f"{page.code}-{'bad' if example.bad else 'good'}-line{example.line}"


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_example(case: tuple[Page, Example]) -> None:
    page, example = case
    rule = registry().get(page.code)
    if rule is not None and rule.subcode_digits and shellcheck.binary() is None:
        pytest.skip("ShellCheck is not installed (the shellcheck extra)")
    options = _example_options(example)
    findings = lint_texts(example.texts(), select=["ALL", page.code], options=options)
    codes = sorted({owner.code for d in findings if (owner := registry().get(d.code))})
    if example.bad:
        assert page.code in codes, f"{example.description!r} should produce {page.code}"
    else:
        own = [d for d in findings if registry().get(d.code) is rule]
        assert not own, f"{example.description!r} should not produce {page.code}: {own}"


def _example_options(example: Example) -> dict[str, dict[str, object]] | None:
    """Rule options an example sets in a ``pyproject.toml`` of its own (the rules that are
    silent until configured, such as a registry allow-list)."""
    text = example.texts().get("pyproject.toml")
    if text is None:
        return None
    rules: dict[str, dict[str, object]] = tomllib.loads(text)["tool"]["lintdock"]["rules"]
    return rules


PAGE = """\
# LD105 curl-without-fail

**Severity:** error · **Fixable:** yes · **Views:** Dockerfile, compose

A health check runs curl
without --fail.

## Why
Because.

```toml
[tool.lintdock]
```

## Examples

**Bad**: a Dockerfile and a compose file

```dockerfile
FROM alpine
# a comment, not a heading
HEALTHCHECK CMD curl http://localhost/
```

```yaml path=deploy/compose.yaml
services: {}
```

**Good**. with a script

~~~sh path=check.sh
curl --fail http://localhost/
~~~

```text
not a file: no path
```
"""


def test_page_format(tmp_path: Path) -> None:
    path = tmp_path / "LD105-curl-without-fail.md"
    path.write_text(PAGE, encoding="utf-8")
    page = load_page(path)
    assert (page.code, page.name) == ("LD105", "curl-without-fail")
    assert page.summary == "A health check runs curl without --fail."
    assert list(page.sections) == ["Why", "Examples"]
    assert page.sections["Why"].startswith("Because.")
    bad, good = page.examples
    assert (bad.bad, bad.description, bad.line) == (True, "a Dockerfile and a compose file", 17)
    assert bad.texts() == {
        "Dockerfile": "FROM alpine\n# a comment, not a heading\nHEALTHCHECK CMD curl http://localhost/\n",
        "deploy/compose.yaml": "services: {}\n",
    }
    assert (good.bad, good.description) == (False, "with a script")
    assert good.texts() == {"check.sh": "curl --fail http://localhost/\n"}


def test_a_page_without_a_title_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "LD105-x.md"
    path.write_text("LD105\n", encoding="utf-8")
    with pytest.raises(ValueError, match="the first line must be '# LDnnn rule-name'"):
        load_page(path)
