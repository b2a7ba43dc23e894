"""LD101 missing-healthcheck: final stages (targets included), inheritance through stages, what
counts as running a process, interactive shells, and the compose exemptions."""

from __future__ import annotations

import pytest
from ld1_helpers import Hit, hits, run

CODE = "LD101"

TWO_STAGES = """\
    FROM golang:1.22 AS build
    WORKDIR /src
    COPY . .
    RUN go build -o /out/app .

    FROM debian:12-slim AS runtime
    COPY --from=build /out/app /usr/local/bin/app
    CMD ["app"]
    """
RUNTIME_FROM = Hit("Dockerfile", 6, 1, 6, 31, "warning")


def test_reported_on_the_final_stage_from_line() -> None:
    assert hits(TWO_STAGES, CODE) == [RUNTIME_FROM]


def test_message_names_the_stage_and_its_process() -> None:
    [finding] = run(TWO_STAGES, CODE)
    assert finding.message.startswith('Stage "runtime" runs `CMD ["app"]` but has no HEALTHCHECK')


@pytest.mark.parametrize(
    "process",
    ['ENTRYPOINT ["/usr/local/bin/app", "serve"]', "CMD /usr/local/bin/app --serve", "EXPOSE 8080"],
)
def test_any_process_counts(process: str) -> None:
    text = f"FROM debian:12-slim\n{process}\n"
    assert hits(text, CODE) == [Hit("Dockerfile", 1, 1, 1, 20, "warning")]


def test_nothing_to_run_is_not_reported() -> None:
    assert hits("FROM debian:12-slim\nCOPY site/ /srv/site/\n", CODE) == []
    assert hits("FROM example/base:1\nCOPY site/ /srv/site/\n", CODE) == []


def test_an_official_server_image_with_files_added_runs_its_server() -> None:
    text = "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n"
    [finding] = run(text, CODE)
    assert finding.message.startswith(
        "The last stage runs the server of its base image nginx:1.27 but has no HEALTHCHECK"
    )
    assert hits("FROM mysql:8.4\nCOPY my.cnf /etc/mysql/conf.d/\n", CODE) == [
        Hit("Dockerfile", 1, 1, 1, 15, "warning")
    ]


@pytest.mark.parametrize(
    "start",
    [
        'ENTRYPOINT ["hostname"]',
        "ENTRYPOINT cp /pki/ca.pem /pki-out/",
        'ENTRYPOINT ["/usr/bin/dotnet"]\nCMD ["--info"]',
        'CMD ["npx", "cypress", "run"]',
        'CMD ["python", "-m", "pytest", "tests/"]',
        "CMD pytest -q",
        'CMD ["npm", "test"]',
        'CMD ["sh", "-c", "app --init && tail -f /dev/null"]',
        "CMD setup.sh; sleep infinity",
        'ENTRYPOINT ["watchtower", "--run-once"]',
    ],
)
def test_one_shot_and_idle_commands_run_no_service(start: str) -> None:
    assert hits(f"FROM debian:12-slim\n{start}\n", CODE) == []


WRAPPER = '#!/bin/sh\nset -e\nupdate-ca-certificates\nexec "$@"\n'
STARTER = "#!/bin/sh\nset -e\nexec nginx -g 'daemon off;'\n"
ONE_SHOT_SCRIPT = "#!/bin/sh\nexec watchtower --run-once --cleanup\n"


@pytest.mark.parametrize(
    ("script", "reported"),
    [
        pytest.param(WRAPPER, False, id='ends in exec "$@" with no CMD: a base image'),
        pytest.param(STARTER, True, id="starts the server itself"),
        pytest.param(ONE_SHOT_SCRIPT, False, id="runs a one-shot command last"),
    ],
)
def test_an_entrypoint_script_with_no_cmd(script: str, reported: bool) -> None:
    dockerfile = (
        "FROM debian:12-slim\nCOPY entrypoint.sh /__cacert_entrypoint.sh\n"
        'ENTRYPOINT ["/__cacert_entrypoint.sh"]\n'
    )
    files = {"Dockerfile": dockerfile, "entrypoint.sh": script}
    assert bool(hits(files, CODE)) is reported


