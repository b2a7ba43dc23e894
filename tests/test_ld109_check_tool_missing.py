"""LD109 check-tool-missing: base image families, installs and copies through the lineage,
compose tests against the built or pulled image, start-up checks, and what is not judged."""

from __future__ import annotations

import pytest
from ld1_helpers import Hit, hits, run

from lintdock.model.diagnostic import Severity

CODE = "LD109"


def image(base: str, *lines: str, check: str = "curl --fail http://localhost/") -> str:
    return "\n".join([f"FROM {base}", *lines, f"HEALTHCHECK CMD {check}", 'CMD ["app"]', ""])


@pytest.mark.parametrize(
    ("base", "check", "severity"),
    [
        ("alpine:3.20", "curl --fail http://localhost/", "warning"),
        ("python:3.12-alpine", "curl --fail http://localhost/", "warning"),
        ("busybox:1.36", "curl --fail http://localhost/", "warning"),
        ("debian:12-slim", "wget -q --spider http://localhost/", "warning"),
        ("debian:bookworm", "curl --fail http://localhost/", "warning"),
        ("ubuntu:24.04", "wget -q --spider http://localhost/", "warning"),
        ("node:20-bookworm-slim", "curl --fail http://localhost/", "warning"),
        ("scratch", '["/bin/check"]', "error"),
        ("gcr.io/distroless/static-debian12", '["curl", "--fail", "http://localhost/"]', "error"),
        ("mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled", '["wget", "localhost"]', "error"),
    ],
)
def test_known_missing_programs(base: str, check: str, severity: str) -> None:
    [finding] = run(image(base, check=check), CODE)
    assert (finding.span.line, finding.severity is not None and finding.severity.label) == (
        2,
        severity,
    )


@pytest.mark.parametrize(
    ("base", "check"),
    [
        ("alpine:3.20", "wget -q --spider http://localhost/"),
        ("python:3.12", "curl --fail http://localhost/"),
        ("golang:1.22-bookworm", "wget -q --spider http://localhost/"),
        ("buildpack-deps:bookworm-curl", "curl --fail http://localhost/"),
        ("nginx:alpine", "curl --fail http://localhost/"),
        ("example/base:1.0", "curl --fail http://localhost/"),
        ("gcr.io/distroless/base-debian12:debug", "wget -q --spider http://localhost/"),
        ("gcr.io/distroless/java21-debian12", '["java", "-cp", "/app.jar", "Health"]'),
        ("mcr.microsoft.com/windows/servercore:ltsc2022", '["curl.exe", "-f", "localhost"]'),
        ("debian:12-slim", '["/app/healthcheck"]'),
    ],
)
def test_present_or_unknown_programs(base: str, check: str) -> None:
    assert hits(image(base, check=check), CODE) == []


def test_points_at_the_program_word() -> None:
    text = image("python:3.12-slim", check="curl --fail http://localhost/ || exit 1")
    assert hits(text, CODE) == [Hit("Dockerfile", 2, 17, 2, 21, "warning")]
    assert "Debian/Ubuntu without curl or wget" in run(text, CODE)[0].message


def test_advice_names_busybox_wget_on_alpine() -> None:
    [finding] = run(image("alpine:3.20"), CODE)
    assert "wget -q --spider" in finding.message


@pytest.mark.parametrize(
    "install",
    [
        "RUN apk add --no-cache curl",
        "RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10",
        "RUN set -eux; apt-get update; apt-get -y install ca-certificates curl",
        "RUN sh -c 'apt-get update && apt-get install -y curl'",
        "RUN microdnf install -y curl-minimal",
        "COPY --from=curlimages/curl:8.8.0 /usr/bin/curl /usr/local/bin/curl",
        "RUN apt-get install -y $EXTRA_PACKAGES",
        "RUN ./scripts/install-tools.sh",
        "COPY --from=tools /usr/local/bin/ /usr/local/bin/",
    ],
)
def test_installs_copies_and_unknown_installs_make_it_present(install: str) -> None:
    assert hits(image("debian:12-slim", install), CODE) == []


def test_a_heredoc_run_installs_too() -> None:
    text = image("debian:12-slim", "RUN <<EOF", "apt-get update", "apt-get install -y curl", "EOF")
    assert hits(text, CODE) == []


@pytest.mark.parametrize(
    "removal",
    [
        "RUN apt-get install -y curl && curl -o /x https://example.com/x && apt-get purge -y curl",
        "RUN apk add --virtual .fetch curl && apk del .fetch",
    ],
)
def test_removed_in_the_same_run_is_absent(removal: str) -> None:
    base = "alpine:3.20" if "apk" in removal else "debian:12-slim"
    assert [h.line for h in hits(image(base, removal), CODE)] == [3]


def test_removed_in_a_later_run_is_absent() -> None:
    text = image("debian:12-slim", "RUN apt-get install -y curl", "RUN apt-get remove -y curl")
    assert [h.line for h in hits(text, CODE)] == [4]


def test_installed_in_a_parent_stage_of_the_same_file() -> None:
    text = """\
        FROM debian:12-slim AS base
        RUN apt-get update && apt-get install -y curl

        FROM base
        HEALTHCHECK CMD curl --fail http://localhost/
        """
    assert hits(text, CODE) == []


