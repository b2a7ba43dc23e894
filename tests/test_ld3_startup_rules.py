"""LD301-LD305: start-up dependency checks, with exact positions, in the Dockerfile, compose and
project views; and the seed's numbers app as the book wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest
from ld23_helpers import codes, found, lint

from lintdock.model.diagnostic import Severity

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "fixtures" / "numbers-app"


def seed_files(variant: str) -> dict[str, str]:
    root = SEED / variant
    return {
        path.relative_to(root).as_posix(): path.read_text()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.suffix != ".json"
    }


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ("v1", [("LD301", "numbers-web/Dockerfile", 13, 16, 13, 38)]),
        (
            "v2",
            [
                ("LD202", "numbers-api/Dockerfile", 14, 17, 14, 21),
                ("LD202", "numbers-web/Dockerfile", 15, 5, 15, 9),
                ("LD303", "numbers-web/Dockerfile", 15, 5, 15, 9),
                ("LD304", "numbers-web/Dockerfile", 16, 5, 16, 11),
            ],
        ),
        ("v3", [("LD304", "numbers-web/Dockerfile", 25, 5, 25, 11)]),
    ],
)
def test_the_seed_numbers_app(variant: str, expected: list[tuple[str, ...]]) -> None:
    assert found(lint(seed_files(variant), "LD2", "LD3")) == expected


# -- LD301 missing-dependency-check --------------------------------------------------------------

API_WITH_DATABASE = """\
services:
  api:
    build: .
    environment:
      DATABASE_URL: postgres://app:secret@db:5432/app
      CACHE: redis://cache:6379/0
  db:
    image: postgres:16
  cache:
    image: redis:7
"""
PYTHON_APP = 'FROM python:3.12-slim\nENV BROKER=amqp://mq:5672/\nCMD ["python", "-m", "app"]\n'


def test_ld301_compose_environment_reported_at_each_variable() -> None:
    diagnostics = lint({"compose.yaml": API_WITH_DATABASE, "Dockerfile": PYTHON_APP}, "LD301")
    assert found(diagnostics) == [
        ("LD301", "compose.yaml", 5, 7, 5, 19),
        ("LD301", "compose.yaml", 6, 7, 6, 12),
    ]
    assert [d.service for d in diagnostics] == ["api", "api"]
    assert diagnostics[0].message.startswith("`api` needs `db` (DATABASE_URL points at `db`)")


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        ("", "warning"),
        ('    restart: "no"\n', "warning"),
        ("    restart: unless-stopped\n", "info"),
        ("    deploy:\n      restart_policy:\n        condition: on-failure\n", "info"),
        (
            "    restart: always\n    deploy:\n      restart_policy:\n        condition: none\n",
            "warning",
        ),
    ],
)
def test_ld301_a_restart_policy_makes_a_lost_race_cost_a_restart(
    policy: str, severity: str
) -> None:
    compose = API_WITH_DATABASE.replace("    build: .\n", "    build: .\n" + policy)
    diagnostics = lint({"compose.yaml": compose, "Dockerfile": PYTHON_APP}, "LD301")
    assert [d.severity.label for d in diagnostics if d.severity] == [severity, severity]
    assert diagnostics[0].message.endswith("runs on broken.") is (severity == "info")


def test_ld301_image_env_reported_once_in_the_compose_file() -> None:
    compose = "services:\n  web:\n    build: .\n  numbers-api:\n    image: example/api:3\n"
    dockerfile = 'FROM alpine\nENV RngApi:Url=http://numbers-api/rng\nCMD ["app"]\n'
    diagnostics = lint({"compose.yaml": compose, "Dockerfile": dockerfile}, "LD301")
    assert found(diagnostics) == [("LD301", "compose.yaml", 2, 3, 2, 6)]
    assert "its image's ENV RngApi:Url points at `numbers-api`" in diagnostics[0].message


def test_ld301_split_host_variable_and_network_alias() -> None:
    compose = """\
services:
  worker:
    image: example/worker:1.0
    entrypoint: ["python", "-m", "worker"]
    environment:
      - CACHE_HOST=cache
      - DB_ADDR=db:5432
  redis:
    image: redis:7
    networks:
      default:
        aliases: [cache]
  db:
    image: postgres:16
"""
    assert found(lint({"compose.yaml": compose}, "LD301")) == [
        ("LD301", "compose.yaml", 6, 9, 6, 19),
        ("LD301", "compose.yaml", 7, 9, 7, 16),
    ]


def test_ld301_a_check_that_probes_other_hosts_does_not_cover() -> None:
    compose = """\
