"""LD850-LD852, container security in Dockerfiles: the user the shipped image runs as, and
secrets in ARG/ENV, at exact positions."""

from __future__ import annotations

import pytest

from lintdock.engine import lint_texts
from lintdock.facts.dockerfile_security import secret_name


def findings(dockerfile: str, code: str, **files: str) -> list[tuple[int, int, int, int, str]]:
    texts = {"Dockerfile": dockerfile, **{name.replace("__", "/"): t for name, t in files.items()}}
    return [
        (d.span.line, d.span.column, d.span.end_line, d.span.end_column, d.severity.label)
        for d in lint_texts(texts, select=[code])
        if d.severity is not None
    ]


def test_last_user_root_at_that_user() -> None:
    dockerfile = 'FROM alpine:3.20\nUSER app\nRUN id\nUSER root\nCMD ["sh"]\n'
    assert findings(dockerfile, "LD850") == [(4, 1, 4, 10, "warning")]


@pytest.mark.parametrize("user", ["0", "0:0", "root:staff", "ROOT"])
def test_root_spellings(user: str) -> None:
    assert len(findings(f"FROM alpine:3.20\nUSER {user}\n", "LD850")) == 1


@pytest.mark.parametrize("user", ["app", "1000", "1000:0", "$APP_USER", "nobody"])
def test_not_root(user: str) -> None:
    assert findings(f"FROM alpine:3.20\nUSER {user}\n", "LD850") == []


def test_inherited_root_is_reported_at_the_parent_stage_user() -> None:
    dockerfile = "FROM alpine:3.20 AS base\nUSER root\nFROM base\nRUN id\n"
    assert findings(dockerfile, "LD850") == [(2, 1, 2, 10, "warning")]


def test_a_build_stage_running_as_root_is_not_reported() -> None:
    dockerfile = (
        "FROM golang:1.23 AS build\nUSER root\nRUN go build ./...\nFROM alpine:3.20\nUSER app\n"
    )
    assert findings(dockerfile, "LD850") == []


def test_a_targeted_stage_ships() -> None:
    dockerfile = "FROM alpine:3.20 AS dev\nUSER root\nFROM alpine:3.20 AS prod\nUSER app\n"
    compose = "services:\n  app:\n    build:\n      context: .\n      target: dev\n"
    assert findings(dockerfile, "LD850", **{"compose.yaml": compose}) == [(2, 1, 2, 10, "warning")]


def test_outside_production_it_is_information() -> None:
    texts = {
        "tests/Dockerfile": "FROM alpine:3.20\nUSER root\n",
        "image/app_dev/Dockerfile": "FROM alpine:3.20\nUSER app\nRUN make\nUSER root\n",
    }
    found = lint_texts(texts, select=["LD850"])
    assert [(d.path, d.span.line, d.severity and d.severity.label) for d in found] == [
        ("image/app_dev/Dockerfile", 4, "info"),
        ("tests/Dockerfile", 2, "info"),
    ]


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("DB_PASSWORD", True),
        ("GITHUB_TOKEN", True),
        ("AUTH", True),
        ("api_key", True),
        ("AWS_SECRET_ACCESS_KEY", True),
        ("SECRET_MESSAGE", True),
        ("GPG_KEY", True),
        ("PUBLIC_KEY", False),
        ("PASSWORD_FILE", False),
        ("NODE_VERSION", False),
        ("KEY_VERSION", False),
        ("TOKENIZER", False),
        ("MONKEY", False),
        ("PASSWORDS", False),
    ],
)
def test_secret_names_as_buildkit_reads_them(name: str, secret: bool) -> None:
    assert secret_name(name) is secret


def test_secret_in_arg_or_env_at_each_name() -> None:
    dockerfile = (
        "ARG NPM_TOKEN\nFROM node:22\nARG DB_PASSWORD=Tq9vL BUILD_ID\nENV API_KEY=abc MODE=prod\n"
        "ENV SECRET legacy\n"
    )
    assert findings(dockerfile, "LD851") == [
        (1, 5, 1, 14, "warning"),
        (3, 5, 3, 16, "warning"),
        (4, 5, 4, 12, "warning"),
        (5, 5, 5, 11, "warning"),
    ]
    messages = [d.message for d in lint_texts({"Dockerfile": dockerfile}, select=["LD851"])]
    assert "ARG DB_PASSWORD with a literal default" in messages[1]
    assert all("abc" not in message for message in messages)


