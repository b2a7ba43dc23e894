"""The rule index, the rule modules and the rule pages agree; rules keep to their contract.

Every index entry has an implementation module and a page with Bad and Good examples; every
module and every page belongs to an entry; the page header says what the index says; no rule
module writes a rule code; a rule cannot report another rule's code; a Dockerfile-only run
imports no compose rule, no YAML library and no schema.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, make_rule

import lintdock.rules
from lintdock import engine
from lintdock.cli import cli
from lintdock.config import resolve
from lintdock.discovery import Kind
from lintdock.docs import load_page, options_section, page_path, page_paths, page_url
from lintdock.engine import RuleContractError, Source, lint_texts
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules import Registry, registry
from lintdock.rules.base import COMPOSE, DOCKERFILE, FAMILIES, VIEWS, Context, Rule
from lintdock.rules.index import TOOLS

RULES = registry().rules
PAGES = {path.name: load_page(path) for path in page_paths()}
RULES_FOLDER = Path(lintdock.rules.__file__).parent
CODE = re.compile(r"LD\d{3}")
VIEW_NAMES = {"dockerfile": DOCKERFILE, "compose": COMPOSE, "project": "project"}


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
def test_the_page_header_says_what_the_index_says(rule: Rule) -> None:
    path = page_path(rule)
    assert path is not None
    header = dict(
        part.strip().strip("*").split(":** ", 1)
        for part in path.read_text(encoding="utf-8").splitlines()[2].split(" · ")
    )
    assert header["Severity"].split()[0].split("/")[0] == rule.severity.label
    assert ("(off by default)" in header["Severity"]) is not rule.enabled_by_default
    assert header["Fixable"] == ("yes" if rule.fixable else "no")
    views = tuple(VIEW_NAMES[view.strip().lower()] for view in header["Views"].split(","))
    assert views == rule.views


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_metadata(rule: Rule) -> None:
    assert rule.code[:3] in FAMILIES
    assert rule.summary and not rule.summary.endswith(" ")
    assert rule.views and set(rule.views) <= set(VIEWS)
    assert len(set(rule.equivalents)) == len(rule.equivalents)
    for equivalent in rule.equivalents:
        tool, _, identifier = equivalent.partition(":")
        assert tool in TOOLS and identifier, equivalent
    for other in rule.defers_to:
        assert registry().get(other) is not None and other != rule.code


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_the_implementation_module_is_the_rules(rule: Rule) -> None:
    assert rule.module is not None
    module = importlib.import_module(rule.module)
    hooks = [
        ("check", None),
        ("check_instruction", "INSTRUCTIONS"),
        ("check_service", "SERVICE_KEYS"),
    ]
    registered = [name for name, nodes in hooks if hasattr(module, name)]
    assert registered, f"{rule.module} has no check"
    for name, nodes in hooks:
        assert nodes is None or hasattr(module, name) is hasattr(module, nodes), (name, nodes)
    assert (module.__doc__ or "").startswith(f"{rule.code} {rule.name}")
    assert hasattr(module, "Options") is rule.has_options


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_the_options_section_is_the_declared_options(rule: Rule) -> None:
    path = page_path(rule)
    assert path is not None
    section = PAGES[path.name].sections["Options"]
    expected = options_section(rule)
    assert section.startswith(expected), f"{path.name}: ## Options must start with\n{expected}"


@pytest.mark.parametrize(
    "rule", [r for r in RULES if r.defers_to], ids=[r.code for r in RULES if r.defers_to]
)
def test_a_rule_page_names_the_rules_it_defers_to(rule: Rule) -> None:
    path = page_path(rule)
    assert path is not None
    text = PAGES[path.name].text
    assert [code for code in rule.defers_to if code not in text] == []


def test_every_rule_module_is_in_the_index() -> None:
    prefixes = ("ld", "sc")  # lintdock's rules, ShellCheck's
    modules = {m.name for m in pkgutil.iter_modules([str(RULES_FOLDER)]) if m.name[:2] in prefixes}
    assert modules == {rule.module.rsplit(".", 1)[-1] for rule in RULES if rule.module}


def test_equivalents_named_in_the_issue() -> None:
    by_code = {rule.code: rule.equivalents for rule in RULES}
    assert {"hadolint:DL3057", "checkov:CKV_DOCKER_2"} <= set(by_code["LD101"])
    assert {"hadolint:DL3012", "buildkit:MultipleInstructionsDisallowed"} <= set(by_code["LD104"])


def _code_literals(path: Path) -> list[str]:
    """Rule codes written as string literals (docstrings aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and CODE.fullmatch(node.value)
    ]


