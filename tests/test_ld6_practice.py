"""LD660-LD682: hadolint's general DL rules, at exact positions, with the cases hadolint's users
report as false positives left alone."""

from __future__ import annotations

from conftest import WriteTree
from ld1_helpers import Hit, fixed, hits, run

from lintdock.engine import lint_paths, lint_texts


def test_hadolint_ignore_pragmas_are_reported_at_the_comment() -> None:
    text = "FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add curl\n# just a comment\n"
    assert hits(text, "LD660") == [Hit("Dockerfile", 2, 1, 2, 25, "info")]


def test_container_unfit_commands_at_the_program() -> None:
    text = "FROM ubuntu:24.04\nRUN apt-get update && service nginx start && ps aux\n"
    assert hits(text, "LD661") == [
        Hit("Dockerfile", 2, 23, 2, 30, "info"),
        Hit("Dockerfile", 2, 46, 2, 48, "info"),
    ]
    assert hits("FROM ubuntu:24.04\nRUN ssh-keyscan github.com >> /etc/known\n", "LD661") == []


def test_service_started_to_set_it_up_during_the_build_is_left_alone() -> None:
    text = (
        "FROM ubuntu:24.04\n"
        "RUN service postgresql start && sudo -u postgres psql -c 'CREATE USER app;'"
        " && service postgresql stop\n"
        "RUN service mysql start && mysql -uroot -e 'FLUSH PRIVILEGES;'\n"
        "RUN service redis-server restart && touch /x && service redis-server stop\n"
        "RUN apt-get install -y nginx && service nginx stop\n"
        "RUN service nginx start && service mysql stop\n"
        "RUN service mysql start && psql -c 'SELECT 1'\n"
    )
    assert hits(text, "LD661") == [
        Hit("Dockerfile", 6, 5, 6, 12, "info"),
        Hit("Dockerfile", 7, 5, 7, 12, "info"),
    ]


def test_service_ssh_start_is_left_alone_when_the_image_runs_sshd() -> None:
    ssh = "FROM ubuntu:20.04\nRUN apt-get install -y openssh-server && service ssh start\n"
    assert hits(ssh + 'CMD ["/usr/sbin/sshd", "-D"]\n', "LD661") == []
    assert hits(ssh + 'CMD ["bash"]\n', "LD661") == [Hit("Dockerfile", 2, 42, 2, 49, "info")]


def test_kill_of_a_process_the_run_started_in_the_background_is_left_alone() -> None:
    text = (
        "FROM debian:12\n"
        "RUN warmup-server & pid=$!; sleep 5; kill -s TERM $pid || true\n"
        "RUN indexer --daemon & sleep 3 && kill %1\n"
        'RUN cache-builder & sleep 2; kill -9 "${!}"\n'
        "RUN sleep 60 & kill $(cat /run/app.pid)\n"
        "RUN pid=$!; kill $pid\n"
    )
    assert hits(text, "LD661") == [
        Hit("Dockerfile", 5, 16, 5, 20, "info"),
        Hit("Dockerfile", 6, 13, 6, 17, "info"),
    ]


def test_cd_is_info_and_a_useless_cd_a_warning() -> None:
    text = "FROM debian:12\nRUN cd /src && make && cd sub && make\nRUN mkdir /app && cd /app\n"
    assert hits(text, "LD662") == [
        Hit("Dockerfile", 2, 5, 2, 12, "info"),
        Hit("Dockerfile", 3, 19, 3, 26, "warning"),
    ]


def test_cd_that_workdir_cannot_replace_is_left_alone() -> None:
    text = (
        "FROM debian:12\n"
        "RUN (cd /src && make)\n"
        "RUN sh -c 'cd /src && make'\n"
        "RUN for d in a b; do cd $d; make; done\n"
        "RUN cd /tmp/build && make && rm -rf /tmp/build\n"
        'RUN dir="$(mktemp -d)" && cd "$dir" && make\n'
        "RUN f() { cd /x; }; f\n"
        "RUN cd / && rm -rf /tmp/x\n"
        "RUN git clone https://example.org/x.git && cd x/build && make && cd ../..\n"
    )
    assert hits(text, "LD662") == []


