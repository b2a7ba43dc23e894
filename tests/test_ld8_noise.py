"""The LD8 compose rules on what real projects write: a privileged service is LD802's alone, the
grants of known host agents (tunnels, netboot servers, LAN scanners, virtual machines, DHCP
servers, browsers), trial files, and well-known default credentials. Each case has its true
finding beside it."""

from __future__ import annotations

import pytest
from compose_lint import lint


def service(body: str, image: str = "example/app:1.0", name: str = "app") -> str:
    lines = "".join(f"    {line}\n" for line in body.strip("\n").split("\n"))
    return f"services:\n  {name}:\n    image: {image}\n{lines}"


def findings(
    compose: str,
    code: str,
    path: str = "compose.yaml",
    options: dict[str, object] | None = None,
) -> list[tuple[int, int, str]]:
    """(line, column, severity) of each finding of ``code``."""
    return [
        (d.span.line, d.span.column, d.severity.label if d.severity else "default")
        for d in lint(compose, code, options=options, path=path)
    ]


PRIVILEGED_GRANTS = (
    "network_mode: host\npid: host\ncap_add: [SYS_ADMIN, NET_ADMIN, SYS_PTRACE]\n"
    "security_opt: [apparmor:unconfined]\ndevices: [/dev/sda:/dev/sda]\n"
    "volumes:\n  - /dev/bus/usb:/dev/bus/usb"
)


@pytest.mark.parametrize("code", ["LD808", "LD809", "LD810", "LD811", "LD812", "LD814", "LD815"])
def test_grants_privileged_implies_are_left_to_ld802(code: str) -> None:
    assert lint(service(PRIVILEGED_GRANTS), code) != []
    assert lint(service(f"privileged: true\n{PRIVILEGED_GRANTS}"), code) == []
    assert findings(service(f"privileged: true\n{PRIVILEGED_GRANTS}"), "LD802") == [
        (4, 17, "error")
    ]


def test_a_privileged_service_still_hears_of_the_docker_socket_and_a_writable_etc() -> None:
    compose = service(
        "privileged: true\nvolumes:\n  - /var/run/docker.sock:/var/run/docker.sock\n"
        "  - /etc:/host/etc"
    )
    assert findings(compose, "LD801") == [(6, 9, "error")]
    assert findings(compose, "LD813") == [(7, 9, "error")]


@pytest.mark.parametrize(
    "image",
    [
        "cloudflare/cloudflared:2024.8.2",
        "wisdomsky/playit-docker-web:1.0",
        "ghcr.io/netbootxyz/netbootxyz:0.7",
        "vimagick/tftpd:latest",
    ],
)
def test_tunnels_and_netboot_servers_work_on_the_hosts_network(image: str) -> None:
    assert lint(service("network_mode: host", image), "LD808") == []


def test_an_unknown_service_on_the_hosts_network_is_reported() -> None:
    assert findings(service("network_mode: host", "example/proxy:1"), "LD808") == [
        (4, 19, "warning")
    ]


@pytest.mark.parametrize(
    "image",
    [
        "dockurr/windows:4.0",
        "qemux/qemu:7",
        "ghcr.io/home-assistant/home-assistant:2024.8",
        "jokobsk/netalertx:25.1",
        "keinstien/atlas:latest",
    ],
)
def test_vms_lan_scanners_and_bluetooth_need_net_admin(image: str) -> None:
    assert lint(service("cap_add: [NET_ADMIN]", image), "LD811") == []


def test_a_dhcp_servers_net_admin_is_information_and_an_apps_a_warning() -> None:
    assert findings(service("cap_add: [NET_ADMIN]", "adguard/adguardhome:v0.107"), "LD811") == [
        (4, 15, "info")
    ]
    assert findings(service("cap_add: [NET_ADMIN]", "technitium/dns-server:13"), "LD811") == [
        (4, 15, "info")
    ]
    assert findings(service("cap_add: [NET_ADMIN]"), "LD811") == [(4, 15, "warning")]
    options: dict[str, object] = {"dhcp-server-images": []}
    compose = service("cap_add: [NET_ADMIN]", "pihole/pihole:2024.07")
    assert findings(compose, "LD811", options=options) == [(4, 15, "warning")]


