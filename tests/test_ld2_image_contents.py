"""LD201-LD204: what ships in the production image, with exact positions."""

from __future__ import annotations

import pytest
from ld23_helpers import found, lint

from lintdock.engine import lint_texts

SEED_V2_API = """\
FROM diamol/dotnet-sdk AS builder
WORKDIR /src
COPY src/Numbers.Api/ .
RUN dotnet publish -c Release -o /out Numbers.Api.csproj

FROM diamol/dotnet-aspnet
ENTRYPOINT ["dotnet", "/app/Numbers.Api.dll"]
HEALTHCHECK CMD curl --fail http://localhost/health
WORKDIR /app
COPY --from=builder /out/ .
"""

SEED_V2_WEB = """\
FROM diamol/dotnet-aspnet
ENV RngApi:Url=http://numbers-api/rng
CMD curl --fail http://numbers-api/rng && \\
    dotnet Numbers.Web.dll
"""

SEED_V3_WEB = """\
FROM diamol/dotnet-sdk AS http-check-builder
WORKDIR /src
COPY src/Utilities.HttpCheck/ .
RUN dotnet publish -c Release -o /out Utilities.HttpCheck.csproj

FROM diamol/dotnet-aspnet
ENV RngApi:Url=http://numbers-api/rng
HEALTHCHECK CMD ["dotnet", "Utilities.HttpCheck.dll", "-u", "http://localhost/health"]
CMD dotnet Utilities.HttpCheck.dll -c RngApi:Url -t 900 && \\
    dotnet Numbers.Web.dll
WORKDIR /app
COPY --from=http-check-builder /out/ .
"""


# -- LD201 curl-in-final-image ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dockerfile", "expected"),
    [
        pytest.param(
            "FROM debian:12-slim\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends \\\n"
            "      ca-certificates curl=7.88.1-10+deb12u5 \\\n"
            " && rm -rf /var/lib/apt/lists/*\n"
            'CMD ["app"]\n',
            [(3, 23, 3, 45)],
            id="apt-get pin on a continuation line",
        ),
        pytest.param(
            "# syntax=docker/dockerfile:1\nFROM debian:12-slim\nRUN <<EOF\napt-get update\n"
            'apt-get install -y \\\n  wget\nEOF\nCMD ["app"]\n',
            [(6, 3, 6, 7)],
            id="heredoc RUN",
        ),
        pytest.param(
            "FROM alpine:3.20\nRUN sh -c 'apk add --no-cache curl~=8.5'\nCMD [\"app\"]\n",
            [(2, 31, 2, 40)],
            id="inside sh -c",
        ),
        pytest.param(
            "FROM rockylinux:9\nRUN yum install -y curl-7.76.1 && yum clean all\n"
            "RUN dnf -y install wget\nRUN microdnf install -y curl\n"
            "RUN zypper --non-interactive install wget\nRUN pacman -Syu --noconfirm curl\n"
            'CMD ["app"]\n',
            [(2, 20, 2, 31), (3, 20, 3, 24), (4, 25, 4, 29), (5, 38, 5, 42), (6, 29, 6, 33)],
            id="every package manager",
        ),
        pytest.param(
            "FROM debian:12-slim\nRUN apt-get install -y curl\nRUN apt-get purge -y curl\n"
            'CMD ["app"]\n',
            [(2, 24, 2, 28)],
            id="removed in a later RUN still ships in a layer",
        ),
        pytest.param(
            "FROM node:20-slim AS base\nRUN apt-get update && apt-get install -y curl\n"
            'FROM base\nCMD ["node", "server.js"]\n',
            [(2, 42, 2, 46)],
            id="installed in the stage the final stage is built from",
        ),
        pytest.param(
            "FROM gcr.io/distroless/static-debian12\n"
            "COPY --from=curlimages/curl:8.8.0 /usr/bin/curl /usr/bin/curl\n"
            'ENTRYPOINT ["/server"]\n',
            [(2, 35, 2, 48)],
            id="copied from another image",
        ),
        pytest.param(
            "FROM alpine:3.20\nRUN apk add curl && curl -o /x https://e.example/x && apk del curl\n"
            'CMD ["app"]\n',
            [],
            id="apk del in the same RUN",
        ),
        pytest.param(
            "FROM debian:12-slim\n"
            "RUN apt-get install -y curl && apt-get purge -y --auto-remove curl\n"
            'CMD ["app"]\n',
            [],
            id="apt-get purge in the same RUN",
        ),
        pytest.param(
            "FROM debian:12-slim\n"
            'RUN savedAptMark="$(apt-mark showmanual)"; apt-get update;'
            " apt-get install -y --no-install-recommends curl; curl -o /x https://e.example/x;"
            " apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark;"
            " apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false\n"
            'CMD ["app"]\n',
            [],
            id="apt-mark auto then an autoremove (the official images' idiom)",
        ),
        pytest.param(
            "FROM debian:12-slim\n"
            "RUN apt-get install -y --no-install-recommends $PHPIZE_DEPS ca-certificates curl\n"
            'CMD ["app"]\n',
            [(2, 77, 2, 81)],
            id="named beside a variable",
        ),
        pytest.param(
            "FROM debian:12-slim\n"
            "RUN apt-get install -y $DEPS curl && apt-get purge -y --auto-remove $DEPS\n"
            'CMD ["app"]\n',
            [],
            id="a removal through a variable may remove it",
        ),
        pytest.param(
            "FROM debian:12-slim\n"
            "RUN apt-get install -y curl gnupg; apt-mark auto '.*'; apt-mark manual curl;"
            " apt-get autoremove -y\n"
            'CMD ["app"]\n',
            [(2, 24, 2, 28)],
            id="apt-mark manual keeps what it names",
        ),
        pytest.param(
            "FROM debian:12-slim\n"
            "RUN apt-get install -y curl; apt-mark auto '.*'; apt-get purge -y gnupg\n"
            'CMD ["app"]\n',
            [(2, 24, 2, 28)],
            id="marked auto but never autoremoved",
        ),
        pytest.param(SEED_V3_WEB, [], id="seed v3: the utility is built in its own stage"),
        pytest.param(
            "FROM debian:12-slim AS fetch\nRUN apt-get update && apt-get install -y curl\n"
            "FROM debian:12-slim\nCOPY --from=fetch /tmp/x /x\n",
            [],
            id="build stage only",
        ),
    ],
)
def test_ld201_positions(dockerfile: str, expected: list[tuple[int, int, int, int]]) -> None:
    assert found(lint(dockerfile, "LD201")) == [("LD201", "Dockerfile", *span) for span in expected]