services:
  api:
    image: example/api:1.0
    entrypoint: sh -c "wait-for-it db:5432 -t 60 && exec node server.js"
    restart: on-failure
    environment:
      DB_URL: postgres://db:5432/app
      REDIS_URL: redis://redis:6379/0
  db:
    image: postgres:16
  redis:
    image: redis:7
"""
    assert found(lint({"compose.yaml": compose}, "LD301")) == [
        ("LD301", "compose.yaml", 8, 7, 8, 16)
    ]


def test_ld301_a_value_from_an_anchor_is_reported_once_naming_the_services() -> None:
    compose = """\
x-env: &env
  DATABASE_URL: postgres://db/app
services:
  a:
    image: a
    entrypoint: ["app"]
    environment: *env
  b:
    image: b
    entrypoint: ["app"]
    environment: *env
  db:
    image: postgres
"""
    diagnostics = lint({"compose.yaml": compose}, "LD301")
    assert found(diagnostics) == [("LD301", "compose.yaml", 2, 3, 2, 15)]
    assert [d.service for d in diagnostics] == ["a"]  # one finding at the anchor, naming "b"
    assert diagnostics[0].message.endswith('(the same holds for "b", sharing this definition)')


LOOP_OVER_BOTH = """\
services:
  api:
    image: example/api:1.0
    command: sh -c 'until nc -z db 5432 && nc -z cache 6379; do sleep 1; done; exec api'
    environment:
      DATABASE_URL: postgres://app:secret@db:5432/app
      CACHE: redis://cache:6379/0
  db:
    image: postgres:16
  cache:
    image: redis:7
"""


@pytest.mark.parametrize(
    "files",
    [
        pytest.param(
            {
                "compose.yaml": "services:\n  api:\n    image: a\n    command: node s.js\n"
                "    environment:\n      DB: postgres://db/x\n    depends_on: [db]\n"
                "  db:\n    image: postgres\n"
            },
            id="depends_on entry (LD404's business)",
        ),
        pytest.param(
            {
                "compose.yaml": "services:\n  web:\n    image: example/web:3\n    environment:\n"
                "      - RngApi__Url=http://numbers-api/rng\n"
                "  numbers-api:\n    image: example/api:3\n"
            },
            id="pulled image without a command: unknown",
        ),
        pytest.param(
            {
                "compose.yaml": "services:\n  worker:\n    image: example/server:2\n"
                "    command: worker\n    environment:\n      DB_HOST: db\n"
                "  db:\n    image: postgres\n"
            },
            id="a pulled image's command goes to an ENTRYPOINT that may wait",
        ),
        pytest.param(
            {"Dockerfile": 'FROM alpine\nENV API=http://api/\nENTRYPOINT ["/entrypoint.sh"]\n'},
            id="a script lintdock cannot read",
        ),
        pytest.param({"Dockerfile": "FROM alpine\nENV API=http://api/\n"}, id="no start command"),
        pytest.param(
            {"Dockerfile": 'FROM alpine\nENV A=http://localhost B=https://a.example\nCMD ["a"]'},
            id="local and dotted hosts",
        ),
        pytest.param({"compose.yaml": LOOP_OVER_BOTH}, id="a loop that probes both"),
        pytest.param(
            {
                "compose.yaml": "services:\n  recorder:\n    image: acme/video:4\n"
                "    environment:\n      GRID_URL: http://router:4444\n"
                "  router:\n    image: acme/router:4\n",
                "Video/Dockerfile": "FROM debian:bookworm\nCOPY entry_point.sh /opt/bin/\n"
                'ENTRYPOINT ["/opt/bin/entry_point.sh"]\n',
                "Video/entry_point.sh": "#!/bin/bash\nsupervisord -c /etc/supervisord.conf &\n"
                "wait $!\n",
            },
            id="an image of the repository whose entrypoint hands over to supervisord",
        ),
    ],
)
def test_ld301_silent(files: dict[str, str]) -> None:
    assert lint(files, "LD301") == []


def test_ld301_a_transitive_depends_on_with_a_condition_is_waiting() -> None:
    compose = """\
services:
  web:
    image: example/web:1.0
    entrypoint: ["node", "server.js"]
    environment:
      DATABASE_URL: postgres://app@db:5432/app
      CACHE_URL: redis://cache:6379
    depends_on: [api]
  api:
    image: example/api:1.0
    depends_on:
      db:
        condition: service_healthy
      cache:
        condition: service_started
  db:
    image: postgres:16
  cache:
    image: redis:7