def test_availability_capabilities_are_information() -> None:
    compose = service("cap_add: [SYS_NICE, IPC_LOCK, LEASE, SYS_TIME]")
    assert findings(compose, "LD811") == [
        (4, 15, "info"),
        (4, 25, "info"),
        (4, 35, "info"),
        (4, 42, "warning"),
    ]


@pytest.mark.parametrize(
    ("capability", "image"),
    [
        ("SYS_ADMIN", "netbirdio/netbird:0.28"),
        ("SYS_ADMIN", "netdata/netdata:v2.0"),
        ("SYS_ADMIN", "kopia/kopia:0.17"),
        ("SYS_RAWIO", "ghcr.io/analogj/scrutiny:master-omnibus"),
    ],
)
def test_a_known_agents_takeover_capability_is_information(capability: str, image: str) -> None:
    [diagnostic] = lint(service(f"cap_add: [{capability}]", image), "LD810")
    assert diagnostic.severity is not None and diagnostic.severity.label == "info"
    assert "It is the job of its image" in diagnostic.message


@pytest.mark.parametrize("image", ["ghcr.io/wg-easy/wg-easy:15", "tailscale/tailscale:v1.70"])
def test_a_vpns_sys_module_is_a_warning_that_says_when_it_is_needed(image: str) -> None:
    [diagnostic] = lint(service("cap_add: [SYS_MODULE]", image), "LD810")
    assert diagnostic.severity is not None and diagnostic.severity.label == "warning"
    assert "needs it only to load its kernel module" in diagnostic.message
    [example] = lint(service("cap_add: [SYS_MODULE]", image), "LD810", path="examples/x.yaml")
    assert example.severity is not None and example.severity.label == "info"


def test_a_takeover_capability_is_an_error_for_any_other_image() -> None:
    assert findings(service("cap_add: [SYS_ADMIN]", "ghcr.io/puppeteer/puppeteer:22"), "LD810") == [
        (4, 15, "error")
    ]
    compose = service("cap_add: [SYS_MODULE]", "netdata/netdata:v2.0")
    assert findings(compose, "LD810") == [(4, 15, "error")]  # SYS_ADMIN is its grant, not this
    options: dict[str, object] = {"sys-module-images": []}
    compose = service("cap_add: [SYS_MODULE]", "lscr.io/linuxserver/wireguard:1.0")
    assert findings(compose, "LD810", options=options) == [(4, 15, "error")]


@pytest.mark.parametrize(
    "image", ["selenium/standalone-chrome:126.0", "mcr.microsoft.com/playwright:v1.45.0-jammy"]
)
def test_browsers_may_share_the_hosts_ipc(image: str) -> None:
    assert lint(service("ipc: host", image), "LD808") == []


def test_host_ipc_for_other_images_and_with_the_option_emptied() -> None:
    assert findings(service("ipc: host"), "LD808") == [(4, 10, "warning")]
    compose = service("ipc: host", "selenium/standalone-chrome:126.0")
    assert findings(compose, "LD808", options={"host-ipc-images": []}) == [(4, 10, "warning")]


@pytest.mark.parametrize("code", ["LD808", "LD811"])
def test_trial_files_are_one_step_lower(code: str) -> None:
    compose = service("network_mode: host\ncap_add: [NET_ADMIN]")
    [production] = lint(compose, code)
    [trial] = lint(compose, code, path="tests/compose.yaml")
    assert production.severity is not None and production.severity.label == "warning"
    assert trial.severity is not None and trial.severity.label == "info"
    assert "(in a test file)" in trial.message


DEFAULTS = (
    "environment:\n  POSTGRES_USER: paperless\n  POSTGRES_PASSWORD: paperless\n"
    "  MYSQL_ROOT_PASSWORD: root\n  ADMIN_PASSWORD: change-me-please\n"
    "  MINIO_ROOT_PASSWORD: minioadmin\n  SECRET_KEY: 8f3a9c0e2b7d41f6a5e9\n"
)


def test_well_known_defaults_are_information_in_production() -> None:
    assert findings(service(DEFAULTS), "LD818") == [
        (6, 26, "info"),
        (7, 28, "info"),
        (8, 23, "info"),
        (9, 28, "info"),
        (10, 19, "warning"),
    ]
    [*_, real] = lint(service(DEFAULTS), "LD818")
    assert "literal value" in real.message
    assert "well-known default" in lint(service(DEFAULTS), "LD818")[0].message


