"""The container security rules and known host agents (lintdock.facts.host_agents): a grant
that is the job of the service's image, and an application's own configuration in /etc."""

from __future__ import annotations

import pytest
from compose_lint import Found, found, lint

from lintdock.facts.images import image_words, named


def service(body: str, image: str = "example/app:1.0", name: str = "app") -> str:
    lines = "".join(f"    {line}\n" for line in body.strip("\n").split("\n"))
    return f"services:\n  {name}:\n    image: {image}\n{lines}"


@pytest.mark.parametrize(
    ("reference", "words"),
    [
        ("ghcr.io/analogj/scrutiny:master-omnibus", ("analogj", "scrutiny")),
        ("prom/node-exporter@sha256:0123", ("prom", "node", "exporter")),
        ("localhost:5000/team/app:1", ("team", "app")),
        ("${NAMESPACE}/node-docker:${TAG}", ("node", "docker")),
    ],
)
def test_image_words_leave_out_registry_tag_digest_and_variables(
    reference: str, words: tuple[str, ...]
) -> None:
    assert image_words(reference) == words


def test_a_name_matches_words_in_a_row() -> None:
    assert named("drone/agent:1.6", ["drone-agent"]) == "drone-agent"
    assert named("prom/node-exporter", ["exporter-node", "node-exporter"]) == "node-exporter"
    assert named("example/node-app", ["node-exporter"]) is None
    assert named("ankane/pgvector", ["vector"]) is None


PIHOLE = "volumes:\n  - /etc/pihole/:/etc/pihole/\n  - /etc/dnsmasq.d/:/etc/dnsmasq.d/"


@pytest.mark.parametrize(
    ("image", "mount"),
    [
        ("pihole/pihole:2024.07.0", "/etc/dnsmasq.d/:/etc/dnsmasq.d/"),
        ("vimagick/dnsmasq", "/etc/dnsmasq.d:/etc/dnsmasq.d"),
        ("lscr.io/linuxserver/wireguard", "/etc/wireguard:/config"),
    ],
)
def test_an_applications_own_directory_in_etc_is_not_root_equivalent(
    image: str, mount: str
) -> None:
    compose = service(f"volumes:\n  - {mount}", image)
    assert lint(compose, "LD813") == [] and lint(compose, "LD814") == []


def test_a_directory_named_for_another_application_is_still_reported() -> None:
    compose = service("volumes:\n  - /etc/wireguard:/etc/wireguard", "ngoduykhanh/wireguard-ui")
    assert found(compose, "LD813") == [
        Found("LD813", "compose.yaml", (5, 9, 5, 23), "app", "error")
    ]
    compose = service(PIHOLE, "example/app:1.0")
    assert found(compose, "LD813") == [
        Found("LD813", "compose.yaml", (6, 9, 6, 24), "app", "error")
    ]


def test_a_built_image_is_named_by_the_image_it_starts_from() -> None:
    files = {
        "compose.yaml": "services:\n  dns:\n    build: .\n    volumes:\n"
        "      - /etc/dnsmasq.d:/etc/dnsmasq.d\n",
        "Dockerfile": "FROM pihole/pihole:2024.07.0\n",
    }
    from lintdock.engine import lint_texts

    assert lint_texts(files, select=["LD813"]) == []


def test_ld812_leaves_alone_a_monitoring_agents_ptrace() -> None:
    compose = service("cap_add: [SYS_PTRACE, DAC_READ_SEARCH]", "netdata/netdata:v2.11.0")
    assert found(compose, "LD812") == [
        Found("LD812", "compose.yaml", (4, 27, 4, 42), "app", "info")
    ]
    assert (
        lint(service("cap_add: [DAC_READ_SEARCH]", "lscr.io/linuxserver/duplicati"), "LD812") == []
    )


def test_ld812_says_what_job_needs_the_capability() -> None:
    [diagnostic] = lint(service("cap_add: [SYS_PTRACE]"), "LD812")
    assert diagnostic.message == (
        "cap_add SYS_PTRACE grants tracing and reading the memory of the container's other "
        "processes: confined to the container, but more than most services need. Drop it "
        "unless the service's job needs it (per-process metrics, a profiler, a debugger)"
    )
    assert "debugging is done" not in diagnostic.message


def test_ld812_options_replace_the_lists() -> None:
    compose = service("cap_add: [SYS_PTRACE]", "netdata/netdata")
    assert len(lint(compose, "LD812", options={"ptrace-images": []})) == 1
    compose = service("cap_add: [SYS_PTRACE]", "example/tracer")
    assert lint(compose, "LD812", options={"ptrace-images": ["tracer"]}) == []


SOCKET = "volumes:\n  - /var/run/docker.sock:/var/run/docker.sock"


def test_ld801_leaves_a_socket_proxy_alone() -> None:
    assert lint(service(SOCKET, "ghcr.io/tecnativa/docker-socket-proxy:0.3"), "LD801") == []
    assert lint(service(SOCKET, "lscr.io/linuxserver/socket-proxy:latest"), "LD801") == []


def test_ld801_says_driving_docker_is_a_managers_job_at_info() -> None:
    compose = service(SOCKET, "portainer/agent:2.44.0")
    assert found(compose, "LD801") == [Found("LD801", "compose.yaml", (5, 9, 5, 29), "app", "info")]
    assert lint(compose, "LD801")[0].message == (
        "/var/run/docker.sock is mounted into the container: it gives control of the Docker "
        "daemon, which is root on the host (:ro does not stop API calls). Driving it is the job "
        "of its image (portainer), so a socket proxy would have to pass nearly every call: "
        "whoever controls the service controls the host, so keep its UI and API private"
    )


