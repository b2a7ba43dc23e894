"""The project layer: services linked to Dockerfile stages, effective health checks and start
commands, entrypoint scripts from the build context, env_file variables."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from lintdock.model.compose import Service
from lintdock.parsers.compose import load_compose
from lintdock.parsers.dockerfile import parse_dockerfile
from lintdock.project import Project, build_projects


def make_project(files: Mapping[str, str]) -> Project:
    """A project from in-memory files: one compose file and the Dockerfiles it may build."""
    dockerfiles = [
        parse_dockerfile(text, path) for path, text in files.items() if "Dockerfile" in path
    ]
    composes = [load_compose([(p, t)]) for p, t in files.items() if p.endswith(".yaml")]

    def read(path: str) -> str | None:
        return files.get(posixpath.normpath(path))

    projects = build_projects(dockerfiles, composes, read, lambda _path: None)
    return projects[0]


def service(project: Project, name: str) -> Service:
    found = project.compose.service(name) if project.compose else None
    assert found is not None
    return found


DEBUG_TARGET = "services:\n  api:\n    build:\n      context: .\n      target: debug\n"

MULTI_STAGE = """\
FROM golang:1.22 AS build
RUN go build -o /out/app .
HEALTHCHECK CMD ["/app", "-health"]
CMD ["/app"]

FROM build AS debug
ENTRYPOINT ["dlv", "exec", "/app"]