def test_cmd_inherited_from_a_parent_stage_counts() -> None:
    text = """\
        FROM python:3.12-slim AS base
        CMD ["python", "-m", "app"]

        FROM base
        COPY . /app
        """
    assert hits(text, CODE) == [Hit("Dockerfile", 4, 1, 4, 10, "warning")]


def test_healthcheck_inherited_from_a_parent_stage_counts() -> None:
    text = """\
        FROM python:3.12-slim AS base
        HEALTHCHECK CMD ["python", "-m", "app.health"]

        FROM base
        CMD ["python", "-m", "app"]
        """
    assert hits(text, CODE) == []


def test_healthcheck_none_is_ld103_not_ld101() -> None:
    assert hits('FROM example/base:1\nHEALTHCHECK NONE\nCMD ["app"]\n', CODE) == []


@pytest.mark.parametrize(
    "command",
    ['CMD ["bash"]', "CMD sh", 'CMD ["python3"]', 'CMD ["node"]', "CMD irb", 'CMD ["bash", "-l"]'],
)
def test_interactive_shell_or_repl_is_a_base_image(command: str) -> None:
    assert hits(f"FROM debian:12\n{command}\n", CODE) == []


@pytest.mark.parametrize(
    "start",
    [
        'CMD ["sleep", "infinity"]',
        "CMD sleep infinity",
        'ENTRYPOINT ["/usr/local/share/docker-init.sh"]\nCMD ["sleep", "infinity"]',
        'CMD ["tail", "-f", "/dev/null"]',
        'ENTRYPOINT ["sleep", "inf"]',
    ],
)
def test_a_container_kept_idle_for_exec_is_not_a_service(start: str) -> None:
    assert hits(f"FROM debian:12\n{start}\n", CODE) == []


@pytest.mark.parametrize(
    "start",
    [
        'ENTRYPOINT ["vault"]\nCMD ["--help"]',
        'ENTRYPOINT ["/usr/local/bin/curl"]\nCMD ["-h"]',
        'ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]\nCMD ["wg", "--help"]',
        'ENTRYPOINT ["tool"]\nCMD ["--version"]',
    ],
)
def test_a_cli_tool_that_prints_its_help_is_not_a_service(start: str) -> None:
    assert hits(f"FROM debian:12\n{start}\n", CODE) == []


@pytest.mark.parametrize(
    "start", ['ENTRYPOINT ["/init"]', 'ENTRYPOINT ["/sbin/tini", "--"]', "ENTRYPOINT dumb-init"]
)
def test_an_init_with_nothing_to_run_is_a_base_image(start: str) -> None:
    assert hits(f"FROM debian:12\n{start}\n", CODE) == []


def test_a_base_image_that_exposes_a_port_runs_a_service() -> None:
    text = 'FROM alpine:3.20\nENTRYPOINT ["/init"]\nEXPOSE 80 443\n'
    assert hits(text, CODE) == [Hit("Dockerfile", 1, 1, 1, 17, "warning")]
    [finding] = run(text, CODE)
    assert finding.message.startswith("The last stage exposes 80 443 but has no HEALTHCHECK")


@pytest.mark.parametrize(
    "start",
    [
        'CMD ["sleep", "30"]',
        "CMD sleep infinity & app",
        'ENTRYPOINT ["app"]\nCMD ["--config", "/etc/app.conf", "--help"]',
        'ENTRYPOINT ["/sbin/tini", "--"]\nCMD ["node", "server.js"]',
        'ENTRYPOINT ["server"]\nCMD ["-v"]',
    ],
)
def test_a_bounded_sleep_or_a_program_with_more_than_help_is_a_process(
    start: str,
) -> None:
    assert hits(f"FROM debian:12\n{start}\n", CODE) == [Hit("Dockerfile", 1, 1, 1, 15, "warning")]