def test_ld801_still_asks_a_reader_for_a_proxy_and_a_manager_not_to_mount_run() -> None:
    [reader] = lint(service(SOCKET, "traefik:v3.1"), "LD801")
    assert reader.severity is not None and reader.severity.label == "error"
    assert reader.message.endswith(
        "Use a socket proxy that allows only the calls the service needs, or drop the mount"
    )
    compose = service("volumes:\n  - /run:/run", "containrrr/watchtower")
    assert found(compose, "LD801") == [
        Found("LD801", "compose.yaml", (5, 9, 5, 13), "app", "error")
    ]


def test_ld801_options() -> None:
    compose = service(SOCKET, "containrrr/watchtower")
    [diagnostic] = lint(compose, "LD801", options={"docker-api-images": []})
    assert diagnostic.severity is not None and diagnostic.severity.label == "error"
    compose = service(SOCKET, "example/broker")
    assert lint(compose, "LD801", options={"socket-proxy-images": ["broker"]}) == []


def test_ld808_leaves_alone_the_namespace_the_images_job_needs() -> None:
    compose = service(
        "network_mode: host\npid: host", "ghcr.io/home-assistant/home-assistant:2024.8"
    )
    assert found(compose, "LD808") == [
        Found("LD808", "compose.yaml", (5, 10, 5, 14), "app", "warning")
    ]
    compose = service("network_mode: host\npid: host\ncgroup: host\nipc: host", "netdata/netdata")
    assert found(compose, "LD808") == [
        Found("LD808", "compose.yaml", (7, 10, 7, 14), "app", "warning")
    ]


def test_ld808_a_built_service_is_named_by_its_base_image() -> None:
    from lintdock.engine import lint_texts

    files = {
        "compose.yaml": "services:\n  dns:\n    build: .\n    network_mode: host\n",
        "Dockerfile": "FROM pihole/pihole:2024.07.0\n",
    }
    assert lint_texts(files, select=["LD808"]) == []
    files["Dockerfile"] = "FROM example/app:1.0\n"
    assert len(lint_texts(files, select=["LD808"])) == 1


def test_ld808_options() -> None:
    compose = service("network_mode: host", "pihole/pihole")
    assert len(lint(compose, "LD808", options={"host-network-images": []})) == 1
    compose = service("pid: host", "example/agent")
    assert lint(compose, "LD808", options={"host-pid-images": ["example-agent"]}) == []


def test_ld811_leaves_alone_a_firewall_manager_and_tells_a_dns_servers_net_admin() -> None:
    assert lint(service("cap_add: [NET_ADMIN]", "crazymax/fail2ban:latest"), "LD811") == []
    assert found(service("cap_add: [NET_ADMIN]", "pihole/pihole:latest"), "LD811") == [
        Found("LD811", "compose.yaml", (4, 15, 4, 24), "app", "info")
    ]
    compose = service("cap_add: [NET_ADMIN]", "example/tunnel")
    assert lint(compose, "LD811", options={"net-admin-images": ["tunnel"]}) == []


def test_ld814_leaves_alone_what_an_agent_reads() -> None:
    compose = service(
        "volumes:\n  - /proc:/host/proc:ro\n  - /sys:/host/sys\n  - /dev/net/tun:/dev/net/tun"
        "\n  - /home:/home:ro",
        "netdata/netdata:v2.11.0",
    )
    assert found(compose, "LD814") == [
        Found("LD814", "compose.yaml", (6, 9, 6, 13), "app", "warning"),
        Found("LD814", "compose.yaml", (8, 9, 8, 14), "app", "warning"),
    ]
    compose = service("volumes:\n  - /dev/net/tun:/dev/net/tun", "tailscale/tailscale:v1.102")
    assert lint(compose, "LD814") == []


def test_ld814_leaves_alone_what_a_backup_tool_backs_up() -> None:
    compose = service("volumes:\n  - /home:/source", "lscr.io/linuxserver/duplicati:2.3.0")
    assert lint(compose, "LD814") == []
    assert len(lint(compose, "LD814", options={"backup-images": []})) == 1


def test_ld815_leaves_alone_a_disk_monitors_disks_but_not_all_of_dev() -> None:
    compose = service(
        'devices:\n  - "/dev/sda"\n  - /dev/nvme0:/dev/nvme0\n  - /dev:/dev',
        "ghcr.io/analogj/scrutiny:master-omnibus",
    )
    assert found(compose, "LD815") == [
        Found("LD815", "compose.yaml", (7, 9, 7, 13), "app", "error")
    ]
    compose = service('devices:\n  - "/dev/kmsg:/dev/kmsg"', "gcr.io/cadvisor/cadvisor:v0.55.1")
    assert lint(compose, "LD815") == []
    assert len(lint(compose, "LD815", options={"device-images": []})) == 1


def test_a_built_service_is_also_known_by_the_image_it_names() -> None:
    from lintdock.engine import lint_texts

    files = {
        "compose.yaml": "services:\n  dnsmonster:\n    build: .\n    image: vimagick/dnsmonster\n"
        "    cap_add: [NET_ADMIN]\n",
        "Dockerfile": "FROM alpine:3.20\n",
    }
    assert lint_texts(files, select=["LD811"]) == []
