"""LD801-LD822, container security in compose files: exact positions, what each rule leaves
alone, roles, origins through overrides and env files, and the fixes."""

from __future__ import annotations

import pytest
from compose_lint import Found, fixed, found, lint


def service(body: str, name: str = "app") -> str:
    lines = "".join(f"    {line}\n" for line in body.strip("\n").split("\n"))
    return f"services:\n  {name}:\n    image: example/app:1.0\n{lines}"


def test_docker_socket_at_its_host_path() -> None:
    compose = service("volumes:\n  - /var/run/docker.sock:/var/run/docker.sock:ro")
    assert found(compose, "LD801") == [
        Found("LD801", "compose.yaml", (5, 9, 5, 29), "app", "error")
    ]


@pytest.mark.parametrize(
    "source",
    [
        "/run",
        "/var/run/",
        "/run/containerd",
        "/",
        "/run/user/1000/podman/podman.sock",
        "/run/systemd/private",
    ],
)
def test_sockets_and_the_directories_that_hold_them(source: str) -> None:
    assert len(lint(service(f"volumes:\n  - {source}:/host"), "LD801")) == 1


@pytest.mark.parametrize("source", ["/var", "/run/myapp", "./run", "data"])
def test_paths_that_hold_no_socket(source: str) -> None:
    assert lint(service(f"volumes:\n  - {source}:/host"), "LD801") == []


def test_long_syntax_mount_reported_at_its_source() -> None:
    compose = service(
        "volumes:\n  - type: bind\n    source: /var/run/docker.sock\n    target: /sock"
    )
    assert found(compose, "LD801")[0].span == (6, 17, 6, 37)


@pytest.mark.parametrize(
    "image",
    ["docker:dind", "docker:27.3-dind-rootless", "cruizba/ubuntu-dind:latest", "rancher/k3s:v1.30"],
)
def test_a_privileged_runtime_of_nested_containers_is_information(image: str) -> None:
    compose = f"services:\n  dind:\n    image: {image}\n    privileged: true\n"
    assert found(compose, "LD802") == [
        Found("LD802", "compose.yaml", (4, 17, 4, 21), "dind", "info")
    ]
    [diagnostic] = lint_paths_of({"compose.yaml": compose}, "LD802")
    assert "Running containers inside it is the job of its image" in diagnostic.message


@pytest.mark.parametrize("image", ["docker:27-cli", "example/podcast-app:1"])
def test_other_images_keep_the_error(image: str) -> None:
    compose = f"services:\n  app:\n    image: {image}\n    privileged: true\n"
    assert [f.severity for f in found(compose, "LD802")] == ["error"]


def test_a_test_harness_is_one_step_lower() -> None:
    files = {"tests/compose.yaml": service("volumes:\n  - /var/run/docker.sock:/x")}
    [diagnostic] = lint_paths_of(files, "LD801")
    assert diagnostic.severity is not None and diagnostic.severity.label == "warning"
    assert "(in a test file)" in diagnostic.message


def lint_paths_of(files: dict[str, str], code: str) -> list:  # type: ignore[type-arg]
    from lintdock.engine import lint_texts

    return lint_texts(files, select=[code])


def test_privileged_at_its_value() -> None:
    assert found(service("privileged: true"), "LD802") == [
        Found("LD802", "compose.yaml", (4, 17, 4, 21), "app", "error")
    ]
    assert lint(service("privileged: false"), "LD802") == []


def test_a_finding_points_into_the_override_that_said_it() -> None:
    override = "services:\n  app:\n    privileged: true\n"
    assert found(service("restart: always"), "LD802", {"compose.override.yaml": override}) == [
        Found("LD802", "compose.override.yaml", (3, 17, 3, 21), "app", "error")
    ]


def test_no_new_privileges() -> None:
    assert found(service("restart: always"), "LD803") == [
        Found("LD803", "compose.yaml", (2, 3, 2, 6), "app", "info")
    ]
    for written in ("no-new-privileges:true", "no-new-privileges=true", "no-new-privileges:false"):
        assert lint(service(f"security_opt: [{written}]"), "LD803") == []
    assert lint(service("privileged: true"), "LD803") == []


def test_no_new_privileges_fix_adds_the_key_first() -> None:
    assert fixed(service("restart: always"), "LD803") == (
        'services:\n  app:\n    security_opt: ["no-new-privileges:true"]\n'
        "    image: example/app:1.0\n    restart: always\n"
    )


