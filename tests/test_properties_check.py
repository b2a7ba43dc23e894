"""Properties of the whole check path (``lint_texts``, every rule selected) on generated projects:
a Dockerfile or two, a compose file that builds them, an override, a ``.env``, an entrypoint
script. Projects are built from the pieces real files are made of (so that the rules have
something to chew on), then mangled.

- no exception escapes: ``lint_texts`` raises when a rule or parser crashed;
- every finding, and every edit of its fix, lies inside its file: its line within the file, its
  columns within the line (+1 for the end), start before end. Lines are counted the way the
  file's parser counts them (BuildKit's ``\\n`` for Dockerfiles, YAML's line breaks for
  compose files);
- the run is deterministic, and every reporter renders it.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintdock.config import cli_layer, resolve
from lintdock.discovery import Kind, kind_from_name
from lintdock.engine import LintResult, Source, lint_texts, run
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.span import Span
from lintdock.parsers.compose_yaml import LINE_BREAK
from lintdock.reporters import FORMATS, render
from lintdock.rules import registry

# --- Dockerfiles ------------------------------------------------------------------------------

BASES = [
    "alpine:3.20",
    "debian:bookworm-slim",
    "ubuntu:24.04",
    "python:3.12-slim",
    "scratch",
    "gcr.io/distroless/static-debian12",
    "gcr.io/distroless/base:debug",
    "busybox",
    "mcr.microsoft.com/dotnet/aspnet:8.0",
    "mcr.microsoft.com/windows/nanoserver:ltsc2022",
    "${BASE}",
    "build",
    "runtime",
]
SHELL_COMMANDS = [
    "apt-get update && apt-get install -y --no-install-recommends curl wget",
    "apk add --no-cache curl",
    "apt-get purge -y curl && rm -rf /var/lib/apt/lists/*",
    "curl -fsSL https://get.example.com | sh",
    "wget -qO- https://x.example/i.sh | bash -s --",
    "curl -k https://x.example/a -o /a",
    "wget --no-check-certificate https://x.example/b",
    "until nc -z db 5432; do sleep 1; done",
    "for i in 1 2 3; do curl -f http://api:8080/ && break; sleep $i; done",
    "curl --fail http://numbers-api/rng && dotnet Numbers.Web.dll",
    "dotnet Utilities.HttpCheck.dll -c RngApi:Url -t 900 && exec dotnet Numbers.Web.dll",
    "wait-for-it db:5432 -t 0 -- app",
    "dockerize -wait tcp://db:5432 -timeout 0 app",
    'sh -c "curl -s localhost:8080/health | grep ok"',
    "curl -s -o /dev/null -w '%{http_code}' http://localhost/ | grep 200",
    "timeout 10 sh -c 'until curl -f http://other:80; do sleep 1; done'",
    "echo $HOME > /tmp/x 2>&1 || exit 1",
    "cat <<EOF > /etc/x\nline\nEOF",
    "microdnf install -y curl && dnf remove -y wget",
    "pip install -r requirements.txt",
    "apt install vim && yum install httpd && zypper in git && zypper dup",
    "apk add git && npm install -g express && gem install rails && yarn install",
    "go install example.com/tool@latest && dnf install -y nginx",
    "",
]
EXEC_FORMS = [
    '["python", "-m", "app"]',
    '["dotnet", "Utilities.HttpCheck.dll", "-u", "http://localhost/health"]',
    '["sh", "-c", "check && app"]',
    '["curl", "http://localhost:8080/health"]',
    '["app", "&&", "other", "$PORT"]',
    "['single', 'quoted']",
    '["missing" "comma"]',
    '["bash"]',
    "[]",
]
HEALTHCHECK_OPTIONS = [
    "--interval=30s",
    "--interval=1s",
    "--interval=500us",
    "--interval=10",
    "--timeout=1m",
    "--retries=3",
    "--retries=-1",
    "--retries=20",
    "--start-period=5s",
    "--start-interval=1s",
    "--bogus=1",
]
DIRECTIVES = [
    "# lintdock: ignore=LD101",
    "# lintdock: ignore=LD105,curl-for-checks -- reason",
    "# lintdock: ignore-file=LD2",
    "# lintdock: ignore-file",
    "# lintdock: ignore=nonsense",
    "# hadolint ignore=DL3057,DL3008",
    "# hadolint global ignore=DL3012",
    "# just a comment",
]
shell_command = st.sampled_from(SHELL_COMMANDS)
command_form = st.one_of(shell_command, st.sampled_from(EXEC_FORMS))


def _instruction(keyword: str) -> st.SearchStrategy[str]:
    if keyword in ("CMD", "ENTRYPOINT"):
        return command_form.map(lambda command: f"{keyword} {command}")
    if keyword == "HEALTHCHECK":
        return st.one_of(
            st.just("HEALTHCHECK NONE"),
            st.builds(
                lambda options, command: " ".join(["HEALTHCHECK", *options, "CMD", command]),
                st.lists(st.sampled_from(HEALTHCHECK_OPTIONS), max_size=3),
                command_form,
            ),
        )
    choices = {
        "RUN": shell_command.map(lambda c: f"RUN {c}"),
        "EXPOSE": st.sampled_from(
            ["EXPOSE 80", "EXPOSE 8080/tcp 9090", "EXPOSE ${PORT}", "EXPOSE 70000"]
        ),
        "ENV": st.sampled_from(
            [
                "ENV RngApi:Url=http://numbers-api/rng",
                "ENV DB_HOST=db REDIS_URL=redis://cache:6379/0",
                "ENV DATABASE_URL postgres://u:p@db:5432/app",
                "ENV PATH=/app/bin:$PATH",
            ]
        ),
        "COPY": st.sampled_from(
            [
                "COPY --from=build /out /app",
                "COPY --from=curlimages/curl /usr/bin/curl /usr/bin/curl",
                "COPY docker-entrypoint.sh /usr/local/bin/",
                "COPY . .",
                'COPY ["a b", "/c/"]',
                "COPY a.txt b.txt /app",
                "ADD app.py /app/",
                "COPY --from=0 /a /b",
            ]
        ),
        "OTHER": st.sampled_from(
            [
                "WORKDIR /app",
                "USER app",
                "USER root",
                "ARG BASE=alpine",
                "ARG NPM_TOKEN",
                'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
                "ONBUILD RUN make",
                "STOPSIGNAL SIGTERM",
                "LABEL a=b",
                'ENTRYPOINT ["docker-entrypoint.sh"]',
                "RUN sudo make && cd /src && make",
                "RUN wget http://x/a.tgz | tar -xz",
                "ENV A=1 B=$A",
            ]
        ),
    }
    return choices[keyword]


instruction = st.sampled_from(
    ["RUN", "RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK", "EXPOSE", "ENV", "COPY", "OTHER"]
).flatmap(_instruction)
stage = st.builds(
    lambda base, name, body, comments: "\n".join(
        [f"FROM {base}" + (f" AS {name}" if name else ""), *comments, *body]
    ),
    st.sampled_from(BASES),
    st.sampled_from([None, "build", "runtime", "test"]),
    st.lists(st.one_of(instruction, st.sampled_from(DIRECTIVES)), max_size=6),
    st.lists(st.sampled_from(DIRECTIVES), max_size=1),
)
dockerfile = st.builds(
    lambda preamble, stages, continued: (
        "\n".join([*preamble, *stages]).replace(" && ", " && \\\n    " if continued else " && ")
        + "\n"
    ),
    st.lists(st.sampled_from(["ARG BASE=alpine", "# syntax=docker/dockerfile:1", ""]), max_size=2),
    st.lists(stage, min_size=1, max_size=3),
    st.booleans(),
)

# --- compose files ----------------------------------------------------------------------------

SERVICE_NAMES = ["web", "api", "db", "numbers-api", "cache", "worker", "migrate"]
DURATIONS = ["10s", "1m30s", "500ms", "0s", "1s", "10", "abc", 10, None]
scalar = st.one_of(
    st.sampled_from(SERVICE_NAMES),
    st.sampled_from(DURATIONS),
    st.sampled_from(["no", "always", "on-failure", "on-failure:5", "on-failure:abc", "sometimes"]),
    st.integers(min_value=-2, max_value=70_000),
    st.booleans(),
    st.text(max_size=8),
)
healthcheck = st.fixed_dictionaries(
    {},
    optional={
        "test": st.one_of(
            command_form.filter(lambda c: not c.startswith("[")),
            st.lists(st.sampled_from(["CMD", "CMD-SHELL", "NONE", "curl", "-f", "http://x/"])),
            st.sampled_from(SHELL_COMMANDS),
        ),
        "interval": st.sampled_from(DURATIONS),
        "timeout": st.sampled_from(DURATIONS),
        "retries": st.sampled_from([3, -1, 20, "3", None]),
        "start_period": st.sampled_from(DURATIONS),
        "start_interval": st.sampled_from(DURATIONS),
        "disable": st.booleans(),
    },
)
dependency = st.one_of(
    st.lists(st.sampled_from(SERVICE_NAMES), max_size=3),
    st.dictionaries(
        st.sampled_from(SERVICE_NAMES),
        st.fixed_dictionaries(
            {},
            optional={
                "condition": st.sampled_from(
                    ["service_started", "service_healthy", "service_completed_successfully", "x"]
                ),
                "required": st.booleans(),
                "restart": st.booleans(),
            },
        ),
        max_size=3,
    ),
)
service = st.fixed_dictionaries(
    {},
    optional={
        "image": st.sampled_from(["postgres:16", "redis", "nginx", "app:latest", "x"]),
        "build": st.one_of(
            st.sampled_from([".", "api", "./missing"]),
            st.fixed_dictionaries(
                {"context": st.sampled_from([".", "api"])},
                optional={
                    "dockerfile": st.sampled_from(["Dockerfile", "Dockerfile.alt"]),
                    "target": st.sampled_from(["build", "runtime", "nope"]),
                },
            ),
        ),
        "depends_on": dependency,
        "healthcheck": healthcheck,
        "restart": scalar,
        "command": st.one_of(shell_command, st.lists(st.sampled_from(["sh", "-c", "a && b"]))),
        "entrypoint": st.one_of(shell_command, st.just(["/wait", "db:5432", "--", "app"])),
        "environment": st.one_of(
            st.dictionaries(
                st.sampled_from(["DB_HOST", "API_URL", "REDIS_URL", "HTTP_PROXY", "X"]),
                st.one_of(
                    st.sampled_from(SERVICE_NAMES).map(lambda s: f"http://{s}:8080/x"),
                    st.sampled_from(SERVICE_NAMES),
                    st.just("${HOST:-db}:5432"),
                    st.none(),
                ),
                max_size=3,
            ),
            st.lists(
                st.sampled_from(
                    [
                        "A=1",
                        "DB_HOST=db",
                        "URL=tcp://cache:6379",
                        "B",
                        "DB_PASSWORD=x",
                        "DSN=postgres://u:p@db/x",
                    ]
                )
            ),
        ),
        "ports": st.lists(st.sampled_from(["80:80", "8080", 5432, "127.0.0.1:9:9/udp"])),
        "expose": st.lists(st.sampled_from(["80", 9000])),
        "deploy": st.fixed_dictionaries(
            {},
            optional={
                "replicas": st.integers(0, 3),
                "mode": st.sampled_from(["replicated", "global"]),
                "restart_policy": st.fixed_dictionaries(
                    {},
                    optional={
                        "condition": st.sampled_from(["none", "on-failure", "any", "always"]),
                        "max_attempts": st.integers(-1, 5),
                        "delay": st.sampled_from(DURATIONS),
                    },
                ),
            },
        ),
        "networks": st.one_of(
            st.lists(st.sampled_from(["front", "back"])),
            st.just({"back": {"aliases": ["database", "api.internal"]}}),
        ),
        "profiles": st.lists(st.sampled_from(["debug", "tools"]), max_size=1),
        "links": st.lists(st.sampled_from(SERVICE_NAMES), max_size=1),
        "network_mode": st.sampled_from(["host", "service:db", "service:ghost"]),
        "privileged": st.booleans(),
        "user": st.sampled_from(["root", "0:0", "1000", "${UID}"]),
        "cap_add": st.lists(st.sampled_from(["SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "CHOWN"])),
        "cap_drop": st.lists(st.sampled_from(["ALL", "NET_RAW"]), max_size=1),
        "security_opt": st.lists(
            st.sampled_from(["no-new-privileges:true", "seccomp=unconfined", "label:disable"])
        ),
        "volumes": st.lists(
            st.sampled_from(
                ["/var/run/docker.sock:/s", "/etc:/e", "/sys:/sys:ro", "./d:/d:rshared", "data:/d"]
            )
        ),
        "tmpfs": st.sampled_from(["/tmp", "/tmp:exec", ["/run:suid,size=1m"]]),
        "devices": st.lists(st.sampled_from(["/dev/sda", "/dev/fuse"]), max_size=1),
        "logging": st.sampled_from([{"driver": "none"}, {"driver": "json-file"}]),
        "read_only": st.booleans(),
        "pid": st.sampled_from(["host", "service:db"]),
        "mem_limit": st.sampled_from(["512m", 0]),
        "extends": st.sampled_from([{"service": "web"}, {"service": "ghost"}, "web"]),
        "env_file": st.sampled_from(
            [".env", ["missing.env"], [{"path": ".env", "required": False}]]
        ),
        "x-unknown": scalar,
    },
)
compose = st.builds(
    lambda services, extra: {"services": services, **extra},
    st.dictionaries(st.sampled_from(SERVICE_NAMES), service, max_size=4),
    st.fixed_dictionaries(
        {},
        optional={
            "version": st.just("3.8"),
            "networks": st.just({"back": {"external": {"name": "legacy"}}}),
            "x-common": st.just({"restart": "always"}),
            "bogus": scalar,
        },
    ),
)


def to_yaml(value: object, indent: int = 0, comments: tuple[str, ...] = ()) -> str:
    """Block-style YAML with JSON scalars (and a suppression comment now and then)."""
    pad = " " * indent
    if isinstance(value, dict) and value:
        lines = []
        for number, (key, item) in enumerate(value.items()):
            comment = comments[number % len(comments)] if comments and number % 3 == 0 else ""
            if comment:
                lines.append(f"{pad}{comment}\n")
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:\n{to_yaml(item, indent + 2, comments)}")
            else:
                lines.append(f"{pad}{key}: {json.dumps(item)}\n")
        return "".join(lines)
    if isinstance(value, list) and value:
        return "".join(
            f"{pad}-\n{to_yaml(item, indent + 2, comments)}"
            if isinstance(item, (dict, list)) and item
            else f"{pad}- {json.dumps(item)}\n"
            for item in value
        )
    return f"{pad}{json.dumps(value)}\n"


compose_text = st.builds(
    to_yaml, compose, st.just(0), st.lists(st.sampled_from(DIRECTIVES), max_size=2).map(tuple)
)

# --- projects, mangled ------------------------------------------------------------------------

MANGLES = ["", "\n", "\t", "\\", "\r\n", "\u2028", "\x85", "\ufeff", ":", "- ", "*", "&a", "{", "'"]


@st.composite
def mangled(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> str:
    """A text, sometimes with a slice replaced by a fragment (near-valid input finds bugs)."""
    text = draw(texts)
    if not text or not draw(st.booleans()):
        return text
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 20)))
    return text[:start] + draw(st.sampled_from(MANGLES)) + text[end:]


projects = st.fixed_dictionaries(
    {"Dockerfile": mangled(dockerfile)},
    optional={
        "compose.yaml": mangled(compose_text),
        "compose.override.yaml": mangled(compose_text),
        "api/Dockerfile": mangled(dockerfile),
        "Dockerfile.alt": dockerfile,
        ".env": st.sampled_from(["HOST=cache\n", "PORT=80\nBASE=alpine\n", "bad line\n", ""]),
        "docker-entrypoint.sh": st.sampled_from(
            ['#!/bin/sh\nuntil nc -z db 5432; do sleep 1; done\nexec "$@"\n', "exec app\n"]
        ),
    },
)

# --- the properties ---------------------------------------------------------------------------


def parser_lines(path: str, text: str) -> list[str]:
    """The lines of a linted file as its parser counts them."""
    if kind_from_name(path) is Kind.COMPOSE:
        return LINE_BREAK.split(text)
    lines = text.removeprefix("\ufeff").split("\n")
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def assert_inside(span: Span, lines: list[str], where: str) -> None:
    assert 1 <= span.line <= span.end_line <= len(lines), where
    assert 1 <= span.column <= len(lines[span.line - 1]) + 1, where
    assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1, where
    assert (span.line, span.column) <= (span.end_line, span.end_column), where


def assert_all_inside(diagnostics: list[Diagnostic], files: dict[str, str]) -> None:
    linted = {path for path in files if kind_from_name(path) is not None}
    for diagnostic in diagnostics:
        where = f"{diagnostic.code} {diagnostic.path}:{diagnostic.span}: {diagnostic.message}"
        assert diagnostic.path in linted, where
        lines = parser_lines(diagnostic.path, files[diagnostic.path])
        assert_inside(diagnostic.span, lines, where)
        for edit in diagnostic.fix.edits if diagnostic.fix else ():
            assert_inside(edit.span, lines, f"{where} (edit {edit})")


def lint_result(files: dict[str, str]) -> LintResult:
    """What ``lint_texts`` computes, as the result the reporters take."""
    rules = registry()
    settings = resolve(rules, [cli_layer(rules, select=["ALL"])])
    sources = [
        Source(path, kind, text)
        for path, text in sorted(files.items())
        if (kind := kind_from_name(path)) is not None
    ]
    return run(sources, files.get, lambda _path: settings, rules)


PROPERTY = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(projects)
def test_no_exception_and_every_finding_inside_its_file(files: dict[str, str]) -> None:
    diagnostics = lint_texts(files, select=["ALL"])
    assert_all_inside(diagnostics, files)
    assert lint_texts(files, select=["ALL"]) == diagnostics


@PROPERTY
@given(
    st.dictionaries(
        st.sampled_from(["Dockerfile", "compose.yaml", "x/docker-compose.yml", "a.Dockerfile"]),
        st.text(max_size=300),
        min_size=1,
    )
)
def test_any_text_at_all(files: dict[str, str]) -> None:
    assert_all_inside(lint_texts(files, select=["ALL"]), files)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects)
def test_every_reporter_renders_the_run(files: dict[str, str]) -> None:
    result = lint_result(files)
    assert not result.failures
    for format_name in FORMATS:
        output = render(format_name, result)
        if format_name in ("json", "sarif"):
            json.loads(output)
    text = render("text", result)
    for diagnostic in result.diagnostics:
        location = f"{diagnostic.path}:{diagnostic.span.line}:{diagnostic.span.column}: "
        assert location + diagnostic.code in text


def test_the_generated_projects_reach_the_rules() -> None:
    """The strategies are worth their cost only if they make most rules fire."""
    seen: set[str] = set()

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(projects)
    def collect(files: dict[str, str]) -> None:
        seen.update(d.code for d in lint_texts(files, select=["ALL"]))

    collect()
    codes = {rule.code for rule in registry().rules}
    assert len(seen) >= 0.6 * len(codes), sorted(codes - seen)
