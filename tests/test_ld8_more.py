"""The LD8 compose rules on more of what real projects write: placeholder fallbacks of
variables, root that the image drops anyway, backends told by the image's identity, images
built in the project, host /proc, and services built from an agent image. Each case has its
true finding beside it."""

from __future__ import annotations

from compose_lint import lint
from conftest import WriteTree
from test_ld8_noise import findings, service

from lintdock.engine import lint_paths

FALLBACKS = (
    "environment:\n  DB_PASSWORD: ${DB_PASSWORD:-changeme}\n"
    "  URL_ENCRYPTION_KEY: ${URL_ENCRYPTION_KEY:-SuperSecret0}\n"
    "  ADMIN_PASSWORD: changeme\n  JWT_SECRET: ${JWT_SECRET:-9fK2mQ7xLp}\n"
    "  SUFFIXED_PASSWORD: changeme${SUFFIX}\n"
)


def test_a_placeholder_fallback_of_a_variable_is_not_reported() -> None:
    assert findings(service(FALLBACKS), "LD818") == [
        (7, 23, "info"),
        (8, 19, "warning"),
        (9, 26, "info"),
    ]


def test_a_real_looking_fallback_is_still_a_committed_credential() -> None:
    [_, real, _] = lint(service(FALLBACKS), "LD818")
    assert "literal fallback" in real.message
    assert "without a default" in real.message


def test_a_url_built_from_variables_with_placeholder_fallbacks_is_not_reported() -> None:
    compose = service(
        "environment:\n"
        "  DATABASE_URL: postgresql://${DB_USER:-app}:${DB_PASSWORD:-!ChangeMe!}@db:5432/app\n"
        "  AMQP_URL: ${AMQP_URL:-amqp://guest:guest@mq//}\n"
        "  CACHE_URL: redis://:guest@cache:6379/0\n"
        "  REAL_URL: redis://:${CACHE_PASSWORD:-Zq81nVb3}@cache:6379/0\n"
    )
    assert findings(compose, "LD819") == [(7, 18, "info"), (8, 17, "warning")]


def test_root_that_an_official_image_gives_up_itself_is_not_reported() -> None:
    assert lint(service("user: root", image="postgres:15"), "LD817") == []
    assert lint(service("user: '0'\ncommand: --appendonly yes", image="redis:7"), "LD817") == []
    mongod = service("user: root\ncommand: [mongod, --bind_ip_all]", image="mongo")
    assert lint(mongod, "LD817") == []


def test_root_that_the_compose_command_gives_up_is_not_reported() -> None:
    command = (
        'command: sh -c "chown -R 1000:1000 /data && exec setpriv --reuid 1000 --regid 1000 '
        '--clear-groups /usr/local/bin/barkd"'
    )
    assert lint(service(f"user: '0:0'\n{command}", image="secondark/bark:0.6.0"), "LD817") == []
    keeps = 'command: sh -c "chown -R 1000:1000 /data && exec /usr/local/bin/barkd"'
    assert findings(service(f"user: '0:0'\n{keeps}", image="secondark/bark:0.6.0"), "LD817") == [
        (4, 11, "warning")
    ]


def test_root_under_an_s6_overlay_image_unless_a_command_replaces_its_services() -> None:
    image = "lscr.io/linuxserver/jellyfin:10.10.7"
    assert lint(service("user: root", image=image), "LD817") == []
    assert findings(service("user: root\ncommand: [jellyfin]", image=image), "LD817") == [
        (4, 11, "warning")
    ]


def test_root_is_reported_where_the_image_keeps_it() -> None:
    assert findings(service("user: root", image="example/worker:1.4"), "LD817") == [
        (4, 11, "warning")
    ]
    assert findings(service("user: root\ncommand: bash", image="postgres:15"), "LD817") == [
        (4, 11, "warning")
    ]
    replaced = service("user: root\nentrypoint: [postgres]", image="postgres:15")
    assert findings(replaced, "LD817") == [(4, 11, "warning")]


def tree_findings(tree: WriteTree, files: dict[str, str], code: str) -> list[tuple[str, int, int]]:
    """(path, line, column) of each finding of ``code`` in a project of ``files``."""
    tree({"pyproject.toml": '[tool.lintdock]\nselect = ["ALL"]\n', **files})
    result = lint_paths(["."], workers=1)
    return [(d.path, d.span.line, d.span.column) for d in result.diagnostics if d.code == code]


ROOT_SERVICE = "services:\n  db:\n    build: ./db\n    user: root\n"


def test_root_in_a_build_that_drops_it_is_not_reported(tree: WriteTree) -> None:
    gosu = 'FROM debian:12\nENTRYPOINT ["gosu", "app", "/app"]\n'
    from_postgres = "FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n"
    assert tree_findings(tree, {"compose.yaml": ROOT_SERVICE, "db/Dockerfile": gosu}, "LD817") == []
    assert tree_findings(tree, {"db/Dockerfile": from_postgres}, "LD817") == []


def test_root_in_a_build_that_keeps_it_is_reported(tree: WriteTree) -> None:
    own_start = 'FROM postgres:16\nENTRYPOINT ["/app"]\n'
    files = {"compose.yaml": ROOT_SERVICE, "db/Dockerfile": own_start}
    assert tree_findings(tree, files, "LD817") == [("compose.yaml", 4, 11)]


