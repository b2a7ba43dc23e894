"""LD630, LD635, LD639, LD642, LD646, LD647, LD649, LD651, LD652: installs that name a package
without a version, at the first such package, and the many ways a package is pinned or needs no
pin (variables, packages removed later in the same RUN, local files, requirements files)."""

from __future__ import annotations

import pytest
from ld1_helpers import hits, run
from package_helpers import at


def test_apt_unpinned_at_the_first_unpinned_package_naming_all() -> None:
    text = "FROM debian:12\nRUN apt-get update && apt-get install -y curl=8.5.* git wget\n"
    assert hits(text, "LD630") == [at(2, 53, 56)]
    [finding] = run(text, "LD630")
    assert "git, wget without a fixed version" in finding.message
    assert "git=<version>" in finding.message


@pytest.mark.parametrize(
    "packages",
    [
        "curl=8.5.0-1",
        "'curl>=8'",
        "curl/bookworm-backports",
        "./app_1.0_amd64.deb",
        "/tmp/app.deb",
    ],
)
def test_apt_pins_releases_and_local_files(packages: str) -> None:
    assert hits(f"FROM debian:12\nRUN apt-get install -y {packages}\n", "LD630") == []


def test_apt_packages_through_variables_are_judged_by_their_values() -> None:
    text = (
        "FROM debian:12\n"
        'ARG PINNED="curl=8.5.* git=1:2.39*"\n'
        "ENV LOOSE=jq\n"
        'RUN apt-get install -y $PINNED ${UNKNOWN} "$(cat /pkgs)" && apt-get install -y $LOOSE\n'
    )
    assert hits(text, "LD630") == [at(4, 80, 86)]


def test_a_name_written_around_an_unknown_variable_has_no_version() -> None:
    text = 'FROM debian:12\nARG V\nRUN apt-get install -y php${V}-redis "${PKG}=1.2" $PKGS\n'
    [finding] = run(text, "LD630")
    assert finding.span.column == 24 and "php${V}-redis=<version>" in finding.message
    assert hits("FROM fedora:40\nARG V\nRUN dnf install -y nginx-${V}\n", "LD642") == []


def test_apt_shell_variable_set_earlier_in_the_run() -> None:
    text = 'FROM debian:12\nRUN deps="make gcc" && apt-get install -y $deps\n'
    [finding] = run(text, "LD630")
    assert "make, gcc" in finding.message


BUILD_DEPENDENCIES = (
    "FROM debian:12\n"
    "RUN apt-get install -y gcc make ca-certificates=2023* && make && "
    "apt-get purge -y gcc make\n"
    'RUN saved="$(apt-mark showmanual)"; apt-get install -y libssl-dev; '
    "apt-mark auto '.*'; apt-mark manual $saved; apt-get purge -y --auto-remove\n"
    "RUN apt-get install -y gcc curl && apt-get purge -y gcc\n"
)


def test_apt_build_dependencies_removed_later_in_the_run_are_left_out() -> None:
    assert hits(BUILD_DEPENDENCIES, "LD630") == [at(4, 28, 32)]
    [kept] = run(BUILD_DEPENDENCIES, "LD630")
    assert "curl without a fixed version: each build installs" in kept.message


def test_the_build_dependencies_option_reports_them_at_info() -> None:
    asked = {"build-dependencies": True}
    assert hits(BUILD_DEPENDENCIES, "LD630", asked) == [
        at(2, 24, 27, "info"),
        at(3, 56, 66, "info"),
        at(4, 28, 32),
    ]
    first, _, _ = run(BUILD_DEPENDENCIES, "LD630", asked)
    assert "gcc, make without a fixed version: the RUN removes it again" in first.message


def test_apt_in_a_heredoc_and_in_onbuild() -> None:
    text = (
        "FROM debian:12\nRUN <<EOF\nset -e\napt-get install -y jq\nEOF\n"
        "ONBUILD RUN apt install -y tini\n"
    )
    assert hits(text, "LD630") == [at(4, 20, 22), at(6, 28, 32)]


def test_apk_unpinned_and_its_pins() -> None:
    text = (
        "FROM alpine:3.20\n"
        "RUN apk add --no-cache curl=8.5.0-r0 'bash>5' tini~0.19 /tmp/x.apk jq\n"
        "RUN apk add --no-cache --virtual .build-deps gcc musl-dev && make && apk del .build-deps\n"
    )
    assert hits(text, "LD635") == [at(2, 68, 70)]
    asked = {"build-dependencies": True}
    assert hits(text, "LD635", asked) == [at(2, 68, 70), at(3, 46, 49, "info")]


@pytest.mark.parametrize(
    ("run_line", "code"),
    [
        ("yum install -y httpd-2.4.57 /tmp/a.rpm @development", "LD639"),
        ("dnf install -y nginx-1.24.0-1.el9 java-17-openjdk @core https://x/a.rpm", "LD642"),
        ("dnf module install -y nodejs:18", "LD642"),
        ("microdnf install -y shadow-utils-4.9", "LD642"),
        ("zypper install -y curl=8.6 'vim>=9' /tmp/a.rpm", "LD646"),
    ],
)
def test_rpm_pins(run_line: str, code: str) -> None:
    assert hits(f"FROM fedora:40\nRUN {run_line}\n", code) == []