def test_cd_into_a_directory_removed_by_a_glob_left_or_found_is_left_alone() -> None:
    text = (
        "FROM debian:12\n"
        "RUN mkdir -p /usr/src/app && cd /usr/src/app && make && rm -rf /usr/src/*\n"
        "RUN tar -xf /tmp/x.tgz -C /tmp && cd /tmp/x/src && make && rm -rf /tmp/x*\n"
        "RUN cd /tmp/lua && make install && cd - && lua -v\n"
        "RUN cd /opt/tool && make && cd / && tool --version\n"
        "RUN mkdir /tmp/b && cd /tmp/b && make && cd /tmp && rm -rf /tmp/b\n"
        "RUN cd $(find . -maxdepth 1 -name 'git-*') && make\n"
        "RUN cd /app && rm -rf * && make\n"
        "RUN cd /srv/app && make && cd /srv/other && make\n"
        "RUN cd /opt/a && make && rm -rf /opt/b*\n"
    )
    assert hits(text, "LD662") == [
        Hit("Dockerfile", 8, 5, 8, 12, "info"),
        Hit("Dockerfile", 9, 5, 9, 16, "info"),
        Hit("Dockerfile", 10, 5, 10, 14, "info"),
    ]


def test_cd_into_what_a_later_run_removes_is_a_build_directory() -> None:
    """cypress's Python build: unpacked by one RUN, entered by the next, removed by a third."""
    text = (
        "FROM debian:12\nRUN tar -xf Python-3.8.0.tgz\n"
        "RUN cd Python-3.8.0 && ./configure && make install\n"
        "RUN rm -rf Python-3.8.0 Python-3.8.0.tgz\n"
        "RUN cd /opt/kept && make\n"
    )
    assert hits(text, "LD662") == [Hit("Dockerfile", 5, 5, 5, 17, "info")]


def test_cd_on_from_a_workdir_the_run_worked_in_needs_the_run_split() -> None:
    """netbox-docker: WORKDIR /opt/netbox/netbox, then a RUN that works there and goes on
    with ``cd /opt/netbox/``; a first ``cd`` still says WORKDIR."""
    text = (
        "FROM debian:12\nWORKDIR /opt/netbox/netbox\n"
        "RUN ./manage.py collectstatic && cd /opt/netbox/ && ./venv/bin/pip check\n"
        "RUN set -e && cd /opt/netbox/ && make\n"
        "FROM debian:12\nRUN make && cd /opt/netbox/ && make\n"
    )
    assert hits(text, "LD662") == [
        Hit("Dockerfile", 4, 15, 4, 30, "info"),
        Hit("Dockerfile", 6, 13, 6, 28, "info"),
    ]


def test_sudo_at_its_word_also_under_onbuild() -> None:
    text = "FROM ubuntu:24.04\nRUN sudo make\nONBUILD RUN sudo apt-get update\n"
    assert hits(text, "LD663") == [
        Hit("Dockerfile", 2, 5, 2, 9, "warning"),
        Hit("Dockerfile", 3, 13, 3, 17, "warning"),
    ]


def test_untagged_images_with_arg_defaults_resolved() -> None:
    text = (
        "ARG BASE=python:3.12\nARG PLAIN=node\nARG FREE\n"
        "FROM ${BASE} AS a\nFROM $PLAIN\nFROM $FREE\nFROM ubuntu\n"
        "FROM a\nFROM scratch\nFROM alpine@sha256:abc\nFROM ${FREE}/tools\n"
    )
    assert hits(text, "LD664") == [
        Hit("Dockerfile", 5, 6, 5, 12, "warning"),
        Hit("Dockerfile", 7, 6, 7, 12, "warning"),
    ]
    assert "ARG default of $PLAIN" in run(text, "LD664")[0].message


def test_latest_tag_through_a_default() -> None:
    text = "ARG TAG=latest\nFROM redis:${TAG}\nFROM nginx:latest@sha256:abc\nFROM nginx:1.27\n"
    assert hits(text, "LD665") == [Hit("Dockerfile", 2, 6, 2, 18, "warning")]
    local = "ARG TAG=latest\nFROM app:${TAG}\n"  # no registry serves a bare "app": built here
    assert hits(local, "LD665") == [Hit("Dockerfile", 2, 6, 2, 16, "info")]


def test_copy_of_an_archive_that_a_later_run_unpacks() -> None:
    text = (
        "FROM debian:12\nCOPY app.tar.gz other.zip /tmp/\n"
        "RUN tar -xzf /tmp/app.tar.gz -C /opt && unzip /tmp/other.zip\n"
    )
    assert hits(text, "LD666") == [Hit("Dockerfile", 2, 6, 2, 16, "info")]
    assert hits("FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN ls /tmp\n", "LD666") == []


