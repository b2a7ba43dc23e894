"""compose-lint's ``.compose-lint.yml``, read when no lintdock configuration governs a
directory: rules on and off, severities and ``exclude_services``, mapped through the index."""

from __future__ import annotations

import pytest
from conftest import WriteTree

from lintdock.composelint_config import load_config
from lintdock.config import ConfigError
from lintdock.engine import lint_paths
from lintdock.rules import registry

COMPOSE = """\
services:
  db:
    image: postgres:16
    ports: ["5432:5432"]
  traefik:
    image: traefik:v3.1
    ports: ["80:80"]
    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
  worker:
    image: example/worker:1.0
    user: root
    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
"""
CONFIG = """\
rules:
  CL-0005:
    enabled: false
    reason: only reachable on the office network
  CL-0001:
    exclude_services:
      traefik: reads container labels
  CL-0018:
    severity: low
  CL-0004:
    enabled: false
"""


def found(tree: WriteTree, files: dict[str, str]) -> list[tuple[str, str | None, str]]:
    tree(files)
    result = lint_paths(["."], workers=1)
    return sorted(
        (d.code, d.service, d.severity.label)
        for d in result.diagnostics
        if d.code.startswith("LD8") and d.severity is not None
    )


def test_the_mapping_turns_rules_on_off_and_by_service(tree: WriteTree) -> None:
    findings = found(tree, {".compose-lint.yml": CONFIG, "app/compose.yaml": COMPOSE})
    codes = {code for code, _, _ in findings}
    assert "LD805" not in codes  # disabled
    assert ("LD801", "worker", "error") in findings
    assert ("LD801", "traefik", "error") not in findings  # exclude_services
    assert ("LD817", "worker", "info") in findings  # severity: low
    assert {"LD803", "LD804", "LD806", "LD807", "LD822"} <= codes  # compose-lint runs them


def test_it_is_read_beneath_a_lintdock_configuration_which_wins(tree: WriteTree) -> None:
    files = {".compose-lint.yml": CONFIG, "app/compose.yaml": COMPOSE, "lintdock.toml": ""}
    codes = {code for code, _, _ in found(tree, files)}
    assert "LD805" not in codes and "LD803" in codes
    files["lintdock.toml"] = 'extend-select = ["LD805"]\nignore = ["LD803"]\n'
    codes = {code for code, _, _ in found(tree, files)}
    assert "LD805" in codes and "LD803" not in codes


def test_a_lintdock_configuration_below_it_stops_the_search(tree: WriteTree) -> None:
    files = {".compose-lint.yml": CONFIG, "app/compose.yaml": COMPOSE, "app/lintdock.toml": ""}
    assert "LD805" in {code for code, _, _ in found(tree, files)}


def test_a_rule_several_compose_lint_rules_map_to_stays_on_until_all_are_off(
    tree: WriteTree,
) -> None:
    tree({".compose-lint.yml": "rules:\n  CL-0008:\n    enabled: false\n"})
    layer = load_config(".compose-lint.yml", registry()).layer
    assert "LD808" not in layer.ignore
    both = "rules:\n  CL-0008: {enabled: false}\n  CL-0010: {enabled: false}\n"
    tree({".compose-lint.yml": both})
    assert "LD808" in load_config(".compose-lint.yml", registry()).layer.ignore


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("rules: [CL-0001]\n", "rules must be a mapping"),
        ("rules:\n  CL-0001: {severity: fatal}\n", "rules.CL-0001.severity: expected one of"),
        ("rules:\n  CL-0001: {exclude_services: 3}\n", "expected a list of service names"),
        ("rules: {CL-0001: [\n", ".compose-lint.yml:"),
    ],
)
def test_bad_configurations_are_one_line_errors(tree: WriteTree, text: str, problem: str) -> None:
    tree({".compose-lint.yml": text})
    with pytest.raises(ConfigError, match="compose-lint") as error:
        load_config(".compose-lint.yml", registry())
    assert problem in str(error.value)