def test_a_signing_key_fingerprint_is_public() -> None:
    dockerfile = (
        "FROM buildpack-deps:bookworm\n"
        "ENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D\n"
        "ENV WORDPRESS_CLI_GPG_KEY=63AF7AA15067C05616FDDD88A3A2E8F226F0BC06\n"
        'ENV RELEASE_KEY="B42F 6819 007F 00F8 8E36  4FD4 036A 9C25 BF35 7DD4"\n'
        "ENV SIGNER_KEY=4ED778F539E3634C779C87C6D7062848A1AB005C,"
        "0x94AE36675C464D64BAFA68DD7434390BDBE9B9C5\n"
        "ARG GPG_PRIVATE_KEY\n"
        "ENV GPG_KEY_PASSWORD=hunter2\n"
        "ENV LICENSE_KEY=0123456789abcdef0123456789abcdef01234567\n"
    )
    assert findings(dockerfile, "LD851") == [
        (6, 5, 6, 20, "warning"),
        (7, 5, 7, 21, "warning"),
        (8, 5, 8, 16, "warning"),
    ]


def test_the_key_of_a_dotnet_settings_entry_is_no_secret() -> None:
    """dotnet-docker's monitor images: an entry of a list of filters, its Key and its Value."""
    dockerfile = (
        "FROM mcr.microsoft.com/dotnet/aspnet:8.0\n"
        "ENV DefaultProcess__Filters__0__Key=ProcessId \\\n"
        "    DefaultProcess__Filters__0__Value=1 \\\n"
        "    Jwt__Key=s3cr3t-signing-value\n"
    )
    assert findings(dockerfile, "LD851") == [(4, 5, 4, 13, "warning")]


def test_a_path_a_switch_or_an_empty_or_placeholder_env_is_no_secret() -> None:
    dockerfile = (
        "FROM selenium/base:4\n"
        'ENV SE_HTTPS_PRIVATE_KEY="/opt/selenium/secrets/tls.key" \\\n'
        "    SE_TRUST_STORE_PASSWORD=${SECRETS_DIR}/server.pass \\\n"
        "    CA_KEY=assets/tls/root.key\n"
        "ARG COMPOSER_AUTH=false\n"
        "ENV PASSWORD= \\\n"
        "    AIO_TOKEN=123456 \\\n"
        "    MTP_SECRET=00000000000000000000000000000000 \\\n"
        "    TOKEN=00000000-0000-0000-0000-000000000000 \\\n"
        '    SMTP_PASSWORD="<your smtp password>" \\\n'
        "    ADMIN_PASSWORD=changeme\n"
        "ARG DEPLOY_PASSWORD=fix_me\n"
        "ARG DB_PASSWORD=\n"
        "ENV DEPLOY_PASSWORD=$DEPLOY_PASSWORD VPN_PASSWORD=password\n"
    )
    assert findings(dockerfile, "LD851") == [
        (12, 5, 12, 20, "warning"),
        (13, 5, 13, 16, "warning"),
        (14, 5, 14, 20, "warning"),
        (14, 38, 14, 50, "info"),  # password=password: a well-known default, guessable
    ]


@pytest.mark.parametrize(
    ("path", "text", "severity"),
    [
        ("Dockerfile", "ENV FTP_PASSWORD=gordonpassword", "info"),
        ("Dockerfile", "ENV ADMIN_PASSWORD=admin", "info"),
        ("Dockerfile", "ENV LICENSE_KEY lgNvGyhnUKpa5PJi", "warning"),
        ("tests/oracle/oracle.Dockerfile", "ARG ORACLE_PASSWORD", "info"),
        ("CVE-2021-44228/Dockerfile", "ENV PGADMIN_SETUP_PASSWORD=Tq9vL", "info"),
    ],
)
def test_a_guessable_default_or_an_image_nobody_ships_is_information(
    path: str, text: str, severity: str
) -> None:
    diagnostics = lint_texts({path: f"FROM debian:12\n{text}\n"}, select=["LD851"])
    assert [d.severity.label for d in diagnostics if d.severity] == [severity]
    if "gordon" in text:
        assert diagnostics[0].message.endswith(
            "(its value is a well-known default: nothing secret leaks, but set it at run time)"
        )