def test_expose_ports_above_65535() -> None:
    text = "FROM alpine:3.20\nEXPOSE 80 70000/udp 100-65536 $PORT\n"
    assert hits(text, "LD667") == [
        Hit("Dockerfile", 2, 11, 2, 20, "error"),
        Hit("Dockerfile", 2, 21, 2, 30, "error"),
    ]


def test_add_of_local_files_with_an_unsafe_copy_fix() -> None:
    text = "FROM alpine:3.20\nadd a.txt app.zip /app/\nADD x.tgz /opt/\nADD https://e.com/f /f\n"
    [finding] = run(text, "LD668")
    assert (finding.span.line, finding.span.column, finding.span.end_column) == (2, 1, 4)
    assert finding.fix is not None and not finding.fix.safe
    assert finding.fix.edits[0].replacement == "copy"


def test_several_sources_need_a_directory_destination() -> None:
    text = 'FROM alpine:3.20\nCOPY a b /app\nCOPY ["a", "b", "/x"]\nCOPY a b /ok/\nCOPY a /f\n'
    assert hits(text, "LD669") == [
        Hit("Dockerfile", 2, 10, 2, 14, "error"),
        Hit("Dockerfile", 3, 17, 3, 21, "error"),
    ]
    assert fixed(text, "LD669").splitlines()[1] == "COPY a b /app/"


def test_a_flag_without_its_value_is_left_to_ld001() -> None:
    text = (
        "FROM alpine:3 AS build\nFROM nginx:alpine\n"
        "COPY --from build /app/public/* /usr/share/nginx/html\n"
        "COPY --link a b /app\n"
    )
    assert hits(text, "LD669") == [Hit("Dockerfile", 4, 17, 4, 21, "error")]
    assert hits(text, "LD001") == [Hit("Dockerfile", 3, 6, 3, 12, "error")]


def test_placeholders_in_angle_brackets_are_no_paths() -> None:
    text = (
        "FROM alpine:3.20\n"
        "COPY [--chown=<user>:<group>] <src>... <dest>\n"
        "ADD <source> <target-dir>\n"
        "COPY <<EOF /etc/motd\nhello\nEOF\n"
        "COPY a.txt b.txt conf\n"
    )
    assert hits(text, "LD669") == [Hit("Dockerfile", 7, 18, 7, 22, "error")]
    assert hits(text, "LD674") == [Hit("Dockerfile", 7, 18, 7, 22, "warning")]


# Mailu's shape: tests/build.hcl, run from the root, gives each image the named contexts of
# the targets it builds on
MAILU_BAKE = """\
target "base" {
  context = "core/base/"
}
target "admin" {
  context = "core/admin/"
  contexts = {
    base = "target:base"
    "assets" = "target:assets"
  }
}
"""


def test_bake_named_contexts_are_no_images() -> None:
    admin = "FROM base\nCOPY --from=assets /work/static ./static\nCOPY --from=other /a /a\n"
    files = {"tests/build.hcl": MAILU_BAKE, "core/admin/Dockerfile": admin}
    found = lint_texts(files, select=["LD664", "LD670"])
    assert [(d.code, d.path, d.span.line, d.span.column) for d in found] == [
        ("LD670", "core/admin/Dockerfile", 3, 13)
    ]
    alone = lint_texts({"core/admin/Dockerfile": admin}, select=["LD664", "LD670"])
    assert [(d.code, d.span.line) for d in alone] == [("LD664", 1), ("LD670", 2), ("LD670", 3)]


def test_a_name_docker_cannot_pull_is_not_judged_for_its_tag() -> None:
    text = 'ARG VARIANT=""\nFROM REPLACE-ME\nFROM Ubuntu\nFROM ubuntu\n'
    assert hits(text, "LD664") == [Hit("Dockerfile", 4, 6, 4, 12, "warning")]


def test_copy_from_names_no_earlier_stage() -> None:
    text = (
        "FROM golang:1.22 AS build\nFROM alpine:3.20\n"
        "COPY --from=builder /a /a\nCOPY --from=later /a /a\nCOPY --from=5 /a /a\n"
        "COPY --from=build /a /a\nCOPY --from=0 /a /a\nCOPY --from=nginx:1.27 /a /a\n"
        "FROM alpine:3.20 AS later\n"
    )
    assert hits(text, "LD670") == [
        Hit("Dockerfile", 3, 13, 3, 20, "warning"),
        Hit("Dockerfile", 4, 13, 4, 18, "warning"),
        Hit("Dockerfile", 5, 13, 5, 14, "warning"),
    ]