"""
    diagnostics = lint({"compose.yaml": compose}, "LD301")
    assert [(d.service, "`cache`" in d.message) for d in diagnostics] == [("web", True)]


@pytest.mark.parametrize(
    ("base", "advice"),
    [
        ("debian:12-slim", "`wait-for-it api:PORT -- …`"),
        ("scratch", "scratch (an empty image) has no shell for `wait-for-it`"),
        ("gcr.io/distroless/static-debian12", "has no shell for `wait-for-it`"),
        ("mcr.microsoft.com/windows/nanoserver:ltsc2022", "Windows has no bash"),
    ],
)
def test_ld301_advice_fits_the_image(base: str, advice: str) -> None:
    dockerfile = f'FROM {base}\nENV API_URL=http://api:8080/\nCOPY app /app\nENTRYPOINT ["/app"]\n'
    [diagnostic] = lint(dockerfile, "LD301")
    assert advice in diagnostic.message
    assert ("wait-for-it api" in diagnostic.message) is base.startswith("debian")


# -- LD302 dependency-check-without-restart ------------------------------------------------------


def test_ld302_positions() -> None:
    compose = """\
services:
  a:
    image: x
    command: ["wait-for-it", "db:5432", "--", "app"]
  b:
    image: x
    command: ["wait-for-it", "db:5432", "--", "app"]
    restart: "no"
  c:
    build: .
  d:
    image: x
    command: ["wait-for-it", "db:5432", "--", "app"]
    restart: always
    deploy:
      restart_policy:
        condition: none
  e:
    image: x
    command: ["wait-for-it", "db:5432", "--", "app"]
    deploy:
      restart_policy:
        max_attempts: 3
  db:
    image: postgres
"""
    dockerfile = "FROM alpine\nCMD check-db && exec app\n"
    diagnostics = lint({"compose.yaml": compose, "Dockerfile": dockerfile}, "LD302")
    assert found(diagnostics) == [
        ("LD302", "compose.yaml", 2, 3, 2, 4),
        ("LD302", "compose.yaml", 8, 14, 8, 18),
        ("LD302", "compose.yaml", 9, 3, 9, 4),
        ("LD302", "compose.yaml", 17, 20, 17, 24),
    ]
    assert [d.service for d in diagnostics] == ["a", "b", "c", "d"]
    # a written "no restart" is a decision (a job run once?): information, not a warning
    assert [d.severity.label for d in diagnostics] == ["warning", "info", "warning", "info"]
    assert diagnostics[1].message.endswith("converge, unless it is a job meant to run once.")
    assert "(`check-db`)" in diagnostics[2].message
    assert "Add `restart: on-failure`" in diagnostics[0].message


def test_ld302_advice_follows_the_policy_in_effect() -> None:
    """With ``deploy.restart_policy`` set, ``restart`` is ignored: the finding points at the
    condition that keeps the container down and asks for the restart there."""
    compose = """\
services:
  make-site:
    image: example/app:2
    restart: on-failure
    deploy:
      restart_policy:
        condition: none
    command: ["wait-for-it", "-t", "60", "db:3306", "--", "app", "new-site"]
  db:
    image: mariadb
"""
    [diagnostic] = lint({"compose.yaml": compose}, "LD302")
    assert found([diagnostic]) == [("LD302", "compose.yaml", 7, 20, 7, 24)]
    assert "but has `deploy.restart_policy.condition: none`" in diagnostic.message
    assert "Set `deploy.restart_policy.condition: on-failure`" in diagnostic.message
    assert "Add `restart: on-failure`" not in diagnostic.message


def test_ld302_a_wait_the_script_runs_past_never_exits() -> None:
    """frappe's create-site: ``wait-for-it -t 120 db:3306;`` and the script goes on whatever
    the wait found, so the container never exits because of it; with ``set -e`` or ``&&`` it
    would, and then the policy in effect (``condition: none``) never brings it back."""
    compose = """\
services:
  make-site:
    image: example/app:2
    deploy:
      restart_policy:
        condition: none
    entrypoint: ["bash", "-c"]
    command:
      - >
        wait-for-it -t 60 db:3306;
        app new-site main
  worker:
    image: example/app:2
    command: ["wait-for-it", "-t", "60", "db:3306", "--", "app", "worker"]
    deploy:
      restart_policy:
        condition: on-failure
  db:
    image: mariadb
