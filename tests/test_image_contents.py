"""lintdock.facts (images, presence, stage_shell): base image families, package installs and
removals, copies, and program presence through a stage's lineage."""

from __future__ import annotations

from textwrap import dedent

import pytest

from lintdock.facts import presence
from lintdock.facts.images import image_family
from lintdock.facts.packages import package_name
from lintdock.facts.presence import ToolCopy, ToolInstall, image_has_tool
from lintdock.facts.stage_shell import has_shell
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.parsers.dockerfile import parse_dockerfile
from lintdock.project import Project


def tool_in(dockerfile: Dockerfile, stage: Stage, tool: str) -> bool | None:
    return presence.has_tool(Project((dockerfile,)), dockerfile, stage, tool)


def shell_in(dockerfile: Dockerfile, stage: Stage) -> bool | None:
    return has_shell(Project((dockerfile,)), dockerfile, stage)


def tool_installs(dockerfile: Dockerfile, stage: Stage) -> tuple[ToolInstall, ...]:
    return presence.tool_installs(Project((dockerfile,)), dockerfile, stage)


def tool_copies(dockerfile: Dockerfile, stage: Stage) -> tuple[ToolCopy, ...]:
    return presence.tool_copies(Project((dockerfile,)), dockerfile, stage)


def parsed(text: str) -> tuple[Dockerfile, Stage]:
    """The parsed Dockerfile and its last stage."""
    dockerfile = parse_dockerfile(dedent(text), "Dockerfile")
    return dockerfile, dockerfile.stages[-1]


@pytest.mark.parametrize(
    ("reference", "family"),
    [
        ("scratch", "scratch"),
        ("gcr.io/distroless/static-debian12:nonroot", "distroless"),
        ("gcr.io/distroless/java21-debian12", "distroless"),
        ("cgr.dev/chainguard/static:latest", "distroless"),
        ("mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled", "distroless"),
        ("gcr.io/distroless/base-debian12:debug-nonroot", "busybox"),
        ("busybox", "busybox"),
        ("alpine", "alpine"),
        ("docker.io/library/alpine:3.20@sha256:abc", "alpine"),
        ("python:3.12-alpine3.20", "alpine"),
        ("node:20-alpine", "alpine"),
        ("golang:1.22-alpine", "alpine"),
        ("mcr.microsoft.com/dotnet/aspnet:8.0-alpine", "alpine"),
        ("docker:29-cli", "alpine"),
        ("docker:dind", "alpine"),
        ("docker.io/library/docker:28.0.1-dind-rootless", "alpine"),
        ("docker:29-windowsservercore-ltsc2022", "windows"),
        ("gloursdocker/docker", "unknown"),
        ("debian:bookworm", "debian"),
        ("debian:12-slim", "debian"),
        ("ubuntu:24.04", "debian"),
        ("python:3.12-slim", "debian"),
        ("node:20-bookworm-slim", "debian"),
        ("ruby:3.3-slim", "debian"),
        ("buildpack-deps:bookworm-curl", "buildpack-deps"),
        ("python:3.12", "buildpack-deps"),
        ("python", "buildpack-deps"),
        ("node:20-bookworm", "buildpack-deps"),
        ("golang:1.22", "buildpack-deps"),
        ("openjdk:8-jdk", "buildpack-deps"),
        ("openjdk:27-slim-bookworm", "unknown"),
        ("openjdk:27-oraclelinux9", "unknown"),
        ("eclipse-temurin:21-jdk-noble", "temurin"),
        ("eclipse-temurin:21", "temurin"),
        ("jruby:9.2-jdk", "temurin"),
        ("tomcat:10-jdk17-temurin-noble", "temurin"),
        ("eclipse-temurin:21-jdk-ubi9-minimal", "unknown"),
        ("eclipse-temurin:21-jre-alpine", "alpine-based"),
        ("eclipse-temurin:21-jdk-nanoserver", "windows"),
        ("mcr.microsoft.com/windows/servercore:ltsc2022", "windows"),
        ("mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022", "windows"),
        ("python:3.12-windowsservercore", "windows"),
        ("nginx:alpine", "nginx-alpine"),
        ("nginx:1.27-alpine-slim", "alpine-based"),
        ("php:8.3-fpm-alpine", "alpine-based"),
        ("mcr.microsoft.com/dotnet/aspnet:8.0", "unknown"),
        ("python@sha256:0123", "unknown"),
        ("$BASE_IMAGE", "unknown"),
        ("", "unknown"),
        ("diamol/dotnet-aspnet", "unknown"),
    ],
)
def test_image_families(reference: str, family: str) -> None:
    assert image_family(reference).name == family


