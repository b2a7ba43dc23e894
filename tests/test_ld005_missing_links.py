"""LD005 on a file that is not there: a missing ``.env`` or ``env_file`` is Compose's to report,
and so is a symbolic link to nothing (mailcow's ``.env -> mailcow.conf``, which its
``generate_config.sh`` writes): not a file lintdock failed to read."""

from __future__ import annotations

import os

from conftest import WriteTree

from lintdock.config import Layer
from lintdock.engine import lint_paths
from lintdock.files import FileKind, Missing, NotReadable, check
from lintdock.model.span import Span

COMPOSE = "services:\n  web:\n    image: nginx:1.27\n    env_file: ${CONF:-app.env}\n"


def codes() -> list[tuple[str, str, Span, str]]:
    result = lint_paths(["."], layer=Layer(select=("LD005", "LD008")))
    return [(d.code, d.path, d.span, d.message) for d in result.diagnostics]


def test_a_dotenv_linked_to_a_file_not_yet_written_is_not_a_read_error(tree: WriteTree) -> None:
    root = tree({"docker-compose.yml": "services:\n  web:\n    image: nginx:1.27\n"})
    os.symlink("mailcow.conf", root / ".env")
    assert codes() == []


def test_an_env_file_linked_to_nothing_is_missing_for_ld008(tree: WriteTree) -> None:
    root = tree({"docker-compose.yml": COMPOSE})
    os.symlink("generated/app.env", root / "app.env")
    [(code, path, span, message)] = codes()
    assert (code, path, span) == ("LD008", "docker-compose.yml", Span(4, 15, 4, 31))
    assert message.startswith("env file app.env not found")


def test_a_dotenv_linked_out_of_the_project_is_still_not_read(tree: WriteTree) -> None:
    root = tree({"project/docker-compose.yml": "services:\n  web:\n    image: nginx:1.27\n"})
    (root / "elsewhere.env").write_text("TOKEN=1\n", encoding="utf-8")
    os.symlink("../elsewhere.env", root / "project" / ".env")
    os.chdir(root / "project")
    [(code, path, span, message)] = codes()
    assert (code, path, span) == ("LD005", "docker-compose.yml", Span(1, 1, 1, 1))
    assert message.startswith(
        "the `.env` beside it is not read, so nothing is interpolated from it: outside the "
        "project root (it resolves to "
    )


def test_a_dangling_link_is_missing_and_says_where_it_points(tree: WriteTree) -> None:
    root = tree({})
    os.symlink("mailcow.conf", root / ".env")
    try:
        check(str(root / ".env"), FileKind.ENV)
    except NotReadable as problem:
        assert isinstance(problem, Missing)
        assert problem.reason == "a symbolic link to mailcow.conf, which does not exist"
    else:
        raise AssertionError("a dangling link was read")