def test_ld201_tools_option_replaces_the_list() -> None:
    dockerfile = 'FROM debian:12-slim\nRUN apt-get install -y netcat-openbsd curl\nCMD ["app"]\n'
    assert found(lint(dockerfile, "LD201")) == [("LD201", "Dockerfile", 2, 39, 2, 43)]
    diagnostics = lint(dockerfile, "LD201", options={"LD201": {"tools": ["nc"]}})
    assert found(diagnostics) == [("LD201", "Dockerfile", 2, 24, 2, 38)]
    assert "netcat-openbsd" in diagnostics[0].message


@pytest.mark.parametrize(
    "start",
    [
        "",
        'CMD ["bash"]',
        "CMD python3",
        'CMD ["/bin/sh", "-l"]',
        'ENTRYPOINT ["docker-php-entrypoint"]\nCMD ["php", "-a"]',
    ],
    ids=["no start command", "bash", "python REPL", "login shell", "official image wrapper"],
)
def test_ld201_spares_base_and_toolbox_images(start: str) -> None:
    dockerfile = f"FROM debian:12-slim\nRUN apt-get install -y curl\n{start}\n"
    assert lint(dockerfile, "LD201") == []


@pytest.mark.parametrize(
    "start",
    ["EXPOSE 8080", 'CMD ["bash", "/run.sh"]', 'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["app"]'],
)
def test_ld201_reports_images_that_run_a_service(start: str) -> None:
    dockerfile = f"FROM debian:12-slim\nRUN apt-get install -y curl\n{start}\n"
    assert found(lint(dockerfile, "LD201")) == [("LD201", "Dockerfile", 2, 24, 2, 28)]


def test_ld201_curl_that_nginx_on_alpine_ships_already_is_no_install() -> None:
    start = 'EXPOSE 80\nCMD ["nginx", "-g", "daemon off;"]\n'
    dockerfile = f"FROM nginx:1.27-alpine\nRUN apk add --no-cache curl\n{start}"
    assert lint(dockerfile, "LD201") == []
    slim = dockerfile.replace("1.27-alpine", "1.27-alpine-slim")  # the slim variant adds none
    assert found(lint(slim, "LD201")) == [("LD201", "Dockerfile", 2, 24, 2, 28)]


CURL_IMAGE = (
    "FROM debian:12-slim\n"
    "RUN apt-get update && apt-get install -y --no-install-recommends curl wget\n"
    "{extra}"
    'CMD ["app"]\n'
)


