"""``lintdock check --format sarif`` when things go wrong: files that do not parse are results,
files that cannot be read are notifications, and a path that does not exist fails the run."""

from __future__ import annotations

import os
from typing import Any

from click.testing import CliRunner
from conftest import WriteTree
from sarif_check import assert_valid_sarif

from lintdock.cli import cli


def sarif(*args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(cli, ["check", "--format", "sarif", *args])
    return result.exit_code, assert_valid_sarif(result.stdout)["runs"][0]


def test_unparsable_and_unreadable_files(tree: WriteTree) -> None:
    root = tree(
        {
            "api/Dockerfile": "RUN echo no FROM\n",
            "web/Dockerfile": b"FROM alpine\n\xff\xfe\n",
        }
    )
    (root / "db").mkdir()
    os.mkfifo(root / "db" / "Dockerfile")
    exit_code, run = sarif()
    assert exit_code == 1
    assert [
        (
            result["ruleId"],
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            result["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for result in run["results"]
    ] == [("LD001", "api/Dockerfile", 1), ("LD005", "web/Dockerfile", 2)]  # not UTF-8 text
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is True
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["descriptor"] == {"id": "unreadable-file"}
    assert notification["message"]["text"].startswith("cannot lint: not a regular file")
    location = notification["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "db/Dockerfile", "uriBaseId": "%SRCROOT%"}


def test_missing_path_is_an_unsuccessful_run(tree: WriteTree) -> None:
    tree({"Dockerfile": "FROM alpine\n"})
    exit_code, run = sarif("Dockerfile", "missing/Dockerfile")
    assert exit_code == 2
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["message"] == {"text": "No such file or directory"}