@pytest.mark.parametrize(
    ("run_line", "code", "column"),
    [
        ("yum install -y httpd vim-9.0", "LD639", 20),
        ("dnf install -y nginx", "LD642", 20),
        ("microdnf install -y nginx", "LD642", 25),
        ("tdnf install -y nginx", "LD642", 21),
        ("zypper --non-interactive in nginx", "LD646", 33),
    ],
)
def test_rpm_unpinned(run_line: str, code: str, column: int) -> None:
    assert hits(f"FROM fedora:40\nRUN {run_line}\n", code) == [at(2, column, column + 5)]


def test_reinstall_keeps_the_installed_version() -> None:
    text = (
        "FROM registry.access.redhat.com/ubi8/s2i-core\n"
        "RUN yum -y --setopt=tsflags=nodocs install postgresql-server-13.20 && \\\n"
        "    (yum -y reinstall tzdata || yum -y update tzdata) && \\\n"
        "    dnf reinstall -y glibc-common && yum -y install which\n"
    )
    assert hits(text, "LD639") == [at(4, 53, 58)]
    assert hits(text, "LD642") == []


def test_yum_and_dnf_rules_keep_to_their_own_managers() -> None:
    text = "FROM fedora:40\nRUN yum install -y a && dnf install -y b\n"
    assert [h.column for h in hits(text, "LD639")] == [20]
    assert [h.column for h in hits(text, "LD642")] == [40]


@pytest.mark.parametrize(
    "arguments",
    [
        "-r requirements.txt",
        "--requirement=requirements.txt",
        "-c constraints.txt django",
        ".",
        ".[dev]",
        "-e .",
        "--editable ./lib",
        "./vendor/pkg",
        "dist/app-1.0-py3-none-any.whl",
        "/wheels/*",
        "flask==3.0.3 'requests>=2,<3' rich~=13.0",
        "'pkg @ https://example.com/pkg.zip'",
        "git+https://github.com/org/repo@v1.2",
        "--no-index --find-links=/wheels flask",
        '"$PACKAGES"',
        "$(cat pkgs.txt)",
    ],
)
def test_pip_pins_files_and_local_projects(arguments: str) -> None:
    assert hits(f"FROM python:3.12\nRUN pip install --no-cache-dir {arguments}\n", "LD647") == []


def test_a_pin_written_before_a_variable_is_a_pin() -> None:
    text = 'FROM python:3.12\nARG V=2.0\nRUN pip install --no-cache-dir "b2 == $V" flask=="${F}"\n'
    assert hits(text, "LD647") == []


def test_a_shell_variable_that_adds_to_itself() -> None:
    text = (
        "FROM fedora:40\n"
        'RUN PKGS="tar-1.34" && PKGS="$PKGS rsync" && yum install -y $PKGS && yum clean all\n'
    )
    [finding] = run(text, "LD639")
    assert "rsync without a fixed version" in finding.message


def test_pip_unpinned_besides_a_requirements_file_and_through_python_m_pip() -> None:
    text = (
        "FROM python:3.12\n"
        "RUN pip install --no-cache-dir -r requirements.txt gunicorn\n"
        "RUN python3 -m pip install --upgrade pip git+https://github.com/org/repo\n"
    )
    assert hits(text, "LD647") == [at(2, 52, 60), at(3, 38, 41)]


def test_pipx_and_pipenv_are_other_programs() -> None:
    text = "FROM python:3.12\nRUN pipx install black && pipenv install flask\n"
    assert hits(text, "LD647") == []


def test_npm_pins_and_what_needs_no_pin() -> None:
    text = (
        "FROM node:22\n"
        "RUN npm ci && npm install && npm install -g express@4.19.2 @scope/tool@1 ./local "
        "git+https://github.com/o/r#v1 pkg.tgz\n"
        "RUN npm install -g npm@latest lodash\n"
    )
    assert hits(text, "LD649") == [at(3, 20, 30)]
    assert "npm@latest, lodash" in run(text, "LD649")[0].message


def test_gem_versions_by_colon_or_option() -> None:
    text = (
        "FROM ruby:3.3\n"
        "RUN gem install bundler -v 2.5.6 && gem install rails:7.1.3 ./local.gem\n"
        "RUN gem install --no-document rake\n"
    )
    assert hits(text, "LD651") == [at(3, 31, 35)]


def test_go_install_in_the_main_module_takes_go_mods_versions() -> None:
    text = (
        "FROM golang:1.24-alpine\n"
        "WORKDIR /src\n"
        "RUN --mount=type=bind,target=.,rw \\\n"
        "    --mount=type=cache,target=/go/pkg/mod \\\n"
        "    go install tool \\\n"
        "      google.golang.org/grpc/cmd/protoc-gen-go-grpc \\\n"
        "      google.golang.org/protobuf/cmd/protoc-gen-go\n"
        "RUN go install ./cmd/... golang.org/x/tools/cmd/stringer\n"
        "RUN go install golang.org/x/tools/cmd/goimports\n"
        "RUN go get tool golang.org/x/lint/golint\n"
    )
    assert hits(text, "LD652") == [at(9, 16, 48), at(10, 17, 41)]