def test_a_default_from_a_variable_is_not_called_literal() -> None:
    dockerfile = "FROM php:8.3-fpm\nARG NEW_RELIC_KEY=${NEW_RELIC_KEY}\nARG API_TOKEN=abc\n"
    messages = [d.message for d in lint_texts({"Dockerfile": dockerfile}, select=["LD851"])]
    assert [m.split(" looks")[0] for m in messages] == [
        "ARG NEW_RELIC_KEY",
        "ARG API_TOKEN with a literal default",
    ]


def test_final_stage_without_user() -> None:
    app = 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n'
    assert findings(app, "LD852") == [(1, 1, 1, 5, "info")]
    assert findings('FROM python:3.12-slim\nCMD ["python"]\n', "LD852") == []  # a REPL: a base
    assert findings("FROM gcr.io/distroless/static:nonroot\nCOPY app /\n", "LD852") == []
    assert findings("FROM alpine:3.20 AS b\nUSER app\nFROM b\n", "LD852") == []
    assert findings("FROM alpine:3.20\nUSER root\n", "LD852") == []  # LD850's


GOSU_ENTRYPOINT = '#!/bin/sh\nset -e\nchown -R app /data\nexec gosu app "$@"\n'
ENTRYPOINT_LINES = 'COPY entrypoint.sh /usr/local/bin/\nENTRYPOINT ["entrypoint.sh"]\n'


def test_root_that_drops_privileges_at_start_is_information() -> None:
    dockerfile = f'FROM debian:12\n{ENTRYPOINT_LINES}USER root\nCMD ["server"]\n'
    found = findings(dockerfile, "LD850", **{"entrypoint.sh": GOSU_ENTRYPOINT})
    assert found == [(4, 1, 4, 10, "info")]


def test_root_whose_entrypoint_keeps_root_is_still_a_warning() -> None:
    dockerfile = f'FROM debian:12\n{ENTRYPOINT_LINES}USER root\nCMD ["server"]\n'
    plain = '#!/bin/sh\nchown -R app /data\nexec "$@"\n'
    found = findings(dockerfile, "LD850", **{"entrypoint.sh": plain})
    assert found == [(4, 1, 4, 10, "warning")]


@pytest.mark.parametrize(
    "start",
    [
        'CMD ["supervisord", "-n"]',
        'ENTRYPOINT ["/init"]',
        'CMD ["capsh", "--user=app", "--", "-c", "exec server"]',
        'CMD ["/usr/bin/rspamd", "-f", "-u", "_rspamd", "-g", "_rspamd"]',
        "CMD dnsmasq --keep-in-foreground --user=dnsmasq",
        'CMD ["php-fpm83", "-F"]',  # the FPM master runs its pools as www-data
        'CMD ["dovecot", "-F"]',
    ],
)
def test_no_user_under_a_supervisor_or_a_daemon_that_gives_up_root_itself(start: str) -> None:
    dockerfile = f"FROM debian:12\nEXPOSE 25\n{start}\n"
    assert findings(dockerfile, "LD852") == []


@pytest.mark.parametrize(
    "base",
    [
        "ghcr.io/linuxserver/baseimage-ubuntu:noble",  # s6-overlay's /init runs services as abc
        "lsiobase/alpine:3.12",
        "phusion/baseimage:jammy-1.0.4",  # my_init
        "postgres:16",  # docker-entrypoint.sh re-runs itself as postgres
        "nginx:1.27-alpine",  # the master runs the workers that serve as nginx
        "php:8.3-fpm-alpine",  # so does PHP-FPM's, its pools as www-data
        "php:8.3-apache",
    ],
)
def test_no_user_under_a_base_whose_entrypoint_gives_up_root(base: str) -> None:
    assert findings(f"FROM {base}\nCOPY root/ /\nEXPOSE 8096\n", "LD852") == []


def test_an_entrypoint_that_sets_its_arguments_to_a_user_switch_drops_root() -> None:
    entrypoint = '#!/bin/sh\nset -- su-exec vault "$@"\nexec "$@"\n'
    dockerfile = (
        "FROM alpine:3.20\nCOPY docker-entrypoint.sh /usr/local/bin/\n"
        'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["server", "-dev"]\n'
    )
    assert findings(dockerfile, "LD852", **{"docker-entrypoint.sh": entrypoint}) == []
    plain = '#!/bin/sh\nset -- vault "$@"\nexec "$@"\n'
    assert findings(dockerfile, "LD852", **{"docker-entrypoint.sh": plain}) == [
        (1, 1, 1, 5, "info")
    ]


