"""Normalising compose services: both syntaxes of each field into the model, with positions."""

from __future__ import annotations

from textwrap import dedent, indent

import pytest

from lintdock.model.compose import Duration, Service
from lintdock.model.span import Span
from lintdock.parsers.compose import load_compose
from lintdock.parsers.compose_words import split_command


def service(body: str, path: str = "compose.yaml", name: str = "web") -> Service:
    """The service ``name`` of a compose file whose ``services:`` section is ``body``."""
    text = "services:\n" + indent(dedent(body), "  ")
    project = load_compose([(path, text)])
    assert [f for f in project.findings if f.code == "LD002"] == []
    found = project.service(name)
    assert found is not None
    return found


class TestDependsOn:
    def test_short_form(self) -> None:
        (dependency,) = service("  web:\n    depends_on: [db]\n").depends_on
        assert dependency.short_form and dependency.condition is None
        assert dependency.condition_value == "service_started"
        assert (dependency.service.value, dependency.service.span) == ("db", Span(3, 18, 3, 20))
        assert dependency.required and not dependency.restart

    def test_long_form(self) -> None:
        body = """\
          web:
            depends_on:
              db:
                condition: service_healthy
                required: false
                restart: true
        """
        (dependency,) = service(body).depends_on
        assert not dependency.short_form
        assert dependency.service.value == "db"
        assert dependency.service.key_span == Span(4, 7, 4, 9)
        assert dependency.condition is not None
        assert dependency.condition.value == "service_healthy"
        assert dependency.condition.span == Span(5, 20, 5, 35)
        assert dependency.condition.key_span == Span(5, 9, 5, 18)
        assert not dependency.required and dependency.restart

    def test_block_of_a_depends_on_written_in_one_file(self) -> None:
        block = service("  web:\n    depends_on:\n      - db\n").depends_on_block
        assert block is not None and not block.flow
        assert block.node.span == Span(4, 7, 4, 11)
        assert block.node.key_span == Span(3, 5, 3, 15)

    def test_implicit_dependencies(self) -> None:
        body = """\
          web:
            links: ["cache:redis", db]
            volumes_from: [files, "container:other", "logs:ro"]
            network_mode: service:vpn
            ipc: service:shared
        """
        found = [(d.service.value, d.source, d.restart) for d in service(body).depends_on]
        assert found == [
            ("cache", "links", True),
            ("db", "links", True),
            ("files", "volumes_from", False),
            ("logs", "volumes_from", False),
            ("vpn", "network_mode", True),
            ("shared", "ipc", True),
        ]
        assert service(body).depends_on[4].service.span == Span(5, 19, 5, 30)