@pytest.mark.parametrize(
    ("files", "reported"),
    [
        pytest.param({"Dockerfile": CURL_IMAGE.format(extra="")}, ["curl", "wget"], id="unused"),
        pytest.param(
            {"Dockerfile": CURL_IMAGE.format(extra="HEALTHCHECK CMD curl -f http://localhost/\n")},
            ["wget"],
            id="its HEALTHCHECK runs curl",
        ),
        pytest.param(
            {
                "Dockerfile": CURL_IMAGE.format(extra=""),
                "compose.yaml": (
                    "services:\n  app:\n    build: .\n    healthcheck:\n"
                    '      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]\n'
                ),
            },
            ["curl"],
            id="the compose health check of the service that builds it runs wget",
        ),
        pytest.param(
            {
                "Dockerfile": CURL_IMAGE.format(extra=""),
                "compose.yaml": (
                    "services:\n  app:\n    build: .\n    healthcheck:\n"
                    '      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]\n'
                ),
                "tests/compose.yaml": "services:\n  app:\n    build: ..\n",
            },
            ["curl"],
            id="a test harness that builds it too without the check needs wget no less",
        ),
        pytest.param(
            {
                "Dockerfile": CURL_IMAGE.format(extra=""),
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "tests/compose.yaml": "services:\n  app:\n    build: ..\n",
            },
            ["curl", "wget"],
            id="two projects that build it without checks",
        ),
        pytest.param(
            {
                "Dockerfile": CURL_IMAGE.replace(
                    'CMD ["app"]', "CMD until curl -fs http://db:8080/; do sleep 1; done; exec app"
                ).format(extra="")
            },
            ["wget"],
            id="its start-up check runs curl",
        ),
    ],
)
def test_ld201_a_tool_the_images_own_checks_run_is_ld202s(
    files: dict[str, str], reported: list[str]
) -> None:
    diagnostics = lint(files, "LD201")
    assert [d.message.split()[4] for d in diagnostics] == reported


@pytest.mark.parametrize(
    ("dockerfile", "span"),
    [
        pytest.param(
            'FROM alpine:3.20\nARG RUNTIME_PACKAGES="ca-certificates curl"\n'
            'RUN apk add --no-cache $RUNTIME_PACKAGES\nCMD ["app"]\n',
            (3, 24, 3, 41),
            id="ARG with a default",
        ),
        pytest.param(
            "FROM rockylinux:9\n"
            'RUN INSTALL_PKGS="tar curl-minimal curl" && dnf install -y ${INSTALL_PKGS}\n'
            'CMD ["app"]\n',
            (2, 60, 2, 75),
            id="a shell variable set earlier in the same RUN",
        ),
    ],
)
def test_ld201_packages_named_through_a_variable_whose_value_is_known(
    dockerfile: str, span: tuple[int, int, int, int]
) -> None:
    assert found(lint(dockerfile, "LD201")) == [("LD201", "Dockerfile", *span)]


def test_ld201_a_variable_without_a_known_value_is_not_read() -> None:
    dockerfile = 'FROM alpine:3.20\nARG PACKAGES\nRUN apk add --no-cache $PACKAGES\nCMD ["app"]\n'
    assert lint(dockerfile, "LD201") == []


# -- LD202 curl-for-checks -----------------------------------------------------------------------


def test_ld202_seed_v2_health_check_and_dependency_check() -> None:
    files = {"api/Dockerfile": SEED_V2_API, "web/Dockerfile": SEED_V2_WEB}
    diagnostics = lint(files, "LD202")
    assert found(diagnostics) == [
        ("LD202", "api/Dockerfile", 8, 17, 8, 21),
        ("LD202", "web/Dockerfile", 3, 5, 3, 9),
    ]
    assert "health check runs curl" in diagnostics[0].message
    assert "start-up check runs curl" in diagnostics[1].message


def test_ld202_compose_test_list_without_quotes() -> None:
    files = {
        "Dockerfile": 'FROM debian:12-slim\nCMD ["app"]\n',
        "compose.yaml": (
            "services:\n  app:\n    build: .\n    healthcheck:\n"
            '      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]\n'
        ),
    }
    assert found(lint(files, "LD202")) == [("LD202", "compose.yaml", 5, 22, 5, 26)]


def test_ld202_seed_v3_utility_is_not_reported() -> None:
    assert lint(SEED_V3_WEB, "LD202") == []