"""
    assert found(lint({"compose.yaml": compose}, "LD302")) == []
    strict = compose.replace("wait-for-it -t 60 db:3306;", "set -e; wait-for-it -t 60 db:3306;")
    chained = compose.replace("wait-for-it -t 60 db:3306;", "wait-for-it -t 60 db:3306 &&")
    for exits in (strict, chained):
        assert found(lint({"compose.yaml": exits}, "LD302")) == [
            ("LD302", "compose.yaml", 6, 20, 6, 24)
        ]


def test_ld302_docker_hubs_sut_service_is_a_test_runner() -> None:
    compose = """\
services:
  sut:
    build: ./tests/
    depends_on: [web]
  web:
    image: example/web:1.0
    restart: unless-stopped
"""
    files = {
        "compose.yaml": compose,
        "tests/Dockerfile": (
            "FROM debian:12-slim\n"
            'CMD ["sh", "-c", "until curl -fs web; do sleep 1; done; ./run-tests"]\n'
        ),
    }
    assert lint(files, "LD302") == []
    assert lint(files, "LD504") == []


def test_ld302_a_test_runner_must_not_be_restarted() -> None:
    compose = """\
services:
  sut:
    image: example/tests:1.0
    command: ["sh", "-c", "until nc -z web 80; do sleep 1; done; pytest -q tests/"]
  web:
    image: example/web:1.0
    restart: unless-stopped
"""
    assert lint({"compose.yaml": compose}, "LD302") == []


def test_ld302_a_chain_with_no_dependency_in_sight_is_no_dependency_check() -> None:
    compose = """\
services:
  tests:
    image: golang:1.22
    command: sh -c "go test -c . && ls app.test"
  api:
    image: example/api:1
    command: sh -c "run-migrations && exec api"
    depends_on: [db]
  db:
    image: postgres
"""
    assert found(lint({"compose.yaml": compose}, "LD302")) == [
        ("LD302", "compose.yaml", 5, 3, 5, 6)
    ]


# -- LD303 dependency-check-unbounded ------------------------------------------------------------


def test_ld303_probes_in_one_chain() -> None:
    dockerfile = (
        "FROM alpine\n"
        "CMD curl -f --connect-timeout 3 --retry 5 http://api/ && wget -q --timeout=0 http://db/"
        " && timeout 0 curl -f http://x/ && timeout 10 curl http://y/"
        " && curl --max-time=0 http://z/ && curl -fsm5 http://w/ && nc -z q 1 && exec app\n"
    )
    diagnostics = lint(dockerfile, "LD303")
    assert found(diagnostics) == [
        ("LD303", "Dockerfile", 2, 5, 2, 9),
        ("LD303", "Dockerfile", 2, 66, 2, 77),
        ("LD303", "Dockerfile", 2, 102, 2, 106),
        ("LD303", "Dockerfile", 2, 168, 2, 169),
    ]
    assert "curl `--max-time 0` means no time limit" in diagnostics[3].message


def test_ld303_wait_tools_in_compose() -> None:
    compose = """\
services:
  a:
    image: a
    command: ["wait-for", "db:5432", "--timeout=0", "--", "app"]
    restart: on-failure
  b:
    image: b
    entrypoint: dockerize -wait tcp://db:5432 -timeout 0s
    command: app
    restart: on-failure
  c:
    image: c
    command: ["wait-for-it", "db:5432", "-t", "30", "--", "app"]
    restart: on-failure
  db:
    image: postgres
