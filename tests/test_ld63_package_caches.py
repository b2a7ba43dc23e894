"""LD631, LD633, LD636, LD638, LD641, LD645, LD648, LD650: what an install leaves in a layer
that ships (apt lists, recommended packages, package caches), the cleanups and cache mounts
that keep it out, build stages that do not ship, and the fixes."""

from __future__ import annotations

import pytest
from ld1_helpers import fixed, hits, run
from package_helpers import at


def test_apt_lists_kept_at_the_update_with_an_unsafe_fix_at_the_runs_end() -> None:
    text = "FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-get clean\n"
    assert hits(text, "LD631") == [at(2, 5, 19, "info")]
    [finding] = run(text, "LD631")
    assert finding.fix is not None and not finding.fix.safe
    assert fixed(text, "LD631").splitlines()[1] == (
        "RUN apt-get update && apt-get install -y curl && apt-get clean "
        "&& rm -rf /var/lib/apt/lists/*"
    )


@pytest.mark.parametrize(
    "run_line",
    [
        "apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
        "apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists",
        "apt-get update && apt-get install -y curl && rm -fr /var/lib/apt/lists/*_*",
        "apt-get update && apt-get install -y curl && apt-get dist-clean",
        "apt-get update && apt-get install -y curl && find /var/lib/apt/lists -type f -delete",
        "--mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl",
        "--mount=type=tmpfs,target=/var/lib/apt/lists apt-get update",
        "--mount=target=/var/lib/apt/lists,type=cache,sharing=locked apt-get update",
    ],
)
def test_apt_lists_deleted_or_mounted(run_line: str) -> None:
    assert hits(f"FROM debian:12\nRUN {run_line}\n", "LD631") == []


def test_only_stages_that_ship_count() -> None:
    text = (
        "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\n"
        "FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\n"
        "FROM base\nCOPY --from=build /out /out\n"
    )
    assert hits(text, "LD631") == [at(4, 5, 19, "info")]


def test_a_later_run_cannot_shrink_an_earlier_layer() -> None:
    text = "FROM debian:12\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n"
    assert hits(text, "LD631") == [at(2, 5, 19, "info")]


def test_a_bind_mount_keeps_nothing_out() -> None:
    text = "FROM debian:12\nRUN --mount=type=bind,target=/var/lib/apt/lists apt-get update\n"
    assert len(hits(text, "LD631")) == 1


def test_recommends_with_an_unsafe_fix_and_the_ways_to_turn_them_off() -> None:
    text = "FROM debian:12\nRUN apt-get install -y curl\n"
    assert hits(text, "LD633") == [at(2, 5, 20, "info")]
    [finding] = run(text, "LD633")
    assert finding.fix is not None and not finding.fix.safe
    assert fixed(text, "LD633").endswith("RUN apt-get install --no-install-recommends -y curl\n")
    quiet = (
        "FROM debian:12\n"
        "RUN apt-get -o APT::Install-Recommends=false install -y curl\n"
        "RUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01norecommends\n"
        "RUN apt-get install -y git\n"
    )
    assert hits(quiet, "LD633") == []


def test_apk_cache() -> None:
    text = (
        "FROM alpine:3.20\n"
        "RUN apk add curl\n"
        "RUN apk add --no-cache git\n"
        "RUN apk update && apk add jq && rm -rf /var/cache/apk/*\n"
        "RUN --mount=type=cache,target=/var/cache/apk apk add tini\n"
    )
    assert hits(text, "LD636") == [at(2, 5, 12, "info")]
    assert fixed(text, "LD636").splitlines()[1] == "RUN apk add --no-cache curl"


def test_apk_add_no_network_fetches_no_index_to_keep() -> None:
    text = (
        "FROM alpine:3.20\n"
        "RUN set -eux; \\\n"
        "    apk add --no-cache --virtual .build-deps gcc make; \\\n"
        "    make; \\\n"
        '    runDeps="$(scanelf --needed --nobanner /usr/local/bin/app)"; \\\n'
        "    apk add --no-network --virtual .app-rundeps $runDeps; \\\n"
        "    apk del --no-network .build-deps\n"
        "RUN apk add --no-network tini && apk add jq\n"
    )
    assert hits(text, "LD636") == [at(8, 34, 41, "info")]


@pytest.mark.parametrize(
    ("code", "run_line", "column", "end", "cleaned"),
    [
        (
            "LD638",
            "yum install -y httpd && yum clean all && echo ok && yum install -y vim",
            57,
            68,
            "RUN yum install -y httpd && yum clean all && echo ok && yum install -y vim "
            "&& yum clean all",
        ),
        (
            "LD641",
            "microdnf install -y nginx && microdnf update -y",
            34,
            49,
            "RUN microdnf install -y nginx && microdnf update -y && microdnf clean all",
        ),
        (
            "LD645",
            "zypper -n install curl && zypper -n rm vim",
            5,
            22,
            "RUN zypper -n install curl && zypper -n rm vim && zypper clean --all",
        ),
        (
            "LD650",
            "yarn install --frozen-lockfile && yarn build",
            5,
            17,
            "RUN yarn install --frozen-lockfile && yarn build && yarn cache clean",
        ),
    ],
)
def test_caches_kept_with_a_safe_fix_after_the_managers_last_command(
    code: str, run_line: str, column: int, end: int, cleaned: str
) -> None:
    text = f"FROM fedora:40\nRUN {run_line}\n"
    [finding] = run(text, code)
    assert hits(text, code) == [at(2, column, end, finding.severity.label)]  # type: ignore[union-attr]
    assert finding.fix is not None and finding.fix.safe
    assert fixed(text, code).splitlines()[1] == cleaned