@pytest.mark.parametrize(
    ("dockerfile", "expected"),
    [
        pytest.param(
            "FROM debian:12-slim AS base\nHEALTHCHECK CMD wget -q --spider http://localhost/\n"
            'FROM base\nCMD ["app"]\n',
            [(2, 17, 2, 21)],
            id="inherited health check",
        ),
        pytest.param(
            "FROM alpine AS test\nHEALTHCHECK CMD curl -f http://localhost/\n"
            'FROM alpine\nCMD ["app"]\n',
            [],
            id="health check of a build stage",
        ),
        pytest.param(
            "FROM debian:12-slim\n"
            "CMD until wget -q -T 2 http://api:8080/; do sleep 1; done; exec worker\n",
            [(2, 11, 2, 15)],
            id="polling loop",
        ),
        pytest.param(
            'FROM alpine\nRUN curl -fsSLo /x https://e.example/x\nCMD ["app"]\n',
            [],
            id="curl in a RUN is no check",
        ),
        pytest.param(
            'FROM debian:12-slim\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n'
            'CMD ["app"]\n',
            [(2, 19, 2, 23)],
            id="exec form: the program without its JSON quotes",
        ),
    ],
)
def test_ld202_positions(dockerfile: str, expected: list[tuple[int, int, int, int]]) -> None:
    assert found(lint(dockerfile, "LD202")) == [("LD202", "Dockerfile", *span) for span in expected]


# -- LD203 pipe-to-shell -------------------------------------------------------------------------


def test_ld203_downloads_run_by_a_shell() -> None:
    dockerfile = (
        "FROM alpine\n"
        "RUN curl -fsSL https://x.example | tee /tmp/log | sh\n"
        "RUN bash <(curl -s https://y.example)\n"
        'RUN eval "$(wget -qO- https://z.example)"\n'
        "RUN curl https://a.example | sh -s -- --flag\n"
        'RUN sh -c "$(curl -fsSL https://b.example)"\n'
        "RUN curl -sSL https://aka.ms/getvsdbgsh | bash /dev/stdin -v latest -l /vsdbg\n"
        "RUN wget -O- https://g.example | sh -\n"
    )
    diagnostics = lint(dockerfile, "LD203")
    assert found(diagnostics) == [
        ("LD203", "Dockerfile", 2, 5, 2, 53),
        ("LD203", "Dockerfile", 3, 5, 3, 38),
        ("LD203", "Dockerfile", 4, 5, 4, 42),
        ("LD203", "Dockerfile", 5, 5, 5, 45),
        ("LD203", "Dockerfile", 6, 5, 6, 44),
        ("LD203", "Dockerfile", 7, 5, 7, 78),
        ("LD203", "Dockerfile", 8, 5, 8, 38),
    ]
    assert "downloaded with wget to eval" in diagnostics[2].message


def test_ld203_downloads_run_by_other_interpreters() -> None:
    dockerfile = (
        "FROM php:8.3-cli\n"
        "RUN curl -sS https://getcomposer.example/installer | php -- --install-dir=/usr/bin\n"
        "RUN curl -fsSL https://c.example | python3 -\n"
        "RUN wget -qO- https://d.example | sudo perl -\n"
        "RUN curl -sL https://e.example/setup | node\n"
        "RUN curl -fsSL https://f.example | ruby\n"
        'RUN python3 -c "$(curl -fsSL https://g.example)"\n'
        "RUN curl -fsSL https://h.example | python3.12 -u\n"
    )
    diagnostics = lint(dockerfile, "LD203")
    assert found(diagnostics) == [
        ("LD203", "Dockerfile", 2, 5, 2, 83),
        ("LD203", "Dockerfile", 3, 5, 3, 45),
        ("LD203", "Dockerfile", 4, 5, 4, 46),
        ("LD203", "Dockerfile", 5, 5, 5, 44),
        ("LD203", "Dockerfile", 6, 5, 6, 40),
        ("LD203", "Dockerfile", 7, 5, 7, 49),
        ("LD203", "Dockerfile", 8, 5, 8, 49),
    ]
    assert "downloaded with curl to php" in diagnostics[0].message