def test_copy_from_an_untagged_image_the_repository_builds_is_information() -> None:
    """webdevops: ``COPY --from=webdevops/toolbox``, built from ``docker/toolbox/``."""
    files = {
        "docker/php/Dockerfile": "FROM php:8.3\nCOPY --from=webdevops/toolbox /bin/go-replace /x\n",
        "docker/toolbox/Dockerfile": "FROM alpine:3.20\n",
    }
    assert hits(files, "LD670") == [Hit("docker/php/Dockerfile", 2, 13, 2, 30, "info")]
    [finding] = run(files, "LD670")
    assert "The repository builds it itself (docker/toolbox/Dockerfile may define" in (
        finding.message
    )
    del files["docker/toolbox/Dockerfile"]
    assert hits(files, "LD670") == [Hit("docker/php/Dockerfile", 2, 13, 2, 30, "warning")]


def test_copy_from_its_own_stage_by_name_or_index() -> None:
    text = "FROM node:22 AS Build\nCOPY --from=build /a /b\nCOPY --from=0 /a /b\n"
    assert hits(text, "LD671") == [
        Hit("Dockerfile", 2, 13, 2, 18, "error"),
        Hit("Dockerfile", 3, 13, 3, 14, "error"),
    ]
    assert hits(text, "LD670") == []


def test_untrusted_registries_only_when_configured() -> None:
    text = (
        "ARG BASE=quay.io/x/y:1\nFROM ${BASE} AS a\nFROM python:3.12\n"
        "FROM registry.corp.example/base:1\nCOPY --from=ghcr.io/t/jq:1.7 /jq /jq\n"
        "COPY --from=a /x /x\n"
    )
    assert hits(text, "LD672") == []
    options = {"trusted-registries": ["*.example"]}
    assert hits(text, "LD672", options) == [
        Hit("Dockerfile", 2, 6, 2, 13, "error"),
        Hit("Dockerfile", 3, 6, 3, 17, "error"),
        Hit("Dockerfile", 5, 13, 5, 29, "error"),
    ]
    assert hits(text, "LD672", {"trusted-registries": ["*"]}) == []


def test_run_mounts_from_images_are_judged_and_from_stages_are_not() -> None:
    text = (
        "FROM docker.io/debian:13-slim AS compile\nRUN make\n"
        "FROM compile AS main\n"
        "RUN --mount=type=bind,from=compile,target=/mnt/compile \\\n"
        "    --mount=from=ghcr.io/t/jq:1.7,source=/jq,target=/usr/local/bin/jq jq --version\n"
        "RUN --mount=type=cache,target=/var/cache/apt apt-get update\n"
    )
    options = {"trusted-registries": ["docker.io", "quay.io"]}
    assert hits(text, "LD672", options) == [Hit("Dockerfile", 5, 18, 5, 34, "error")]


def test_env_reference_to_a_variable_of_the_same_env() -> None:
    text = "FROM alpine:3.20\nENV DIR=/opt BIN=$DIR/bin PATH=${DIR}:$PATH\n"
    assert hits(text, "LD673") == [
        Hit("Dockerfile", 2, 18, 2, 22, "warning"),
        Hit("Dockerfile", 2, 32, 2, 38, "warning"),
    ]
    assert "an empty value" in run(text, "LD673")[0].message
    reexported = "FROM alpine:3.20\nARG V=1.2\nENV V=${V} BRANCH=release/$V\n"
    assert hits(reexported, "LD673") == []


def test_relative_copy_destination_before_a_workdir() -> None:
    text = (
        "FROM node:22 AS base\nCOPY . .\nCOPY a /abs/\nCOPY b $HOME/\nWORKDIR /app\nCOPY c .\n"
        "FROM base\nCOPY d d/\n"
    )
    assert hits(text, "LD674") == [Hit("Dockerfile", 2, 8, 2, 9, "warning")]


def test_a_stage_from_scratch_starts_in_the_root_directory() -> None:
    text = (
        "FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build\n"
        "WORKDIR /source\n"
        "RUN dotnet publish -o /out\n"
        "FROM scratch AS export\n"
        "COPY --link --from=build /out .\n"
        "FROM export\n"
        "COPY LICENSE licenses/\n"
        "FROM alpine:3.20\n"
        "COPY --from=build /out app/\n"
    )
    assert hits(text, "LD674") == [Hit("Dockerfile", 9, 24, 9, 28, "warning")]