def test_go_install_latest_is_not_a_pin() -> None:
    text = (
        "FROM golang:1.22\n"
        "RUN go install ./cmd/... tool && go install golang.org/x/tools/gopls@v0.15.3\n"
        "RUN go install -ldflags=-s github.com/go-delve/delve/cmd/dlv@latest\n"
    )
    assert hits(text, "LD652") == [at(3, 28, 68)]


def test_an_official_image_source_leaves_its_system_packages_to_the_distribution() -> None:
    from lintdock.engine import lint_texts

    dockerfile = (
        "FROM debian:bookworm-slim\nRUN apt-get install -y ca-certificates"
        ' && pip install requests\nCMD ["app"]\n'
    )
    files = {"7/Dockerfile": dockerfile, "generate-stackbrew-library.sh": "#!/bin/sh\n"}
    found = lint_texts(files, select=["LD630", "LD647"])
    assert [(d.code, d.severity.label if d.severity else None) for d in found] == [
        ("LD630", "info"),
        ("LD647", "warning"),  # pip's packages are the image's own choice
    ]
    assert "this is a Docker Official Image's source" in found[0].message
    del files["generate-stackbrew-library.sh"]
    assert [d.severity.label for d in lint_texts(files, select=["LD630"]) if d.severity] == [
        "warning"
    ]


def test_a_base_image_of_an_official_image_source_too() -> None:
    """Temurin's JRE images: no CMD, an entrypoint ending in exec "$@" (a base image), in a
    repository whose README calls them official and links their Docker Hub page."""
    from lintdock.engine import lint_texts

    dockerfile = (
        "FROM ubuntu:24.04\nRUN apt-get install -y curl\nCOPY entrypoint.sh /\n"
        'ENTRYPOINT ["/entrypoint.sh"]\n'
    )
    files = {
        "21/jre/Dockerfile": dockerfile,
        "21/jre/entrypoint.sh": '#!/bin/sh\nexec "$@"\n',
        "generate-stackbrew-library.sh": "#!/bin/sh\n",
    }
    [found] = lint_texts(files, select=["LD630"])
    assert found.severity is not None and found.severity.label == "info"
    assert "this is a Docker Official Image's source (generate-stackbrew-library.sh)" in (
        found.message
    )


@pytest.mark.parametrize(
    ("base", "run"),
    [
        ("centos:7", "RUN yum install -y httpd\n"),
        ("debian:buster-slim", "RUN apt-get install -y curl\n"),
        ("ubuntu:18.04", "RUN apt-get install -y curl\n"),
        (
            "rockylinux:8",
            "RUN sed -i s/mirror.example.org/vault.centos.org/ /etc/yum.repos.d/x.repo\n"
            "RUN yum install -y httpd\n",
        ),
    ],
)
def test_a_release_whose_repositories_no_longer_change_needs_no_pin(base: str, run: str) -> None:
    from lintdock.engine import lint_texts

    found = lint_texts({"Dockerfile": f"FROM {base}\n{run}"}, select=["LD630", "LD639"])
    assert [d.severity.label for d in found if d.severity] == ["info"]
    assert "so each build installs the same version and pinning adds nothing" in found[0].message


def test_a_supported_release_keeps_the_pin_warning() -> None:
    from lintdock.engine import lint_texts

    found = lint_texts(
        {"Dockerfile": "FROM ubuntu:24.04\nRUN apt-get install -y curl\n"}, select=["LD630"]
    )
    assert [d.severity.label for d in found if d.code == "LD630" and d.severity] == ["warning"]


def test_a_source_the_stage_adds_may_change_whatever_the_release() -> None:
    """jessfraz's fontforge: ubuntu:16.04, then add-apt-repository ppa:fontforge/fontforge."""
    from lintdock.engine import lint_texts

    text = (
        "FROM ubuntu:16.04\nRUN add-apt-repository ppa:fontforge/fontforge\n"
        "RUN apt-get install -y fontforge\n"
    )
    found = lint_texts({"Dockerfile": text}, select=["LD630"])
    assert [d.severity.label for d in found if d.severity] == ["warning"]


def test_a_go_get_that_only_fetches_what_a_later_checkout_pins() -> None:
    """jessfraz's clair: ``go get …/clair || true``, then ``git checkout "${CLAIR_VERSION}"``."""
    text = (
        "FROM golang:1.12\nRUN go get github.com/quay/clair/cmd/clair || true\n"
        "ENV CLAIR_VERSION v2.1.4\nWORKDIR /go/src/github.com/quay/clair\n"
        'RUN git checkout "${CLAIR_VERSION}"\nRUN go install ./cmd/clair\n'
    )
    assert hits(text, "LD652") == []
    unpinned = text.replace('RUN git checkout "${CLAIR_VERSION}"\n', "")
    assert len(hits(unpinned, "LD652")) == 1
    counted = text.replace(" || true", "")  # a go get whose failure counts installs
    assert len(hits(counted, "LD652")) == 1