"""
    diagnostics = lint({"compose.yaml": compose}, "LD303")
    assert found(diagnostics) == [
        ("LD303", "compose.yaml", 4, 38, 4, 51),
        ("LD303", "compose.yaml", 8, 47, 8, 55),
    ]
    assert [d.service for d in diagnostics] == ["a", "b"]


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("CMD until nc -z db 5432; do sleep 1; done; exec app", [(2, 5, 2, 42)]),
        ("CMD while ! nc -z db 5432; do sleep 1; done; exec app", [(2, 5, 2, 44)]),
        ("CMD while true; do nc -z db 5432 && break; sleep 1; done; exec app", [(2, 5, 2, 57)]),
        ("CMD until nc -z db 5432; do sleep 1; [ -f /stop ] && exit 1; done; exec a", []),
        ("CMD until nc -z db 5432; do n=$((n+1)); [ $n -gt 9 ] && exit 1; done; exec a", []),
        ("CMD timeout 60 sh -c 'until nc -z db 5432; do sleep 1; done' && exec app", []),
        ("CMD for i in 1 2 3; do nc -z db 5432 && break; sleep 1; done; exec app", []),
        ("CMD for i in $(seq 9); do curl -f http://a/ && break; done; exec app", [(2, 27, 2, 31)]),
        ("CMD srv & p=$!; while kill -0 $p; do sleep 5; done; echo gone; exec a", []),
    ],
)
def test_ld303_loops(start: str, expected: list[tuple[int, int, int, int]]) -> None:
    assert found(lint(f"FROM alpine\n{start}\n", "LD303")) == [
        ("LD303", "Dockerfile", *span) for span in expected
    ]


# -- LD304 check-chain-not-exec ------------------------------------------------------------------


def test_ld304_fix_inserts_exec_before_the_app() -> None:
    dockerfile = "FROM debian:12-slim\nCMD check-db && \\\n    FOO=1 gosu app /app/server\n"
    [diagnostic] = lint(dockerfile, "LD304")
    assert found([diagnostic]) == [("LD304", "Dockerfile", 3, 11, 3, 15)]
    assert diagnostic.fix is not None
    assert [(e.span.line, e.span.column, e.replacement) for e in diagnostic.fix.edits] == [
        (3, 11, "exec ")
    ]


def test_ld304_names_a_set_up_step_that_is_no_check() -> None:
    dockerfile = "FROM debian:12-slim\nCMD ./manage.py migrate && ./manage.py runserver\n"
    [diagnostic] = lint(dockerfile, "LD304")
    assert found([diagnostic]) == [("LD304", "Dockerfile", 2, 28, 2, 39)]
    assert diagnostic.message.startswith(
        "The shell runs `manage.py migrate` and then `manage.py` without `exec`:"
    )


def test_ld304_compose_sh_c_and_a_folded_scalar_without_fix() -> None:
    compose = """\
services:
  worker:
    image: debian:12
    command: ["sh", "-c", "until nc -z broker 5672; do sleep 1; done; python -m worker"]
    restart: on-failure
  w2:
    image: debian:12
    command: >
      sh -c 'curl -fsm 5 http://broker:15672/ &&
      python -m worker'
    restart: on-failure
