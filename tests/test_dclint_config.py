"""dclint's configuration read for lintdock's rules: .dclintrc levels and options (a layer below
lintdock's own configuration) and # dclint disable comments, mapped through the index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import WriteTree

from lintdock.config import ConfigError
from lintdock.dclint_config import dclint_layer, equivalents, find_dclint_config
from lintdock.engine import lint_paths
from lintdock.model.diagnostic import Severity
from lintdock.rules import registry

COMPOSE = 'version: "3"\nservices:\n  web:\n    image: nginx\n    ports:\n      - 80:80\n'


def codes(result_path: str = ".") -> list[tuple[str, int, str]]:
    result = lint_paths([result_path], workers=1)
    return [
        (d.code, d.span.line, d.severity.label if d.severity else "")
        for d in result.diagnostics
        if d.code.startswith("LD7")
    ]


def test_levels_turn_rules_off_on_and_set_severity(tree: WriteTree) -> None:
    rules = {"no-version-field": 0, "require-quotes-in-ports": 2, "service-keys-order": 1}
    tree({"compose.yaml": COMPOSE, ".dclintrc": json.dumps({"rules": rules})})
    assert codes() == [("LD704", 4, "warning"), ("LD708", 6, "error")]


def test_yaml_rc_options_and_package_json(tree: WriteTree) -> None:
    rc = "rules:\n  require-quotes-in-ports: [1, {quoteType: single}]\n"
    compose = 'services:\n  web:\n    image: nginx:1\n    ports:\n      - "80:80"\n'
    tree({"compose.yaml": compose, ".config/dclintrc.yaml": rc})
    assert codes() == [("LD708", 5, "warning")]
    layer = dclint_layer(find_dclint_config(".") or "", registry())
    assert layer.options == {"LD708": {"quote-type": "single"}}


def test_package_json_and_service_keys_groups(tmp_path: Path) -> None:
    section = {
        "rules": {
            "service-keys-order": [
                2,
                {"groups": {"A": ["ports"], "B": ["image"]}, "groupOrder": ["A", "B"]},
            ],
            "top-level-properties-order": [1, {"customOrder": ["x-properties", "services"]}],
            "no-such-rule": 2,
        },
        "exclude": ["tests"],
    }
    (tmp_path / "package.json").write_text(json.dumps({"name": "x", "dclint": section}))
    found = find_dclint_config(str(tmp_path / "sub"))
    assert found == str(tmp_path / "package.json")
    layer = dclint_layer(found, registry())
    assert layer.options == {
        "LD710": {"order": ("ports", "image")},
        "LD714": {"order": ("x-*", "services")},
    }
    assert layer.severity == {"LD710": Severity.ERROR, "LD714": Severity.WARNING}
    assert layer.exclude == ("tests",)


def test_lintdock_configuration_wins(tree: WriteTree) -> None:
    tree(
        {
            "compose.yaml": COMPOSE,
            ".dclintrc": json.dumps(
                {"rules": {"no-version-field": 0, "require-quotes-in-ports": 2}}
            ),
            ".lintdock.toml": '[severity]\nLD708 = "info"\n',
        }
    )
    assert codes() == [("LD704", 4, "warning"), ("LD708", 6, "info")]


@pytest.mark.parametrize("text", ["{", '{"rules": {"no-version-field": 3}}', "- a\n- b\n"])
def test_a_broken_rc_is_a_config_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / ".dclintrc"
    path.write_text(text)
    with pytest.raises(ConfigError, match=re.escape(str(path))):
        dclint_layer(str(path), registry())


def test_disable_comments(tree: WriteTree) -> None:
    tree(
        {
            "compose.yaml": (
                "# dclint disable no-version-field\n"
                'version: "3"\n'
                "services:\n"
                "  web:\n"
                "    image: nginx  # dclint disable-line service-image-require-explicit-tag\n"
                "    container_name: web\n"
                "    # dclint disable-next-line\n"
                "    ports:\n"
                '      - "8080:80"\n'
                "  api:\n"
                "    image: example/api:latest\n"
                "    container_name: web  # dclint disable-line no-version-field\n"
                "    ports:\n"
                '      - "8080:80"\n'
            )
        }
    )
    assert codes() == [("LD704", 11, "warning"), ("LD701", 12, "error"), ("LD702", 14, "error")]


def test_disable_file_only_on_the_first_line_and_only_dclint_rules(tree: WriteTree) -> None:
    body = 'version: "3"\nservices:\n  web:\n    image: nginx\n    restart: sometimes\n'
    tree(
        {
            "a/compose.yaml": "---\n# dclint disable-file\n" + body,
            "b/compose.yaml": body + "# dclint disable-file\n",
        }
    )
    result = lint_paths(["."], workers=1)
    found = sorted(
        {(d.path, d.code) for d in result.diagnostics if d.code in ("LD704", "LD706", "LD501")}
    )
    assert found == [
        ("a/compose.yaml", "LD501"),
        ("b/compose.yaml", "LD501"),
        ("b/compose.yaml", "LD704"),
        ("b/compose.yaml", "LD706"),
    ]


def test_the_mapping_table_is_the_index() -> None:
    page = (Path(__file__).parent.parent / "docs" / "dclint-compatibility.md").read_text()
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (LD7\d\d) ", page, re.MULTILINE))
    expected = {
        name: codes[0]
        for name, codes in equivalents(registry()).items()
        if codes[0].startswith("LD7")
    }
    assert rows == expected