def test_no_fix_where_an_override_also_writes_the_service() -> None:
    override = {"compose.override.yaml": "services:\n  app:\n    restart: always\n"}
    [diagnostic] = lint(service("ports: ['80']"), "LD803", override)
    assert diagnostic.fix is None


def test_image_without_digest() -> None:
    assert found(service(""), "LD804")[0].span == (3, 12, 3, 27)
    pinned = "services:\n  app:\n    image: example/app:1.0@sha256:" + "a" * 64 + "\n"
    assert lint(pinned, "LD804") == []
    assert lint(service("build: ."), "LD804") == []


ALL_PORTS = {"all-ports": True}


@pytest.mark.parametrize(
    ("entry", "span"),
    [
        ('"8080:80"', (5, 9, 5, 18)),
        ('"0.0.0.0:53:53/udp"', (5, 9, 5, 28)),
        ("'3000'", (5, 9, 5, 15)),
        ('"[::]:80:80"', (5, 9, 5, 21)),
    ],
)
def test_ports_on_every_interface(entry: str, span: tuple[int, int, int, int]) -> None:
    assert found(service(f"ports:\n  - {entry}"), "LD805", options=ALL_PORTS) == [
        Found("LD805", "compose.yaml", span, "app", "info")
    ]
    assert lint(service(f"ports:\n  - {entry}"), "LD805") == []  # not a backend's


def test_a_backends_port_on_every_interface_by_image_or_by_port() -> None:
    compose = (
        "services:\n  db:\n    image: bitnami/postgresql:16\n    ports: ['15432:5432']\n"
        "  cache:\n    build: ./cache\n    ports: ['6379:6379', '8080:80']\n"
    )
    assert found(compose, "LD805") == [
        Found("LD805", "compose.yaml", (4, 13, 4, 25), "db", "info"),
        Found("LD805", "compose.yaml", (7, 13, 7, 24), "cache", "info"),
    ]
    db, cache = lint(compose, "LD805")
    assert '"db" runs postgresql, a backend that the project\'s services reach' in db.message
    assert "6379 is the usual port of a database, cache or broker" in cache.message
    assert lint(compose, "LD805", options={"backend-ports": [], "backend-images": []}) == []
    pulled = "services:\n  ocis:\n    image: owncloud/ocis:7\n    ports: ['9200:9200']\n"
    assert lint(pulled, "LD805") == []  # a pulled image is judged by its name, not its port


@pytest.mark.parametrize("entry", ['"127.0.0.1:80:80"', '"[::1]:80:80"', '"10.0.0.5:80:80"'])
def test_ports_on_one_interface(entry: str) -> None:
    assert lint(service(f"ports:\n  - {entry}"), "LD805", options=ALL_PORTS) == []


def test_ports_of_a_host_network_service_are_ignored() -> None:
    assert lint(service("network_mode: host\nports: ['5432:5432']"), "LD805") == []


def test_ports_fix_binds_to_loopback() -> None:
    compose = service("build: .\nports:\n  - \"5432:5432\"\n  - '6379'\n  - 0.0.0.0:27017:27017")
    assert fixed(compose, "LD805") == compose  # unsafe only
    assert fixed(compose, "LD805", unsafe=True) == service(
        "build: .\nports:\n  - \"127.0.0.1:5432:5432\"\n  - '127.0.0.1::6379'\n"
        "  - 127.0.0.1:27017:27017"
    )


def test_long_syntax_port_has_no_fix() -> None:
    long_form = "build: .\nports:\n  - target: 5432\n    published: 15432"
    [diagnostic] = lint(service(long_form), "LD805")
    assert diagnostic.fix is None and "target 5432" in diagnostic.message


def test_capabilities_not_dropped() -> None:
    assert found(service("cap_drop: [NET_RAW]"), "LD806") == [
        Found("LD806", "compose.yaml", (4, 5, 4, 13), "app", "info")
    ]
    assert lint(service("cap_drop: [ALL]"), "LD806") == []


@pytest.mark.parametrize("code", ["LD803", "LD804", "LD806", "LD807", "LD822"])
def test_opt_in_hardening_is_not_asked_of_test_development_or_example_files(code: str) -> None:
    compose = service("restart: always").replace("example/app:1.0", "example/app:1.0.3")
    assert len(lint(compose, code)) == 1
    for path in ("tests/compose.yaml", "compose.dev.yaml", "examples/web/compose.yaml"):
        assert lint(compose, code, path=path) == []


