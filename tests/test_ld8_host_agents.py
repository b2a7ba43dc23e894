"""The container security rules and known host agents (lintdock.facts.host_agents): a grant
that is the job of the service's image, and an application's own configuration in /etc."""

from __future__ import annotations

import pytest
from compose_lint import Found, found, lint

from lintdock.facts.host_agents import image_words, named


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
