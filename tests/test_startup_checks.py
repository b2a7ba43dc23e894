"""startup_checks.py: recognising start-up dependency checks in start commands and scripts."""

from __future__ import annotations

import pytest
from ld23_helpers import project_of

from lintdock.facts.startup_checks import (
    StartupCheck,
    has_startup_check,
    runs_hidden_script,
    service_checks,
    stage_checks,
    written_checks,
)

Summary = tuple[str, tuple[str | None, ...], tuple[str, ...], str | None, str | None]


def summary(check: StartupCheck) -> Summary:
    """``(kind, probe programs, hosts, app program, operator)``."""
    app = check.app.program if check.app is not None else None
    return check.kind, tuple(c.program for c in check.commands), check.hosts, app, check.operator


def checks_of(start: str, files: dict[str, str] | None = None) -> list[Summary]:
    project = project_of({"Dockerfile": f"FROM alpine:3.20\n{start}\n", **(files or {})})
    dockerfile = project.dockerfiles[0]
    return [summary(c) for c in stage_checks(project, dockerfile, dockerfile.stages[-1])]


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        pytest.param(
            "CMD curl --fail http://numbers-api/rng && \\\n    dotnet Numbers.Web.dll",
            [("chain", ("curl",), ("numbers-api",), "dotnet", "&&")],
            id="seed v2: curl && app",
        ),
        pytest.param(
            "CMD dotnet Utilities.HttpCheck.dll -c RngApi:Url -t 900 && dotnet Numbers.Web.dll",
            [("chain", ("dotnet",), (), "dotnet", "&&")],
            id="seed v3: a custom utility, host not visible",
        ),
        pytest.param(
            'ENTRYPOINT ["wait-for-it", "db:5432", "--"]\nCMD ["python", "app.py"]',
            [("wait-tool", ("wait-for-it",), ("db",), None, None)],
            id="wait tool as the entrypoint",
        ),
        pytest.param(
            "CMD wait-for-it.sh -h db -p 5432; exec app",
            [("wait-tool", ("wait-for-it.sh",), ("db",), "app", ";")],
            id="wait tool before the app",
        ),
        pytest.param(
            "CMD until nc -z db 5432; do sleep 1; done; exec app",
            [("loop", ("nc",), ("db",), "app", ";")],
            id="until loop",
        ),
        pytest.param(
            'CMD server & pid=$!; while kill -0 "$pid"; do sleep 5; done; report',
            [],
            id="a loop that watches the container's own process",
        ),
        pytest.param(
            "CMD while ! wget -q -O /dev/null http://api:8080/; do sleep 1; done && exec app",
            [("loop", ("wget",), ("api",), "app", ";")],
            id="while ! loop",
        ),
        pytest.param(
            "CMD while true; do curl -sf http://api/ && break; sleep 1; done; exec app",
            [("loop", ("curl",), ("api",), "app", ";")],
            id="while true with break",
        ),
        pytest.param(
            "CMD for i in 1 2 3; do nc -z db 5432 && break; sleep 1; done; exec app",
            [("loop", ("nc",), ("db",), "app", ";")],
            id="for loop with break",
        ),
        pytest.param(
            'CMD ["dockerize", "-wait", "tcp://db:5432", "-wait", "http://api:8080/health", "app"]',
            [("wait-tool", ("dockerize",), ("db", "api"), None, None)],
            id="dockerize with two waits",
        ),
        pytest.param(
            "CMD pg_isready -h db -p 5432 || exit 1; exec app",
            [("chain", ("pg_isready",), ("db",), "app", ";")],
            id="check || exit",
        ),
        pytest.param(
            'CMD ["sh", "-c", "curl -fm 5 http://api/ready && exec app"]',
            [("chain", ("curl",), ("api",), "app", "&&")],
            id="exec form sh -c",
        ),
        pytest.param(
            "CMD until echo > /dev/tcp/db/5432; do sleep 1; done; exec app",
            [("loop", ("echo",), ("db",), "app", ";")],
            id="bash /dev/tcp probe",
        ),
        pytest.param(
            "CMD : </dev/tcp/cache/6379 && exec app",
            [("chain", (":",), ("cache",), "app", "&&")],
            id="/dev/tcp probe before the app",
        ),
        pytest.param(
            "CMD /wait && exec npm start",
            [("wait-tool", ("wait",), (), "npm", "&&")],
            id="docker-compose-wait's /wait, not the shell's wait",
        ),
        pytest.param("CMD cd /app && sleep 2 && exec node server.js", [], id="set-up commands"),
        pytest.param('CMD ["dockerize", "-template", "a.tmpl:a.conf", "app"]', [], id="no -wait"),
        pytest.param("CMD while true; do app; sleep 5; done", [], id="the app in a loop"),
    ],
)
def test_checks_in_start_commands(start: str, expected: list[Summary]) -> None:
    assert checks_of(start) == expected