def test_a_relative_destination_in_a_base_image_s_known_workdir() -> None:
    text = (
        "FROM php:8.3-apache\nCOPY src/ .\n"  # php's WORKDIR is /var/www/html
        "FROM docker.elastic.co/elasticsearch/elasticsearch:8.15.0\nCOPY logging.yml config/\n"
        "FROM nginx:1.27\nCOPY site/ html/\n"  # nginx sets none: lands in /
    )
    assert hits(text, "LD674") == [Hit("Dockerfile", 6, 12, 6, 17, "warning")]


def test_a_relative_destination_in_the_repository_s_own_base_image_s_workdir() -> None:
    files = {
        "base/Dockerfile": "FROM alpine:3.20\nWORKDIR /app\n",
        "compose.yaml": (
            "services:\n  base:\n    build: base\n    image: example/base:1\n"
            "  web:\n    build: web\n"
        ),
        "web/Dockerfile": 'FROM example/base:1\nCOPY static/ static/\nCMD ["app"]\n',
    }
    assert [h for h in hits(files, "LD674") if h.path == "web/Dockerfile"] == []


def test_useradd_with_a_high_uid_resolved_from_an_arg() -> None:
    text = (
        "FROM debian:12\nARG UID=1000000\nRUN useradd -u $UID app\n"
        "RUN useradd -l -u 1000000 b && useradd -u 1001 c && useradd --uid=${FREE} d\n"
    )
    assert hits(text, "LD675") == [Hit("Dockerfile", 3, 16, 3, 20, "warning")]


def test_wget_without_progress_but_not_busybox_wget() -> None:
    text = (
        "FROM debian:12\nRUN wget https://e.com/a && wget -q https://e.com/b && wget -nv u\n"
        "FROM alpine:3.20\nRUN wget https://e.com/a\n"
        "FROM alpine:3.20\nRUN apk add wget\nRUN wget https://e.com/a\n"
    )
    assert hits(text, "LD676") == [
        Hit("Dockerfile", 2, 5, 2, 9, "info"),
        Hit("Dockerfile", 7, 5, 7, 9, "info"),
    ]


def test_wget_of_signatures_keys_and_checksums_is_too_small_to_report() -> None:
    text = (
        "FROM debian:12\n"
        'RUN wget -O /usr/local/bin/tool.asc "$url.asc"\n'
        "RUN wget https://e.com/v1/SHA256SUMS https://e.com/v1/SHA256SUMS.sig\n"
        "RUN wget -O- https://e.com/key.gpg | gpg --dearmor > /k.gpg\n"
        'RUN wget "https://e.com/tool.tgz.sha256?raw=1" https://e.com/KEYS\n'
        "RUN wget https://e.com/tool.tgz https://e.com/tool.tgz.asc\n"
        'RUN wget -O tool.tgz "$url"\n'
        "RUN wget -i list.txt\n"
    )
    assert hits(text, "LD676") == [
        Hit("Dockerfile", 6, 5, 6, 9, "info"),
        Hit("Dockerfile", 7, 5, 7, 9, "info"),
        Hit("Dockerfile", 8, 5, 8, 9, "info"),
    ]


def test_busybox_wget_of_alpine_images_without_alpine_in_the_name() -> None:
    text = (
        "FROM docker:29-cli\nRUN wget -O docker.tgz https://e.com/a\n"
        "FROM rabbitmq:4.2-alpine\nRUN wget -O /usr/local/bin/x https://e.com/a\n"
        "FROM php:8.3-fpm-alpine\nRUN apk-install wget\nRUN wget https://e.com/a\n"
        "FROM me/rabbitmq:4.2-alpine\nRUN wget https://e.com/a\n"
    )
    assert hits(text, "LD676") == [
        Hit("Dockerfile", 7, 5, 7, 9, "info"),
        Hit("Dockerfile", 9, 5, 9, 9, "info"),
    ]


def test_busybox_wget_of_images_named_for_alpine_in_any_part_of_the_path() -> None:
    text = (
        "FROM alpine/git:2.47.2\nRUN wget -O /x https://e.com/a\n"
        "FROM easypi/alpine-arm\nRUN wget -O /x https://e.com/a\n"
        "FROM me/tools:1\nRUN wget -O /x https://e.com/a\n"
    )
    assert hits(text, "LD676") == [Hit("Dockerfile", 6, 5, 6, 9, "info")]