def test_installed_only_in_a_build_stage_does_not_ship() -> None:
    text = """\
        FROM debian:12-slim AS fetch
        RUN apt-get update && apt-get install -y curl

        FROM debian:12-slim
        HEALTHCHECK CMD curl --fail http://localhost/
        """
    assert hits(text, CODE) == [Hit("Dockerfile", 5, 17, 5, 21, "warning")]


@pytest.mark.parametrize(
    "check",
    [
        "curl --fail http://localhost/ || wget -q --spider http://localhost/",
        "command -v curl && curl --fail http://localhost/",
    ],
)
def test_fallbacks_and_guards_are_not_reported(check: str) -> None:
    assert hits(image("alpine:3.20", check=check), CODE) == []


def test_every_missing_program_of_a_check() -> None:
    """A fallback that is missing too is no fallback: both programs are reported."""
    check = "curl --fail http://localhost/ || wget -q --spider http://localhost/ || exit 1"
    assert [h.column for h in hits(image("debian:12-slim", check=check), CODE)] == [17, 50]


def test_a_fallback_that_may_be_there_counts() -> None:
    check = "curl --fail http://localhost/ || /app/healthcheck || exit 1"
    assert hits(image("debian:12-slim", check=check), CODE) == []


def test_a_missing_shell_hides_what_it_would_run() -> None:
    check = '["sh", "-c", "curl --fail http://localhost/"]'
    assert hits(image("scratch", check=check), CODE) == [Hit("Dockerfile", 2, 18, 2, 22, "error")]


def test_shell_form_on_a_shell_less_image_is_ld110s() -> None:
    assert hits(image("gcr.io/distroless/static-debian12"), CODE) == []


def test_the_healthcheck_of_a_final_stage_only() -> None:
    text = "FROM alpine:3.20 AS build\nHEALTHCHECK CMD curl -f localhost\nFROM example/base\n"
    assert hits(text, CODE) == []


def test_compose_test_against_the_built_image() -> None:
    files = {
        "Dockerfile": 'FROM node:20-slim\nCMD ["node", "server.js"]\n',
        "compose.yaml": """\
            services:
              web:
                build: .
                healthcheck:
                  test: ["CMD", "curl", "--fail", "http://localhost:3000/"]
            """,
    }
    assert hits(files, CODE) == [Hit("compose.yaml", 5, 21, 5, 27, "warning", "web")]


def test_compose_test_against_a_pulled_image() -> None:
    compose = """\
        services:
          cache:
            image: redis:7-alpine
            healthcheck:
              test: ["CMD", "redis-cli", "ping"]
          proxy:
            image: alpine:3.20
            healthcheck:
              test: curl --fail http://localhost/
        """
    [finding] = run({"compose.yaml": compose}, CODE)
    assert (finding.span.line, finding.span.column, finding.service) == (9, 13, "proxy")
    assert "no stage installs" not in finding.message


def test_a_start_up_check_in_the_image() -> None:
    text = """\
        FROM python:3.12-slim
        ENV API_URL=http://api:8000/
        CMD curl --fail --max-time 5 http://api:8000/ && exec python -m app
        """
    assert hits(text, CODE) == [Hit("Dockerfile", 3, 5, 3, 9, "warning")]


def test_a_start_up_check_in_compose_against_the_pulled_image() -> None:
    compose = """\
        services:
          web:
            image: node:20-slim
            command: ["sh", "-c", "wget -q -T 5 http://api:8080/ && exec node server.js"]
            depends_on: [api]
          api:
            image: example/api:1.0
        """
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 4, 28, 4, 32, "warning", "web")
    ]


def test_an_exec_form_program_written_with_its_arguments() -> None:
    compose = """\
        services:
          db:
            image: postgres:16
            healthcheck:
              test: ["CMD", "pg_isready -U postgres"]
        """
    [finding] = run({"compose.yaml": compose}, CODE)
    assert (finding.span.line, finding.span.column, finding.span.end_column) == (5, 21, 45)
    assert (finding.severity, finding.service) == (Severity.ERROR, "db")
    assert 'a program named "pg_isready -U postgres"' in finding.message
    assert '["CMD", "pg_isready", "-U", "postgres"]' in finding.message


def test_a_spaced_program_in_a_dockerfile_exec_form_check() -> None:
    text = image("debian:12", check='["/app/check --port 8080"]')
    assert hits(text, CODE) == [Hit("Dockerfile", 2, 18, 2, 42, "error")]


@pytest.mark.parametrize(
    ("base", "check"),
    [
        ("mcr.microsoft.com/windows/servercore:ltsc2022", '["powershell -command exit 0"]'),
        ("debian:12", '["/app/check", "--name", "two words"]'),
        ("debian:12", "pg_isready -U postgres"),
        ("example/app:1.0", '["C:\\\\Program Files\\\\App\\\\check.exe", "--quick"]'),
    ],
)
def test_windows_joins_exec_words_and_later_words_may_hold_spaces(base: str, check: str) -> None:
    assert hits(image(base, check=check), CODE) == []