def test_no_rule_module_writes_a_rule_code() -> None:
    listings = ("index.py", "codes.py")
    modules = [p for p in sorted(RULES_FOLDER.glob("*.py")) if p.name not in listings]
    others = [RULES_FOLDER.parent / folder for folder in ("parsers", "facts")]
    helpers = sorted(path for folder in others for path in folder.glob("*.py"))
    assert [literal for path in [*modules, *helpers] for literal in _code_literals(path)] == []


def _reports_another_code(context: Context) -> list[Diagnostic]:
    first = context.project.dockerfiles[0]
    return [Diagnostic("LD102", "not mine", first.path, first.instructions[0].span)]


def test_a_rule_cannot_report_another_rules_code(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = Registry([make_rule("LD101", "missing-healthcheck", _reports_another_code)])
    settings = resolve(rules, [])
    sources = [Source("Dockerfile", Kind.DOCKERFILE, "FROM alpine\n")]

    def run() -> engine.LintResult:
        return engine.run(sources, lambda _path: None, lambda _path: settings, rules)

    with pytest.raises(RuleContractError, match="LD101 reported diagnostics of LD102"):
        run()
    monkeypatch.delenv(engine.STRICT)
    (failure,) = run().failures
    assert failure.code == "LD101" and "LD102" in failure.error


def test_rules_json_is_the_index() -> None:
    output = CliRunner().invoke(cli, ["rules", "--format", "json"])
    assert output.exit_code == 0
    entries = json.loads(output.output)["rules"]
    assert [entry["code"] for entry in entries] == [rule.code for rule in RULES]
    ld104 = entries[[rule.code for rule in RULES].index("LD104")]
    assert ld104 == {
        "code": "LD104",
        "name": "multiple-healthchecks",
        "family": "healthcheck",
        "severity": "warning",
        "default": True,
        "fixable": False,
        "views": ["dockerfile"],
        "summary": "More than one HEALTHCHECK in a stage: only the last one takes effect.",
        "equivalents": [
            "hadolint:DL3012",
            "buildkit:MultipleInstructionsDisallowed",
            "trivy:DS-0023",
            "dockerfile-utils:instructionHealthcheckMultiple",
        ],
        "url": page_url(registry().get("LD104")),  # type: ignore[arg-type]
    }
    off = [entry["code"] for entry in entries if not entry["default"]]
    assert off == [rule.code for rule in RULES if not rule.enabled_by_default]
    assert {"LD505", "LD620", "SC"} <= set(off)


DOCKERFILE_RUN = """
import sys
from lintdock.cli import main
sys.argv = ["lintdock", "check", sys.argv[1]]
try:
    main()
except SystemExit:
    pass
loaded = sorted(sys.modules)
print("\\n".join(loaded))
"""


def test_a_dockerfile_only_run_imports_no_compose_code(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM alpine\nRUN apk add curl\nCMD ['app']\n", encoding="utf-8")
    output = subprocess.run(
        [sys.executable, "-c", DOCKERFILE_RUN, str(dockerfile)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    loaded = set(output.stdout.split())
    compose_rules = {r.module for r in RULES if DOCKERFILE not in r.views}
    assert compose_rules & loaded == set()
    assert {r.module for r in RULES if r.code == "LD004"} <= loaded  # the rules did run
    forbidden = (
        *("ruamel", "yaml", "jsonschema", "check_jsonschema"),
        *("lintdock.parsers.compose", "lintdock.model.compose"),
    )
    assert [name for name in loaded if name.startswith(forbidden)] == []


EXAMPLES = [(page, example) for page in PAGES.values() for example in page.examples]


@pytest.mark.parametrize("case", EXAMPLES, ids=[f"{p.code}-line{e.line}" for p, e in EXAMPLES])
def test_running_only_rules_whose_views_are_present_changes_nothing(
    case: tuple[object, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    _page, example = case
    texts = example.texts()  # type: ignore[attr-defined]
    gated = lint_texts(texts, select=["ALL"])
    monkeypatch.setattr(engine, "_views", lambda _project: frozenset(VIEWS))
    assert lint_texts(texts, select=["ALL"]) == gated