def test_read_only_and_its_unsafe_fix() -> None:
    assert found(service("read_only: false"), "LD807")[0].span == (4, 16, 4, 21)
    assert lint(service("read_only: true"), "LD807") == []
    assert fixed(service("restart: always"), "LD807") == service("restart: always")
    assert fixed(service("restart: always"), "LD807", unsafe=True).startswith(
        "services:\n  app:\n    read_only: true\n    image:"
    )


def test_host_namespaces() -> None:
    compose = service("network_mode: host\npid: host\nipc: shareable\nuts: host\nuserns_mode: host")
    assert [f.span for f in found(compose, "LD808")] == [
        (4, 19, 4, 23),
        (5, 10, 5, 14),
        (7, 10, 7, 14),
        (8, 18, 8, 22),
    ]
    assert lint(service("pid: service:db\nnetwork_mode: container:x"), "LD808") == []


def test_security_profiles() -> None:
    compose = service(
        "security_opt:\n  - seccomp=unconfined\n  - apparmor:unconfined\n  - label:disable"
    )
    assert [f.span for f in found(compose, "LD809")] == [
        (5, 9, 5, 27),
        (6, 9, 6, 28),
        (7, 9, 7, 22),
    ]
    replaced = service("security_opt:\n  - seccomp:unconfined\n  - seccomp:./profile.json")
    assert lint(replaced, "LD809") == []


def test_capability_tiers() -> None:
    compose = service("cap_add: [CAP_SYS_ADMIN, NET_ADMIN, SYS_PTRACE, CHOWN, CAP_ALL]")
    assert found(compose, "LD810") == [
        Found("LD810", "compose.yaml", (4, 15, 4, 28), "app", "error")
    ]
    assert found(compose, "LD811") == [
        Found("LD811", "compose.yaml", (4, 30, 4, 39), "app", "warning")
    ]
    assert found(compose, "LD812") == [
        Found("LD812", "compose.yaml", (4, 41, 4, 51), "app", "info")
    ]


def test_a_capability_added_to_a_non_root_process_is_inert_information() -> None:
    """nextcloud AIO's imaginary: cap_add SYS_NICE with user 65534 (and USER 65534 in its
    Dockerfile): Docker puts added capabilities in no set a non-root process uses."""
    compose = service('user: "65534"\ncap_add: [NET_ADMIN]')
    [finding] = lint(compose, "LD811")
    assert finding.severity is not None and finding.severity.label == "info"
    assert "but the service runs as user 65534: Docker gives a non-root process none" in (
        finding.message
    )
    built = "services:\n  app:\n    build: .\n    cap_add: [NET_ADMIN]\n"
    dockerfile = 'FROM alpine:3.20\nUSER 65534\nCMD ["app"]\n'
    [from_image] = lint(built, "LD811", {"Dockerfile": dockerfile})
    assert from_image.severity is not None and from_image.severity.label == "info"
    as_root = lint(service('user: "0"\ncap_add: [NET_ADMIN]'), "LD811")
    assert [d.severity.label for d in as_root if d.severity] == ["warning"]


def test_a_capability_the_image_is_known_to_need_is_not_reported() -> None:
    compose = (
        "services:\n  vpn:\n    image: lscr.io/linuxserver/wireguard:1.0\n"
        "    cap_add: [NET_ADMIN, SYS_TIME]\n  secrets:\n    image: hashicorp/vault:1.17\n"
        "    cap_add: [IPC_LOCK, NET_ADMIN]\n"
    )
    assert found(compose, "LD811") == [
        Found("LD811", "compose.yaml", (4, 26, 4, 34), "vpn", "warning"),
        Found("LD811", "compose.yaml", (7, 25, 7, 34), "secrets", "warning"),
    ]
    assert lint(compose, "LD811")[1].message == (
        "cap_add NET_ADMIN grants reconfiguring interfaces, routes and firewall rules: its "
        "effect reaches past the container. Keep it only if the service's job is exactly that "
        "(a VPN needs NET_ADMIN)"
    )