def test_a_tool_whose_image_only_contains_a_backends_name_is_no_backend() -> None:
    for image in (
        "zabbix/zabbix-web-apache-mysql:alpine-7.0-latest",
        "mongo-express:1.0.2",
        "provectuslabs/kafka-ui",
        "opensearchproject/opensearch-dashboards:2",
    ):
        assert lint(service('ports: ["8080:8080"]', image=image), "LD805") == [], image


def test_a_backend_is_known_by_its_product_name() -> None:
    for image in (
        "postgres:16",
        "confluentinc/cp-kafka:7.6",
        "redis/redis-stack-server:7.4.0-v2",
        "mcr.microsoft.com/mssql/server:2022-latest",
        "timescale/timescaledb-ha:pg16",
    ):
        assert findings(service('ports: ["9999:9999"]', image=image), "LD805") == [
            (4, 13, "info")
        ], image


def test_an_image_built_in_the_run_or_on_a_floating_tag_has_no_digest_finding(
    tree: WriteTree,
) -> None:
    compose = (
        "services:\n  web:\n    build: ./web\n    image: example/web:${VERSION:-local}\n"
        "  tests:\n    image: example/web:local\n  local:\n    image: app:1.0\n"
        "  viz:\n    image: dockersamples/visualizer:stable\n"
        "  db:\n    image: postgres:16\n  published:\n    image: example/web:2.0\n"
        "  custom:\n    build: ./web\n    image: nginx:1.27-custom\n"
        "  proxy:\n    image: nginx:1.27\n"
    )
    files = {"compose.yaml": compose, "web/Dockerfile": "FROM alpine:3.20\n"}
    assert tree_findings(tree, files, "LD804") == [
        ("compose.yaml", 12, 12),  # postgres:16
        ("compose.yaml", 14, 12),  # example/web:2.0, the published image users pull
        ("compose.yaml", 19, 12),  # nginx:1.27
    ]


def test_an_official_name_built_here_is_no_pull_for_ld704_nor_ld804(tree: WriteTree) -> None:
    compose = (
        "services:\n  cache:\n    build: ./cache\n    image: redis:7-custom\n"
        "  app:\n    image: redis:7-custom\n  other:\n    image: redis:7\n"
    )
    files = {"compose.yaml": compose, "cache/Dockerfile": "FROM redis:7\n"}
    assert tree_findings(tree, files, "LD804") == [("compose.yaml", 8, 12)]  # redis:7
    assert tree_findings(tree, files, "LD704") == []


def test_the_hosts_proc_on_the_containers_own_proc_is_no_takeover() -> None:
    compose = service("volumes:\n  - /proc:/proc")
    assert lint(compose, "LD813") == []
    assert findings(compose, "LD814") == [(5, 9, "warning")]


def test_the_hosts_proc_elsewhere_or_in_a_privileged_service_is_a_takeover() -> None:
    elsewhere = service("volumes:\n  - /proc:/host/proc")
    assert findings(elsewhere, "LD813") == [(5, 9, "error")]
    assert "/proc/sys/kernel/core_pattern" in lint(elsewhere, "LD813")[0].message
    privileged = service("privileged: true\nvolumes:\n  - /proc:/proc")
    assert findings(privileged, "LD813") == [(6, 9, "error")]


AGENT_SERVICE = (
    "services:\n  metricbeat:\n    build: ./metricbeat\n    cap_add: [SYS_PTRACE]\n"
    "    volumes:\n      - /sys/fs/cgroup:/hostfs/sys/fs/cgroup:ro\n"
)


def test_a_service_built_from_an_agent_image_is_that_agent(tree: WriteTree) -> None:
    dockerfile = "ARG VERSION\nFROM docker.elastic.co/beats/metricbeat:${VERSION:-9.1.0}\n"
    files = {"compose.yaml": AGENT_SERVICE, "metricbeat/Dockerfile": dockerfile}
    assert tree_findings(tree, files, "LD812") == []
    assert tree_findings(tree, files, "LD814") == []


def test_a_service_built_from_another_image_keeps_its_findings(tree: WriteTree) -> None:
    files = {"compose.yaml": AGENT_SERVICE, "metricbeat/Dockerfile": "FROM alpine:3.20\n"}
    assert tree_findings(tree, files, "LD812") == [("compose.yaml", 4, 15)]
    assert tree_findings(tree, files, "LD814") == [("compose.yaml", 6, 9)]


def test_root_in_images_that_give_it_up_by_design_is_not_reported() -> None:
    for image in ("clickhouse/clickhouse-server:24.8", "ghcr.io/goauthentik/server:2024.8"):
        assert lint(service("user: root", image=image), "LD817") == [], image
    worker = service("user: root\ncommand: worker", image="ghcr.io/goauthentik/server:2024.8")
    assert lint(worker, "LD817") == []
    shell = service("user: root\ncommand: bash", image="clickhouse/clickhouse-server:24.8")
    assert findings(shell, "LD817") == [(4, 11, "warning")]