def test_gnu_wget_installed_by_a_later_run_leaves_earlier_wgets_busybox() -> None:
    text = (
        "FROM alpine:3.20\nRUN wget -O /gosu https://e.com/gosu\n"
        "RUN apk add --no-cache --virtual .build-deps gcc wget && wget https://e.com/redis\n"
    )
    assert hits(text, "LD676") == [Hit("Dockerfile", 3, 58, 3, 62, "info")]


def test_label_keys() -> None:
    text = 'FROM alpine:3.20\nLABEL Maintainer=x io.docker.a=1 a..b=1 ok.key-1=2 "${K}"=3\n'
    assert [h.column for h in hits(text, "LD677")] == [7, 20, 34]


def test_label_schema_missing_empty_malformed_and_strict() -> None:
    schema = {"label-schema": ["source:url", "rev:hash", "when:rfc3339"], "strict-labels": True}
    text = (
        "FROM alpine:3.20 AS base\nLABEL source=https://e.com/x\n"
        "FROM base\nLABEL rev=main when='' extra=1\n"
    )
    assert hits(text, "LD678", schema) == [
        Hit("Dockerfile", 4, 11, 4, 15, "warning"),
        Hit("Dockerfile", 4, 16, 4, 20, "warning"),
        Hit("Dockerfile", 4, 24, 4, 29, "info"),
    ]
    missing = "FROM alpine:3.20 AS base\nFROM alpine:3.20\nCOPY --from=base /a /a\n"
    assert hits(missing, "LD678", schema) == [Hit("Dockerfile", 2, 1, 2, 5, "info")] * 3
    assert hits(text, "LD678") == []


def test_consecutive_one_command_runs_across_comments() -> None:
    text = (
        "FROM alpine:3.20\nRUN mkdir /a\n# comment\nRUN chmod 1777 /a\n"
        "RUN --mount=type=cache,target=/c ls\nRUN a && b\nRUN d\n"
        "RUN <<EOF\necho\nEOF\nRUN e\nRUN cp -R /tmp/build/* / || true\nRUN rm -rf /tmp/build\n"
        'RUN echo "$(date)" > /built\nRUN echo done\n'
    )
    assert hits(text, "LD679") == [
        Hit("Dockerfile", 4, 1, 4, 4, "info"),
        Hit("Dockerfile", 14, 1, 14, 4, "info"),
        Hit("Dockerfile", 15, 1, 15, 4, "info"),
    ]


def test_consecutive_runs_of_a_stage_only_copied_from_are_left_alone() -> None:
    text = (
        "FROM golang:1.23 AS build\nRUN go mod download\nRUN go build -o /app .\n"
        "FROM debian:12 AS base\nRUN mkdir /data\nRUN chmod 700 /data\n"
        "FROM base\nCOPY --from=build /app /app\nRUN /app --version\nRUN rm -rf /tmp/x\n"
    )
    assert hits(text, "LD679") == [
        Hit("Dockerfile", 6, 1, 6, 4, "info"),
        Hit("Dockerfile", 10, 1, 10, 4, "info"),
    ]


def test_curl_and_wget_at_every_run_once_both_are_used() -> None:
    text = (
        "FROM debian:12\nRUN curl -fsSO https://e.com/a\nRUN wget -q https://e.com/b\n"
        "RUN wget -q https://e.com/c\nFROM debian:12\nRUN wget -q https://e.com/d\n"
    )
    assert hits(text, "LD680") == [
        Hit("Dockerfile", 3, 5, 3, 9, "info"),
        Hit("Dockerfile", 4, 5, 4, 9, "info"),
    ]
    later = (
        "FROM debian:12\nRUN wget -q https://e.com/a\nRUN true\n"
        "RUN curl -fsSO https://e.com/b && wget -q https://e.com/c\nRUN curl -fsSO u\n"
        "ONBUILD RUN wget -q https://e.com/d\n"
    )
    assert hits(later, "LD680") == [
        Hit("Dockerfile", 4, 5, 4, 9, "info"),
        Hit("Dockerfile", 5, 5, 5, 9, "info"),
    ]
    assert "wget (line 2) and curl (line 4)" in run(later, "LD680")[1].message


