"""Compose files something else assembles (lintdock.assembly): the apps of a catalogue whose
platform completes each file, a file a comment shows in a ``-f`` chain, a devcontainer overlay.
What the assembly supplies is not reported as undefined (LD006, LD007, LD401); what a file
alone gets wrong still is."""

from __future__ import annotations

from conftest import WriteTree

from lintdock.assembly import bases_of
from lintdock.discovery import folders_from
from lintdock.engine import lint_paths, lint_texts
from lintdock.model.span import Span

LOAD_RULES = ["LD006", "LD007", "LD401"]


def app(name: str, extra: str = "") -> str:
    """An app file as an app store writes it: the platform's proxy patched, its network used."""
    return (
        "services:\n"
        "  app_proxy:\n    environment:\n      APP_HOST: web\n"
        f"  {name}:\n    image: {name}:1.0\n    networks: [store_net]\n{extra}"
    )


def catalogue(count: int) -> dict[str, str]:
    names = ["notes", "photos", "books", "music", "wiki", "feeds", "chat"][:count]
    return {f"apps/{name}/docker-compose.yml": app(name) for name in names}


def findings(files: dict[str, str]) -> list[tuple[str, str, Span]]:
    return [(d.code, d.path, d.span) for d in lint_texts(files, select=LOAD_RULES)]


def test_what_the_apps_of_a_catalogue_share_is_the_platforms() -> None:
    files = catalogue(5)
    files["apps/chat/docker-compose.yml"] = app("chat", "    depends_on: [chat-db]\n")
    files["apps/chat/docker-compose.arm64.yml"] = app("chat")
    assert findings(files) == [("LD401", "apps/chat/docker-compose.yml", Span(8, 18, 8, 25))]


def test_four_app_folders_are_no_catalogue() -> None:
    found = findings(catalogue(4))
    assert sorted({code for code, _, _ in found}) == ["LD006", "LD007"]
    assert ("LD006", "apps/books/docker-compose.yml", Span(7, 16, 7, 25)) in found
    assert ("LD007", "apps/books/docker-compose.yml", Span(2, 3, 2, 12)) in found


def test_a_name_few_apps_use_is_their_own_mistake() -> None:
    folders = ["kafka-rest", "ksql", "redis", "nginx", "mysql", "mongo"]
    files = {f"{f}/docker-compose.yml": f"services:\n  {f}:\n    image: {f}\n" for f in folders}
    files["kafka-rest/docker-compose.yml"] += "    depends_on: [kafka]\n"
    assert findings(files) == [("LD401", "kafka-rest/docker-compose.yml", Span(4, 18, 4, 23))]


def test_a_base_above_the_catalogue_defines_the_rest() -> None:
    files = {
        "stack.yml": (
            "services:\n  php:\n    image: php:8-fpm\n    networks: [backend]\n"
            "  nginx:\n    image: nginx\n    networks: [frontend]\n"
            "networks:\n  backend: {}\n  frontend: {}\n"
        ),
    }
    for name in ["httpd", "kong", "minio", "redis", "mongo"]:
        files[f"modules/{name}/docker-compose.yml"] = (
            f"services:\n  {name}:\n    image: {name}\n    networks: [backend]\n"
        )
    files["modules/httpd/docker-compose.yml"] += (
        "    depends_on: [php]\n  nginx:\n    ports: [80]\n"
    )
    files["modules/kong/docker-compose.yml"] += "    depends_on: [ghost]\n"
    assert findings(files) == [("LD401", "modules/kong/docker-compose.yml", Span(5, 18, 5, 23))]


CLUSTER = """\
# Balance several nginx in front of the php of the main file:
# $ docker compose -f docker-cluster.nginx.yml -f docker-compose.yml up nginx-1 php7
services:
  nginx-1:
    image: nginx:1.27
    depends_on: [php7]
"""


def test_a_file_its_comment_shows_in_a_chain_is_a_fragment() -> None:
    assert findings({"cluster/docker-cluster.nginx.yml": CLUSTER}) == []
    alone = CLUSTER.replace("-f docker-compose.yml ", "")
    assert findings({"cluster/docker-cluster.nginx.yml": alone}) == [
        ("LD401", "cluster/docker-cluster.nginx.yml", Span(6, 18, 6, 22))
    ]


OVERLAY = "services:\n  your-service-name-here:\n    volumes: ['..:/workspaces:cached']\n"
DEVCONTAINER = """\
{
	// The overlay in this folder patches the service of the project's own file.
	"name": "Existing Docker Compose (Extend)",
	"dockerComposeFile": [
		"../docker-compose.yml",
		"docker-compose.yml",
	],
	"service": "your-service-name-here"
}
"""


def test_a_devcontainer_overlay_is_a_fragment() -> None:
    files = {
        ".devcontainer/devcontainer.json": DEVCONTAINER,
        ".devcontainer/docker-compose.yml": OVERLAY,
    }
    assert findings(files) == []
    files[".devcontainer/devcontainer.json"] = '{"dockerComposeFile": "docker-compose.yml"}'
    assert findings(files) == [("LD007", ".devcontainer/docker-compose.yml", Span(2, 3, 2, 25))]


