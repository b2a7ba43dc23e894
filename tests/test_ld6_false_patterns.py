"""Patterns of the Dockerfile practice rules that a judged sample of real repositories showed
to be false or noisy, each with the true finding the rule keeps."""

from __future__ import annotations

import pytest
from ld1_helpers import Hit, hits, run


def test_a_relative_link_to_bin_sh_names_the_shell_and_the_scripts_it_changes() -> None:
    text = "FROM debian:12\nRUN apt-get update && ln -sf bash /bin/sh\n"
    assert hits(text, "LD681") == [Hit("Dockerfile", 2, 35, 2, 42, "warning")]
    message = run(text, "LD681")[0].message
    assert "links /bin/sh to /bin/bash" in message
    assert "#!/bin/bash" in message
    assert 'SHELL ["/bin/bash", "-c"]' in message


def test_sudo_dropping_root_to_another_user_is_left_alone() -> None:
    text = (
        "FROM postgres:16\n"
        "RUN sudo -u postgres psql -c 'select 1' && sudo -E -u app -H bundle install\n"
        "RUN sudo --user=app make && sudo -gstaff id\n"
        "USER app\n"
        "RUN sudo -u postgres psql -c 'select 1'\n"
        "USER root\n"
        "RUN sudo apt-get update\n"
        "FROM postgres:16 AS two\n"
        "USER $RUNNER\n"
        "RUN sudo -u postgres psql\n"
        "ONBUILD RUN sudo -u postgres psql\n"
    )
    assert hits(text, "LD663") == [
        Hit("Dockerfile", 5, 5, 5, 9, "warning"),
        Hit("Dockerfile", 7, 5, 7, 9, "warning"),
        Hit("Dockerfile", 10, 5, 10, 9, "warning"),
        Hit("Dockerfile", 11, 13, 11, 17, "warning"),
    ]


def test_sudo_of_a_stage_built_on_a_stage_that_ends_as_another_user() -> None:
    text = (
        "FROM debian:12 AS base\nUSER app\n"
        "FROM base\nRUN sudo -u postgres psql\n"
        "FROM debian:12 AS root-base\nUSER 0\n"
        "FROM root-base\nRUN sudo -u postgres psql\n"
    )
    assert hits(text, "LD663") == [Hit("Dockerfile", 4, 5, 4, 9, "warning")]


def test_sudo_as_root_in_an_image_that_has_it_is_only_redundant() -> None:
    text = (
        "FROM ubuntu:22.04\n"
        "RUN apt-get update && apt-get install -y sudo curl\n"
        "RUN curl -fsSL https://example.com/key.gpg | sudo tee /etc/apt/keyrings/example.gpg\n"
        "USER app\n"
        "RUN sudo make install\n"
        "FROM ubuntu:22.04 AS plain\n"
        "RUN sudo make install\n"
    )
    assert hits(text, "LD663") == [
        Hit("Dockerfile", 3, 46, 3, 50, "info"),  # root, sudo installed: works, adds nothing
        Hit("Dockerfile", 5, 5, 5, 9, "warning"),  # another user: needs a sudoers entry
        Hit("Dockerfile", 7, 5, 7, 9, "warning"),  # not installed: the step fails
    ]
    messages = [d.message for d in run(text, "LD663")]
    assert messages[0] == "RUN uses sudo as root: it works, and adds nothing; drop it"
    assert messages[1].startswith("RUN uses sudo: it needs a sudoers entry and may ask")
    assert messages[2] == (
        "RUN uses sudo as root, which needs none: in an image without sudo (most bases) the "
        "step fails (sudo: not found); drop it"
    )


def test_an_installer_upgrading_itself_is_information() -> None:
    text = (
        "FROM python:3.12\n"
        "RUN pip install -U pip setuptools && pip install flask\n"
        "RUN pip install pip flask\n"
        "RUN gem install bundler && bundle install\n"
    )
    assert hits(text, "LD647") + hits(text, "LD651") == [
        Hit("Dockerfile", 2, 20, 2, 23, "info"),  # pip and setuptools: the installer's own
        Hit("Dockerfile", 2, 50, 2, 55, "warning"),
        Hit("Dockerfile", 3, 17, 3, 20, "warning"),  # flask beside pip: pin both
        Hit("Dockerfile", 4, 17, 4, 24, "info"),
    ]
    assert "the installer upgrades itself" in run(text, "LD647")[0].message