class TestHealthcheck:
    def test_string_is_cmd_shell(self) -> None:
        body = "  web:\n    healthcheck:\n      test: curl --fail http://localhost/\n"
        healthcheck = service(body).healthcheck
        assert healthcheck is not None
        assert healthcheck.test_kind == "CMD-SHELL"
        assert [a.value for a in healthcheck.test_args] == ["curl --fail http://localhost/"]
        assert healthcheck.shell_text is not None
        assert healthcheck.shell_text.span(5, 11) == Span(4, 18, 4, 24)
        assert healthcheck.key.key_span == Span(3, 5, 3, 16)

    @pytest.mark.parametrize(
        ("test", "kind", "args"),
        [
            ('["CMD", "curl", "-f", "http://x/"]', "CMD", ["curl", "-f", "http://x/"]),
            ("[CMD-SHELL, 'curl -f http://x/']", "CMD-SHELL", ["curl -f http://x/"]),
            ("[NONE]", "NONE", []),
            ("[curl, -f]", None, []),
            ("[]", None, []),
            ('""', None, []),
        ],
    )
    def test_list_forms(self, test: str, kind: str | None, args: list[str]) -> None:
        healthcheck = service(f"  web:\n    healthcheck:\n      test: {test}\n").healthcheck
        assert healthcheck is not None
        assert healthcheck.test_kind == kind
        assert [a.value for a in healthcheck.test_args] == args

    def test_cmd_shell_item_maps_its_characters(self) -> None:
        body = "  web:\n    healthcheck:\n      test: [CMD-SHELL, 'curl -f x']\n"
        healthcheck = service(body).healthcheck
        assert healthcheck is not None and healthcheck.shell_text is not None
        assert healthcheck.shell_text.whole == Span(4, 26, 4, 35)

    def test_block_scalar_has_no_character_map(self) -> None:
        body = "  web:\n    healthcheck:\n      test: |\n        curl -f x\n"
        healthcheck = service(body).healthcheck
        assert healthcheck is not None and healthcheck.test_kind == "CMD-SHELL"
        assert healthcheck.shell_text is None

    def test_timings_and_disable(self) -> None:
        body = """\
          web:
            healthcheck:
              interval: 10s
              timeout: 5s
              retries: 3
              start_period: 1m
              start_interval: 2s
              disable: true
        """
        healthcheck = service(body).healthcheck
        assert healthcheck is not None and healthcheck.disabled
        assert healthcheck.test is None and healthcheck.test_kind is None
        assert healthcheck.interval is not None
        assert healthcheck.interval.value == Duration("10s", 10.0)
        assert healthcheck.interval.key_span == Span(4, 7, 4, 15)
        assert healthcheck.start_period is not None
        assert healthcheck.start_period.value == Duration("1m", 60.0)
        assert healthcheck.retries is not None and healthcheck.retries.value == 3
        assert healthcheck.start_interval is not None

    def test_durations_compose_cannot_read_have_no_seconds(self) -> None:
        body = """\
        web:
          healthcheck:
            interval: 10
            timeout: 3x
            start_period: 2d
          deploy:
            restart_policy:
              delay: 1m30s
              window: [1s]
        """
        found = service(body)
        healthcheck = found.healthcheck
        assert healthcheck is not None and healthcheck.interval is not None
        assert healthcheck.interval.value == Duration(10, None)
        assert healthcheck.timeout is not None and healthcheck.timeout.value == Duration("3x", None)
        assert healthcheck.start_period is not None
        assert healthcheck.start_period.value == Duration("2d", 172800.0)
        policy = found.deploy.restart_policy if found.deploy is not None else None
        assert policy is not None and policy.delay is not None and policy.window is not None
        assert policy.delay.value == Duration("1m30s", 90.0)
        assert policy.window.value == Duration(["1s"], None)


def variables(found: Service) -> list[tuple[str, Span, str | None, Span | None]]:
    """Each variable's name, where it is written, its value and where that is written."""
    return [
        (v.name.value, v.name.span, *((v.value.value, v.value.span) if v.value else (None, None)))
        for v in found.environment
    ]


class TestEnvironment:
    def test_map(self) -> None:
        body = "  web:\n    environment:\n      URL: http://api/\n      DEBUG: true\n      EMPTY:\n"
        found = variables(service(body))
        assert found == [
            ("URL", Span(4, 7, 4, 10), "http://api/", Span(4, 12, 4, 23)),
            ("DEBUG", Span(5, 7, 5, 12), "true", Span(5, 14, 5, 18)),
            ("EMPTY", Span(6, 7, 6, 12), None, None),
        ]

    def test_list(self) -> None:
        body = "  web:\n    environment:\n      - URL=http://api/\n      - 'B=x=y'\n      - BARE\n"
        found = variables(service(body))
        assert found == [
            ("URL", Span(4, 9, 4, 12), "http://api/", Span(4, 13, 4, 24)),
            ("B", Span(5, 10, 5, 11), "x=y", Span(5, 12, 5, 15)),
            ("BARE", Span(6, 9, 6, 13), None, None),
        ]

    def test_double_quoted_with_escapes_points_at_the_item(self) -> None:
        body = '  web:\n    environment:\n      - "A=\\tx"\n'
        (variable,) = service(body).environment
        assert variable.value is not None and variable.value.value == "\tx"
        assert variable.name.span == variable.value.span == Span(4, 9, 4, 16)


class TestEnvFile:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("web.env", [("web.env", "app/web.env", True)]),
            ("[a.env, ../b.env]", [("a.env", "app/a.env", True), ("../b.env", "b.env", True)]),
            (
                "[{path: x.env, required: false}, {path: /etc/y.env}]",
                [("x.env", "app/x.env", False), ("/etc/y.env", "/etc/y.env", True)],
            ),
        ],
    )
    def test_forms(self, value: str, expected: list[tuple[str, str, bool]]) -> None:
        files = service(f"  web:\n    env_file: {value}\n", path="app/compose.yaml").env_files
        assert [(f.path.value, f.resolved, f.required) for f in files] == expected