def test_ld203_downloads_written_to_a_file_send_nothing_down_the_pipe() -> None:
    dockerfile = (
        "FROM alpine\n"
        "RUN curl -fsSL -o /usr/local/bin/drush https://a.example/drush.phar | bash\n"
        "RUN curl -fsSLO https://b.example/install.sh | sh\n"
        "RUN curl --output /tmp/x https://c.example | sh\n"
        "RUN wget https://d.example/install.sh | sh\n"
        "RUN wget -O /tmp/i.sh https://e.example/i.sh | sh\n"
        'RUN sh -c "$(curl -o /tmp/i.sh https://f.example/i.sh)"\n'
        "RUN curl -fsSL -o - https://g.example | sh\n"
        "RUN wget -q -O /dev/stdout https://h.example | sh\n"
    )
    assert found(lint(dockerfile, "LD203")) == [
        ("LD203", "Dockerfile", 8, 5, 8, 43),
        ("LD203", "Dockerfile", 9, 5, 9, 50),
    ]


def test_ld203_interpreters_given_their_code_elsewhere() -> None:
    dockerfile = (
        "FROM python:3.12\n"
        "RUN curl -fsS https://a.example/v | python3 -c 'import json, sys; json.load(sys.stdin)'\n"
        "RUN curl -fsS https://b.example/v.json | python3 -m json.tool\n"
        "RUN curl -fsS https://c.example/list | perl -ne 'print if /x/'\n"
        "RUN curl -fsS https://d.example/x | node -e 'process.stdin.pipe(process.stdout)'\n"
        "RUN curl -fsS https://e.example/x | php -r 'echo 1;'\n"
        "RUN curl -fsS https://f.example/x | ruby script.rb\n"
        "RUN curl -fsS https://g.example/x | python3 -W ignore tool.py\n"
    )
    assert lint(dockerfile, "LD203") == []


def test_ld203_shells_that_do_not_run_the_download() -> None:
    dockerfile = (
        "FROM alpine\n"
        "RUN curl https://b.example | bash script.sh\n"
        "RUN curl -fsS https://d.example/list | sh -c 'cat > /etc/list'\n"
        "RUN curl -fsSLo /tmp/i.sh https://e.example/i.sh && sh /tmp/i.sh\n"
        "RUN wget -qO- https://f.example/t.tgz | tar -xz\n"
    )
    assert lint(dockerfile, "LD203") == []


# -- LD204 insecure-download ---------------------------------------------------------------------


def test_ld204_flags_in_runs_and_checks() -> None:
    dockerfile = (
        "FROM alpine\n"
        "RUN curl -H 'k: v' -o x https://e.example\n"
        "RUN curl -sk https://e.example\n"
        'CMD ["sh", "-c", "wget --no-check-certificate -q http://api/ && exec app"]\n'
        "HEALTHCHECK CMD curl --insecure -f https://app.example/health\n"
    )
    diagnostics = lint(dockerfile, "LD204")
    assert found(diagnostics) == [
        ("LD204", "Dockerfile", 3, 10, 3, 13),
        ("LD204", "Dockerfile", 4, 24, 4, 46),
        ("LD204", "Dockerfile", 5, 22, 5, 32),
    ]
    assert diagnostics[0].message.startswith("`-sk` turns off TLS certificate verification")


@pytest.mark.parametrize(
    "check",
    [
        "curl -fk https://localhost/health",
        "curl --insecure -f https://127.0.0.1:8443/",
        "wget --no-check-certificate -q --spider https://[::1]/",
    ],
)
def test_ld204_no_one_stands_between_a_container_and_itself(check: str) -> None:
    assert lint(f"FROM alpine\nHEALTHCHECK CMD {check}\n", "LD204") == []


def test_ld204_plain_http_turns_nothing_off() -> None:
    dockerfile = (
        "FROM alpine\n"
        "HEALTHCHECK CMD curl -fk http://app.example:8080/health\n"
        "RUN curl -sSk -o /tmp/a http://a.example/a.tgz\n"
        "RUN curl -k b.example/b.tgz -o b.tgz\n"
        "RUN wget --no-check-certificate --max-redirect=0 http://c.example/c.tgz\n"
        "RUN curl -kL http://d.example/d.tgz -o d.tgz\n"
        "RUN wget --no-check-certificate http://e.example/e.tgz\n"
        "RUN curl -k $URL -o f.tgz\n"
    )
    diagnostics = lint(dockerfile, "LD204")
    assert found(diagnostics) == [
        ("LD204", "Dockerfile", 6, 10, 6, 13),
        ("LD204", "Dockerfile", 7, 10, 7, 32),
        ("LD204", "Dockerfile", 8, 10, 8, 12),
    ]
    assert "wherever a redirect of its plain http:// URL leads to https://" in (
        diagnostics[0].message
    )


