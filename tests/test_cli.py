"""The command line, in process (click's CliRunner) and as a subprocess: exit codes, output
formats, selection, configuration errors, suppressions, stdin and determinism.

Findings come from rules whose behaviour is fixed by Docker itself (LD001: no FROM) or by the
engine (LD901), so these tests do not move when a rule's wording does.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner, Result
from conftest import REPO, WriteTree

from lintdock import __version__
from lintdock.cli import cli

NO_FROM = "RUN echo hi\n"  # LD001 at 1:1-1:4
CLEAN = "FROM alpine:3.20\n"
CURL_WITHOUT_FAIL = (
    "FROM alpine:3.20\nHEALTHCHECK CMD curl -s http://localhost/\n"  # LD105, fixable
)


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def locations(output: str) -> list[str]:
    """``path:line:col: CODE`` of each finding line of quiet text output."""
    return [line.split(" [")[0] for line in output.splitlines()]


class TestExitCodes:
    def test_clean(self, tree: WriteTree) -> None:
        tree({"Dockerfile": CLEAN})
        result = run("check", "--select", "LD001")
        assert (result.exit_code, result.stdout) == (0, "All checks passed.\n")

    def test_findings(self, tree: WriteTree) -> None:
        tree({"Dockerfile": NO_FROM})
        result = run("check", "--select", "LD001")
        assert result.exit_code == 1
        lines = result.stdout.splitlines()
        assert lines[0].startswith("Dockerfile:1:1: LD001 [error] ")
        assert lines[1:4] == [" 1 | RUN echo hi", "   | ^^^", ""]
        assert lines[4] == "Found 1 problem (1 error) in 1 file."

    def test_fail_on_and_severity_overrides(self, tree: WriteTree) -> None:
        tree({"Dockerfile": NO_FROM})
        assert run("check", "--select", "LD001", "--severity", "LD001=info").exit_code == 0
        assert (
            run("check", "--select", "LD001", "--severity", "LD001=info", "--fail-on", "info")
        ).exit_code == 1
        warning = run(
            "check", "--select", "LD001", "--severity", "LD0=warning", "--fail-on", "error"
        )
        assert warning.exit_code == 0
        assert "[warning]" in warning.stdout

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--select", "LD0,LD99"], "lintdock: error: --select: unknown rule or prefix 'LD99'"),
            (["--ignore", "dockerfile-syntx"], "(did you mean 'dockerfile-syntax'?)"),
            (["--severity", "LD001"], "--severity: expected CODE=level, got 'LD001'"),
            (["--fail-on", "fatal"], "Invalid value for '--fail-on'"),
            (["--format", "xml"], "Invalid value for '--format'"),
        ],
    )
    def test_usage_errors(self, tree: WriteTree, args: list[str], message: str) -> None:
        tree({"Dockerfile": CLEAN})
        result = run("check", *args)
        assert result.exit_code == 2
        assert message in result.stderr

    def test_config_errors_name_the_key(self, tree: WriteTree) -> None:
        root = tree({"pyproject.toml": "[tool.lintdock]\nselect = ['LD0']\nfail_on = 'info'\n"})
        result = run("check")
        assert result.exit_code == 2
        assert result.stderr == (
            f"lintdock: error: {root / 'pyproject.toml'}: tool.lintdock.fail_on: "
            "unknown key (did you mean 'fail-on'?)\n"
        )

    def test_missing_path(self, tree: WriteTree) -> None:
        tree({"Dockerfile": NO_FROM})
        result = run("check", "--select", "LD001", "Dockerfile", "nope/Dockerfile")
        assert result.exit_code == 2
        assert "lintdock: error: nope/Dockerfile: No such file or directory" in result.stderr
        assert result.stdout.startswith("Dockerfile:1:1: LD001")

    def test_a_file_that_is_not_text_is_a_finding(self, tree: WriteTree) -> None:
        tree({"Dockerfile": CLEAN, "old/Dockerfile": b"FROM a\n\xff\xfe\x00F\x00R"})
        for named in ((), ("old/Dockerfile", "Dockerfile")):
            result = run("check", "--select", "LD001,LD005", *named)
            assert result.exit_code == 1
            assert result.stdout.startswith("old/Dockerfile:2:1: LD005 [error] not linted: ")
            assert result.stderr == ""
        assert run("check", "--select", "LD001").exit_code == 0

    def test_internal_error(self, tree: WriteTree, monkeypatch: pytest.MonkeyPatch) -> None:
        from lintdock.parsers import dockerfile

        def broken(text: str, path: str) -> object:
            raise ValueError("unexpected")

        monkeypatch.setattr(dockerfile, "parse_dockerfile", broken)
        tree({"Dockerfile": CLEAN})
        result = run("check")
        assert result.exit_code == 2
        assert "the parser failed on Dockerfile: ValueError: unexpected" in result.stderr


class TestSelection:
    @pytest.mark.parametrize("selector", ["LD001", "dockerfile-syntax", "LD0", "ld00", "ALL"])
    def test_select_by_code_name_or_prefix(self, tree: WriteTree, selector: str) -> None:
        tree({"Dockerfile": NO_FROM})
        result = run("check", "--select", selector, "--format", "json")
        assert "LD001" in {d["code"] for d in json.loads(result.stdout)["diagnostics"]}

    @pytest.mark.parametrize("selector", ["LD001", "dockerfile-syntax", "LD0", "ld00"])
    def test_ignore(self, tree: WriteTree, selector: str) -> None:
        tree({"Dockerfile": NO_FROM})
        result = run("check", "--select", "LD0", "--ignore", selector)
        assert result.exit_code == 0

    def test_config_file_and_command_line(self, tree: WriteTree) -> None:
        tree({"lintdock.toml": "select = ['LD9']\n", "Dockerfile": NO_FROM})
        assert run("check").exit_code == 0
        assert run("check", "--extend-select", "LD001").exit_code == 1
        assert run("check", "--config", "lintdock.toml", "--select", "LD0").exit_code == 1

    def test_per_file_ignores(self, tree: WriteTree) -> None:
        tree(
            {
                "pyproject.toml": "[tool.lintdock.per-file-ignores]\n'legacy/*' = ['LD001']\n",
                "legacy/Dockerfile": NO_FROM,
                "svc/Dockerfile": NO_FROM,
            }
        )
        result = run("check", "--select", "LD0", "--quiet")
        assert locations(result.stdout) == ["svc/Dockerfile:1:1: LD001"]


class TestSuppressions:
    def test_dockerfile(self, tree: WriteTree) -> None:
        tree(
            {
                "Dockerfile": "# lintdock: ignore=dockerfile-syntax -- fixed upstream\n" + NO_FROM,
                "b.Dockerfile": "# lintdock: ignore-file=LD001,LD101\n" + NO_FROM,
            }
        )
        result = run("check", "--select", "LD001,LD901", "--format", "json")
        diagnostics = json.loads(result.stdout)["diagnostics"]
        assert [(d["path"], d["code"], d["line"], d["column"]) for d in diagnostics] == []
        assert result.exit_code == 0

    def test_compose(self, tree: WriteTree) -> None:
        compose = (
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27\n"
            "    depends_on:\n"
            "      - ghost  # lintdock: ignore=LD401 -- defined in the platform's file\n"
            "      - phantom\n"
        )
        tree({"compose.yaml": compose, "stack.txt": compose})
        result = run("check", "--select", "LD401,LD901", "--quiet")
        assert locations(result.stdout) == ["compose.yaml:6:9: LD401"]
        forced = run("check", "--select", "LD401", "--quiet", "--type", "compose", "stack.txt")
        assert locations(forced.stdout) == ["stack.txt:6:9: LD401"]

    def test_unused_suppression(self, tree: WriteTree) -> None:
        tree({"Dockerfile": "# lintdock: ignore=LD001\n" + CLEAN})
        result = run("check", "--select", "LD001,LD901", "--format", "json")
        (finding,) = json.loads(result.stdout)["diagnostics"]
        assert (finding["code"], finding["name"], finding["severity"]) == (
            "LD901",
            "unused-suppression",
            "info",
        )
        assert (finding["line"], finding["column"], finding["end_column"]) == (1, 20, 25)
        assert result.exit_code == 0


class TestOutput:
    def test_json_contract(self, tree: WriteTree) -> None:
        tree({"svc/Dockerfile": NO_FROM, "Dockerfile": CLEAN})
        result = run("check", "--select", "LD001", "--format", "json")
        document = json.loads(result.stdout)
        assert list(document) == ["tool", "diagnostics", "summary"]
        assert document["tool"] == {"name": "lintdock", "version": __version__}
        (diagnostic,) = document["diagnostics"]
        assert list(diagnostic) == [
            "code",
            "name",
            "severity",
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "message",
            "service",
            "fix",
        ]
        assert {k: v for k, v in diagnostic.items() if k != "message"} == {
            "code": "LD001",
            "name": "dockerfile-syntax",
            "severity": "error",
            "path": "svc/Dockerfile",
            "line": 1,
            "column": 1,
            "end_line": 1,
            "end_column": 4,
            "service": None,
            "fix": None,
        }
        assert isinstance(diagnostic["message"], str) and diagnostic["message"]
        assert document["summary"] == {"files": 2, "errors": 1, "warnings": 0, "infos": 0}
        assert result.stderr == ""

    def test_json_fix_object(self, tree: WriteTree) -> None:
        tree({"Dockerfile": CURL_WITHOUT_FAIL})
        document = json.loads(run("check", "--select", "LD105", "--format", "json").stdout)
        (fix,) = [d["fix"] for d in document["diagnostics"]]
        assert list(fix) == ["description", "safe", "edits"]
        assert isinstance(fix["description"], str) and fix["safe"] is True
        assert fix["edits"] == [
            {"line": 2, "column": 21, "end_line": 2, "end_column": 21, "replacement": " --fail"}
        ]

    def test_quiet_and_statistics(self, tree: WriteTree) -> None:
        tree({"Dockerfile": NO_FROM, "b/Dockerfile": NO_FROM})
        quiet = run("check", "--select", "LD001", "--quiet").stdout
        assert locations(quiet) == [
            "Dockerfile:1:1: LD001",
            "b/Dockerfile:1:1: LD001",
        ]
        statistics = run("check", "--select", "LD001", "--statistics").stdout
        assert statistics == (
            "2  LD001  dockerfile-syntax\nFound 2 problems (2 errors) in 2 files.\n"
        )

    def test_output_file(self, tree: WriteTree) -> None:
        root = tree({"Dockerfile": NO_FROM})
        result = run("check", "--select", "LD001", "--format", "json", "--output", "out.json")
        assert (result.exit_code, result.stdout) == (1, "")
        assert json.loads((root / "out.json").read_text())["summary"]["errors"] == 1

    def test_colour_is_forced_or_refused_by_the_environment(
        self, tree: WriteTree, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        tree({"Dockerfile": NO_FROM})
        assert "\x1b[" not in run("check", "--select", "LD001").stdout
        monkeypatch.setenv("FORCE_COLOR", "1")
        assert "\x1b[" in run("check", "--select", "LD001").stdout
        monkeypatch.setenv("NO_COLOR", "1")
        assert "\x1b[" not in run("check", "--select", "LD001").stdout

    @pytest.mark.parametrize("format_name", ["text", "json", "sarif", "github"])
    def test_deterministic(self, tree: WriteTree, format_name: str) -> None:
        tree({f"s{n}/Dockerfile": NO_FROM if n % 2 else CLEAN for n in range(6)})
        outputs = {run("check", "--format", format_name).stdout for _ in range(2)}
        assert len(outputs) == 1

    def test_no_files(self, tree: WriteTree) -> None:
        tree({"README.md": "hi\n"})
        result = run("check")
        assert (result.exit_code, result.stdout) == (0, "All checks passed.\n")
        assert result.stderr == "lintdock: warning: no Dockerfiles or compose files found\n"


class TestInputs:
    def test_stdin_with_a_filename(self, tree: WriteTree) -> None:
        tree({})
        result = run(
            "check", "-", "--stdin-filename", "svc/Dockerfile", "--select", "LD0", stdin=NO_FROM
        )
        assert result.stdout.startswith("svc/Dockerfile:1:1: LD001")

    def test_stdin_without_a_filename_is_guessed(self, tree: WriteTree) -> None:
        tree({})
        result = run("check", "-", "--select", "LD0", "--quiet", stdin=NO_FROM)
        assert result.stdout.startswith("-:1:1: LD001")

    def test_type_forces_the_kind(self, tree: WriteTree) -> None:
        tree({"build.yml": NO_FROM})
        result = run("check", "build.yml", "--type", "dockerfile", "--select", "LD0", "--quiet")
        assert result.stdout.startswith("build.yml:1:1: LD001")

    def test_diff_prints_and_changes_nothing(self, tree: WriteTree) -> None:
        root = tree({"Dockerfile": CURL_WITHOUT_FAIL})
        result = run("check", "--select", "LD105", "--diff")
        assert result.exit_code == 1
        assert "+HEALTHCHECK CMD curl --fail -s http://localhost/\n" in result.stdout
        assert (root / "Dockerfile").read_text() == CURL_WITHOUT_FAIL

    def test_fix_writes_and_reports_what_is_left(self, tree: WriteTree) -> None:
        root = tree({"Dockerfile": CURL_WITHOUT_FAIL, "b/Dockerfile": NO_FROM})
        result = run("check", "--select", "LD105,LD001", "--fix", "--quiet")
        assert (root / "Dockerfile").read_text() == CURL_WITHOUT_FAIL.replace("curl", "curl --fail")
        assert result.stderr == "lintdock: fixed 1 problem in 1 file\n"
        assert result.stdout.startswith("b/Dockerfile:1:1: LD001")
        assert result.exit_code == 1

    def test_fix_needs_files(self, tree: WriteTree) -> None:
        tree({})
        result = run("check", "-", "--fix", stdin=NO_FROM)
        assert result.exit_code == 2
        assert "--fix and --diff need files" in result.stderr


class TestRuleCommands:
    def test_rules_table(self) -> None:
        lines = run("rules").stdout.splitlines()
        assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "FIX", "SUMMARY"]
        (ld901,) = [line for line in lines if line.startswith("LD901")]
        assert ld901.split()[:3] == ["LD901", "unused-suppression", "info"]

    @pytest.mark.parametrize("key", ["LD901", "unused-suppression", "ld901"])
    def test_rule_page(self, key: str) -> None:
        result = run("rule", key)
        assert result.stdout.startswith("# LD901 unused-suppression\n")

    def test_unknown_rule(self) -> None:
        result = run("rule", "unused-supression")
        assert result.exit_code == 2
        assert result.stderr == (
            "lintdock: error: unknown rule 'unused-supression' "
            "(did you mean 'unused-suppression'?)\n"
        )

    def test_version(self) -> None:
        assert run("--version").stdout == f"lintdock, version {__version__}\n"


@pytest.mark.parametrize(
    ("files", "args", "code"),
    [
        ({"Dockerfile": CLEAN}, ["--select", "LD0"], 0),
        ({"Dockerfile": NO_FROM}, ["--select", "LD0"], 1),
        ({"Dockerfile": CLEAN}, ["--select", "LD77"], 2),
    ],
)
def test_python_dash_m(tree: WriteTree, files: dict[str, str], args: list[str], code: int) -> None:
    root = tree(files)
    completed = subprocess.run(
        [sys.executable, "-m", "lintdock", "check", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": ""},
    )
    assert completed.returncode == code, completed.stderr