def test_well_known_defaults_are_not_reported_in_trial_files() -> None:
    assert findings(service(DEFAULTS), "LD818", path="examples/compose.yaml") == [(10, 19, "info")]


def test_a_password_named_for_an_application_of_the_project_is_a_default() -> None:
    compose = (
        "services:\n  app:\n    image: nextcloud:29\n  db:\n    image: mariadb:11\n"
        "    environment:\n      MARIADB_PASSWORD: nextcloud\n"
    )
    assert findings(compose, "LD818") == [(7, 25, "info")]


def test_the_default_credentials_option() -> None:
    compose = service("environment:\n  DB_PASSWORD: hunter2\n  API_TOKEN: root")
    options: dict[str, object] = {"default-credentials": ["hunter*"]}
    assert findings(compose, "LD818", options=options) == [(5, 20, "info"), (6, 18, "warning")]


def test_names_ids_limits_urls_and_interpolations_are_no_credentials() -> None:
    compose = service(
        "environment:\n  DB_NAME: app\n  FLEET_TOKEN_POLICY_NAME: Agent Policy\n"
        "  AWS_ACCESS_KEY_ID: AKIAEXAMPLE\n  LIMITER_GET_TOKEN: 3\n"
        "  API_KEY_RATE_LIMIT: 60/minute\n  MAILER_DSN: smtp://mailpit:1025\n"
        "  DB_PASSWORD: ${DB_PASSWORD}\n"
    )
    assert lint(compose, "LD818") == []


def test_a_key_value_dsn_with_a_password_and_an_access_keys_secret_are_credentials() -> None:
    compose = service(
        "environment:\n  MEMOS_DSN: user=memos password=Xk29fj host=db\n"
        "  AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMIK7MDENG\n"
    )
    assert findings(compose, "LD818") == [(5, 18, "warning"), (6, 30, "warning")]


def test_a_connection_string_with_a_default_password() -> None:
    compose = service(
        "environment:\n  DATABASE_URL: postgres://umami:umami@db:5432/umami\n"
        "  BROKER_URL: amqp://guest:guest@mq//\n"
        "  CACHE_URL: redis://:Zq81nVb3@cache:6379/0\n"
    )
    assert findings(compose, "LD819") == [(5, 21, "info"), (6, 19, "info"), (7, 18, "warning")]
    assert findings(compose, "LD819", path="tests/compose.yaml") == [(7, 18, "info")]


def test_values_that_only_say_what_they_stand_for_are_defaults() -> None:
    compose = service(
        "environment:\n  SMTP_PASSWORD: '******'\n  S3_SECRET_KEY: object_storage_password\n"
        "  OPENAI_API_KEY: user_provided\n  SESSION_SECRET: 9fK2mQ7xLp\n"
    )
    assert findings(compose, "LD818") == [(5, 22, "info"), (6, 22, "info"), (8, 23, "warning")]


def test_a_profile_turned_off_by_an_agents_documented_setup_is_information() -> None:
    compose = service("security_opt: [apparmor:unconfined]", "netdata/netdata:v2.0")
    assert findings(compose, "LD809") == [(4, 20, "info")]
    compose = service("security_opt: [apparmor:unconfined]", "photoprism/photoprism:240915")
    assert findings(compose, "LD809") == [(4, 20, "warning")]


def test_a_one_shot_job_of_a_production_file_hears_of_its_default_password() -> None:
    compose = (
        "services:\n  api:\n    image: example/api:1\n    depends_on:\n      migrate:\n"
        "        condition: service_completed_successfully\n  migrate:\n"
        "    image: example/api:1\n    environment:\n"
        "      DATABASE_URL: postgres://app:app@db:5432/app\n"
    )
    assert findings(compose, "LD819") == [(10, 21, "info")]


def test_a_secret_written_as_a_url_without_a_password_is_ld818s() -> None:
    webhook = (
        "environment:\n  DISCORD_WEBHOOK_SECRET: https://discord.com/api/webhooks/1234/aB3dQx9Zk"
    )
    assert findings(service(webhook), "LD818") == [(5, 31, "warning")]
    with_password = "environment:\n  DATABASE_URL_SECRET: postgres://app:Zx81kQ2p@db/app"
    assert findings(service(with_password), "LD818") == []  # LD819's