FROM gcr.io/distroless/static AS release
COPY --from=build /out/app /app
CMD ["/app"]
"""


def test_a_service_runs_its_target_stage_and_the_last_stage_is_not_final_when_all_target() -> None:
    project = make_project(
        {
            "compose.yaml": DEBUG_TARGET,
            "Dockerfile": MULTI_STAGE,
        }
    )
    link = project.build_of(service(project, "api"))
    assert link is not None and link.stage.name == "debug"
    assert [s.name for s in project.final_stages(link.dockerfile)] == ["debug"]


def test_without_targets_the_last_stage_is_final() -> None:
    project = make_project(
        {"compose.yaml": "services:\n  api:\n    build: .\n", "Dockerfile": MULTI_STAGE}
    )
    dockerfile = project.dockerfiles[0]
    assert [s.name for s in project.final_stages(dockerfile)] == ["release"]


def test_a_service_using_the_image_another_service_builds_shares_its_stage() -> None:
    project = make_project(
        {
            "compose.yaml": (
                "services:\n"
                "  api:\n    build: .\n    image: shop/api:1\n"
                '  worker:\n    image: shop/api:1\n    command: ["worker"]\n'
            ),
            "Dockerfile": MULTI_STAGE,
        }
    )
    link = project.build_of(service(project, "worker"))
    assert link is not None and link.stage.name == "release"


def test_the_image_healthcheck_is_inherited_through_stages_and_compose_overrides_it() -> None:
    files = {
        "compose.yaml": DEBUG_TARGET,
        "Dockerfile": MULTI_STAGE,
    }
    project = make_project(files)
    inherited = project.effective_healthcheck(service(project, "api"))
    assert inherited.state == "image"
    assert inherited.instruction is not None and inherited.instruction.span.line == 3

    files["compose.yaml"] += '    healthcheck:\n      test: ["CMD", "/app", "-ping"]\n'
    project = make_project(files)
    overridden = project.effective_healthcheck(service(project, "api"))
    assert overridden.state == "compose"
    assert overridden.script is not None and overridden.script.commands[0].program == "app"


def test_healthcheck_states_for_pulled_disabled_and_missing() -> None:
    project = make_project(
        {
            "compose.yaml": (
                "services:\n"
                "  db:\n    image: postgres:16\n"
                "  off:\n    image: redis:7\n    healthcheck:\n      disable: true\n"
                "  web:\n    build: .\n    healthcheck:\n      interval: 5s\n"
            ),
            "Dockerfile": 'FROM nginx:1.27\nCMD ["nginx"]\n',
        }
    )
    states = {
        name: project.effective_healthcheck(service(project, name)).state
        for name in ("db", "off", "web")
    }
    assert states == {"db": "unknown", "off": "disabled", "web": "none"}


def test_an_entrypoint_set_nearer_clears_the_inherited_cmd() -> None:
    project = make_project(
        {
            "compose.yaml": DEBUG_TARGET,
            "Dockerfile": MULTI_STAGE,
        }
    )
    start = project.effective_start(service(project, "api"))
    assert start.state == "known"
    assert start.command is None
    assert start.entrypoint is not None and start.entrypoint.script.commands[0].program == "dlv"


def test_compose_entrypoint_clears_the_image_cmd_and_compose_command_keeps_its_entrypoint() -> None:
    dockerfile = 'FROM python:3.12\nENTRYPOINT ["tini", "--"]\nCMD ["gunicorn", "app:app"]\n'
    project = make_project(
        {
            "compose.yaml": (
                "services:\n"
                '  a:\n    build: .\n    entrypoint: ["/bin/run"]\n'
                '  b:\n    build: .\n    command: ["celery", "worker"]\n'
            ),
            "Dockerfile": dockerfile,
        }
    )
    a = project.effective_start(service(project, "a"))
    assert a.entrypoint is not None and a.entrypoint.origin == "compose" and a.command is None
    b = project.effective_start(service(project, "b"))
    assert b.entrypoint is not None and b.entrypoint.origin == "image"
    assert b.command is not None and b.command.origin == "compose"


def test_a_pulled_image_without_compose_command_has_an_unknown_start() -> None:
    project = make_project({"compose.yaml": "services:\n  db:\n    image: postgres:16\n"})
    assert project.effective_start(service(project, "db")).state == "unknown"


def test_entrypoint_scripts_are_read_from_the_build_context() -> None:
    dockerfile = (
        "FROM alpine:3.20\n"
        "WORKDIR /srv\n"
        "COPY docker/entrypoint.sh .\n"
        "COPY bin/wait.sh /usr/local/bin/\n"
        'ENTRYPOINT ["./entrypoint.sh"]\n'
    )
    project = make_project(
        {
            "app/Dockerfile": dockerfile,
            "app/docker/entrypoint.sh": (
                '#!/bin/sh\nuntil nc -z db 5432; do sleep 1; done\nexec "$@"\n'
            ),
            "app/bin/wait.sh": "#!/bin/sh\nexit 0\n",
        }
    )
    dockerfile_model = project.dockerfiles[0]
    stage = dockerfile_model.stages[-1]
    entrypoint = stage.last("ENTRYPOINT")
    assert entrypoint is not None and entrypoint.command is not None
    word = project.script(entrypoint.command).commands[0].argv[0]  # type: ignore[union-attr]
    script = project.entrypoint_script(dockerfile_model, stage, word)
    assert script is not None and script.path == "app/docker/entrypoint.sh"
    assert [c.program for c in script.script.commands][:2] == ["nc", "sleep"]
    sleep = script.script.commands[1]
    assert (sleep.span.line, sleep.span.column) == (2, 25)

    by_name = project.script(entrypoint.command).commands[0].argv[0]  # type: ignore[union-attr]
    on_path = type(by_name)("wait.sh", "wait.sh", by_name.span)
    found = project.entrypoint_script(dockerfile_model, stage, on_path)
    assert found is not None and found.path == "app/bin/wait.sh"


def test_a_script_inside_a_copied_directory_is_found() -> None:
    dockerfile = 'FROM node:20\nADD . /app\nWORKDIR /app\nCMD ["/app/tests/tests.sh"]\n'
    project = make_project(
        {
            "result/Dockerfile": dockerfile,
            "result/tests/tests.sh": "until curl -sf web; do sleep 1; done\n",
        }
    )
    dockerfile_model = project.dockerfiles[0]
    stage = dockerfile_model.stages[-1]
    command = stage.last("CMD")
    assert command is not None and command.command is not None
    script = project.script(command.command)
    assert script is not None
    found = project.entrypoint_script(dockerfile_model, stage, script.commands[0].argv[0])
    assert found is not None and found.path == "result/tests/tests.sh"


def test_env_file_variables_are_overridden_by_environment_and_keep_their_position() -> None:
    project = make_project(
        {
            "compose.yaml": (
                "services:\n  web:\n    image: shop/web\n    env_file: web.env\n"
                "    environment:\n      MODE: production\n"
            ),
            "web.env": "# settings\nMODE=dev\nexport DATABASE_URL=postgres://db:5432/shop\n",
        }
    )
    variables = {v.name.value: v for v in project.environment(service(project, "web"))}
    assert variables["MODE"].value is not None and variables["MODE"].value.value == "production"
    database = variables["DATABASE_URL"]
    assert database.name.path == "web.env"
    assert (database.name.span.line, database.name.span.column) == (3, 8)
    assert database.value is not None and database.value.value == "postgres://db:5432/shop"


def test_one_shot_services_are_those_waited_for_with_completed_successfully() -> None:
    project = make_project(
        {
            "compose.yaml": (
                "services:\n"
                "  migrate:\n    image: shop/api\n"
                "  api:\n    image: shop/api\n    depends_on:\n"
                "      migrate:\n        condition: service_completed_successfully\n"
            )
        }
    )
    assert project.one_shot_services() == frozenset({"migrate"})


def test_dockerfiles_not_built_by_a_compose_service_are_projects_of_their_own() -> None:
    dockerfiles = [
        parse_dockerfile("FROM alpine\n", "a/Dockerfile"),
        parse_dockerfile("FROM alpine\n", "b/Dockerfile"),
    ]
    compose = load_compose([("compose.yaml", "services:\n  a:\n    build: a\n")])
    projects = build_projects(dockerfiles, [compose], lambda _p: None, lambda _p: None)
    assert [[d.path for d in p.dockerfiles] for p in projects] == [
        ["a/Dockerfile"],
        ["b/Dockerfile"],
    ]
    assert projects[0].compose is compose and projects[1].compose is None


def test_a_built_dockerfile_outside_the_run_is_loaded_as_context_only() -> None:
    compose = load_compose([("compose.yaml", "services:\n  a:\n    build: a\n")])
    loaded = parse_dockerfile("FROM alpine\n", "a/Dockerfile")
    projects = build_projects(
        [], [compose], lambda _p: None, lambda p: loaded if p == "a/Dockerfile" else None
    )
    assert projects[0].dockerfiles == (loaded,)
    assert projects[0].context_paths == frozenset({"a/Dockerfile"})
