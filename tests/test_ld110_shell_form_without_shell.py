"""LD110 shell-form-without-shell: shell-form instructions and CMD-SHELL tests in images
without /bin/sh, the lineage, copied shells, SHELL, and Windows."""

from __future__ import annotations

import pytest
from ld1_helpers import Hit, hits, run

CODE = "LD110"

DISTROLESS = """\
    FROM gcr.io/distroless/static-debian12 AS runtime
    COPY server /server
    RUN ["/server", "--selftest"]
    HEALTHCHECK CMD /server -healthcheck
    ENTRYPOINT /server
    """


def test_every_shell_form_instruction_at_its_command() -> None:
    assert hits(DISTROLESS, CODE) == [
        Hit("Dockerfile", 4, 17, 4, 37, "error"),
        Hit("Dockerfile", 5, 12, 5, 19, "error"),
    ]


def test_message_says_what_breaks() -> None:
    healthcheck, entrypoint = run(DISTROLESS, CODE)
    assert "the check fails every time" in healthcheck.message
    assert "the container cannot start" in entrypoint.message
    assert 'stage "runtime" (built on gcr.io/distroless/static-debian12)' in entrypoint.message


def test_a_stage_built_on_a_shell_less_stage() -> None:
    text = "FROM scratch AS rootfs\nCOPY rootfs/ /\n\nFROM rootfs\nRUN chmod +x /app\n"
    assert hits(text, CODE) == []
    text = "FROM scratch AS rootfs\nCOPY app /app\n\nFROM rootfs\nRUN chmod +x /app\n"
    assert hits(text, CODE) == [Hit("Dockerfile", 5, 5, 5, 18, "error")]


@pytest.mark.parametrize(
    "line",
    [
        "COPY --from=busybox:1.36-musl /bin/sh /bin/sh",
        "COPY --from=busybox:1.36-musl /bin/ /bin/",
    ],
)
def test_a_copied_shell_may_be_there(line: str) -> None:
    text = f"FROM scratch\n{line}\nCMD /app\n"
    assert hits(text, CODE) == []


@pytest.mark.parametrize("archive", ["rootfs.tar.xz", "coreos-766.5.0.tar.xz", "alpine.tgz"])
def test_a_root_filesystem_archive_that_add_unpacks_may_hold_a_shell(archive: str) -> None:
    text = f"FROM scratch\nADD {archive} /\nRUN rm -rf /var/cache/*\nCMD /sbin/init\n"
    assert hits(text, CODE) == []


def test_an_archive_copied_or_downloaded_stays_packed() -> None:
    text = (
        "FROM scratch\n"
        "COPY rootfs.tar.xz /\n"
        "ADD https://example.com/rootfs.tar.gz /\n"
        "RUN rm -rf /var/cache/*\n"
    )
    assert hits(text, CODE) == [Hit("Dockerfile", 4, 5, 4, 24, "error")]


def test_the_shell_instruction_names_the_shell() -> None:
    text = 'FROM gcr.io/distroless/base-debian12:debug\nSHELL ["/busybox/sh", "-c"]\nCMD /app\n'
    assert hits(text, CODE) == []
    text = 'FROM scratch\nCOPY sh /bin/sh\nSHELL ["/bin/bash", "-c"]\nCMD /app\n'
    assert hits(text, CODE) == [Hit("Dockerfile", 4, 5, 4, 9, "error")]


@pytest.mark.parametrize(
    "base",
    ["alpine:3.20", "gcr.io/distroless/base-debian12:debug", "example/base:1", "$BASE"],
)
def test_images_with_or_maybe_with_a_shell(base: str) -> None:
    assert hits(f"ARG BASE=x\nFROM {base}\nCMD /app --serve\n", CODE) == []


def test_windows_is_exempt() -> None:
    text = "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD app.exe\n"
    assert hits(text, CODE) == []


def test_compose_shell_test_on_built_and_pulled_images() -> None:
    compose = """\
        services:
          api:
            build: .
            healthcheck:
              test: /server -healthcheck
          job:
            image: gcr.io/distroless/python3-debian12
            healthcheck:
              test: ["CMD-SHELL", "python3 -c 'import app'"]
          ok:
            image: gcr.io/distroless/python3-debian12
            healthcheck:
              test: ["CMD", "python3", "-c", "import app"]
        """
    files = {"compose.yaml": compose, "Dockerfile": "FROM scratch\nCOPY server /server\n"}
    assert hits(files, CODE) == [
        Hit("compose.yaml", 5, 7, 5, 11, "error", "api"),
        Hit("compose.yaml", 9, 7, 9, 11, "error", "job"),
    ]