def test_show_files_says_what_completes_a_file(tree: WriteTree) -> None:
    tree({**catalogue(5), "cluster/docker-cluster.nginx.yml": CLUSTER})
    roles = lint_paths(["."], workers=1).roles
    assert roles["apps/books/docker-compose.yml"] == (
        "production (nothing says otherwise); an app of the catalogue apps/*/docker-compose.yml: "
        'network "store_net", service "app_proxy", used undefined by 5 of its 5 apps, is the '
        "platform's"
    )
    assert roles["cluster/docker-cluster.nginx.yml"] == (
        "production (nothing says otherwise); a fragment: cluster/docker-cluster.nginx.yml is "
        "one of `-f docker-cluster.nginx.yml -f docker-compose.yml` (its comment, line 2)"
    )


def test_configuration_says_which_files_are_fragments(tree: WriteTree) -> None:
    base = "services:\n  web:\n    image: web\n    depends_on: [php]\n"
    tree(
        {
            ".lintdock.toml": (
                '[fragments]\n"apps/*/docker-compose.yml" = false\n"web/compose.yaml" = true\n'
            ),
            **catalogue(5),
            "web/compose.yaml": base,
        }
    )
    result = lint_paths(["."], workers=1)
    found = {(d.code, d.path) for d in result.diagnostics if d.code in LOAD_RULES}
    assert found == {
        (code, f"apps/{app}/docker-compose.yml")
        for code in ("LD006", "LD007")
        for app in ["notes", "photos", "books", "music", "wiki"]
    }
    assert result.roles["web/compose.yaml"] == (
        "production (nothing says otherwise); a fragment: web/compose.yaml (configured)"
    )


def test_a_catalogue_named_by_its_absolute_path_is_linted(tree: WriteTree) -> None:
    """The search for a base above the catalogue stops at ``/`` (it looped there for ever)."""
    root = tree({**catalogue(5), "stack.yml": "services:\n  app_proxy:\n    image: proxy:1\n"})
    found = lint_paths([str(root / "apps")], workers=1)
    assert not [d for d in found.diagnostics if d.code in LOAD_RULES]
    pattern = f"{root}/apps/*/docker-compose.yml"
    files = [f"{root}/stack.yml", f"{root}/apps/books/docker-compose.yml", "/top.yml"]
    assert bases_of(pattern, files) == [f"{root}/stack.yml", "/top.yml"]


def test_an_override_named_by_its_absolute_path_is_linted(tree: WriteTree) -> None:
    """The search for the base of an override stops at ``/`` too (``bases_above`` looped)."""
    override = "services:\n  web:\n    image: nginx:1\n    depends_on: [db]\n"
    root = tree({"sub/docker-compose.override.yml": override})
    found = lint_paths([str(root / "sub" / "docker-compose.override.yml")], workers=1)
    assert [(d.code, d.span) for d in found.diagnostics if d.code in LOAD_RULES] == [
        ("LD401", Span(4, 18, 4, 20))
    ]
    assert folders_from("/a/b") and list(folders_from("/a/b")) == ["/a/b", "/a", "/"]
    assert list(folders_from("a/b")) == ["a/b", "a", ""]


PLATFORM_VARIABLES = (
    "    volumes:\n      - ${MEDIA_PATH}:/media\n"
    "    env_file:\n      - ${APP_DATA_DIR}/settings.env\n"
    "    environment:\n      TOKEN: ${TOKEN:?set it in the store}\n"
)


def test_the_platform_of_a_catalogue_sets_its_apps_variables() -> None:
    """umbrel's ``${APP_DATA_DIR}``, Dokploy's ``.env``: the platform sets and writes them when
    it installs an app, so nothing is said of them there; a plain project still hears it."""
    files = {path: text + PLATFORM_VARIABLES for path, text in catalogue(5).items()}
    files["compose.yaml"] = "services:\n  web:\n    image: web:1.0\n" + PLATFORM_VARIABLES
    found = lint_texts(files, select=["LD003", "LD005", "LD008"])
    assert [(d.code, d.path, d.span, d.severity and d.severity.label) for d in found] == [
        ("LD003", "compose.yaml", Span(5, 9, 5, 29), "warning"),
        ("LD005", "compose.yaml", Span(7, 9, 7, 37), "info"),
        ("LD003", "compose.yaml", Span(9, 14, 9, 43), "warning"),
    ]


def test_a_platform_or_the_dev_containers_tooling_names_the_projects_it_runs() -> None:
    files = {**catalogue(5), "compose.yaml": "services:\n  web:\n    image: web:1.0\n"}
    files[".devcontainer/docker-compose.yml"] = "services:\n  dev:\n    image: dev:1.0\n"
    found = lint_texts(files, select=["LD707"])
    assert [(d.code, d.path) for d in found] == [("LD707", "compose.yaml")]