@pytest.mark.parametrize(
    ("path", "severity"),
    [
        ("Dockerfile", "warning"),
        (".devcontainer/Dockerfile", "info"),  # newest tooling may be the point
        ("tests/e2e/Dockerfile", "info"),
        ("examples/api/Dockerfile", "warning"),  # people copy examples into images that ship
    ],
)
def test_unpinned_packages_in_a_test_or_development_image_are_information(
    path: str, severity: str
) -> None:
    text = "FROM ruby:3.3\nRUN gem install rails\n"
    assert hits({path: text}, "LD651") == [Hit(path, 2, 17, 2, 22, severity)]


def test_go_get_advice_fits_gopath_mode_and_module_mode() -> None:
    text = (
        "FROM golang:1.22\n"
        "RUN go install example.com/cmd/a@latest\n"
        "RUN go get -u example.com/cmd/b\n"
        "ENV GO111MODULE=off\n"
        "RUN go get -d -v example.com/cmd/c\n"
        "FROM golang:1.22\n"
        "RUN GO111MODULE=off go get example.com/cmd/d\n"
    )
    assert hits(text, "LD652") == [
        Hit("Dockerfile", 2, 16, 2, 40, "warning"),
        Hit("Dockerfile", 3, 15, 3, 32, "warning"),
        Hit("Dockerfile", 5, 18, 5, 35, "warning"),
        Hit("Dockerfile", 7, 28, 7, 45, "warning"),
    ]
    messages = [d.message for d in run(text, "LD652")]
    assert messages[0].endswith("(example.com/cmd/a@<version>)")
    assert "(go install example.com/cmd/b@<version>: since Go 1.18" in messages[1]
    for message in messages[2:]:
        assert "GOPATH mode" in message and "check out a tag" in message


def test_a_pipe_into_an_unpacker_or_a_grep_v_fails_without_pipefail() -> None:
    text = (
        "FROM debian:12\n"
        "RUN curl -fsSL https://e.com/a.tgz | tar -xz -C /opt\n"
        "RUN wget -qO- https://e.com/a.txz | tar xJf - -C /opt\n"
        "RUN curl -fsSL https://e.com/a.tgz | tar --extract --gzip\n"
        "RUN wget -qO - https://e.com/key.gpg | apt-key add -\n"
        "RUN curl -fsSL https://e.com/key.asc | gpg --import\n"
        "RUN curl -fsSL https://e.com/a.gz | gunzip > /opt/a\n"
        "RUN curl -fsSL https://e.com/a.xz | xz -d > /opt/a\n"
        "RUN ldd /bin/app | grep libjpeg | grep -vq /opt/jpegli\n"
        "RUN curl -fsSL https://e.com/a.tar | tar -x\n"
        "RUN curl -fsSL https://e.com/a.tgz | tar -xzf a.tgz\n"
        "RUN curl -fsSL https://e.com/key | gpg --dearmor -o /k.gpg\n"
        "RUN app --version |& grep -vq warning\n"
        "RUN curl -fsSL https://e.com/a.xz | xz > /opt/a\n"
        "RUN sdkmanager --licenses | grep -v '\\[='\n"
    )
    assert hits(text, "LD682") == [
        Hit("Dockerfile", 10, 5, 10, 44, "warning"),
        Hit("Dockerfile", 11, 5, 11, 52, "warning"),
        Hit("Dockerfile", 12, 5, 12, 59, "warning"),
        Hit("Dockerfile", 13, 5, 13, 38, "warning"),
        Hit("Dockerfile", 14, 5, 14, 39, "warning"),
        Hit("Dockerfile", 15, 5, 15, 42, "warning"),
    ]


def test_cd_into_a_directory_the_run_makes_is_left_alone() -> None:
    text = (
        "FROM debian:12\n"
        "RUN git clone https://github.com/tj/n $N_SRC_DIR && cd $N_SRC_DIR && make install\n"
        "RUN git clone --depth 1 -b v1 https://e.com/x/imagick.git && cd imagick && make\n"
        "RUN git clone https://e.com/php-driver.git /usr/src/php && cd /usr/src/php/ext && make\n"
        "RUN wget https://e.com/flac.tgz && tar xzf flac.tgz && cd flac-1.3.3 && make\n"
        "RUN mkdir -p /usr/src/php && cd /usr/src/php && make\n"
        "RUN curl -fsS https://e.com/a.tgz | tar -xz -C /opt/src && cd /opt/src/a && make\n"
        "RUN unzip -q a.zip -d /opt/a && cd /opt/a && make\n"
        "RUN mkdir build && cd build && cmake ..\n"
        "RUN tar -xf a.tgz && cd /usr/local/bin && make\n"
        "RUN git clone https://e.com/x.git && cd y && make\n"
        "RUN mkdir -p /opt/a/b && cd /opt/a && make\n"
        "RUN mkdir /srv && cd /srv\n"
    )
    assert hits(text, "LD662") == [
        Hit("Dockerfile", 10, 22, 10, 39, "info"),
        Hit("Dockerfile", 11, 38, 11, 42, "info"),
        Hit("Dockerfile", 12, 26, 12, 35, "info"),
        Hit("Dockerfile", 13, 19, 13, 26, "warning"),
    ]


