"""Values of secret-looking variables from ``.env`` and ``env_file`` are never printed in full."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintdock.cli import cli
from lintdock.engine import lint_texts
from lintdock.model.diagnostic import Diagnostic, Fix
from lintdock.model.span import Span
from lintdock.secrets import MASK, Masker, looks_secret, secret_values

COMPOSE = """\
services:
  web:
    image: nginx:1.27
    restart: "${DB_PASSWORD}"
    healthcheck:
      test: ["CMD", "true"]
      retries: ${API_KEY}
"""


@pytest.mark.parametrize(
    "name",
    ["DB_PASSWORD", "POSTGRES_PASSWORD", "API_KEY", "GITHUB_TOKEN", "SECRET_KEY_BASE",
     "apiKey", "DBPASSWORD", "AWS_SECRET_ACCESS_KEY", "SENTRY_DSN", "PRIVATE_KEY", "SMTP_PASS"],
)  # fmt: skip
def test_secret_looking_names(name: str) -> None:
    assert looks_secret(name)


@pytest.mark.parametrize("name", ["DB_HOST", "PWD", "KEYBOARD_LAYOUT", "MONKEY", "PASSAGE", "PORT"])
def test_other_names(name: str) -> None:
    assert not looks_secret(name)


def test_booleans_and_short_numbers_are_not_taken_for_secrets() -> None:
    variables = [("USE_API_KEY", "true"), ("KEY_ID", "12"), ("PIN_KEY", "1234"), ("TOKEN", " ")]
    assert secret_values(variables) == {"1234"}


def test_interpolated_values_from_dot_env_are_masked_in_every_message() -> None:
    files = {".env": "DB_PASSWORD=hunter2secret\nAPI_KEY=zz9plural\n", "compose.yaml": COMPOSE}
    found = lint_texts(files, select=["LD003", "LD107", "LD501"])
    assert [(d.code, d.span.line) for d in found] == [("LD501", 4), ("LD003", 7), ("LD107", 7)]
    for diagnostic in found:
        assert "hunter2secret" not in diagnostic.message
        assert "zz9plural" not in diagnostic.message
        assert MASK in diagnostic.message


def test_values_of_an_env_file_are_masked() -> None:
    compose = COMPOSE.replace('"${DB_PASSWORD}"', "longpassword").replace("${API_KEY}", "3")
    compose += "    env_file: secrets.env\n"
    files = {"compose.yaml": compose, "secrets.env": "ADMIN_PASSWORD=longpassword\n"}
    (found,) = lint_texts(files, select=["LD501"])
    assert "longpassword" not in found.message and MASK in found.message


def test_the_cli_prints_no_secret_in_any_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text("DB_PASSWORD=hunter2secret\nAPI_KEY=zz9plural\n")
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    monkeypatch.chdir(tmp_path)
    for output_format in ("text", "json", "sarif", "github"):
        result = CliRunner().invoke(cli, ["check", "--format", output_format, "."])
        assert result.exit_code == 1, result.output
        assert "hunter2secret" not in result.output and "zz9plural" not in result.output
        if output_format == "json":
            assert json.loads(result.output)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ('restart "on-failure:hunter2secret"', 'restart "on-failure:***"'),
        ("the value is hunter2secret.", "the value is ***."),
        ("redis://u:hunter2secret@cache", "redis://u:***@cache"),
        ('service "kiosk-agent", image "ghcr.io/kiosk/kiosk:1"', None),
        ("env file ./data/kiosk/kiosk.env (line 2)", None),
        ('image "postgres:16"', None),
        ("a hunter2secret-backup folder", None),
        ('restart "kiosk"', 'restart "***"'),
        ("restart: kiosk makes", "restart: *** makes"),
        ("ADMIN_PASSWORD=kiosk", "ADMIN_PASSWORD=***"),
        ("postgres://app:kiosk@db", "postgres://app:***@db"),
        ("the kiosk service, as kiosk", None),
    ],
)
def test_a_value_is_masked_where_it_stands_as_the_value(text: str, masked: str | None) -> None:
    assert Masker(["kiosk", "postgres", "hunter2secret"]).text(text) == (masked or text)


def test_a_short_value_is_masked_only_where_it_stands_alone() -> None:
    masker = Masker(["ab", "secretvalue"])
    fix = Fix("set secretvalue", ())
    diagnostic = Diagnostic("LD501", 'tab ab "ab" secretvalue', "c.yaml", Span.point(1, 1), fix=fix)
    masked = masker.diagnostic(diagnostic)
    assert masked.message == 'tab ab "***" ***'
    assert masked.fix is not None and masked.fix.description == "set ***"


def test_a_password_that_is_a_word_leaves_names_and_paths_readable() -> None:
    files = {
        "compose.yaml": (
            "services:\n  kiosk-agent:\n    image: ghcr.io/kiosk/kiosk-agent:latest\n"
            "    env_file: ./data/kiosk/kiosk.env\n    restart: ${DB_PASSWORD}\n"
        ),
        ".env": "DB_PASSWORD=kiosk\n",
        "data/kiosk/kiosk.env": "MAIL_PASSWORD=kiosk\n",
    }
    found = lint_texts(files, select=["LD501", "LD704", "LD818"])
    assert [(d.code, d.span.line, d.span.column) for d in found] == [
        ("LD704", 3, 12),
        ("LD818", 4, 15),
        ("LD501", 5, 14),
    ]
    assert found[0].message.startswith('image "ghcr.io/kiosk/kiosk-agent:latest" uses the')
    assert found[1].message.startswith(
        "MAIL_PASSWORD is given a literal value in the env file ./data/kiosk/kiosk.env (line 1)"
    )
    assert found[2].message.startswith(
        'restart: *** makes docker compose up fail with "invalid restart policy: unknown '
        "policy '***';"
    )