class TestStartCommand:
    def test_string_words_with_positions(self) -> None:
        command = service("  web:\n    command: sh -c 'echo a && b'\n").command
        assert command is not None and command.is_string and command.operator_index is None
        assert [(w.value, w.span) for w in command.words] == [
            ("sh", Span(3, 14, 3, 16)),
            ("-c", Span(3, 17, 3, 19)),
            ("echo a && b", Span(3, 20, 3, 33)),
        ]

    def test_operator_ends_what_compose_runs(self) -> None:
        command = service("  web:\n    command: check && exec app\n").command
        assert command is not None and command.operator_index == 1
        assert [w.value for w in command.words] == ["check", "&&", "exec", "app"]
        assert [w.value for w in command.argv] == ["check"]
        assert command.words[1].span == Span(3, 20, 3, 22)

    def test_single_quoted_scalar_maps_inside_the_quotes(self) -> None:
        entrypoint = service("  web:\n    entrypoint: 'run --x'\n").entrypoint
        assert entrypoint is not None
        assert [w.span for w in entrypoint.words] == [Span(3, 18, 3, 21), Span(3, 22, 3, 25)]

    def test_folded_scalar_words_point_at_the_scalar(self) -> None:
        command = service("  web:\n    command: >\n      run\n      --x\n").command
        assert command is not None
        assert [w.value for w in command.words] == ["run", "--x"]
        assert {w.span for w in command.words} == {Span(3, 14, 5, 10)}

    def test_interpolated_string_words_point_at_the_scalar(self) -> None:
        command = service("  web:\n    command: run ${ARG:-x}\n").command
        assert command is not None
        assert [(w.value, w.span) for w in command.words] == [
            ("run", Span(3, 14, 3, 27)),
            ("x", Span(3, 14, 3, 27)),
        ]

    def test_list(self) -> None:
        command = service("  web:\n    command: [app, --port, 8080]\n").command
        assert command is not None and not command.is_string
        assert [(w.value, w.span) for w in command.words] == [
            ("app", Span(3, 15, 3, 18)),
            ("--port", Span(3, 20, 3, 26)),
            ("8080", Span(3, 28, 3, 32)),
        ]
        assert command.node.key_span == Span(3, 5, 3, 12)

    def test_null_means_the_image_default(self) -> None:
        assert service("  web:\n    command: null\n").command is None

    def test_unterminated_quote_is_ld003(self) -> None:
        text = 'services:\n  web:\n    command: echo "oops\n'
        assert [(f.code, f.span) for f in load_compose([("c.yaml", text)]).findings] == [
            ("LD003", Span(3, 14, 3, 24))
        ]


@pytest.mark.parametrize(
    ("text", "words", "operator_index", "error"),
    [
        ("a  b\tc", ["a", "b", "c"], None, None),
        ('a "b c"d', ["a", "b cd"], None, None),
        ("a 'b \\ c'", ["a", "b \\ c"], None, None),
        ("a\\ b c\\tx", ["a b", "c\tx"], None, None),
        ("x ; y", ["x", ";", "y"], 1, None),
        ("x|y", ["x", "|", "y"], 1, None),
        ("run 2>&1", ["run", "2>&1"], 1, None),
        ("run >&- x", ["run", ">&-", "x"], 1, None),
        ("a > out", ["a", ">", "out"], 1, None),
        ("echo '&&'", ["echo", "&&"], None, None),
        ("a $(b c) `d e`", ["a", "$(b c)", "`d e`"], None, None),
        ("''", [""], None, None),
        ('"open', ["open"], None, "invalid command line string"),
        ("a (b)", ["a", "(b)"], None, "invalid command line string"),
        ("ok && 'open", ["ok", "&&", "open"], 1, None),
    ],
)
def test_split_command(
    text: str, words: list[str], operator_index: int | None, error: str | None
) -> None:
    split = split_command(text)
    assert [w.text for w in split.words] == words
    assert (split.operator_index, split.error) == (operator_index, error)


