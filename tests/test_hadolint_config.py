"""hadolint's .hadolint.yaml read beneath the lintdock configuration, through the index's
equivalents."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import WriteTree

from lintdock.config import ConfigError, ConfigResolver, Layer
from lintdock.engine import lint_paths
from lintdock.hadolint_config import find_hadolint_config, load_hadolint_config
from lintdock.model.diagnostic import Severity
from lintdock.rules import registry

SHELL_FORMS = "FROM alpine:3.20\nCMD a\nCMD b\n"


def codes_in(root: Path, *select: str) -> list[tuple[str, int, str]]:
    """The findings of the ``select``ed rules (all on by default) in a run on ``root``."""
    result = lint_paths([str(root)])
    return [
        (d.code, d.span.line, d.severity.label if d.severity else "")
        for d in result.diagnostics
        if d.code in select
    ]


def test_ignored_and_override_map_through_equivalents(tree: WriteTree) -> None:
    root = tree(
        {
            ".hadolint.yaml": "ignored: [DL4003, DL3008, SC2086]\noverride:\n  error: [DL3025]\n",
            "app/Dockerfile": SHELL_FORMS,
        }
    )
    assert codes_in(root, "LD611", "LD617") == [("LD611", 2, "error"), ("LD611", 3, "error")]


def test_style_is_info_and_the_yml_name_is_read(tree: WriteTree) -> None:
    root = tree({".hadolint.yml": "override:\n  style:\n    - DL3025\n", "Dockerfile": SHELL_FORMS})
    assert {severity for code, _, severity in codes_in(root, "LD611")} == {"info"}


def test_failure_threshold_is_fail_on(tree: WriteTree) -> None:
    root = tree({".hadolint.yaml": "failure-threshold: style\n", "Dockerfile": SHELL_FORMS})
    settings = ConfigResolver(registry(), Layer()).for_path(str(root / "Dockerfile"))
    assert settings.fail_on is Severity.INFO
    layer = load_hadolint_config(
        str(tree({".hadolint.yaml": "failure-threshold: none\n"}) / ".hadolint.yaml"), registry()
    )
    assert layer.fail_on is None


def test_the_lintdock_configuration_says_otherwise(tree: WriteTree) -> None:
    root = tree(
        {
            ".hadolint.yaml": "ignored: [DL3025]\noverride:\n  error: [DL4003]\n",
            ".lintdock.toml": "[severity]\nLD617 = 'info'\n",
            "Dockerfile": SHELL_FORMS,
        }
    )
    assert codes_in(root, "LD611", "LD617") == [("LD617", 2, "info")]
    selecting = tree({".lintdock.toml": "select = ['LD611']\n"})
    assert codes_in(selecting, "LD611") == [("LD611", 2, "warning"), ("LD611", 3, "warning")]


def test_search_stops_at_the_lintdock_configuration(tree: WriteTree) -> None:
    root = tree(
        {
            ".hadolint.yaml": "ignored: [DL3025]\n",
            "sub/.lintdock.toml": "",
            "sub/Dockerfile": SHELL_FORMS,
            "other/Dockerfile": SHELL_FORMS,
        }
    )
    assert find_hadolint_config(str(root / "sub"), str(root / "sub")) is None
    assert find_hadolint_config(str(root / "other")) == str(root / ".hadolint.yaml")
    assert [c for c, _, _ in codes_in(root / "sub", "LD611")] == ["LD611", "LD611"]
    assert codes_in(root / "other", "LD611") == []


def test_trusted_registries_reach_the_option_of_dl3026s_rule(tree: WriteTree) -> None:
    root = tree({".hadolint.yaml": "trustedRegistries: my.registry\n"})
    layer = load_hadolint_config(str(root / ".hadolint.yaml"), registry())
    rules = [r for r in registry().rules if "hadolint:DL3026" in r.equivalents]
    for rule in rules:
        if "trusted-registries" in rule.options:
            assert list(layer.options[rule.code]["trusted-registries"]) == ["my.registry"]
    assert set(layer.options) <= {r.code for r in rules}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("- a\n", "expected a mapping of hadolint settings"),
        ("ignored: 3\n", "ignored: expected a list of rule codes"),
        ("override:\n  fatal: [DL3025]\n", "override.fatal: unknown level"),
        ("failure-threshold: loud\n", "failure-threshold: unknown level 'loud'"),
        ("ignored: [\n", "invalid YAML"),
    ],
)
def test_bad_files_are_config_errors(tree: WriteTree, text: str, problem: str) -> None:
    root = tree({".hadolint.yaml": text})
    with pytest.raises(ConfigError) as error:
        load_hadolint_config(str(root / ".hadolint.yaml"), registry())
    assert str(error.value).startswith(f"{root / '.hadolint.yaml'}: ")
    assert problem in str(error.value)


def test_an_empty_file_says_nothing(tree: WriteTree) -> None:
    root = tree({".hadolint.yaml": "# nothing\n"})
    assert load_hadolint_config(str(root / ".hadolint.yaml"), registry()) == Layer()