@pytest.mark.parametrize(
    "command",
    [
        'CMD ["python3", "app.py"]',
        'ENTRYPOINT ["bash"]\nCMD ["serve.sh"]',
        'CMD ["sh", "-c", "serve"]',
    ],
)
def test_a_shell_with_a_script_is_a_process(command: str) -> None:
    assert hits(f"FROM debian:12\n{command}\n", CODE) == [Hit("Dockerfile", 1, 1, 1, 15, "warning")]


def test_build_stage_processes_are_not_final() -> None:
    text = """\
        FROM golang:1.22 AS test
        CMD ["go", "test", "./..."]

        FROM scratch
        COPY --from=test /src/bin/tool /tool
        """
    assert hits(text, CODE) == []


COMPOSE_BUILDS = """\
    services:
      web:
        build: .
        healthcheck:
          test: ["CMD", "app", "health"]
    """


def test_exempt_when_every_building_service_has_its_own_test() -> None:
    assert hits({"Dockerfile": TWO_STAGES, "compose.yaml": COMPOSE_BUILDS}, CODE) == []


def test_reported_when_one_building_service_runs_it_without_a_check() -> None:
    compose = """\
        services:
          web:
            build: .
            healthcheck:
              test: ["CMD", "app", "health"]
          worker:
            build: .
        """
    assert hits({"Dockerfile": TWO_STAGES, "compose.yaml": compose}, CODE) == [RUNTIME_FROM]


def test_a_test_less_compose_block_is_no_exemption() -> None:
    compose = "services:\n  web:\n    build: .\n    healthcheck:\n      interval: 10s\n"
    assert hits({"Dockerfile": TWO_STAGES, "compose.yaml": compose}, CODE) == [RUNTIME_FROM]


def test_one_shot_services_exempt_the_dockerfile() -> None:
    compose = """\
        services:
          migrate:
            build: .
          api:
            image: example/api:1.0
            depends_on:
              migrate:
                condition: service_completed_successfully
        """
    assert hits({"Dockerfile": TWO_STAGES, "compose.yaml": compose}, CODE) == []


def test_targets_make_the_targeted_stage_final() -> None:
    text = """\
        FROM node:20-slim AS app
        CMD ["node", "server.js"]

        FROM app AS debug
        HEALTHCHECK CMD ["node", "health.js"]
        CMD ["node", "--inspect", "server.js"]
        """
    compose = "services:\n  web:\n    build:\n      context: .\n      target: app\n"
    assert hits({"Dockerfile": text, "compose.yaml": compose}, CODE) == [
        Hit("Dockerfile", 1, 1, 1, 25, "warning")
    ]


def test_pulled_image_service_does_not_exempt_the_dockerfile() -> None:
    compose = COMPOSE_BUILDS.replace("build: .", "image: example/web:1.0")
    assert hits({"Dockerfile": TWO_STAGES, "compose.yaml": compose}, CODE) == [RUNTIME_FROM]


@pytest.mark.parametrize(
    "start", ['ENTRYPOINT ["bash"]', "ENTRYPOINT python3", 'ENTRYPOINT ["pwsh"]']
)
def test_an_entrypoint_shell_with_no_cmd_is_interactive(start: str) -> None:
    assert hits(f"FROM debian:12\n{start}\n", CODE) == []


TERMINAL_TOOL = """\
    # Apache Bench in a container
    #
    # docker run --rm -it \\
    #\texample/ab -n 100 http://localhost/
    #
    FROM alpine:3.20
    RUN apk add --no-cache apache2-utils
    ENTRYPOINT ["ab"]
    """


def test_an_image_documented_as_a_terminal_tool_is_not_reported() -> None:
    assert hits(TERMINAL_TOOL, CODE) == []


DESKTOP_APP = """\
    # docker run -d \\
    #\t-v /tmp/.X11-unix:/tmp/.X11-unix \\ # the X11 socket
    #\t-e DISPLAY=unix$DISPLAY \\
    #\texample/gimp
    FROM debian:12-slim
    RUN apt-get update && apt-get install -y --no-install-recommends gimp
    ENTRYPOINT ["gimp"]
    CMD ["--new-instance"]
    """


