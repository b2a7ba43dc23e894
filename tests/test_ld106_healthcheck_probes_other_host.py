"""LD106 healthcheck-probes-other-host: which hosts are the container itself, where the host is
written, and which hosts are unknown."""

from __future__ import annotations

import pytest
from ld1_helpers import Hit, healthcheck_image, hits, run

CODE = "LD106"


def healthcheck(check: str) -> str:
    return healthcheck_image(f"CMD {check}", "node:20")


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:3000/health",
        "http://127.0.0.1/",
        "http://127.0.1.1:80/",
        "http://[::1]:3000/",
        "http://0.0.0.0:3000/",
        "localhost:3000/health",
        "http://$HOSTNAME:3000/",
        "http://${HOSTNAME}:3000/",
        "http://$API_HOST/health",
    ],
)
def test_the_container_itself_or_an_unknown_host_is_not_reported(url: str) -> None:
    assert hits(healthcheck(f"curl --fail {url}"), CODE) == []


def test_a_url_to_another_service_points_at_the_url() -> None:
    assert hits(healthcheck("curl --fail http://numbers-api/rng"), CODE) == [
        Hit("Dockerfile", 2, 29, 2, 51, "warning")
    ]


def test_a_custom_utility_with_a_url() -> None:
    check = '["dotnet", "Check.dll", "-u", "http://numbers-api/rng"]'
    [finding] = run(healthcheck(check), CODE)
    assert (finding.span.column, finding.span.end_column) == (47, 71)
    assert 'probes "numbers-api", not this container' in finding.message


def test_an_unrelated_short_option_is_no_host() -> None:
    assert hits(healthcheck('["/server", "-healthcheck"]'), CODE) == []


@pytest.mark.parametrize("option", ["--resolve api:80:127.0.0.1", "--unix-socket /run/a.sock"])
def test_curl_sent_elsewhere_is_not_judged(option: str) -> None:
    assert hits(healthcheck(f"curl --fail {option} http://api/health"), CODE) == []


def test_compose_database_client_and_nc_hosts() -> None:
    compose = """\
        services:
          app:
            image: example/app:1.0
            healthcheck:
              test: ["CMD", "pg_isready", "-h", "db", "-p", "5432"]
          worker:
            image: example/worker:1.0
            healthcheck:
              test: nc -z redis 6379 && nc -z localhost 9000
        """
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 5, 41, 5, 45, "warning", "app"),
        Hit("compose.yaml", 9, 19, 9, 24, "warning", "worker"),
    ]


def test_the_service_own_name_and_aliases_are_local() -> None:
    compose = """\
        services:
          api:
            image: example/api:1.0
            hostname: api-host
            healthcheck:
              test: wget -q --spider http://api:8080/ && wget -q --spider http://api-host/
        """
    assert hits({"compose.yaml": compose}, CODE) == []


def test_a_dockerfile_check_may_name_the_service_that_builds_it() -> None:
    files = {
        "Dockerfile": healthcheck("curl --fail http://web:3000/health"),
        "compose.yaml": "services:\n  web:\n    build: .\n",
    }
    assert hits(files, CODE) == []
    files["compose.yaml"] = "services:\n  frontend:\n    build: .\n"
    assert hits(files, CODE) == [Hit("Dockerfile", 2, 29, 2, 51, "warning")]


def test_a_script_run_by_node_names_only_its_urls() -> None:
    """umbrel's hermitstash: ``statusCode===200?0:1`` in the script is no host "0"."""
    script = (
        "require('http').get('http://localhost:3000/health',function(r){process.exit("
        "r.statusCode===200?0:1)}).on('error',function(){process.exit(1)})"
    )
    assert hits(healthcheck(f'["node", "-e", "{script}"]'), CODE) == []
    other = script.replace("localhost:3000", "api:3000")
    assert hits(healthcheck(f'["node", "-e", "{other}"]'), CODE) == [
        Hit("Dockerfile", 2, 32, 2, 169, "warning")
    ]


def test_a_wait_tool_names_its_host_port_argument() -> None:
    compose = """\
        services:
          worker:
            image: example/worker:1.0
            healthcheck:
              test: ["CMD", "wait-for-it", "redis:6379"]
        """
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 5, 36, 5, 48, "warning", "worker")
    ]


def test_a_curl_header_is_not_the_target() -> None:
    """umbrel's reitti tile cache passes its upstream in a header: the probe is localhost."""
    check = (
        'curl -f -s -o /dev/null -H "X-Upstream-Url: https://tiles.example.com" '
        "http://localhost/custom/0/0/0.pbf || exit 1"
    )
    assert hits(healthcheck(check), CODE) == []
    assert hits(healthcheck("curl -f --url http://api/health"), CODE) == [
        Hit("Dockerfile", 2, 31, 2, 48, "warning")
    ]


def test_the_container_name_is_the_container_itself() -> None:
    """runtipi's kimai: the proxy's check asks its own container_name."""
    compose = """\
        services:
          nginx:
            container_name: kimai-proxy
            image: example/proxy:1.0
            healthcheck:
              test: wget --spider http://kimai-proxy/health || exit 1
        """
    assert hits({"compose.yaml": compose}, CODE) == []


def test_a_worker_probing_its_broker_is_not_reported() -> None:
    """frappe's queue workers and scheduler (Dokploy's ERPNext template): no port of their own,
    so the check asks the Redis queue, and the image offers no worker ping; the web service
    probing it stays a warning."""
    compose = """\
        services:
          queue-long:
            image: example/erp:15
            command: [bench, worker, --queue, long]
            healthcheck:
              test: [CMD, wait-for-it, "redis-queue:6379"]
          scheduler:
            image: example/erp:15
            command: [bench, schedule]
            healthcheck:
              test: [CMD, wait-for-it, "redis-queue:6379"]
          backend:
            image: example/erp:15
            command: [bench, serve]
            ports: ["8000:8000"]
            healthcheck:
              test: [CMD, wait-for-it, "redis-queue:6379"]
        """
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 17, 32, 17, 50, "warning", "backend"),
    ]