def test_ld204_a_service_probing_its_own_name_is_the_localhost_case() -> None:
    compose = """\
services:
  broker:
    image: example/broker
    hostname: mq
    healthcheck:
      test: ["CMD", "curl", "-fk", "https://broker:8443/health"]
  worker:
    image: example/worker
    healthcheck:
      test: ["CMD-SHELL", "wget --no-check-certificate -q --spider https://mq:8443/"]
  client:
    image: example/client
    healthcheck:
      test: ["CMD", "curl", "-fk", "https://broker:8443/health"]
"""
    assert found(lint({"compose.yaml": compose}, "LD204")) == [
        ("LD204", "compose.yaml", 10, 33, 10, 55),
        ("LD204", "compose.yaml", 14, 29, 14, 34),
    ]


def test_ld204_a_download_verified_in_the_same_run_is_info() -> None:
    dockerfile = (
        "FROM debian:12-slim\n"
        "RUN curl -k -o /tmp/i.tgz https://a.example/i.tgz"
        " && echo 'ab12  /tmp/i.tgz' | sha256sum -c -\n"
        "RUN curl -k -o /tmp/j.tgz https://b.example/j.tgz && gpg --verify /tmp/j.sig /tmp/j.tgz\n"
        "RUN curl -k -o /tmp/k.tgz https://c.example/k.tgz && sha256sum /tmp/k.tgz\n"
    )
    diagnostics = lint(dockerfile, "LD204")
    assert [(d.span.line, d.severity.label) for d in diagnostics if d.severity] == [
        (2, "info"),
        (3, "info"),
        (4, "warning"),
    ]
    assert "A checksum or signature check follows in the same RUN" in diagnostics[0].message


def test_ld204_one_remote_url_is_enough() -> None:
    dockerfile = "FROM alpine\nRUN curl -k https://localhost/ https://e.example/x -o x\n"
    assert found(lint(dockerfile, "LD204")) == [("LD204", "Dockerfile", 2, 10, 2, 12)]


def test_ld203_and_ld204_read_onbuild_runs() -> None:
    dockerfile = (
        "FROM alpine\n"
        "ONBUILD RUN curl -fsSL https://x.example/i.sh | sh\n"
        "ONBUILD RUN wget --no-check-certificate https://y.example/a.tgz\n"
    )
    assert found(lint(dockerfile, "LD203")) == [("LD203", "Dockerfile", 2, 13, 2, 51)]
    assert found(lint(dockerfile, "LD204")) == [("LD204", "Dockerfile", 3, 18, 3, 40)]


CHECK_SCRIPT_IMAGE = """\
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends wget curl jq
COPY check-grid.sh entry_point.sh /opt/bin/
CMD ["/opt/bin/entry_point.sh"]
"""


def test_ld201_a_tool_the_images_check_script_runs_is_needed() -> None:
    """SeleniumHQ's Base image carries check-grid.sh, which runs curl: curl stays, wget is
    still reported."""
    files = {
        "Dockerfile": CHECK_SCRIPT_IMAGE,
        "check-grid.sh": '#!/bin/bash\ncurl -sSL "http://localhost:4444/status" | jq -r .ready\n',
        "entry_point.sh": "#!/bin/bash\nexec java -jar /opt/selenium.jar\n",
    }
    assert [
        (d.code, d.span.line, d.span.column, d.span.end_column) for d in lint(files, "LD201")
    ] == [("LD201", 2, 66, 70)]
    del files["check-grid.sh"]  # not readable: nothing says what it runs
    assert [d.span.column for d in lint(files, "LD201")] == [66, 71]


def test_ld201_a_tool_a_comment_says_is_needed_is_a_decision() -> None:
    """discourse's setup wizard: "curl, nc, lsof needed for network checks", and a later RUN
    installs curl again for a build step."""
    dockerfile = """\
        FROM ruby:3.4-slim
        # System dependencies (curl, nc, lsof needed for network checks)
        ARG TARGETARCH
        RUN apt-get update && apt-get install -y --no-install-recommends curl netcat-openbsd
        COPY Gemfile ./
        RUN apt-get install -y build-essential curl && bundle install
        ENTRYPOINT ["ruby", "wizard.rb"]
        """
    assert lint(dockerfile, "LD201") == []
    unexplained = dockerfile.replace("needed for network checks", "and friends")
    assert [d.span.line for d in lint(unexplained, "LD201")] == [4, 6]


RUNTIME_SCRIPT_IMAGE = """\
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl wget supervisor
COPY video.sh upload.sh /opt/bin/
COPY install.sh /tmp/
RUN bash /tmp/install.sh
CMD ["supervisord"]
"""


