"""LD008 env-file-missing: a required env_file that does not exist is compose's refusal; beside
a template of it (``.env.example``, ``.env.dist``) it is a setup step, and says so."""

from __future__ import annotations

import pytest

from lintdock.engine import lint_texts
from lintdock.model.span import Span

COMPOSE = "services:\n  app:\n    image: example/app:1\n    env_file: .env\n"


def test_a_missing_env_file_is_an_error_at_its_entry() -> None:
    [finding] = lint_texts({"compose.yaml": COMPOSE}, select=["LD008"])
    assert (finding.span, finding.severity and finding.severity.label) == (
        Span(4, 15, 4, 19),
        "error",
    )
    assert finding.message.startswith("env file .env not found: docker compose refuses to start")


@pytest.mark.parametrize("template", [".env.example", ".env.dist", "example.env"])
def test_beside_a_template_it_is_a_setup_step(template: str) -> None:
    files = {"compose.yaml": COMPOSE, template: "DB_PASSWORD=\n"}
    [finding] = lint_texts(files, select=["LD008"])
    assert (finding.span, finding.severity and finding.severity.label) == (
        Span(4, 15, 4, 19),
        "info",
    )
    assert finding.message == (
        f"env file .env not found, but {template} is beside it: a setup step, docker compose "
        f'refuses to start "app" until it is done. Copy {template} to .env and fill it in'
    )


def test_an_existing_env_file_is_fine() -> None:
    assert lint_texts({"compose.yaml": COMPOSE, ".env": "A=1\n"}, select=["LD008"]) == []


def test_a_file_outside_the_root_is_not_known_to_be_missing() -> None:
    # umbrel's ${APP_DATA_DIR}/settings.env with the variable unset: /settings.env, not read
    compose = "services:\n  app:\n    image: example/app:1\n    env_file: /settings.env\n"
    assert lint_texts({"compose.yaml": compose}, select=["LD008"]) == []
    [unread] = lint_texts({"compose.yaml": compose}, select=["LD005"])
    assert unread.span == Span(4, 15, 4, 28)


def test_a_path_made_of_a_platform_variable_is_the_environments_to_say() -> None:
    # an app store's ${APP_DATA_DIR}: where the file is depends on the platform that sets it
    compose = (
        "services:\n  app:\n    image: example/app:1\n"
        "    env_file:\n      - ${APP_DATA_DIR}/settings.env\n      - ${CONF}app.env\n"
    )
    found = lint_texts({"compose.yaml": compose}, select=["LD005", "LD008"])
    assert [(d.code, d.span, d.severity and d.severity.label) for d in found] == [
        ("LD005", Span(5, 9, 5, 37), "info"),
        ("LD008", Span(6, 9, 6, 23), "info"),
    ]
    assert found[0].message == (
        "env_file `/settings.env` of service `app` is not read: its path reads APP_DATA_DIR, "
        "which .env does not set, so where it is depends on the environment that sets it"
    )
    assert found[1].message.startswith(
        "env file app.env not found: its path reads CONF, which .env does not set"
    )


def test_portainers_stack_env_is_written_by_portainer() -> None:
    compose = COMPOSE.replace(".env", "stack.env")
    [finding] = lint_texts({"docker/compose/docker-compose.portainer.yml": compose})
    assert (finding.code, finding.span, finding.severity and finding.severity.label) == (
        "LD008",
        Span(4, 15, 4, 24),
        "info",
    )
    assert "Portainer writes a stack's environment variables to stack.env" in finding.message


def test_in_a_catalogue_the_platform_writes_an_apps_env_file() -> None:
    # Dokploy's blueprints/<app>/docker-compose.yml reads the .env Dokploy writes at install
    files = {f"blueprints/{app}/docker-compose.yml": COMPOSE for app in "abcde"}
    assert lint_texts(files, select=["LD008"]) == []
    [outside] = lint_texts({**files, "compose.yaml": COMPOSE}, select=["LD008"])
    assert (outside.path, outside.span) == ("compose.yaml", Span(4, 15, 4, 19))