def test_cd_into_scratch_space_is_left_alone_and_a_lookalike_is_not() -> None:
    text = (
        "FROM debian:12\n"
        "RUN cd /tmp && wget https://e.com/a.deb && dpkg -i a.deb\n"
        "RUN cd /var/tmp/build/ && make\n"
        "RUN cd /tmpfiles && make\n"
        "RUN cd /tmp\n"
    )
    assert hits(text, "LD662") == [
        Hit("Dockerfile", 4, 5, 4, 17, "info"),
        Hit("Dockerfile", 5, 5, 5, 12, "warning"),
    ]


def test_pip_without_a_network_installs_local_wheels_only() -> None:
    offline = "FROM python:3.12\nRUN --network=none pip install --find-links wheels mypackage\n"
    assert hits(offline, "LD647") == []
    assert hits(offline, "LD648") == []
    online = "FROM python:3.12\nRUN --network=host pip install --find-links wheels mypackage\n"
    assert hits(online, "LD647") == [Hit("Dockerfile", 2, 52, 2, 61, "warning")]
    assert hits(online, "LD648") == [Hit("Dockerfile", 2, 20, 2, 31, "warning")]


def test_a_cd_that_runs_only_when_a_condition_holds_is_left_alone() -> None:
    branch = """\
    FROM php:8
    RUN if [ "$ZK" = true ]; then \\
          cd /opt/zookeeper && make; \\
        fi
    """
    assert hits(branch, "LD662") == []
    case = 'FROM php:8\nRUN case "$V" in 8) cd /opt/src && make ;; esac\n'
    assert hits(case, "LD662") == []
    tested = 'FROM php:8\nRUN [ "$ZK" = true ] && cd /opt/zookeeper && make\n'
    assert hits(tested, "LD662") == []
    plain = "FROM php:8\nRUN cd /opt/zookeeper && make\n"
    assert hits(plain, "LD662") == [Hit("Dockerfile", 2, 5, 2, 22, "info")]


def test_wget_on_an_image_named_alpine_is_busybox_s() -> None:
    fetch = "RUN wget https://example.com/app-1.0.tar.gz\n"
    assert hits("FROM easypi/alpine-arm\n" + fetch, "LD676") == []
    assert hits("FROM arm32v6/alpine:3.19\n" + fetch, "LD676") == []
    gnu = "FROM easypi/alpine-arm\nRUN apk add --no-cache wget\n" + fetch
    assert hits(gnu, "LD676") == [Hit("Dockerfile", 3, 5, 3, 9, "info")]
    assert hits("FROM example/alpinelike\n" + fetch, "LD676") == [
        Hit("Dockerfile", 2, 5, 2, 9, "info")
    ]


def test_a_one_shot_start_command_needs_no_json_form() -> None:
    copy = "FROM alpine:3.19\nENTRYPOINT cp /pki/ca.pem /pki-out/ca.pem\n"
    assert hits(copy, "LD611") == []
    generator = {
        "Dockerfile": "FROM alpine:3.19\nCOPY gen.sh /\nCMD bash /gen.sh\n",
        "gen.sh": "#!/bin/bash\nmain() {\n  cfssl gencert ca.json\n  chmod 644 *.pem\n}\nmain\n",
    }
    assert hits(generator, "LD611") == []
    server = {
        "Dockerfile": "FROM alpine:3.19\nCOPY run.sh /\nCMD bash /run.sh\n",
        "run.sh": "#!/bin/bash\nchmod 644 /etc/app.conf\nexec app --serve\n",
    }
    assert hits(server, "LD611") == [Hit("Dockerfile", 3, 1, 3, 4, "warning")]
    assert hits("FROM nginx:1\nCMD nginx -g 'daemon off;'\n", "LD611") == [
        Hit("Dockerfile", 2, 1, 2, 4, "warning")
    ]