"""
    diagnostics = lint({"compose.yaml": compose}, "LD304")
    assert [(d.service, d.span.line, d.span.column) for d in diagnostics] == [
        ("worker", 4, 71),
        ("w2", 8, 14),
    ]
    assert diagnostics[0].fix is not None
    assert diagnostics[1].fix is None


@pytest.mark.parametrize(
    "start",
    [
        "CMD check-db && exec /app/server",
        'CMD ["sh", "-c", "check-db && exec /app/server"]',
        "CMD cd /app && node server.js",
        'CMD ["check-db", "/app/server"]',
        "CMD wait-for-it db:5432 -- /app/server",
        'SHELL ["cmd", "/S", "/C"]\nCMD check.exe && app.exe',
        "CMD go test -c . && ls app.test",
        "CMD wait-for-it db:5432 && service coldfusion start && tail -f /opt/cf/logs/cf.log",
        "CMD check-db && /app/daemon --background && sleep infinity",
        "CMD until psql -h db -c 'select 1'; do sleep 1; done; psql -h db -f /schema.sql",
        "CMD objcli ping http://store:9000 && objcli create store/uploads",
    ],
)
def test_ld304_silent(start: str) -> None:
    assert lint(f"FROM debian:12-slim\n{start}\n", "LD304") == []


def test_ld304_a_runtime_that_checked_may_serve_next() -> None:
    start = "CMD until node probe.js db:5432; do sleep 1; done; node server.js"
    assert found(lint(f"FROM debian:12-slim\n{start}\n", "LD304")) == [
        ("LD304", "Dockerfile", 2, 52, 2, 56)
    ]


@pytest.mark.parametrize(
    ("dockerfile", "reported"),
    [
        pytest.param("FROM debian:12-slim\nCMD check-db && app\n", True, id="dash"),
        pytest.param("FROM python:3.12\nCMD check-db && app\n", True, id="dash (buildpack-deps)"),
        pytest.param("FROM example/base:1\nCMD check-db && app\n", True, id="unknown sh"),
        pytest.param("FROM alpine:3.20\nCMD check-db && app\n", False, id="busybox"),
        pytest.param("FROM node:20-alpine\nCMD check-db; app\n", False, id="busybox (alpine)"),
        pytest.param(
            'FROM debian:12-slim\nCMD ["bash", "-c", "check-db && app"]\n', False, id="bash -c"
        ),
        pytest.param(
            'FROM debian:12-slim\nSHELL ["/bin/bash", "-c"]\nCMD check-db && app\n',
            False,
            id="SHELL bash",
        ),
        pytest.param(
            'FROM alpine:3.20\nCMD ["dash", "-c", "check-db && app"]\n', True, id="dash named"
        ),
    ],
)
def test_ld304_reports_only_shells_that_stay_the_parent(dockerfile: str, reported: bool) -> None:
    assert bool(lint(dockerfile, "LD304")) is reported


def test_ld304_says_which_shell_stays_pid_1() -> None:
    [dash] = lint("FROM debian:12-slim\nCMD check-db && app\n", "LD304")
    assert "`/bin/sh` is dash here, which never replaces itself" in dash.message
    [unknown] = lint("FROM example/base:1\nCMD check-db && app\n", "LD304")
    assert unknown.severity is Severity.INFO
    assert "depends on the base image's `/bin/sh`, which lintdock cannot tell" in unknown.message
    assert "BusyBox sh (Alpine) replaces itself with the last command" in unknown.message


@pytest.mark.parametrize(
    ("dockerfile", "version"),
    [
        pytest.param(
            'FROM debian:buster\nCMD ["bash", "-c", "wait-for-it db:5432; app"]\n',
            "5.0",
            id="5.0 ;",
        ),
        pytest.param(
            'FROM ubuntu:18.04\nSHELL ["/bin/bash", "-c"]\n'
            "CMD until check-db; do sleep 1; done; app\n",
            "4.4",
            id="4.4 loop ;",
        ),
        pytest.param(
            'FROM ubuntu:trusty\nCMD ["bash", "-c", "check-db && app"]\n', "4.3", id="4.3 &&"
        ),
    ],
)
def test_ld304_a_bash_older_than_5_1_stays_the_parent(dockerfile: str, version: str) -> None:
    """bash execs the last command after ``&&``/``||`` from 4.4 on, after ``;`` from 5.1 on."""
    [diagnostic] = lint(dockerfile, "LD304")
    assert diagnostic.severity is Severity.WARNING
    assert f"the image's bash is {version}, which replaces itself only with" in diagnostic.message


@pytest.mark.parametrize(
    "dockerfile",
    [
        'FROM debian:buster\nCMD ["bash", "-c", "check-db && app"]\n',
        'FROM ubuntu:20.04\nCMD ["bash", "-c", "check-db || exit 1 && app"]\n',
        'FROM debian:bullseye\nCMD ["bash", "-c", "check-db; app"]\n',
        'FROM example/base:1\nCMD ["bash", "-c", "check-db; app"]\n',
    ],
)
def test_ld304_bash_that_execs_the_app_is_trusted(dockerfile: str) -> None:
    assert lint(dockerfile, "LD304") == []


@pytest.mark.parametrize(
    ("entrypoint", "command"),
    [
        ('["/bin/sh"]', '["-c", "until nc -z db 5432; do sleep 1; done; python -m worker"]'),
        ('["sh", "-c"]', '["until nc -z db 5432; do sleep 1; done; python -m worker"]'),
    ],
)
def test_ld304_compose_entrypoint_shell_and_command_script_are_one_script(
    entrypoint: str, command: str
) -> None:
    compose = f"""\
services:
  worker:
    image: debian:12
    entrypoint: {entrypoint}
    command: {command}
    environment:
      DATABASE_URL: postgres://app@db:5432/app
    restart: on-failure
  db:
    image: postgres:16
"""
    [diagnostic] = lint({"compose.yaml": compose}, "LD304")
    assert (diagnostic.service, diagnostic.span.line) == ("worker", 5)
    assert lint({"compose.yaml": compose}, "LD301") == []


def test_ld304_compose_sh_c_on_a_pulled_image_by_its_family() -> None:
    compose = """\
services:
  alpine:
    image: alpine:3.20
    command: ["sh", "-c", "until nc -z db 5432; do sleep 1; done; /app"]
  debian:
    image: debian:12
    command: ["sh", "-c", "until nc -z db 5432; do sleep 1; done; /app"]
  db:
    image: postgres:16
