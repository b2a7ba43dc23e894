"""The command-line controls ruff users reach for: -V, --exit-zero, --color, --exclude and
--extend-exclude, --show-files, --show-settings, --statistics with --format json."""

from __future__ import annotations

import json
from typing import ClassVar

import pytest
from click.testing import CliRunner, Result
from conftest import WriteTree

from lintdock import __version__
from lintdock.cli import cli

NO_FROM = "RUN echo hi\n"  # LD001
CURL_WITHOUT_FAIL = "FROM alpine:3.20\nHEALTHCHECK CMD curl -s http://localhost/\n"  # LD105
COMPOSE = "services:\n  api:\n    build: ./api\n  db:\n    image: postgres:16\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def paths(result: Result) -> list[str]:
    return sorted({line.split(":")[0] for line in result.stdout.splitlines()})


def test_short_version() -> None:
    result = run("-V")
    assert (result.exit_code, result.stdout) == (0, f"lintdock, version {__version__}\n")


class TestExitZero:
    def test_findings_exit_zero(self, tree: WriteTree) -> None:
        tree({"Dockerfile": NO_FROM})
        assert run("check", "--select", "LD001").exit_code == 1
        result = run("check", "--select", "LD001", "--exit-zero")
        assert result.exit_code == 0
        assert "LD001" in result.stdout

    def test_errors_stay_two(self, tree: WriteTree) -> None:
        tree({"Dockerfile": NO_FROM})
        assert run("check", "--exit-zero", "missing/Dockerfile").exit_code == 2
        assert run("check", "--exit-zero", "--select", "LD999").exit_code == 2


