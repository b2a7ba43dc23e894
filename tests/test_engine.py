"""The engine's pipeline with rules made for the test: rule isolation, severity resolution,
selection, per-file ignores, suppressions end to end, paths, unreadable files, lazy imports."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest
from conftest import REPO, WriteTree, make_rule

from lintdock import engine
from lintdock.config import Layer, parse_table, resolve
from lintdock.discovery import kind_from_name
from lintdock.engine import Failure, LintResult, Notification, Source, display_path, lint_paths
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.span import Span
from lintdock.rules import Registry, registry
from lintdock.rules.base import Check, Context

LD901 = registry().get("LD901")
assert LD901 is not None


def on_every_from(code: str) -> Check:
    def check(context: Context) -> Iterable[Diagnostic]:
        for dockerfile in context.project.dockerfiles:
            for stage in dockerfile.stages:
                keyword = stage.from_instruction.keyword_span
                yield Diagnostic(code, "stage has no health check", dockerfile.path, keyword)

    return check


def on_every_run(context: Context) -> Iterable[Diagnostic]:
    for dockerfile in context.project.dockerfiles:
        for instruction in dockerfile.instructions:
            if instruction.keyword == "RUN":
                yield Diagnostic(
                    "LD203", "RUN found", dockerfile.path, instruction.span, Severity.INFO
                )


def crashes(context: Context) -> Iterable[Diagnostic]:
    raise KeyError("boom")


RULES = Registry(
    [
        make_rule(
            "LD101", "missing-healthcheck", on_every_from("LD101"), equivalents=("hadolint:DL3057",)
        ),
        make_rule("LD203", "pipe-to-shell", on_every_run),
        make_rule("LD304", "check-chain-not-exec", crashes),
        make_rule("LD505", "restart-ignores-unhealthy", on_every_from("LD505"), enabled=False),
        LD901,
    ]
)


def lint(files: Mapping[str, str], **table: object) -> LintResult:
    layer = parse_table({k.replace("_", "-"): v for k, v in table.items()}, RULES, "", "")
    settings = resolve(RULES, [layer])
    sources = [
        Source(path, kind, text)
        for path, text in files.items()
        if (kind := kind_from_name(path)) is not None
    ]
    return engine.run(sources, files.get, lambda path: settings, RULES)


def found(result: LintResult) -> list[tuple[str, str, int, int, str]]:
    return [
        (d.path, d.code, d.span.line, d.span.column, d.severity.label if d.severity else "")
        for d in result.diagnostics
    ]


def test_findings_sorted_by_path_then_position_with_severity_resolved() -> None:
    result = lint(
        {
            "b/Dockerfile": "FROM alpine\nRUN x\n",
            "a/Dockerfile": "FROM alpine AS build\nRUN y\nFROM scratch\n",
        },
        ignore=["LD304"],
    )
    assert found(result) == [
        ("a/Dockerfile", "LD101", 1, 1, "warning"),
        ("a/Dockerfile", "LD203", 2, 1, "info"),
        ("a/Dockerfile", "LD101", 3, 1, "warning"),
        ("b/Dockerfile", "LD101", 1, 1, "warning"),
        ("b/Dockerfile", "LD203", 2, 1, "info"),
    ]
    assert result.files == ("a/Dockerfile", "b/Dockerfile")
    assert [r.code for r in result.rules] == ["LD101", "LD203", "LD901"]
    assert result.failing == 3


def test_a_crashing_rule_is_reported_and_the_others_still_count() -> None:
    result = lint({"Dockerfile": "FROM alpine\n"})
    assert result.failures == (Failure("LD304", "Dockerfile", "KeyError: 'boom'"),)
    assert found(result) == [("Dockerfile", "LD101", 1, 1, "warning")]


def test_an_explicit_severity_overrides_the_rules_own_choice() -> None:
    files = {"Dockerfile": "FROM alpine\nRUN x\n"}
    result = lint(files, select=["LD2", "LD101"], severity={"LD2": "error", "LD101": "info"})
    assert found(result) == [
        ("Dockerfile", "LD101", 1, 1, "info"),
        ("Dockerfile", "LD203", 2, 1, "error"),
    ]
    assert result.failing == 1


def test_fail_on_counts_findings_at_or_above_the_threshold() -> None:
    files = {"Dockerfile": "FROM alpine\nRUN x\n"}
    assert lint(files, select=["LD203"], fail_on="info").failing == 1
    assert lint(files, select=["LD203"]).failing == 0


def test_rules_off_by_default_run_only_when_selected() -> None:
    files = {"Dockerfile": "FROM alpine\n"}
    assert [d.code for d in lint(files, select=["LD1"]).diagnostics] == ["LD101"]
    assert [d.code for d in lint(files, select=["LD1", "LD5"]).diagnostics] == ["LD101"]
    assert [d.code for d in lint(files, select=["LD1", "LD505"]).diagnostics] == ["LD101", "LD505"]


def test_per_file_ignores() -> None:
    files = {"Dockerfile": "FROM alpine\n", "legacy/Dockerfile": "FROM alpine\n"}
    result = lint(files, select=["LD1"], per_file_ignores={"legacy/**": ["missing-healthcheck"]})
    assert found(result) == [("Dockerfile", "LD101", 1, 1, "warning")]


class TestDockerfileSuppressions:
    def test_ignore_above_an_instruction_covers_all_its_lines(self) -> None:
        text = (
            "FROM alpine\n# lintdock: ignore=LD203 -- vetted installer\nRUN a \\\n  && b\nRUN c\n"
        )
        result = lint({"Dockerfile": text}, select=["LD203", "LD901"])
        assert found(result) == [("Dockerfile", "LD203", 5, 1, "info")]

    def test_names_and_ignore_file(self) -> None:
        text = "# lintdock: ignore-file=pipe-to-shell\nFROM alpine\nRUN a\n"
        result = lint({"Dockerfile": text}, select=["LD1", "LD2", "LD9"])
        assert found(result) == [("Dockerfile", "LD101", 2, 1, "warning")]

    def test_unused_suppression_is_reported_where_the_code_is_written(self) -> None:
        text = "FROM alpine\n# lintdock: ignore=LD101,LD203\nRUN a\n"
        result = lint({"Dockerfile": text}, select=["LD1", "LD2", "LD9"])
        assert found(result) == [
            ("Dockerfile", "LD101", 1, 1, "warning"),
            ("Dockerfile", "LD901", 2, 20, "info"),
        ]
        assert result.diagnostics[1].span == Span(2, 20, 2, 25)

    def test_no_unused_report_for_a_rule_that_did_not_run(self) -> None:
        text = "FROM alpine\n# lintdock: ignore=LD101\nRUN a\n"
        result = lint({"Dockerfile": text}, select=["LD2", "LD9"])
        assert found(result) == [("Dockerfile", "LD203", 3, 1, "info")]

    def test_no_unused_report_when_ld901_is_not_selected(self) -> None:
        text = "FROM alpine\n# lintdock: ignore=LD203\nRUN a\n"
        assert lint({"Dockerfile": text}, select=["LD1", "LD2"]).diagnostics == (
            lint({"Dockerfile": "FROM alpine\n"}, select=["LD1"]).diagnostics
        )

    def test_unused_suppression_can_be_silenced_for_the_file(self) -> None:
        text = "# lintdock: ignore-file=LD901\nFROM alpine\n# lintdock: ignore=LD101\nRUN a\n"
        result = lint({"Dockerfile": text}, select=["LD1", "LD9"])
        assert found(result) == [("Dockerfile", "LD101", 2, 1, "warning")]

    def test_hadolint_equivalents(self) -> None:
        text = "# hadolint ignore=DL3057,DL3008\nFROM alpine\n# hadolint ignore=DL3059\nRUN a\n"
        result = lint({"Dockerfile": text}, select=["LD1", "LD2", "LD9"])
        assert found(result) == [("Dockerfile", "LD203", 4, 1, "info")]


def test_a_parser_crash_is_an_internal_error_and_other_files_are_linted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lintdock.parsers import dockerfile

    real = dockerfile.parse_dockerfile

    def fragile(text: str, path: str) -> object:
        if path == "bad/Dockerfile":
            raise RecursionError("too deep")
        return real(text, path)

    monkeypatch.setattr(dockerfile, "parse_dockerfile", fragile)
    result = lint({"bad/Dockerfile": "FROM a\n", "good/Dockerfile": "FROM a\n"}, select=["LD1"])
    assert result.failures == (Failure(None, "bad/Dockerfile", "RecursionError: too deep"),)
    assert found(result) == [("good/Dockerfile", "LD101", 1, 1, "warning")]


class TestFiles:
    """``lint_paths`` on the file system (the real registry, so only paths are asserted)."""

    def test_unreadable_files_are_notifications(self, tree: WriteTree) -> None:
        tree(
            {
                "ok/Dockerfile": "FROM alpine:3.20\n",
                "binary/Dockerfile": b"FROM alpine\x00\x01\n",
                "latin1/Dockerfile": "FROM alpine\n# caf\xe9\n".encode("latin-1"),
                "dir/Dockerfile/Dockerfile": "FROM alpine:3.20\n",
            }
        )
        result = lint_paths(["."], layer=Layer(select=("LD9", "LD005")))
        assert result.files == ("dir/Dockerfile/Dockerfile", "ok/Dockerfile")
        assert result.notifications == ()
        assert [(d.code, d.path, d.span, d.message) for d in result.diagnostics] == [
            (
                "LD005",
                "binary/Dockerfile",
                Span(1, 12, 1, 12),
                "not linted: a binary file (it contains NUL bytes)",
            ),
            (
                "LD005",
                "latin1/Dockerfile",
                Span(2, 6, 2, 6),
                "not linted: not UTF-8 text (invalid continuation byte at byte 17)",
            ),
        ]

    def test_a_missing_explicit_path_is_fatal(self, tree: WriteTree) -> None:
        tree({"Dockerfile": "FROM alpine:3.20\n"})
        result = lint_paths(["Dockerfile", "gone/Dockerfile"], layer=Layer(select=("LD9",)))
        assert result.files == ("Dockerfile",)
        assert result.notifications == (
            Notification("gone/Dockerfile", "No such file or directory", fatal=True),
        )

    def test_an_explicit_file_is_linted_whatever_its_name(self, tree: WriteTree) -> None:
        tree({"build/app.txt": "FROM alpine:3.20\n", "notes.txt": "hello\n"})
        result = lint_paths(["build/app.txt", "."], layer=Layer(select=("LD9",)))
        assert result.files == ("build/app.txt",)

    def test_paths_outside_the_current_directory_are_absolute(
        self, tree: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        tree({"app/Dockerfile": "FROM alpine:3.20\n", "cwd/x": ""})
        monkeypatch.chdir(tmp_path / "cwd")
        result = lint_paths(["../app"], layer=Layer(select=("LD9",)))
        assert result.files == (f"{tmp_path.as_posix()}/app/Dockerfile",)
        assert display_path(str(tmp_path / "cwd" / "a" / "b")) == "a/b"

    def test_stdin_takes_the_given_filename_and_kind(self, tree: WriteTree) -> None:
        tree({})
        result = lint_paths(
            ["-"],
            layer=Layer(select=("LD9",)),
            stdin=engine.Stdin("FROM alpine:3.20\n", "svc/Dockerfile"),
        )
        assert result.files == ("svc/Dockerfile",)
        assert result.texts == {"svc/Dockerfile": "FROM alpine:3.20\n"}

    def test_exclude_from_config_and_force_exclude(self, tree: WriteTree) -> None:
        tree(
            {
                "lintdock.toml": "exclude = ['vendor/', 'Dockerfile.old']\n",
                "vendor/Dockerfile": "FROM alpine\n",
                "Dockerfile.old": "FROM alpine\n",
                "Dockerfile": "FROM alpine\n",
            }
        )
        assert lint_paths(["."]).files == ("Dockerfile",)
        assert lint_paths(["Dockerfile.old"]).files == ("Dockerfile.old",)
        assert lint_paths(["Dockerfile.old", "vendor"], force_exclude=True).files == ()


def test_lint_texts_uses_the_real_rules_and_ignores_other_files() -> None:
    diagnostics = engine.lint_texts(
        {"Dockerfile": "FROM alpine:3.20\n# lintdock: ignore=LD999\n", "notes.md": "# hi\n"},
        select=["LD901"],
    )
    assert [(d.code, d.span, d.severity) for d in diagnostics] == [
        ("LD901", Span(2, 20, 2, 25), Severity.INFO)
    ]


HEAVY_MODULES = (
    "import atexit, sys\n"
    "atexit.register(lambda: print(sorted(m for m in sys.modules"
    " if m.split('.')[0] in ('ruamel', 'jsonschema') or m == 'lintdock.parsers.compose')))\n"
)


@pytest.mark.parametrize(
    "program",
    [
        "from lintdock.engine import lint_texts\n"
        "lint_texts({'Dockerfile': 'FROM alpine\\nCMD curl http://x && app\\n'}, select=['ALL'])\n",
        "import runpy\n"
        "sys.argv = ['lintdock', 'check', '--select', 'ALL', 'Dockerfile']\n"
        "runpy.run_module('lintdock', run_name='__main__')\n",
    ],
    ids=["lint_texts", "cli"],
)
def test_linting_only_dockerfiles_does_not_import_yaml_or_schema_machinery(
    program: str, tree: WriteTree
) -> None:
    root = tree({"Dockerfile": "FROM alpine\nCMD curl http://x && app\n"})
    output = subprocess.run(
        [sys.executable, "-c", HEAVY_MODULES + program],
        cwd=root,
        env={"PYTHONPATH": str(REPO), "PATH": ""},
        capture_output=True,
        text=True,
    )
    assert output.stdout.splitlines()[-1] == "[]"


def on_every_service(context: Context) -> Iterable[Diagnostic]:
    for service in context.project.services:
        image = service.image.value if service.image else None
        name = service.name
        yield Diagnostic("LD404", f"image {image}", name.path, name.span, service=service.key)


COMPOSE_RULES = Registry(
    [
        make_rule(
            "LD101", "missing-healthcheck", on_every_from("LD101"), equivalents=("hadolint:DL3057",)
        ),
        make_rule("LD404", "depends-on-start-order-only", on_every_service),
        LD901,
    ]
)


def lint_compose(files: Mapping[str, str], linted: Iterable[str] | None = None) -> LintResult:
    settings = resolve(COMPOSE_RULES, [])
    names = linted if linted is not None else files
    sources = [
        Source(path, kind, files[path])
        for path in names
        if (kind := kind_from_name(path)) is not None
    ]
    return engine.run(sources, files.get, lambda path: settings, COMPOSE_RULES)


def messages(result: LintResult) -> list[tuple[str, str, int, int, str]]:
    return [(d.path, d.code, d.span.line, d.span.column, d.message) for d in result.diagnostics]


class TestCompose:
    def test_override_merged_and_env_file_used(self) -> None:
        result = lint_compose(
            {
                "compose.yaml": "services:\n  web:\n    image: web:${TAG:-dev}\n",
                "compose.override.yaml": "services:\n  worker:\n    image: worker:1\n",
                ".env": "TAG=1.2\n",
            }
        )
        assert messages(result) == [
            ("compose.override.yaml", "LD404", 2, 3, "image worker:1"),
            ("compose.yaml", "LD404", 2, 3, "image web:1.2"),
        ]
        assert result.diagnostics[1].service == "web"
        assert result.files == ("compose.override.yaml", "compose.yaml")

    def test_a_dockerfile_built_by_two_projects_is_reported_once(self) -> None:
        build = "    build: .\n"
        result = lint_compose(
            {
                "compose.yaml": "services:\n  web:\n" + build,
                "compose.prod.yaml": "services:\n  web:\n" + build,
                "Dockerfile": "FROM alpine\n",
            }
        )
        assert [(d.path, d.code) for d in result.diagnostics] == [
            ("Dockerfile", "LD101"),
            ("compose.prod.yaml", "LD404"),
            ("compose.yaml", "LD404"),
        ]

    def test_a_dockerfile_loaded_only_as_context_is_not_reported(self) -> None:
        files = {"compose.yaml": "services:\n  web:\n    build: .\n", "Dockerfile": "FROM a\n"}
        result = lint_compose(files, linted=["compose.yaml"])
        assert [(d.path, d.code) for d in result.diagnostics] == [("compose.yaml", "LD404")]
        assert result.files == ("compose.yaml",)

    def test_suppressions(self) -> None:
        text = (
            "services:\n"
            "  web:  # lintdock: ignore=LD404\n"
            "    image: web:1\n"
            "  # lintdock: ignore=depends-on-start-order-only -- vendor image\n"
            "  db:\n"
            "    image: postgres:16\n"
            "  cache:\n"
            "    image: redis:7  # lintdock: ignore=LD4\n"
            "  queue:\n"
            "    image: rabbitmq:3\n"
        )
        result = lint_compose({"compose.yaml": text})
        assert messages(result) == [
            ("compose.yaml", "LD404", 7, 3, "image redis:7"),
            (
                "compose.yaml",
                "LD901",
                8,
                40,
                "Unused suppression of LD4: nothing here is reported for it",
            ),
            ("compose.yaml", "LD404", 9, 3, "image rabbitmq:3"),
        ]

    def test_ignore_file_in_an_override_applies_to_that_file_only(self) -> None:
        result = lint_compose(
            {
                "compose.yaml": "services:\n  web:\n    image: web:1\n",
                "compose.override.yaml": (
                    "# lintdock: ignore-file\nservices:\n  worker:\n    image: worker:1\n"
                ),
            }
        )
        assert [(d.path, d.code) for d in result.diagnostics] == [("compose.yaml", "LD404")]


def test_an_override_not_named_is_merged_but_not_reported(tree: WriteTree) -> None:
    tree(
        {
            "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    depends_on: [api]\n",
            "compose.override.yaml": "services:\n  api:\n    image: x\n    depends_on: [ghost]\n",
        }
    )
    named = lint_paths(["compose.yaml"], layer=Layer(select=("LD401",)))
    assert (named.files, named.diagnostics) == (("compose.yaml",), ())
    both = lint_paths(["."], layer=Layer(select=("LD401",)))
    assert [(d.path, d.span.line) for d in both.diagnostics] == [("compose.override.yaml", 4)]


def test_lint_texts_raises_when_something_crashed(monkeypatch: pytest.MonkeyPatch) -> None:
    from lintdock.parsers import dockerfile

    def broken(text: str, path: str) -> object:
        raise ValueError("unexpected")

    monkeypatch.setattr(dockerfile, "parse_dockerfile", broken)
    with pytest.raises(engine.InternalError) as error:
        engine.lint_texts({"Dockerfile": "FROM alpine\n"})
    assert str(error.value) == "parser on Dockerfile: ValueError: unexpected"
    assert error.value.failures == (Failure(None, "Dockerfile", "ValueError: unexpected"),)