"""
    assert [d.service for d in lint({"compose.yaml": compose}, "LD304")] == ["debian"]


# -- LD305 shell-syntax-without-shell ------------------------------------------------------------


def test_ld305_dockerfile_exec_forms() -> None:
    dockerfile = """\
FROM alpine
CMD ["check", "&&", "app", "&&", "more"]
ENTRYPOINT ["app", "--port", "${PORT}"]
HEALTHCHECK CMD ["curl", "-f", "http://localhost/", ">/dev/null"]
FROM alpine
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["check && exec app $PORT"]
RUN ["echo", "&&"]
"""
    diagnostics = lint(dockerfile, "LD305")
    assert found(diagnostics) == [
        ("LD305", "Dockerfile", 2, 15, 2, 19),
        ("LD305", "Dockerfile", 3, 30, 3, 39),
        ("LD305", "Dockerfile", 4, 53, 4, 65),
    ]
    assert codes(diagnostics) == ["LD305"] * 3
    assert diagnostics[1].message.startswith("The variable `${PORT}` reaches `app`")


@pytest.mark.parametrize(
    "instruction",
    [
        'CMD ["find", "/tmp", "-name", "*.lock", "-exec", "rm", "{}", ";"]',
        'CMD ["php", "-r", "echo getenv(\'X\').$y;"]',
        'CMD ["awk", "-F:", "{print $NF}", "/etc/passwd"]',
        'CMD ["jq", "-n", "$ENV.HOME"]',
        'CMD ["app", "--banner", "costs $5 or $HOME"]',
        'CMD ["cmd", "/S", "/C", "check.exe", "&&", "app.exe"]',
        'CMD ["powershell", "-Command", "check", ";", "app"]',
        'ENTRYPOINT ["tini", "--", "bash", "-lc", "a || b"]',
    ],
)
def test_ld305_arguments_that_are_not_shell_syntax(instruction: str) -> None:
    assert lint(f"FROM alpine\n{instruction}\n", "LD305") == []


DOCKERGEN = """\
FROM alpine:3.20
COPY app /app/
ENTRYPOINT ["/app/docker-entrypoint.sh"]
CMD ["docker-gen", "-notify-filter", "label=$NGINX_CONTAINER_LABEL", "/app/nginx.tmpl"]
"""


def test_ld305_an_entrypoint_script_that_replaces_the_variable_in_its_arguments() -> None:
    # nginx-proxy's docker-entrypoint.sh rewrites $NGINX_CONTAINER_LABEL in "$@", then execs
    script = (
        "#!/bin/bash\nfor ((i = 1; i <= $#; i++)); do\n"
        '  set -- "${@:1:i-1}" "${!i/\\$NGINX_CONTAINER_LABEL/${NGINX_CONTAINER_LABEL}}"\n'
        'done\nexec "$@"\n'
    )
    files = {"Dockerfile": DOCKERGEN, "app/docker-entrypoint.sh": script}
    assert lint(files, "LD305") == []
    files["app/docker-entrypoint.sh"] = '#!/bin/sh\nset -e\nexec "$@"\n'
    [passed_on] = lint(files, "LD305")
    assert found([passed_on]) == [("LD305", "Dockerfile", 4, 38, 4, 68)]
    assert passed_on.severity is not None and passed_on.severity.label == "error"


def test_ld305_an_entrypoint_lintdock_cannot_read_may_expand_the_variable() -> None:
    [diagnostic] = lint({"Dockerfile": DOCKERGEN}, "LD305")
    assert found([diagnostic]) == [("LD305", "Dockerfile", 4, 38, 4, 68)]
    assert diagnostic.severity is not None and diagnostic.severity.label == "warning"
    assert diagnostic.message.endswith(
        "unless the entrypoint `docker-entrypoint.sh` (not in the files) expands it."
    )


def test_ld305_a_duplication_is_named_whole() -> None:
    compose = "services:\n  web:\n    image: x\n    command: ./web serve 2>&1 >/tmp/log\n"
    [diagnostic] = lint({"compose.yaml": compose}, "LD305")
    assert found([diagnostic]) == [("LD305", "compose.yaml", 4, 26, 4, 30)]
    assert diagnostic.message.startswith("The redirection `2>&1` cuts the compose `command`")


def test_ld305_a_dropped_2_to_1_at_the_end_loses_nothing() -> None:
    # nextcloud AIO's desec-mock: both streams reach the container log with or without it
    compose = "services:\n  web:\n    image: x\n    command: ./web serve 2>&1\n"
    [diagnostic] = lint({"compose.yaml": compose}, "LD305")
    assert found([diagnostic]) == [("LD305", "compose.yaml", 4, 26, 4, 30)]
    assert diagnostic.severity is not None and diagnostic.severity.label == "info"
    assert diagnostic.message == (
        "Compose drops `2>&1` from the `command` string (it stops reading there), but "
        "`./web serve` still runs whole and both of its streams reach the container log "
        "anyway: remove the redirection"
    )


def test_ld305_compose_commands_and_tests() -> None:
    compose = """\