def test_ld201_a_tool_a_script_of_the_image_runs_at_run_time_is_needed() -> None:
    """selenium's video image: video.sh, started by supervisord, polls the node with curl;
    wget, used only by a script run during the build, is still reported."""
    files = {
        "Dockerfile": RUNTIME_SCRIPT_IMAGE,
        "video.sh": '#!/bin/bash\nwhile ! curl -s "$NODE/status"; do sleep 1; done\n',
        "upload.sh": "#!/bin/bash\nrclone copy /videos remote:\n",
        "install.sh": "#!/bin/sh\nwget -q https://e.com/tool && curl -fsSL https://e.com/x\n",
    }
    assert [(d.span.line, d.span.column, d.span.end_column) for d in lint(files, "LD201")] == [
        (2, 71, 75)
    ]
    del files["video.sh"]  # not readable: nothing says curl is needed
    assert [d.span.column for d in lint(files, "LD201")] == [66, 71]


def test_ld204_a_checksum_written_in_the_dockerfile_makes_the_download_safe() -> None:
    sha = "e2193a63a87e2388a71854b0114de4fc71e2e40bcf0794faf74bb562691e5b62"
    dockerfile = (
        "FROM debian:12-slim\n"
        "ARG LOADER_SHA256\n"
        "RUN curl -fSL -k -o /tmp/l.tgz https://a.example/l.tgz"
        f' && echo "{sha}  /tmp/l.tgz" | sha256sum -c -\n'
        "RUN curl -fSL -k -o /tmp/m.tgz https://a.example/m.tgz"
        ' && echo "${LOADER_SHA256}  /tmp/m.tgz" | sha256sum -c -\n'
        "RUN curl -fSL -k -O https://a.example/n.tgz -O https://a.example/n.tgz.sha256"
        " && sha256sum -c n.tgz.sha256\n"
    )
    diagnostics = lint(dockerfile, "LD204")
    assert [(d.span.line, d.span.column, d.severity.label) for d in diagnostics] == [
        (5, 15, "info")
    ]


@pytest.mark.parametrize(
    "feed",
    [
        'echo "$(cat /tmp/l.sha)  $FILE"',  # what a command printed, beside a file name
        'sha=$(curl -fsSL https://a.example/l.sha) && echo "$sha  /tmp/l.tgz"',
        'echo "$FILE  /tmp/l.tgz"',  # FILE is a file name, not a checksum
    ],
)
def test_ld204_a_checksum_that_came_another_way_is_no_pin(feed: str) -> None:
    dockerfile = (
        "FROM debian:12-slim\nENV FILE=l.tgz\n"
        f"RUN curl -fSL -k -o /tmp/l.tgz https://a.example/l.tgz && {feed} | sha256sum -c -\n"
    )
    found = [(d.span.line, d.span.column, d.severity.label) for d in lint(dockerfile, "LD204")]
    assert found == [(3, 15, "info")]


def test_ld201_a_tool_the_run_uses_before_installing_it_comes_with_the_base() -> None:
    """ubi-minimal ships curl: the RUN fetches the EPEL rpm with it, then lists curl-minimal."""
    dockerfile = (
        "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5\n"
        "RUN curl -sSf -L https://example.org/epel.rpm -o /tmp/epel.rpm"
        " && rpm -i /tmp/epel.rpm && microdnf -y install curl-minimal nginx\n"
        "RUN microdnf -y install wget && wget -q https://example.org/x -O /x\n"
        'EXPOSE 8080\nCMD ["nginx", "-g", "daemon off;"]\n'
    )
    assert found(lint(dockerfile, "LD201")) == [("LD201", "Dockerfile", 3, 25, 3, 29)]


@pytest.mark.parametrize(
    "base",
    [
        "alpine:3.20",  # BusyBox wget ships in every Alpine image
        "nginx:1.27-alpine",  # so it does in every image built on Alpine
        "nginxinc/nginx-unprivileged:1.27-alpine3.22",
        "mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022",  # curl.exe in System32
        "eclipse-temurin:21-jre-noble",  # Temurin's Ubuntu images install curl and wget
        "openjdk:8-jdk",  # built on buildpack-deps
    ],
)
def test_ld202_a_base_that_ships_an_http_client_makes_the_advice_moot(base: str) -> None:
    dockerfile = f'FROM {base}\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nCMD ["app"]\n'
    assert lint(dockerfile, "LD202") == []