def test_an_image_documented_as_a_desktop_app_is_not_reported() -> None:
    assert hits(DESKTOP_APP, CODE) == []


@pytest.mark.parametrize(
    "usage",
    [
        "docker run -d --name web example/web",
        "docker run --rm -it -p 8080:8080 example/web",
        "docker run --restart always example/web",
        "docker run -v /tmp/.X11-unix:/tmp/.X11-unix -p 5900:5900 example/web",
        "docker run example/web",
    ],
)
def test_an_image_documented_as_a_service_or_vaguely_is_still_reported(usage: str) -> None:
    text = f'# {usage}\nFROM debian:12-slim\nEXPOSE 8080\nCMD ["web", "--port", "8080"]\n'
    assert hits(text, CODE) == [Hit("Dockerfile", 2, 1, 2, 20, "warning")]


def test_a_terminal_run_written_beside_a_build_step_is_not_the_usage() -> None:
    text = """\
        FROM debian:12-slim
        # docker run --rm buildpack-deps gpg --list-keys
        RUN true
        EXPOSE 80
        CMD ["httpd", "-DFOREGROUND"]
        """
    assert hits(text, CODE) == [Hit("Dockerfile", 1, 1, 1, 20, "warning")]


def test_a_server_that_exposes_a_port_is_still_reported() -> None:
    text = 'FROM debian:12-slim\nEXPOSE 8080\nENTRYPOINT ["server"]\n'
    assert hits(text, CODE) == [Hit("Dockerfile", 1, 1, 1, 20, "warning")]


@pytest.mark.parametrize("start", ['ENTRYPOINT ["pandoc"]', "ENTRYPOINT pandoc"])
def test_a_lone_program_entrypoint_may_be_a_tool_so_it_is_info(start: str) -> None:
    text = f"FROM debian:12-slim\n{start}\n"
    assert hits(text, CODE) == [Hit("Dockerfile", 1, 1, 1, 20, "info")]
    [finding] = run(text, CODE)
    assert "Its ENTRYPOINT runs `pandoc` alone, with no CMD and no EXPOSE" in finding.message


@pytest.mark.parametrize(
    "start",
    [
        'ENTRYPOINT ["pandoc"]\nCMD ["--from", "markdown"]',
        'ENTRYPOINT ["pandoc", "--from", "markdown"]',
        'ENTRYPOINT ["/entrypoint.sh"]',
    ],
)
def test_a_program_with_arguments_or_a_script_stays_a_warning(start: str) -> None:
    assert hits(f"FROM debian:12-slim\n{start}\n", CODE) == [
        Hit("Dockerfile", 1, 1, 1, 20, "warning")
    ]


def test_a_cmd_of_help_flags_after_an_entrypoint_with_options_prints_help() -> None:
    text = 'FROM debian:12-slim\nENTRYPOINT ["sslsplit", "-D"]\nCMD ["-h"]\n'
    assert hits(text, CODE) == []
    served = 'FROM debian:12-slim\nENTRYPOINT ["sslsplit", "-D"]\nCMD ["-h"]\nEXPOSE 8443\n'
    assert hits(served, CODE) == [Hit("Dockerfile", 1, 1, 1, 20, "warning")]


@pytest.mark.parametrize(
    ("path", "severity"),
    [
        ("Dockerfile", "warning"),
        ("tests/e2e/Dockerfile", "info"),  # nobody deploys a test image
        (".devcontainer/Dockerfile", "info"),
        ("examples/api/Dockerfile", "warning"),  # people copy examples into images that ship
    ],
)
def test_a_test_or_development_image_is_information(path: str, severity: str) -> None:
    text = 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n'
    assert hits({path: text}, "LD101") == [Hit(path, 1, 1, 1, 22, severity)]
    if severity == "info":
        assert "Nobody deploys this image" in run({path: text}, "LD101")[0].message