services:
  web:
    image: x
    command: ./check-api && exec ./web
    entrypoint: ["/app/worker", "2>&1"]
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost", "||", "exit", "1"]
  ok:
    image: x
    command: ["node", "$$PORT", "${PORT:-1}"]
    healthcheck:
      test: ["CMD-SHELL", "curl -f http://localhost || exit 1"]
"""
    diagnostics = lint({"compose.yaml": compose}, "LD305")
    assert found(diagnostics) == [
        ("LD305", "compose.yaml", 4, 26, 4, 28),
        ("LD305", "compose.yaml", 5, 33, 5, 39),
        ("LD305", "compose.yaml", 7, 55, 7, 59),
    ]
    assert all(d.service == "web" for d in diagnostics)
    assert diagnostics[0].message.startswith(
        "The operator `&&` cuts the compose `command` string short: Compose stops reading it "
        "there and drops the rest, so only `./check-api` runs."
    )
    assert "reaches `worker` as a literal argument: compose `entrypoint` is no shell" in (
        diagnostics[1].message
    )


def test_ld303_a_one_shot_init_job_may_wait_as_long_as_it_takes() -> None:
    """A bucket-creation job: waiting for minio is its work, and nothing would restart it."""
    compose = """\
services:
  minio:
    image: minio/minio:RELEASE.2025-01-20T14-49-07Z
    restart: unless-stopped
  told-not-to-restart:
    image: minio/mc:RELEASE.2025-01-17T23-25-50Z
    restart: "no"
    entrypoint: sh -c 'until mc alias set l http://minio:9000 k s; do sleep 2; done; mc mb l/b'
  app:
    image: example/app:1
    restart: unless-stopped
    depends_on:
      - told-not-to-restart
  ends-with-exit:
    image: minio/mc:RELEASE.2025-01-17T23-25-50Z
    entrypoint: sh -c 'until mc alias set l http://minio:9000 k s; do sleep 1; done; exit 0'
  server:
    image: example/server:1
    restart: on-failure
    entrypoint: sh -c 'until nc -z minio 9000; do sleep 1; done; exec server'
"""
    assert found(lint({"compose.yaml": compose}, "LD303")) == [
        ("LD303", "compose.yaml", 20, 24, 20, 64)
    ]


def test_ld303_a_wait_in_a_service_with_a_health_check_shows_as_unhealthy() -> None:
    compose = """\
services:
  api:
    image: example/api:2
    restart: always
    command: sh -c 'while ! nc -z db 5432; do sleep 1; done; exec api'
    healthcheck:
      test: ["CMD", "curl", "-f", "http://127.0.0.1/health"]
  passbolt:
    image: example/passbolt:4
    command: ["/usr/bin/wait-for.sh", "-t", "0", "${DB_HOST}:3306", "--", "/entrypoint.sh"]
    depends_on:
      db:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "curl", "-f", "http://127.0.0.1:80"]
  db:
    image: mariadb:11
"""
    assert lint({"compose.yaml": compose}, "LD303") == []


def test_ld301_settings_of_alternative_backends_are_not_needs() -> None:
    """thumbor keeps its files on disk unless STORAGE says otherwise: the mongo and redis
    storage settings configure one backend or the other, and nothing shows either is used;
    its DATABASE_URL is a need of its own."""
    compose = """\
services:
  thumbor:
    build: .
    environment:
      STORAGE: ${STORAGE}
      MONGO_STORAGE_SERVER_HOST: mongo
      REDIS_STORAGE_SERVER_HOST: redis
      DATABASE_URL: postgres://db:5432/app
  mongo:
    image: mongo:7
  redis:
    image: redis:7.4
  db:
    image: postgres:16
"""
    files = {"compose.yaml": compose, "Dockerfile": 'FROM python:3.12-slim\nCMD ["thumbor"]\n'}
    assert found(lint(files, "LD301")) == [("LD301", "compose.yaml", 8, 7, 8, 19)]