def test_ld202_a_base_whose_contents_are_not_known_keeps_the_advice() -> None:
    check = 'HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n'
    dockerfile = f'FROM nginx:1.27\n{check}CMD ["app"]\n'
    assert found(lint(dockerfile, "LD202")) == [("LD202", "Dockerfile", 2, 19, 2, 23)]


def test_ld202_a_repository_base_that_installs_curl_makes_the_advice_moot() -> None:
    files = {
        "base/Dockerfile": "FROM debian:12-slim\nRUN apt-get install -y curl\n",
        "compose.yaml": (
            "services:\n  base:\n    build: base\n    image: example/base:1\n"
            "  web:\n    build: web\n"
        ),
        "web/Dockerfile": (
            "FROM example/base:1\n"
            'HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nCMD ["nginx"]\n'
        ),
    }
    assert [d for d in lint(files, "LD202") if d.path == "web/Dockerfile"] == []


def test_ld202_a_bake_named_context_that_is_a_target_is_the_repository_s_base() -> None:
    bake = (
        'target "base" {\n  context = "core/base/"\n}\n'
        'target "setup" {\n  context = "setup/"\n  contexts = {\n    base = "target:base"\n  }\n}\n'
    )
    files = {
        "tests/build.hcl": bake,
        "core/base/Dockerfile": "FROM debian:12-slim\nRUN apt-get install -y curl\n",
        "setup/Dockerfile": (
            'FROM base\nHEALTHCHECK CMD curl -skf http://localhost/\nCMD ["gunicorn", "app"]\n'
        ),
    }
    # the base installs curl: a check utility would keep nothing out of the image
    assert lint_texts(files, select=["LD202"]) == []
    alone = {"setup/Dockerfile": files["setup/Dockerfile"]}
    assert found(lint(alone, "LD202")) == [("LD202", "setup/Dockerfile", 2, 17, 2, 21)]


def test_ld202_a_base_that_has_apk_is_built_on_alpine() -> None:
    dockerfile = (
        "FROM aerokube/ggr-ui:latest-release\nRUN apk add --no-cache curl supervisor\n"
        'HEALTHCHECK CMD ["curl", "-f", "http://127.0.0.1:8888/ping"]\nCMD ["supervisord"]\n'
    )
    assert lint(dockerfile, "LD202") == []
    debian = dockerfile.replace("apk add --no-cache", "apt-get install -y")
    assert found(lint(debian, "LD202")) == [("LD202", "Dockerfile", 3, 19, 3, 23)]


def test_ld201_a_base_that_ships_curl_is_not_changed_by_installing_it() -> None:
    dockerfile = (
        "FROM jruby:9.2-jdk\nRUN apt-get update && apt-get install -y build-essential curl\n"
        'CMD ["jruby", "-S", "rackup"]\n'
    )
    assert lint(dockerfile, "LD201") == []
    slim = dockerfile.replace("jruby:9.2-jdk", "openjdk:27-slim-bookworm")
    assert found(lint(slim, "LD201")) == [("LD201", "Dockerfile", 2, 58, 2, 62)]


def test_ld201_busybox_wget_is_in_alpine_anyway() -> None:
    dockerfile = (
        'FROM alpine:3.20\nRUN apk add --no-cache wget curl\nEXPOSE 80\nCMD ["lighttpd", "-D"]\n'
    )
    assert found(lint(dockerfile, "LD201")) == [("LD201", "Dockerfile", 2, 29, 2, 33)]


def test_ld203_a_url_pinned_to_a_release_or_commit_is_info() -> None:
    commit = "0123456789abcdef0123456789abcdef01234567"
    dockerfile = (
        "FROM debian:12-slim\n"
        "RUN wget -qO- https://raw.githubusercontent.com/nvm-sh/nvm/v0.39.5/install.sh | bash\n"
        f"RUN curl -fsSL https://raw.githubusercontent.com/o/r/{commit}/setup.sh | sh\n"
        "RUN curl -fsSL https://get.docker.com/ | sh\n"
    )
    diagnostics = lint(dockerfile, "LD203")
    assert [(d.span.line, d.severity.label) for d in diagnostics] == [
        (2, "info"),
        (3, "info"),
        (4, "warning"),
    ]
    assert diagnostics[0].message.endswith("other content under that name.")


def test_ld203_a_development_image_is_info() -> None:
    dockerfile = (
        "FROM php:8.3-cli\n"
        "RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/b\n"
    )
    diagnostics = lint({".devcontainer/Dockerfile": dockerfile}, "LD203")
    assert [(d.path, d.span.line, d.severity.label) for d in diagnostics] == [
        (".devcontainer/Dockerfile", 2, "info")
    ]