class TestColor:
    def test_always_never_auto(self, tree: WriteTree, monkeypatch: pytest.MonkeyPatch) -> None:
        tree({"Dockerfile": NO_FROM})
        assert "\x1b[" in run("check", "--select", "LD001", "--color", "always").stdout
        assert "\x1b[" not in run("check", "--select", "LD001").stdout  # not a terminal
        monkeypatch.setenv("FORCE_COLOR", "1")
        assert "\x1b[" in run("check", "--select", "LD001").stdout
        assert "\x1b[" not in run("check", "--select", "LD001", "--color", "never").stdout

    def test_never_colours_a_file_on_auto(
        self, tree: WriteTree, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        root = tree({"Dockerfile": NO_FROM})
        monkeypatch.setenv("FORCE_COLOR", "1")
        run("check", "--select", "LD001", "--output", "report.txt")
        assert "\x1b[" not in (root / "report.txt").read_text()

    def test_a_bad_choice_is_a_usage_error(self, tree: WriteTree) -> None:
        tree({"Dockerfile": NO_FROM})
        assert run("check", "--color", "sometimes").exit_code == 2


class TestExclude:
    FILES: ClassVar[dict[str, str]] = {
        "Dockerfile": NO_FROM,
        "generated/Dockerfile": NO_FROM,
        "legacy/Dockerfile": NO_FROM,
        ".lintdock.toml": 'exclude = ["generated/"]\n',
    }

    def test_config_exclude(self, tree: WriteTree) -> None:
        tree(self.FILES)
        assert paths(run("check", "-q", "--select", "LD001")) == [
            "Dockerfile",
            "legacy/Dockerfile",
        ]

    def test_exclude_replaces_the_configured_patterns(self, tree: WriteTree) -> None:
        tree(self.FILES)
        result = run("check", "-q", "--select", "LD001", "--exclude", "legacy/")
        assert paths(result) == ["Dockerfile", "generated/Dockerfile"]

    def test_extend_exclude_adds_to_them(self, tree: WriteTree) -> None:
        tree(self.FILES)
        result = run("check", "-q", "--select", "LD001", "--extend-exclude", "legacy/,/Dockerfile")
        assert paths(result) == []
        assert result.exit_code == 0

    def test_named_files_need_force_exclude(self, tree: WriteTree) -> None:
        tree(self.FILES)
        named = ("check", "-q", "--select", "LD001", "--extend-exclude", "legacy/")
        assert paths(run(*named, "legacy/Dockerfile")) == ["legacy/Dockerfile"]
        assert paths(run(*named, "--force-exclude", "legacy/Dockerfile")) == []


def test_show_files(tree: WriteTree) -> None:
    tree(
        {
            "compose.yaml": COMPOSE,
            "api/Dockerfile": CURL_WITHOUT_FAIL,
            "tools/Dockerfile": "",
            "tools/Dockerfile.template": "FROM {{ base }}\n",
        }
    )
    result = run("check", "--show-files")
    assert result.exit_code == 0
    assert [line.split()[:4] for line in result.stdout.splitlines()] == [
        ["PATH", "KIND", "PROJECT", "ROLE"],
        ["api/Dockerfile", "dockerfile", "compose.yaml", "production"],
        ["compose.yaml", "compose", "compose.yaml", "production"],
        ["tools/Dockerfile", "dockerfile", "tools/Dockerfile", "production"],
        ["tools/Dockerfile.template", "skipped", "a", "template"],
    ]


class TestShowSettings:
    def settings(self, *args: str) -> dict[str, tuple[str, str]]:
        result = run("check", "--show-settings", *args)
        assert result.exit_code == 0, result.output
        rows = [line.split(" = ", 1) for line in result.stdout.splitlines()[1:]]
        return {key: tuple(rest.split("  # ", 1)) for key, rest in rows}

    def test_defaults(self, tree: WriteTree) -> None:
        tree({"Dockerfile": NO_FROM})
        shown = self.settings()
        assert shown["fail-on"] == ('"warning"', "default")
        assert shown["exclude"] == ("[]", "default")
        assert shown["rules.LD108.max-retries"] == ("10", "default")
        assert shown["config-file"][1].startswith("none found")

    def test_where_each_value_comes_from(self, tree: WriteTree) -> None:
        tree(
            {
                "Dockerfile": NO_FROM,
                ".lintdock.toml": 'fail-on = "error"\nignore = ["LD202"]\n'
                'exclude = ["vendor/"]\n[severity]\nLD101 = "info"\n'
                "[rules.LD108]\nmax-retries = 3\n",
            }
        )
        shown = self.settings("--severity", "LD105=info", "--extend-exclude", "x/")
        config = shown["config-file"][0].strip('"')
        assert config.endswith(".lintdock.toml")
        assert shown["fail-on"] == ('"error"', config)
        assert shown["ignore"] == ('["LD202"]', config)
        assert shown["exclude"] == ('["vendor/"]', config)
        assert shown["extend-exclude"] == ('["x/"]', "command line")
        assert shown["severity.LD101"] == ('"info"', config)
        assert shown["severity.LD105"] == ('"info"', "command line")
        assert shown["rules.LD108.max-retries"] == ("3", config)
        assert shown["rules.LD108.min-interval"] == ('"2s"', "default")
        assert "LD202" not in shown["selected"][0]

    def test_command_line_wins(self, tree: WriteTree) -> None:
        tree({"Dockerfile": NO_FROM, ".lintdock.toml": 'fail-on = "error"\n'})
        assert self.settings("--fail-on", "info")["fail-on"] == ('"info"', "command line")

    def test_a_hadolint_configuration_beneath_the_config_file(self, tree: WriteTree) -> None:
        root = tree(
            {
                "Dockerfile": NO_FROM,
                ".hadolint.yaml": "failure-threshold: error\noverride:\n  info: [DL3065]\n",
                ".lintdock.toml": "[severity]\nLD101 = 'info'\n",
            }
        )
        shown = self.settings()
        hadolint = str(root / ".hadolint.yaml")
        assert shown["hadolint-config"] == (f'"{hadolint}"', "read beneath the config file")
        assert shown["fail-on"] == ('"error"', hadolint)
        assert shown["severity.LD615"] == ('"info"', hadolint)
        assert shown["severity.LD101"][1].endswith(".lintdock.toml")


def test_statistics_as_json(tree: WriteTree) -> None:
    tree({"Dockerfile": CURL_WITHOUT_FAIL, "b/Dockerfile": CURL_WITHOUT_FAIL})
    result = run("check", "--select", "LD105", "--statistics", "--format", "json")
    document = json.loads(result.stdout)
    assert document["statistics"] == [
        {"code": "LD105", "name": "curl-without-fail", "count": 2, "fixable": True}
    ]
    assert "diagnostics" not in document
    assert document["summary"]["errors"] == 2