def test_pulled_image_facts() -> None:
    assert image_has_tool("alpine:3.20", "curl") is False
    assert image_has_tool("alpine:3.20", "/usr/bin/wget") is True
    assert image_has_tool("alpine:3.20", "nc") is None
    assert image_has_tool("gcr.io/distroless/python3-debian12", "python3") is True
    assert image_has_tool("gcr.io/distroless/python3-debian12", "sh") is False
    assert image_has_tool("scratch", "/app/server") is None


@pytest.mark.parametrize(
    ("word", "rpm", "name"),
    [
        ("curl", False, "curl"),
        ("curl=7.88.1-10+deb12u5", False, "curl"),
        ("curl=7.88*", False, "curl"),
        ("curl:amd64", False, "curl"),
        ("curl@edge", False, "curl"),
        ("curl>8", False, "curl"),
        ("curl-7.76.1-26.el9", True, "curl"),
        ("curl.x86_64", True, "curl"),
        ("ca-certificates", True, "ca-certificates"),
        ("Netcat-OpenBSD", False, "netcat-openbsd"),
    ],
)
def test_package_names(word: str, rpm: bool, name: str) -> None:
    assert package_name(word, rpm) == name


def test_installs_with_exact_package_spans() -> None:
    dockerfile, stage = parsed(
        """\
        FROM debian:12-slim
        RUN apt-get update \\
         && apt-get -y install --no-install-recommends curl=7.88* netcat-openbsd \\
         && rm -rf /var/lib/apt/lists/*
        """
    )
    installs = tool_installs(dockerfile, stage)
    assert [(i.tool, i.name, i.removed_later) for i in installs] == [
        ("curl", "curl", False),
        ("nc", "netcat-openbsd", False),
    ]
    spans = [
        (i.package.span.line, i.package.span.column, i.package.span.end_column) for i in installs
    ]
    assert spans == [(3, 48, 58), (3, 59, 73)]
    assert all(i.instruction.keyword == "RUN" for i in installs)


@pytest.mark.parametrize(
    "run",
    [
        "apk add --no-cache --virtual .build-deps curl && make && apk del .build-deps",
        "apt-get install -y curl && do-things && apt-get purge -y --auto-remove curl",
        "yum install -y curl && yum remove -y curl",
        "apt-get install -y curl && apt-get purge -y $BUILD_DEPS",
    ],
)
def test_removed_later_in_the_same_run(run: str) -> None:
    dockerfile, stage = parsed(f"FROM debian:12\nRUN {run}\n")
    [install] = tool_installs(dockerfile, stage)
    assert install.removed_later


@pytest.mark.parametrize(
    ("run", "tools"),
    [
        ("apk add curl wget", ["curl", "wget"]),
        ("dnf -y install curl-minimal", ["curl"]),
        ("microdnf install -y nmap-ncat", ["nc"]),
        ("zypper --non-interactive install -y curl", ["curl"]),
        ("pacman -Syu --noconfirm curl", ["curl"]),
        ("sh -c 'apt-get update && apt-get install -y wget'", ["wget"]),
        ("apk add -X https://dl-cdn.alpinelinux.org/alpine/edge/main curl", ["curl"]),
        ("apt-get install -y $PACKAGES", []),
        ("apt-get update", []),
        ("apk info curl", []),
        ("pacman -Ss curl", []),
    ],
)
def test_package_managers(run: str, tools: list[str]) -> None:
    dockerfile, stage = parsed(f"FROM debian:12\nRUN {run}\n")
    assert [i.tool for i in tool_installs(dockerfile, stage)] == tools


def test_installs_are_the_stage_s_own() -> None:
    dockerfile, stage = parsed(
        """\
        FROM debian:12 AS base
        RUN apt-get install -y curl
        FROM base
        RUN apt-get install -y wget
        """
    )
    assert [i.tool for i in tool_installs(dockerfile, stage)] == ["wget"]
    assert tool_in(dockerfile, stage, "curl") is True