@pytest.mark.parametrize(
    ("code", "run_line"),
    [
        ("LD638", "yum install -y httpd && yum clean all"),
        ("LD638", "yum -y install httpd && rm -rf /var/cache/yum"),
        ("LD638", "yum -y install httpd && dnf clean all"),
        ("LD641", "dnf install -y nginx && dnf clean all"),
        ("LD641", "--mount=type=cache,target=/var/cache/dnf dnf install -y nginx"),
        ("LD641", "--mount=type=cache,target=/var/cache/libdnf5 dnf install -y nginx"),
        ("LD645", "zypper -n in curl && zypper cc -a"),
        ("LD645", "--mount=type=cache,target=/var/cache/zypp zypper -n in curl"),
        ("LD650", "yarn install && yarn cache clean"),
        ("LD650", "--mount=type=cache,target=/usr/local/share/.cache/yarn yarn install"),
        ("LD650", "--mount=type=cache,target=/root/.cache/yarn yarn install"),
    ],
)
def test_caches_cleaned_or_mounted(code: str, run_line: str) -> None:
    assert hits(f"FROM fedora:40\nRUN {run_line}\n", code) == []


def test_a_yarn_install_in_a_bind_mount_warms_the_cache_on_purpose() -> None:
    """discourse_dev: the repository is bind-mounted, so node_modules go with the mount and the
    cache is all the RUN keeps."""
    mount = "RUN --mount=type=bind,src=/repo,from=fetch,target=/tmp/clone,readwrite"
    text = (
        "FROM alpine:3.20 AS fetch\nFROM node:22\n"
        f"{mount} cd /tmp/clone && (if [ -f yarn.lock ]; then yarn install; fi)\n"
        f"{mount} cd /src && yarn install\n"
        f"{mount} yarn install && cd /tmp/clone\n"
    )
    assert [h.line for h in hits(text, "LD650")] == [4, 5]


@pytest.mark.parametrize(
    "run_line",
    [
        "yum install -y httpd; echo ok",
        "yum install -y httpd > /dev/null",
        "yum install -y httpd || true",
        '["yum", "install", "-y", "httpd"]',
    ],
)
def test_no_cache_fix_where_appending_would_change_the_meaning(run_line: str) -> None:
    [finding] = run(f"FROM fedora:40\nRUN {run_line}\n", "LD638")
    assert finding.fix is None


def test_pip_cache_at_the_install_with_a_fix() -> None:
    text = "FROM python:3.12\nRUN pip install -r requirements.txt\n"
    assert hits(text, "LD648") == [at(2, 5, 16, "warning")]
    assert fixed(text, "LD648").endswith("RUN pip install --no-cache-dir -r requirements.txt\n")


@pytest.mark.parametrize(
    "setup",
    [
        "ENV PIP_NO_CACHE_DIR=1\nRUN pip install flask",
        "ENV PIP_NO_CACHE_DIR=off\nRUN pip install flask",
        "ARG PIP_NO_CACHE_DIR=true\nRUN pip install flask",
        "RUN PIP_NO_CACHE_DIR=1 pip install flask",
        "RUN export PIP_NO_CACHE_DIR=1 && pip install flask",
        "RUN pip install --no-cache-dir flask",
        "RUN --mount=type=cache,target=/root/.cache/pip pip install flask",
        "RUN --mount=type=cache,target=/root/.cache pip install flask",
        "ENV PIP_CACHE_DIR=/pip-cache\nRUN --mount=type=cache,target=/pip-cache pip install flask",
        "RUN pip install flask && rm -rf ~/.cache/pip",
        "RUN pip install flask && rm -rf /root/.cache",
        "RUN pip install flask && pip cache purge",
        "RUN pipx install black",
        "RUN pip install --no-index /wheels/*",
    ],
)
def test_pip_cache_kept_out(setup: str) -> None:
    assert hits(f"FROM python:3.12\n{setup}\n", "LD648") == []


def test_pip_cache_in_a_build_stage_does_not_ship() -> None:
    text = (
        "FROM python:3.12 AS build\nRUN pip wheel -w /wheels flask && pip install build\n"
        "FROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n"
        "RUN python -m pip install /wheels/*\n"
    )
    assert hits(text, "LD648") == [at(5, 5, 26, "warning")]