def test_a_stage_only_development_builds_use_is_not_the_image_that_ships() -> None:
    texts = {
        "Dockerfile": (
            "FROM php:8.3-fpm AS base\nEXPOSE 9000\n"
            "FROM base AS app_dev\n"
            "FROM base AS app_prod\nUSER www-data\n"
        ),
        "compose.yaml": "services:\n  php:\n    build:\n      context: .\n      target: app_prod\n",
        "compose.override.yaml": "services:\n  php:\n    build:\n      target: app_dev\n",
    }
    assert lint_texts(texts, select=["LD852"]) == []


@pytest.mark.parametrize(
    ("base", "reported"),
    [
        ("docker.elastic.co/elasticsearch/elasticsearch:${ELASTIC_VERSION:-9.5.1}", False),
        ("grafana/grafana:latest", False),
        ("docker.io/library/kibana:8.15.0", False),
        ("selenium/standalone-chrome:latest", False),
        ("grafana/k6:2.2.0", True),  # another image of the same publisher
    ],
)
def test_a_base_known_to_end_with_a_non_root_user(base: str, reported: bool) -> None:
    found = findings(f'FROM {base}\nCOPY setup.sh /\nCMD ["/setup.sh"]\n', "LD852")
    assert found == ([(1, 1, 1, 5, "info")] if reported else [])


@pytest.mark.parametrize(
    "start",
    [
        'ENTRYPOINT ["/app"]',  # replaces the base's entrypoint
        'CMD ["bash", "-c", "exec jellyfin"]',  # a CMD s6-overlay's /init runs as root
        "CMD jellyfin --ffmpeg /usr/lib/ffmpeg",
    ],
)
def test_a_start_of_its_own_keeps_root_under_such_a_base(start: str) -> None:
    dockerfile = f"FROM ghcr.io/linuxserver/baseimage-ubuntu:noble\nEXPOSE 8096\n{start}\n"
    assert findings(dockerfile, "LD852") == [(1, 1, 1, 5, "info")]


def test_capsh_that_keeps_root_is_no_privilege_drop() -> None:
    dockerfile = (
        'FROM debian:12\nEXPOSE 80\nCMD ["capsh", "--drop=cap_net_raw", "--", "-c", "server"]\n'
    )
    assert findings(dockerfile, "LD852") == [(1, 1, 1, 5, "info")]


def test_no_user_with_a_gosu_entrypoint_is_not_reported() -> None:
    dockerfile = f'FROM debian:12\nEXPOSE 80\n{ENTRYPOINT_LINES}CMD ["server"]\n'
    assert findings(dockerfile, "LD852", **{"entrypoint.sh": GOSU_ENTRYPOINT}) == []


def test_toolchain_image_without_a_service_of_its_own_is_not_reported() -> None:
    dockerfile = "FROM alpine:3.20\nRUN apk add --no-cache rust cargo\nENV CARGO_HOME=/cargo\n"
    assert findings(dockerfile, "LD852") == []


def test_server_image_without_user_is_still_reported() -> None:
    dockerfile = 'FROM debian:12\nEXPOSE 80\nCMD ["server"]\n'
    assert findings(dockerfile, "LD852") == [(1, 1, 1, 5, "info")]
    flag_of_another_program = 'FROM debian:12\nEXPOSE 80\nCMD ["python3", "-u", "app.py"]\n'
    assert findings(flag_of_another_program, "LD852") == [(1, 1, 1, 5, "info")]
    php_cli = "FROM php:8.3-cli\nCOPY worker.php /\nEXPOSE 80\n"  # PHP itself runs as root
    assert findings(php_cli, "LD852") == [(1, 1, 1, 5, "info")]


def test_env_passing_on_a_switch_argument_is_no_secret() -> None:
    dockerfile = (
        "FROM alpine:3.20\nARG COMPOSER_AUTH_JSON=false\n"
        "ENV COMPOSER_AUTH_JSON ${COMPOSER_AUTH_JSON}\n"
    )
    assert findings(dockerfile, "LD851") == []


def test_env_passing_on_a_secret_argument_is_reported() -> None:
    dockerfile = "FROM alpine:3.20\nARG API_TOKEN\nENV API_TOKEN=${API_TOKEN}\n"
    assert findings(dockerfile, "LD851") == [(2, 5, 2, 14, "warning"), (3, 5, 3, 14, "warning")]
