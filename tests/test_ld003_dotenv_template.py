"""LD003: where the ``.env`` a template makes is not there yet (mattermost's ``cp env.example
.env``), the project is read with the template's values, as each set-up checkout has them; the
values the template leaves for the user to fill in are one info per file."""

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


LOGS_WARNING = (
    Span(11, 9, 11, 52),
    "warning",
    "invalid spec: :/mattermost/logs:rw: empty section between colons (unless "
    "MATTERMOST_LOGS_PATH is set: .env does not set it, so it is read as empty)",
)


def test_the_template_of_a_missing_env_is_read_as_the_env() -> None:
    # the values the template sets are what each user's checkout has once it is set up: no
    # finding; MATTERMOST_LOGS_PATH is not in the template, so that value is still a warning
    assert found({"docker-compose.yml": COMPOSE, "env.example": TEMPLATE}) == [LOGS_WARNING]


def test_the_values_the_template_leaves_empty_are_one_info_to_fill_them_in() -> None:
    template = TEMPLATE.replace("=./volumes/app/mattermost/config", "=").replace(
        "=./volumes/app/mattermost/data", "="
    )
    assert found({"docker-compose.yml": COMPOSE, ".env.dist": template}) == [
        (
            Span(9, 9, 9, 56),
            "info",
            "invalid spec: :/mattermost/config:rw: empty section between colons (unless "
            "MATTERMOST_CONFIG_PATH is set: .env does not set it, so it is read as empty); .env "
            "is not there: copy .env.dist to .env and fill in what it leaves empty "
            "(MATTERMOST_CONFIG_PATH, MATTERMOST_DATA_PATH), which 1 more values of this file "
            "need too (lines 10)",
        ),
        LOGS_WARNING,
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


def test_a_guard_the_template_satisfies_is_gone_and_one_it_leaves_empty_is_an_info() -> None:
    compose = "services:\n  app:\n    image: example/app:${TAG:?set TAG}\n"
    assert found({"compose.yaml": compose, ".env.example": "TAG=1.4\n"}) == []
    [(span, severity, message)] = found({"compose.yaml": compose, ".env.example": "TAG=\n"})
    assert (span, severity) == (Span(3, 12, 3, 39), "info")
    assert message.endswith("copy .env.example to .env and fill in what it leaves empty (TAG)")


def test_with_the_env_file_there_the_template_is_not_looked_at() -> None:
    files = {"docker-compose.yml": COMPOSE, "env.example": TEMPLATE, ".env": TEMPLATE}
    assert [span.line for span, _, _ in found(files)] == [11]
