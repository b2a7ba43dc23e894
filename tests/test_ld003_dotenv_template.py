"""LD003: values that are invalid only because the ``.env`` a template makes is not there yet
(mattermost's ``cp env.example .env``) are one setup step per file, not one warning per value."""

from __future__ import annotations

from textwrap import dedent

from lintdock.engine import lint_texts
from lintdock.model.span import Span

COMPOSE = dedent(
    """\
    services:
      postgres:
        image: postgres:13-alpine
        volumes:
          - ${POSTGRES_DATA_PATH}:/var/lib/postgresql/data
      mattermost:
        image: mattermost/mattermost-enterprise-edition:${MATTERMOST_IMAGE_TAG:?set it}
        volumes:
          - ${MATTERMOST_CONFIG_PATH}:/mattermost/config:rw
          - ${MATTERMOST_DATA_PATH}:/mattermost/data:rw
          - ${MATTERMOST_LOGS_PATH}:/mattermost/logs:rw
    """
)
TEMPLATE = dedent(
    """\
    POSTGRES_DATA_PATH=./volumes/db/var/lib/postgresql/data
    MATTERMOST_IMAGE_TAG=10.5
    MATTERMOST_CONFIG_PATH=./volumes/app/mattermost/config
    MATTERMOST_DATA_PATH=./volumes/app/mattermost/data
    """
)


def found(files: dict[str, str]) -> list[tuple[Span, str | None, str]]:
    return [
        (d.span, d.severity and d.severity.label, d.message)
        for d in lint_texts(files, select=["LD003"])
    ]


def test_the_values_a_template_of_env_sets_are_one_setup_step() -> None:
    # MATTERMOST_LOGS_PATH is not in the template: that value stays its own warning
    assert found({"docker-compose.yml": COMPOSE, "env.example": TEMPLATE}) == [
        (
            Span(5, 9, 5, 55),
            "warning",
            "invalid spec: :/var/lib/postgresql/data: empty section between colons (unless "
            "POSTGRES_DATA_PATH is set: .env does not set it, so it is read as empty); .env is "
            "not there: copy env.example to .env and fill it in (it sets POSTGRES_DATA_PATH, "
            "MATTERMOST_IMAGE_TAG, MATTERMOST_CONFIG_PATH, MATTERMOST_DATA_PATH), which 3 more "
            "values of this file need too (lines 7, 9, 10)",
        ),
        (
            Span(11, 9, 11, 52),
            "warning",
            "invalid spec: :/mattermost/logs:rw: empty section between colons (unless "
            "MATTERMOST_LOGS_PATH is set: .env does not set it, so it is read as empty)",
        ),
    ]


def test_without_a_template_each_value_is_its_own_warning() -> None:
    without = found({"docker-compose.yml": COMPOSE})
    assert [(span.line, severity) for span, severity, _ in without] == [
        (5, "warning"),
        (7, "warning"),
        (9, "warning"),
        (10, "warning"),
        (11, "warning"),
    ]


def test_a_variable_the_template_leaves_empty_is_still_the_users_to_set() -> None:
    template = "POSTGRES_DATA_PATH=\n"
    [finding] = found(
        {"docker-compose.yml": COMPOSE.split("  mattermost:")[0], ".env.example": template}
    )
    assert finding[2].endswith("so it is read as empty)")


def test_with_the_env_file_there_the_template_is_not_looked_at() -> None:
    files = {"docker-compose.yml": COMPOSE, "env.example": TEMPLATE, ".env": TEMPLATE}
    assert [span.line for span, _, _ in found(files)] == [11]