class TestBuild:
    def test_string(self) -> None:
        build = service("  web:\n    build: ./web\n", path="proj/compose.yaml").build
        assert build is not None
        assert (build.context.value, build.context_path) == ("./web", "proj/web")
        assert build.dockerfile_path == "proj/web/Dockerfile"
        assert build.key.key_span == Span(3, 5, 3, 10)

    def test_map(self) -> None:
        body = """\
          web:
            build:
              context: ../api
              dockerfile: docker/Dockerfile.prod
              target: runtime
        """
        build = service(body, path="deploy/compose.yaml").build
        assert build is not None
        assert build.context_path == "api"
        assert build.dockerfile is not None and build.dockerfile.span == Span(5, 19, 5, 41)
        assert build.dockerfile_path == "api/docker/Dockerfile.prod"
        assert build.target is not None and build.target.value == "runtime"

    def test_default_context_and_inline_dockerfile(self) -> None:
        body = "  web:\n    build:\n      dockerfile_inline: FROM alpine\n"
        build = service(body).build
        assert build is not None
        assert (build.context.value, build.context_path) == (".", ".")
        assert build.dockerfile_path is None
        assert build.dockerfile_inline is not None

    @pytest.mark.parametrize(
        "context",
        ["https://github.com/org/repo.git#main", "git@github.com:org/repo.git", "github.com/o/r"],
    )
    def test_remote_context_has_no_path(self, context: str) -> None:
        build = service(f"  web:\n    build: {context}\n").build
        assert build is not None and build.context_path is None
        assert build.dockerfile_path is None

    def test_absolute_dockerfile(self) -> None:
        body = "  web:\n    build: {context: ., dockerfile: /abs/Dockerfile}\n"
        build = service(body, path="p/compose.yaml").build
        assert build is not None and build.dockerfile_path == "/abs/Dockerfile"


class TestOtherFields:
    def test_deploy(self) -> None:
        body = """\
          web:
            deploy:
              replicas: 2
              resources: {}
              placement: {constraints: []}
              restart_policy:
                condition: on-failure
                max_attempts: 3
                delay: 5s
                window: 1m
        """
        deploy = service(body).deploy
        assert deploy is not None and deploy.restart_policy is not None
        # replicas is honoured by docker compose: not a key only Swarm acts on
        assert [(k.value, k.span) for k in deploy.swarm_keys] == [
            ("placement", Span(6, 7, 6, 16)),
        ]
        policy = deploy.restart_policy
        assert policy.condition is not None and policy.condition.value == "on-failure"
        assert policy.max_attempts is not None and policy.max_attempts.value == 3
        assert policy.key.key_span == Span(7, 7, 7, 21)

    @pytest.mark.parametrize(("mode", "swarm_keys"), [("replicated", []), ("global", ["mode"])])
    def test_deploy_mode_global_only_is_swarm(self, mode: str, swarm_keys: list[str]) -> None:
        deploy = service(f"  web:\n    deploy:\n      mode: {mode}\n").deploy
        assert deploy is not None
        assert [k.value for k in deploy.swarm_keys] == swarm_keys

    def test_restart_no_is_a_string(self) -> None:
        restart = service("  web:\n    restart: no\n").restart
        assert restart is not None and (restart.value, restart.span) == ("no", Span(3, 14, 3, 16))

    def test_ports_expose_profiles_aliases(self) -> None:
        body = """\
          web:
            ports: ["8080:80", 443, {target: 9000, published: "9000"}]
            expose: [3000, "4000"]
            profiles: [debug]
            hostname: web.local
            network_mode: bridge
            networks:
              front:
                aliases: [www, site]
              back:
        """
        found = service(body)
        assert [p.value for p in found.ports] == [
            "8080:80",
            443,
            {"target": 9000, "published": "9000"},
        ]
        assert found.ports[1].span == Span(3, 24, 3, 27)
        assert [e.value for e in found.expose] == [3000, "4000"]
        assert found.profiles == ("debug",)
        assert found.aliases == ("www", "site", "web.local")
        assert found.network_mode is not None and found.network_mode.value == "bridge"

    def test_name_and_image(self) -> None:
        found = service("  web:\n    image: nginx:1.27\n")
        assert (found.name.value, found.name.span) == ("web", Span(2, 3, 2, 6))
        assert found.image is not None and found.image.key_span == Span(3, 5, 3, 10)

    def test_extends_file_is_recorded(self) -> None:
        body = "  web:\n    extends: {file: common.yaml, service: base}\n"
        extends_file = service(body).extends_file
        assert extends_file is not None and extends_file.value == "common.yaml"

    def test_service_without_body(self) -> None:
        found = service("  web:\n")
        assert found.image is None and found.depends_on == ()