@pytest.mark.parametrize(
    ("source", "writable"),
    [
        ("/etc", True),
        ("/etc/cron.d", True),
        ("/var/lib/docker", True),
        ("/var", True),
        ("/usr", True),
        ("/proc/sys", True),
        ("/etc/localtime", False),
        ("/etc:ro", False),
        ("/srv/data", False),
        ("/", False),
        ("/root", True),
        ("/root/.ssh", True),
        ("/root/.bashrc", True),
        ("/etc/sudoers.d", True),
        ("/etc/cron.daily/backup", True),
        ("/etc/ld.so.preload", True),
        ("/etc/systemd/system", True),
        ("/etc/wireguard", True),
        ("/etc/pihole/", False),
        ("/etc/pterodactyl", False),
        ("/root/trilium-backups", False),
        ("/root/.aws", False),
    ],
)
def test_root_equivalent_paths_written(source: str, writable: bool) -> None:
    path, _, mode = source.partition(":")
    entry = f"{path}:/host{':' + mode if mode else ''}"
    assert len(lint(service(f"volumes:\n  - {entry}"), "LD813")) == (1 if writable else 0)


def test_a_data_folder_in_roots_home_is_the_applications_own() -> None:
    compose = service(
        "volumes:\n  - ${DATA_FOLDER}/letsencrypt:/letsencrypt\n  - ${DATA_FOLDER}/.app:/app"
    )
    env = {".env": "DATA_FOLDER=/root/automation/\n"}
    assert lint(compose, "LD813", env) == [] and lint(compose, "LD814", env) == []


def test_only_what_root_reads_in_etc_is_reported() -> None:
    compose = service(
        "volumes:\n  - /etc/pihole/:/etc/pihole/\n  - /etc/dnsmasq.d/:/etc/dnsmasq.d/"
    )
    assert found(compose, "LD813") == [
        Found("LD813", "compose.yaml", (6, 9, 6, 24), "app", "error")
    ]
    assert lint(compose, "LD813")[0].message.startswith(
        "/etc/dnsmasq.d is mounted writable: through /etc/dnsmasq.d (the scripts network tools "
        "run as root: wg-quick's PostUp, dispatchers, dhcp-script) the container can make "
    )


def test_the_message_joins_a_variables_trailing_slash() -> None:
    compose = service("volumes:\n  - ${ROOT_HOME}/.ssh:/keys")
    [diagnostic] = lint(compose, "LD813", {".env": "ROOT_HOME=/root/\n"})
    assert (diagnostic.span.line, diagnostic.span.column) == (5, 9)
    assert diagnostic.message.startswith(
        "/root/.ssh is mounted writable: through /root/.ssh (root's authorized_keys) the "
    )


@pytest.mark.parametrize(
    ("entry", "exposed"),
    [
        ("/sys:/sys:ro", True),
        ("/dev/shm:/dev/shm", True),
        ("/dev/null:/x", False),
        ("/home:/home", True),
        ("/home/alice:/h", True),
        ("/home/alice/app/data:/d", False),
        ("/home/alice/.ssh:/s:ro", True),
        ("~/.aws:/root/.aws", True),
        ("~/src:/src", False),
        ("/run/dbus:/run/dbus", True),
        ("/var/run/docker.sock:/s", False),
        ("/etc:/host/etc:ro", True),
        ("/etc/ssl/certs:/etc/ssl/certs:ro", False),
        ("/proc:/host/proc:ro", True),
        ("/usr/share:/u:ro", False),
        ("/etc:/e", False),
        ("/etc/pihole:/etc/pihole", False),
        ("/etc/pihole:/etc/pihole:ro", True),
        ("/root/app-data:/data", False),
        ("/root/.aws:/root/.aws", True),
        ("/root/.ssh:/keys:ro", True),
        ("/root/.ssh:/keys", False),
    ],
)
def test_sensitive_host_paths(entry: str, exposed: bool) -> None:
    assert len(lint(service(f"volumes:\n  - {entry}"), "LD814")) == (1 if exposed else 0)


def test_dangerous_devices() -> None:
    compose = service(
        "devices:\n  - /dev/sda:/dev/sda\n  - /dev/dri:/dev/dri\n  - /dev/kmsg\n"
        "  - source: /dev/nvme0n1\n    target: /dev/disk0"
    )
    assert [f.span for f in found(compose, "LD815")] == [
        (5, 9, 5, 17),
        (7, 9, 7, 18),
        (8, 17, 8, 29),
    ]