def test_a_client_installed_and_removed_in_one_run_is_not_the_image_s() -> None:
    text = """\
    FROM alpine:3.19
    RUN wget -q -O /tmp/key.pub https://example.com/key.pub
    RUN apk add --no-cache --virtual .build-deps curl \\
        && curl -fLO https://example.com/src.tar.gz \\
        && apk del .build-deps
    """
    assert hits(text, "LD680") == []
    kept = text.replace(" \\\n        && apk del .build-deps", "")
    assert hits(kept, "LD680") == [Hit("Dockerfile", 4, 8, 4, 12, "info")]


def test_sudo_on_a_base_made_for_it_is_left_alone() -> None:
    gitpod = "FROM gitpod/workspace-postgres\nRUN sudo mkdir -p /var/log/nginx\n"
    assert hits(gitpod, "LD663") == []
    patch = (
        "ARG ORIGINAL_IMAGE=mcr.microsoft.com/vscode/devcontainers/universal:1\n"
        "FROM ${ORIGINAL_IMAGE}\nRUN sudo apt-get update\n"
    )
    assert hits(patch, "LD663") == []
    switched = "FROM gitpod/workspace-full\nUSER app\nRUN sudo mkdir /x\n"
    assert hits(switched, "LD663") == [Hit("Dockerfile", 3, 5, 3, 9, "warning")]
    assert hits("FROM ubuntu:24.04\nRUN sudo mkdir /x\n", "LD663") == [
        Hit("Dockerfile", 2, 5, 2, 9, "warning")
    ]


@pytest.mark.parametrize(
    ("run", "span"),
    [
        ("nproc | xargs -I{} make -j{} 2>&1 | tee /build.log", (13, 55)),
        (
            "dpkg --print-architecture | xargs -I{} curl -fsSLO https://x.io/{}.deb | tee /l",
            (33, 84),
        ),
    ],
)
def test_a_local_query_piped_into_a_build_or_a_download_is_reported(
    run: str, span: tuple[int, int]
) -> None:
    found = hits(f"FROM debian:12\nRUN {run}\n", "LD682")
    assert found == [Hit("Dockerfile", 2, span[0], 2, span[1], "warning")]


def test_a_pipe_from_a_local_query_is_left_alone() -> None:
    scan = (
        'FROM alpine:3.19\nRUN deps="$(scanelf --needed --nobanner --recursive /usr/local'
        " | tr ',' '\\n' | sort -u)\" && apk add $deps\n"
    )
    assert hits(scan, "LD682") == []
    assert (
        hits("FROM debian:12\nRUN ldd /usr/lib/x.so | awk '{print $3}' | sort -u\n", "LD682") == []
    )
    assert hits("FROM alpine:3.19\nRUN arch | sed s/aarch64/arm64/ > /arch\n", "LD682") == []
    run_deps = (
        "FROM debian:12\nRUN ldd /usr/local/lib/*.so | awk '/=>/ { print $3 }' | sort -u"
        " | xargs -r dpkg-query --search | cut -d: -f1 | sort -u | xargs -rt apt-mark manual\n"
    )
    assert hits(run_deps, "LD682") == []
    found_deps = (  # docker-library/ruby's slim images find the executables first
        "FROM debian:12\nRUN find /usr/local -type f -executable -exec ldd '{}' ';'"
        " | awk '/=>/ { print $3 }' | sort -u | xargs -r dpkg-query --search | cut -d: -f1\n"
    )
    assert hits(found_deps, "LD682") == []
    listed = (  # vscode-dev-containers: an echo through text filters into a read loop
        'FROM debian:12\nRUN echo "$LIST" | tr " " "\\n" | while read p; do'
        ' apt-get install -y "$p"; done\n'
    )
    assert hits(listed, "LD682") == []
    assert len(hits("FROM debian:12\nRUN find / -name x | xargs tar -cz > /x.tgz\n", "LD682")) == 1
    apk_deps = (
        "FROM alpine:3.19\nRUN scanelf --needed --nobanner /usr/sbin/x"
        " | awk '{ print $2 }' | sort -u | xargs -r apk info --installed | sort -u\n"
    )
    assert hits(apk_deps, "LD682") == []
    dpkg = "FROM debian:12\nRUN dpkg --print-architecture | awk -F- '{ print $NF }' > /a\n"
    assert hits(dpkg, "LD682") == []
    download = "FROM alpine:3.19\nRUN curl -fsSL https://example.com/x | sed s/a/b/ > /x\n"
    assert hits(download, "LD682") == [Hit("Dockerfile", 2, 5, 2, 50, "warning")]