def test_copies_land_where_docker_puts_them() -> None:
    dockerfile, stage = parsed(
        """\
        FROM scratch
        WORKDIR /app
        COPY --from=curlimages/curl:8.8.0 /usr/bin/curl /usr/bin/
        COPY --from=build /out/server /out/check ./
        COPY --from=build /out/ /usr/local/bin/
        ADD https://example.com/tini /tini
        """
    )
    copies = [(c.tool, c.path, c.image) for c in tool_copies(dockerfile, stage)]
    assert copies == [
        ("curl", "/usr/bin/curl", "curlimages/curl:8.8.0"),
        ("server", "/app/server", "build"),
        ("check", "/app/check", "build"),
        ("tini", "/tini", None),
    ]
    [curl] = tool_copies(dockerfile, stage)[:1]
    assert (curl.source.span.line, curl.source.span.column) == (3, 35)


@pytest.mark.parametrize(
    ("lines", "tool", "present"),
    [
        ([], "curl", False),
        ([], "sh", False),
        (["COPY --from=build /out/healthcheck /usr/local/bin/"], "healthcheck", True),
        (["COPY --from=build /out/healthcheck /usr/local/bin/"], "curl", False),
        (["COPY --from=build /out/ /usr/local/bin/"], "curl", None),
        (["COPY --from=build /go/bin /usr/local/bin"], "curl", None),
        (["COPY --from=build /out/server /server"], "/server", True),
        (["COPY --from=build /out/server /server"], "/opt/other", None),
        (["COPY --from=build /src/app /app"], "/app", None),
        (["COPY --from=busybox:1.36 /bin/busybox /bin/sh"], "/bin/sh", True),
    ],
)
def test_presence_on_scratch(lines: list[str], tool: str, present: bool | None) -> None:
    dockerfile, stage = parsed("\n".join(["FROM scratch", *lines, ""]))
    assert tool_in(dockerfile, stage, tool) is present


@pytest.mark.parametrize(
    ("lines", "present"),
    [
        ([], False),
        (["RUN apk add --no-cache curl"], True),
        (["RUN apk add curl", "RUN apk del curl"], False),
        (["RUN apk add --virtual .x curl", "RUN apk del .x"], False),
        (["RUN apk add $TOOLS"], None),
        (["RUN xargs apk add < /tmp/packages.txt"], None),
        (["RUN ./install-tools"], None),
        (["RUN sh /tmp/setup.sh"], None),
        (["RUN curl -fsSL https://example.com/install | sh"], None),
        (["RUN wget -O /usr/local/bin/curl https://example.com/curl-static"], None),
        (["RUN busybox --install -s"], None),
        (["RUN apk add curl && rm -rf /var/cache/apk/*"], True),
    ],
)
def test_curl_on_alpine(lines: list[str], present: bool | None) -> None:
    dockerfile, stage = parsed("\n".join(["FROM alpine:3.20", *lines, ""]))
    assert tool_in(dockerfile, stage, "curl") is present


def test_presence_follows_the_lineage_to_the_external_base() -> None:
    dockerfile, stage = parsed(
        "FROM python:3.12-alpine AS base\nRUN apk add curl\nFROM base AS app\nFROM app\n"
    )
    assert tool_in(dockerfile, stage, "curl") is True
    assert tool_in(dockerfile, stage, "wget") is True
    assert image_family(dockerfile.lineage(stage)[-1].base_image).name == "alpine"


def test_shell_and_the_shell_instruction() -> None:
    dockerfile, stage = parsed("FROM gcr.io/distroless/static-debian12\n")
    assert shell_in(dockerfile, stage) is False
    dockerfile, stage = parsed('FROM alpine:3.20\nSHELL ["/bin/bash", "-c"]\n')
    assert shell_in(dockerfile, stage) is None
    dockerfile, stage = parsed('FROM alpine:3.20\nRUN apk add bash\nSHELL ["/bin/bash", "-c"]\n')
    assert shell_in(dockerfile, stage) is True
    dockerfile, stage = parsed("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n")
    assert shell_in(dockerfile, stage) is None