def test_shared_propagation() -> None:
    compose = service(
        "volumes:\n  - ./d:/d:rshared,z\n  - ./e:/e:rslave\n"
        "  - type: bind\n    source: ./f\n    target: /f\n    bind:\n"
        "      propagation: shared"
    )
    assert [f.span for f in found(compose, "LD816")] == [(5, 16, 5, 23), (11, 24, 11, 30)]


@pytest.mark.parametrize(
    ("user", "root"),
    [
        ("root", True),
        ('"0"', True),
        ("0:1000", True),
        ("root:root", True),
        ('"1000"', False),
        ("app", False),
        ('"10"', False),
    ],
)
def test_explicit_root_user(user: str, root: bool) -> None:
    assert len(lint(service(f"user: {user}"), "LD817")) == (1 if root else 0)


def test_root_or_no_label_confinement_beside_the_docker_socket_is_information() -> None:
    """The socket gives control of the host whatever the user; root is often how the service
    reaches it (trigger.dev's coordinator, ofelia's label:disable on SELinux hosts)."""
    socket = "volumes:\n  - /var/run/docker.sock:/var/run/docker.sock"
    [root] = lint(service(f"user: root\n{socket}"), "LD817")
    assert root.severity is not None and root.severity.label == "info"
    assert root.message.endswith(
        "With /var/run/docker.sock mounted, the service controls the host as any user"
    )
    [label] = lint(service(f"security_opt: [label:disable]\n{socket}"), "LD809")
    assert label.severity is not None and label.severity.label == "info"
    [alone] = lint(service("user: root"), "LD817")
    assert alone.severity is not None and alone.severity.label == "warning"
    [tmpfs] = lint(service(f"tmpfs: /run/app:exec\n{socket}"), "LD820")
    assert tmpfs.message.endswith(
        ". With /var/run/docker.sock mounted, the service reaches the host without it"
    )


def test_credentials_in_environment_never_print_the_value() -> None:
    compose = service(
        "environment:\n  DB_PASSWORD: hunter2\n  API_TOKEN: ${TOKEN}\n"
        "  JWT_SECRET: ${JWT_SECRET:-devsecret}\n  MYSQL_RANDOM_ROOT_PASSWORD: 'yes'\n"
        "  PASSWORD_FILE: /run/secrets/pw\n  TOKEN_TTL: 3600\n  SESSION_TOKEN: ''\n"
        "  DATABASE_DSN: postgres://u:pw@db/x\n  SECRET_KEY_BASE: abc\n"
        "  SECRET_LOCAL_HOSTNAME: 0.0.0.0\n  SECRET_FORCED_LANGUAGE: en\n"
    )
    findings = found(compose, "LD818", {".env": "TOKEN=from-dotenv\n"})
    assert [(f.span, f.severity) for f in findings] == [
        ((5, 20, 5, 27), "warning"),
        # ${JWT_SECRET:-devsecret}: the deployer's value, its placeholder fallback no secret
        ((13, 24, 13, 27), "warning"),
    ]
    for diagnostic in lint(compose, "LD818"):
        assert "hunter2" not in diagnostic.message and "devsecret" not in diagnostic.message


def test_credentials_in_list_syntax_and_env_files() -> None:
    compose = service(
        "env_file: app.env\nenvironment:\n  - ADMIN_PASSWORD=${ADMIN}\n  - SMTP_PASS=letmein"
    )
    findings = found(compose, "LD818", {"app.env": "# settings\nSTRIPE_API_KEY=sk_live_x\n"})
    assert [(f.path, f.span) for f in findings] == [
        ("compose.yaml", (4, 15, 4, 22)),
        ("compose.yaml", (7, 19, 7, 26)),
    ]
    message = lint(compose, "LD818", {"app.env": "# settings\nSTRIPE_API_KEY=sk_live_x\n"})[0]
    assert "STRIPE_API_KEY is given a literal value in the env file app.env (line 2)" in (
        message.message
    )


def test_a_stand_in_value_is_no_credential_and_a_default_one_is() -> None:
    compose = service(
        "environment:\n  AWS_ACCESS_KEY_ID: dummy\n  AWS_SECRET_ACCESS_KEY: dummy\n"
        "  S3_SECRET: fake-secret\n  ADMIN_PASSWORD: changeme\n  MOCKINGBIRD_TOKEN: mockingbird\n"
    )
    assert [f.span for f in found(compose, "LD818")] == [
        (7, 18, 7, 29),
        (8, 23, 8, 31),
        (9, 26, 9, 37),
    ]