ENTRYPOINT_SCRIPT = """\
#!/bin/sh
set -e
wait_for_db() {
  until pg_isready -h "$DB_HOST" -q; do sleep 1; done
}
unused() {
  curl -f http://never/
}
wait_for_db
exec "$@"
"""


def test_entrypoint_script_from_the_build_context() -> None:
    start = (
        "COPY docker-entrypoint.sh /usr/local/bin/\n"
        'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]'
    )
    checks = checks_of(start, {"docker-entrypoint.sh": ENTRYPOINT_SCRIPT})
    assert checks == [("script", ("pg_isready",), (), None, None)]


def test_short_h_names_a_host_only_for_programs_known_to_take_one() -> None:
    start = "CMD /server -healthcheck && pg_isready -h db && exec /server"
    assert checks_of(start) == [
        ("chain", ("server",), (), "server", "&&"),
        ("chain", ("pg_isready",), ("db",), "server", "&&"),
    ]


def test_polling_loop_in_an_entrypoint_script() -> None:
    script = '#!/bin/sh\nuntil python -m app.ping --host broker; do sleep 2; done\nexec "$@"\n'
    start = 'WORKDIR /app\nCOPY entrypoint.sh /app/\nENTRYPOINT ["./entrypoint.sh"]\nCMD ["celery"]'
    assert checks_of(start, {"entrypoint.sh": script}) == [
        ("script", ("python",), ("broker",), None, None)
    ]


def test_a_loop_in_an_entrypoint_script_that_breaks_out_once_a_probe_succeeds() -> None:
    script = (
        "#!/bin/bash\n"
        "wait_for_db() {\n"
        "    while true; do\n"
        '        psql --host "${DB_HOST}" --list >/dev/null 2>&1 && break\n'
        "        echo waiting; sleep 5\n"
        "    done\n"
        "}\n"
        "wait_for_db\n"
        'while read -r line; do echo "$line"; done < /etc/motd\n'
        'exec "$@"\n'
    )
    start = 'COPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["server"]'
    assert checks_of(start, {"entrypoint.sh": script}) == [("script", ("psql",), (), None, None)]


def test_hidden_and_visible_scripts() -> None:
    project = project_of(
        {
            "Dockerfile": 'FROM alpine\nCOPY run.sh /\nENTRYPOINT ["/entrypoint.sh"]\n'
            'CMD ["sh", "/run.sh"]\n',
            "run.sh": "exec app\n",
        }
    )
    dockerfile = project.dockerfiles[0]
    stage = dockerfile.stages[-1]
    start = project.stage_start(dockerfile, stage)
    assert runs_hidden_script(project, start, (dockerfile, stage))
    assert stage_checks(project, dockerfile, stage) == ()


COMPOSE = """\
services:
  web:
    build: ./web
    restart: on-failure
  worker:
    image: example/worker:1.0
    command: ["sh", "-c", "until nc -z broker 5672; do sleep 1; done; exec python -m worker"]
  broker:
    image: rabbitmq:3.13
"""


def test_service_checks_and_where_they_are_written() -> None:
    web = "FROM alpine\nCMD check-api --timeout 5 && exec web\n"
    project = project_of({"compose.yaml": COMPOSE, "web/Dockerfile": web})
    web_service, worker, broker = project.services
    assert [summary(c) for c in service_checks(project, web_service)] == [
        ("chain", ("check-api",), (), "web", "&&")
    ]
    assert has_startup_check(project, web_service)
    assert not has_startup_check(project, worker)  # its loop never gives up: it never exits
    assert not has_startup_check(project, broker)
    written = [(w.check.part.path, w.service, w.check.kind) for w in written_checks(project)]
    assert written == [("web/Dockerfile", None, "chain"), ("compose.yaml", "worker", "loop")]


def test_a_loop_in_a_folded_string_runs_before_the_app() -> None:
    # Every command of a folded ``sh -c`` string has the string's span: order decides.
    compose = (
        "services:\n  init:\n    image: example/client:1\n    entrypoint: >\n"
        '      sh -c "until client ping http://store:9000; do sleep 1; done;\n'
        '      client create uploads"\n'
    )
    project = project_of({"compose.yaml": compose})
    assert [summary(c) for c in service_checks(project, project.services[0])] == [
        ("loop", ("client",), ("store",), "client", ";")
    ]