def test_relinking_bin_sh() -> None:
    text = "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh && ln -s /bin/sh /usr/bin/psh\n"
    assert hits(text, "LD681") == [Hit("Dockerfile", 2, 22, 2, 29, "warning")]


def test_pipe_without_pipefail_once_per_run() -> None:
    text = "FROM debian:12\nRUN curl -fsS https://e.com/a | tar -x && wget -qO- u | sh\n"
    assert hits(text, "LD682") == [Hit("Dockerfile", 2, 5, 2, 39, "warning")]
    assert "dash" in run(text, "LD682")[0].message


def test_pipefail_set_by_shell_set_or_host_shell() -> None:
    text = (
        'FROM alpine:3.20\nSHELL ["/bin/sh", "-eo", "pipefail", "-c"]\nRUN a | b\n'
        "FROM debian:12\nRUN set -euo pipefail; a | b\n"
        "RUN bash -o pipefail -c 'a | b'\nRUN echo x | sha256sum -c -\n"
        "RUN if head -n1 f | grep -q x; then a; fi\n"
        'FROM debian:12\nSHELL ["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]\n'
        "RUN a | b\n"
    )
    assert hits(text, "LD682") == []


def test_a_pipe_in_another_commands_substitution_cannot_fail_the_run() -> None:
    text = (
        "FROM alpine:3.20\n"
        "RUN <<EOT\n"
        "  set -e\n"
        "  cp app* \"/out/app-$(cat /tmp/.version).$(echo $P | sed 's/\\//-/g')"
        "$(ls app* | sed -e 's/^app//')\"\n"
        '  for f in $(ls /out | grep -v md5); do sha256sum "$f"; done > /out/sums\n'
        "EOT\n"
        'RUN set -e; v=$(curl -fsS https://e.com/v | tr -d v); echo "$v"\n'
    )
    assert hits(text, "LD682") == [Hit("Dockerfile", 7, 17, 7, 52, "warning")]


def test_a_pipe_ending_in_a_check_of_its_input_fails_without_pipefail() -> None:
    text = (
        "FROM debian:12\n"
        "RUN node --version | grep -q v22\n"
        "RUN awk '$2 == \"app.tgz\"' SUMS | sha512sum --check -\n"
        "RUN getent passwd | grep -e app > /out/passwd\n"
        "RUN getent passwd | grep app | cut -d: -f1\n"
        "RUN node --version | grep -v v22\n"
        "RUN node --version | grep v22 /etc/versions\n"
        "RUN getent passwd | sha256sum\n"
        "RUN getent passwd | grep -q app && getent group | tr a b\n"
    )
    assert hits(text, "LD682") == [
        Hit("Dockerfile", 5, 5, 5, 29, "warning"),
        Hit("Dockerfile", 6, 5, 6, 33, "warning"),
        Hit("Dockerfile", 7, 5, 7, 44, "warning"),
        Hit("Dockerfile", 8, 5, 8, 30, "warning"),
        Hit("Dockerfile", 9, 36, 9, 57, "warning"),
    ]


def test_pipefail_in_the_outer_shell_does_not_reach_a_sh_c_string() -> None:
    text = "FROM debian:12\nRUN set -o pipefail; sh -c 'a | b'\n"
    assert [h.line for h in hits(text, "LD682")] == [2]


def test_windows_stages_get_no_shell_checks() -> None:
    text = (
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
        "RUN Get-Item x | Select-Object Name; cd C:\\x; sudo a; wget u\n"
    )
    for code in ("LD682", "LD662", "LD663", "LD676"):
        assert hits(text, code) == [], code
    pwsh = 'FROM ubuntu:24.04\nSHELL ["pwsh", "-c"]\nRUN Get-Item x | Select-Object Name\n'
    assert hits(pwsh, "LD682") == []


def test_hadolint_yaml_label_schema_and_trusted_registries_become_the_options(
    tree: WriteTree,
) -> None:
    root = tree(
        {
            ".hadolint.yaml": (
                "label-schema:\n  org.opencontainers.image.source: url\n"
                "trustedRegistries:\n  - docker.io\n"
            ),
            "Dockerfile": "FROM quay.io/a/b:1\nLABEL org.opencontainers.image.source=nope\n",
        }
    )
    found = [(d.code, d.span.line) for d in lint_paths([str(root)]).diagnostics]
    assert ("LD672", 1) in found and ("LD678", 2) in found