def test_connection_strings() -> None:
    compose = service(
        "environment:\n  DATABASE_URL: postgres://app:s3cret@db:5432/app\n"
        "  BROKER_URL: amqp://guest:${RABBIT_PASSWORD}@mq//\n  CACHE_URL: redis://cache:6379/0\n"
    )
    [diagnostic] = lint(compose, "LD819")
    assert (diagnostic.span.line, diagnostic.span.column) == (5, 21)
    assert "s3cret" not in diagnostic.message and "(postgres://)" in diagnostic.message


def test_tmpfs_exec() -> None:
    compose = service("tmpfs:\n  - /tmp:exec,size=64m\n  - /run:noexec")
    assert found(compose, "LD820") == [Found("LD820", "compose.yaml", (5, 9, 5, 27), "app", "info")]
    assert len(lint(service("tmpfs: /tmp:suid"), "LD820")) == 1


def test_tmpfs_run_exec_is_the_init_systems_need() -> None:
    assert lint(service("tmpfs:\n  - /run:exec\n  - /run/lock"), "LD820") == []
    assert found(service("tmpfs:\n  - /run:exec,suid"), "LD820") == [
        Found("LD820", "compose.yaml", (5, 9, 5, 23), "app", "info")
    ]


def test_logging_disabled_at_the_driver() -> None:
    assert found(service("logging:\n  driver: none"), "LD821")[0].span == (5, 15, 5, 19)
    assert lint(service("logging:\n  driver: syslog"), "LD821") == []


@pytest.mark.parametrize(
    ("body", "missing"),
    [
        ("restart: always", "memory or CPU limit"),
        ("mem_limit: 512m", "CPU limit"),
        ("cpus: 0.5", "memory limit"),
        ("deploy:\n  resources:\n    limits:\n      memory: 1g\n      cpus: '1'", None),
        ("mem_limit: 1g\ncpu_quota: 50000", None),
    ],
)
def test_resource_limits(body: str, missing: str | None) -> None:
    findings = lint(service(body), "LD822")
    if missing is None:
        assert findings == []
    else:
        assert len(findings) == 1 and f"has no {missing}" in findings[0].message


def test_untagged_or_latest_images_are_the_explicit_tag_rules() -> None:
    for image in ("nginx", "nginx:latest", "registry:5000/team/app"):
        assert lint(f"services:\n  app:\n    image: {image}\n", "LD804") == []
    assert len(lint("services:\n  app:\n    image: registry:5000/team/app:2\n", "LD804")) == 1


def test_ports_on_the_default_bridge_are_published() -> None:
    assert len(lint(service("build: .\nnetwork_mode: bridge\nports: ['3306:3306']"), "LD805")) == 1
    assert lint(service("network_mode: none\nports: ['3306:3306']"), "LD805") == []


def test_sizes_realms_and_quotes_are_no_credentials() -> None:
    compose = service(
        "environment:\n  - SECRET_FILE_SIZE=10\n  - REGISTRY_AUTH_HTPASSWD_REALM=Registry\n"
        '  - PODINDEX_API_KEY="${PODINDEX_API_KEY}"\n  - LANGCHAIN_API_KEY=""\n'
        '  - USER_PASSWORD_REQUIREMENTS=15\n  - SABNZBD_API_KEY=${SABNZBD_API_KEY:-""}\n'
    )
    assert lint(compose, "LD818") == []


def test_findings_point_into_extended_and_included_files() -> None:
    base = "services:\n  app:\n    extends:\n      file: common/base.yaml\n      service: base\n"
    common = "services:\n  base:\n    image: example/app:1.0\n    privileged: true\n"
    assert found(base, "LD802", {"common/base.yaml": common}) == [
        Found("LD802", "common/base.yaml", (4, 17, 4, 21), "app", "error")
    ]
    including = "include:\n  - tools/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n"
    tools = "services:\n  agent:\n    image: example/agent:1.0\n    pid: host\n"
    assert found(including, "LD808", {"tools/compose.yaml": tools}) == [
        Found("LD808", "tools/compose.yaml", (4, 10, 4, 14), "agent", "warning")
    ]
