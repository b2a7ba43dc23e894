"""Which files are linted: kinds by name, compose grouping, and the directory walk."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import WriteTree

from lintdock.discovery import (
    Kind,
    group_compose,
    guess_kind,
    kind_from_name,
    override_candidates,
    walk,
)
from lintdock.engine import lint_paths


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Dockerfile", Kind.DOCKERFILE),
        ("Dockerfile.prod", Kind.DOCKERFILE),
        ("api.Dockerfile", Kind.DOCKERFILE),
        ("api.dockerfile", Kind.DOCKERFILE),
        ("Containerfile", Kind.DOCKERFILE),
        ("Containerfile.dev", Kind.DOCKERFILE),
        ("svc/Dockerfile", Kind.DOCKERFILE),
        ("compose.yaml", Kind.COMPOSE),
        ("compose.yml", Kind.COMPOSE),
        ("docker-compose.yaml", Kind.COMPOSE),
        ("docker-compose.yml", Kind.COMPOSE),
        ("compose.override.yaml", Kind.COMPOSE),
        ("docker-compose.prod.yml", Kind.COMPOSE),
        ("dockerfile", None),
        ("Dockerfiles", None),
        ("compose.json", None),
        ("my-compose.yaml", Kind.COMPOSE),
        ("docker-compose-v3.yml", Kind.COMPOSE),
        ("docker-compose_v3_alpine_mysql_latest.yaml", Kind.COMPOSE),
        ("compose-mysql8.yml", Kind.COMPOSE),
        ("docker-stack.yml", Kind.COMPOSE),
        ("example-voting-app-stack.yml", Kind.COMPOSE),
        ("composer.yml", None),
        ("pwd.yml", None),
        ("config.yaml", None),
        (".env", None),
    ],
)
def test_kind_from_name(name: str, kind: Kind | None) -> None:
    assert kind_from_name(name) is kind


def test_an_explicit_file_is_guessed_by_extension_then_content() -> None:
    assert guess_kind("stack.yml", "") is Kind.COMPOSE
    assert guess_kind("stack", "# app\nservices:\n  web: {}\n") is Kind.COMPOSE
    assert guess_kind("build/app.txt", "FROM alpine\n") is Kind.DOCKERFILE


def test_compose_grouping() -> None:
    assert group_compose(
        [
            "a/compose.yaml",
            "a/compose.override.yaml",
            "a/compose.prod.yaml",
            "b/docker-compose.yml",
            "b/docker-compose.override.yml",
            "c/docker-compose.override.yml",
            "d/compose.yaml",
            "d/docker-compose.override.yml",
            "stack.yml",
        ]
    ) == [
        ("a/compose.prod.yaml",),
        ("a/compose.yaml", "a/compose.override.yaml"),
        ("b/docker-compose.yml", "b/docker-compose.override.yml"),
        ("c/docker-compose.override.yml",),
        ("d/compose.yaml", "d/docker-compose.override.yml"),
        ("stack.yml",),
    ]


def test_an_override_of_the_other_stem_is_not_shared_by_two_bases() -> None:
    assert group_compose(["compose.yaml", "docker-compose.yml", "docker-compose.override.yml"]) == [
        ("compose.yaml",),
        ("docker-compose.yml", "docker-compose.override.yml"),
    ]


def never(path: str, is_dir: bool) -> bool:
    return False


def walked(root: Path, excluded: Callable[[str, bool], bool] = never) -> list[str]:
    return [os.path.relpath(p, root) for p in walk(str(root), excluded)]


def test_walk_finds_lintable_names_sorted(tree: WriteTree) -> None:
    root = tree(
        {
            "b/Dockerfile": "",
            "a/compose.yaml": "",
            "a/README.md": "",
            "a/.env": "",
            "Containerfile": "",
            ".git/Dockerfile": "",
        }
    )
    assert walked(root) == ["Containerfile", "a/compose.yaml", "b/Dockerfile"]


def test_walk_respects_nested_gitignore_files(tree: WriteTree) -> None:
    root = tree(
        {
            ".git/HEAD": "",
            ".gitignore": "build/\n*.tmp.Dockerfile\n",
            "build/Dockerfile": "",
            "x.tmp.Dockerfile": "",
            "svc/.gitignore": "Dockerfile.local\n!keep.tmp.Dockerfile\n",
            "svc/Dockerfile.local": "",
            "svc/keep.tmp.Dockerfile": "",
            "svc/Dockerfile": "",
        }
    )
    assert walked(root) == ["svc/Dockerfile", "svc/keep.tmp.Dockerfile"]


def test_walk_from_a_subdirectory_honours_the_repository_gitignore(tree: WriteTree) -> None:
    root = tree(
        {".git/HEAD": "", ".gitignore": "gen/\n", "app/gen/Dockerfile": "", "app/Dockerfile": ""}
    )
    assert walked(root / "app") == ["Dockerfile"]


def test_walk_outside_a_repository_ignores_gitignore_files_above_the_root(
    tree: WriteTree,
) -> None:
    root = tree({".gitignore": "app/\n", "app/Dockerfile": ""})
    assert walked(root / "app") == ["Dockerfile"]


def test_walk_applies_excluded(tree: WriteTree) -> None:
    root = tree({"vendor/Dockerfile": "", "Dockerfile": "", "old.Dockerfile": ""})

    def excluded(path: str, is_dir: bool) -> bool:
        return os.path.basename(path) in ("vendor", "old.Dockerfile")

    assert walked(root, excluded) == ["Dockerfile"]


def test_walk_survives_symlink_loops_and_stays_inside_the_root(
    tree: WriteTree, tmp_path: Path
) -> None:
    root = tree({"project/app/Dockerfile": "", "outside/Dockerfile": ""}) / "project"
    (root / "app" / "loop").symlink_to(root, target_is_directory=True)
    (root / "escape").symlink_to(tmp_path / "outside", target_is_directory=True)
    (root / "linked.Dockerfile").symlink_to(tmp_path / "outside" / "Dockerfile")
    (root / "same").symlink_to(root / "app", target_is_directory=True)
    assert walked(root) == ["app/Dockerfile"]


def test_override_candidates_of_a_base() -> None:
    assert override_candidates("app/docker-compose.yml") == [
        "app/docker-compose.override.yaml",
        "app/docker-compose.override.yml",
        "app/compose.override.yaml",
        "app/compose.override.yml",
    ]
    assert override_candidates("compose.prod.yaml") == []


SERVED = 'FROM alpine:3.20\nCOPY server /app/server\nCMD ["/app/server"]\n'  # LD101 at 1:1
CHECKED = '    healthcheck:\n      test: ["CMD", "/app/server", "--health"]\n'


@pytest.mark.parametrize(
    ("compose_path", "build", "env"),
    [
        ("services/api/compose.yaml", ".", ""),
        ("compose.yaml", "./services/api", ""),
        ("deploy/compose.yaml", "../services/api", ""),
        ("deploy/stack.yml", "../services/api", ""),
        ("compose.yaml", "${API_CONTEXT}", "API_CONTEXT=./services/api\n"),
        ("services/api/docker/compose.yaml", "..", ""),
    ],
    ids=["beside", "above", "sibling", "by-content", "from-env", "below"],
)
def test_a_named_dockerfile_is_linted_with_the_compose_file_that_builds_it(
    tree: WriteTree, compose_path: str, build: str, env: str
) -> None:
    """Wherever in the repository the compose file that builds it lies, its health check
    counts (LD101 is not reported), as in ``lintdock check .``."""
    compose = f"services:\n  api:\n    build: {build}\n{CHECKED}"
    files = {".git/HEAD": "", "services/api/Dockerfile": SERVED, compose_path: compose}
    if env:
        files[os.path.join(os.path.dirname(compose_path), ".env")] = env
    root = tree(files)
    found = lint_paths([str(root / "services/api/Dockerfile")], workers=1)
    assert [d.code for d in found.diagnostics if d.code == "LD101"] == []


def test_a_compose_file_that_builds_another_dockerfile_is_no_context(tree: WriteTree) -> None:
    compose = f"services:\n  web:\n    build: ./services/web\n{CHECKED}"
    root = tree(
        {
            ".git/HEAD": "",
            "services/api/Dockerfile": SERVED,
            "services/web/Dockerfile": SERVED,
            "compose.yaml": compose,
        }
    )
    found = lint_paths([str(root / "services/api/Dockerfile")], workers=1)
    assert [(d.code, d.span.line) for d in found.diagnostics if d.code == "LD101"] == [("LD101", 1)]
