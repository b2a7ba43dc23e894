"""LD701-LD707: container names, published ports, image tags, build and image, the version
key and the project name, at exact positions, across base files and overrides."""

from __future__ import annotations

from compose_lint import Found, fixed, found, lint

from lintdock.model.diagnostic import Severity


def test_ld701_a_copied_name_is_reported_at_the_later_service() -> None:
    compose = """\
        services:
          web:
            image: example/web:2.1
            container_name: shop-web
          canary:
            image: example/web:2.2
            container_name: shop-web
        """
    assert found(compose, "LD701") == [
        Found("LD701", "compose.yaml", (7, 21, 7, 29), "canary", "error")
    ]
    [diagnostic] = lint(compose, "LD701")
    assert 'service "web" (compose.yaml:4)' in diagnostic.message


def test_ld701_across_an_override_and_not_between_profile_variants() -> None:
    base = "services:\n  db:\n    image: postgres:16\n    container_name: db\n"
    override = "services:\n  replica:\n    image: postgres:16\n    container_name: db\n"
    assert found(base, "LD701", {"compose.override.yaml": override}) == [
        Found("LD701", "compose.override.yaml", (4, 21, 4, 23), "replica", "error")
    ]
    variants = """\
        services:
          cpu:
            image: example/w:3
            container_name: worker
            profiles: [cpu]
          gpu:
            image: example/w:3
            container_name: worker
            profiles: [gpu]
          both:
            image: example/w:3
            container_name: worker
            profiles: [gpu, cpu]
        """
    assert [f.service for f in found(variants, "LD701")] == ["both"]


def test_ld701_names_from_different_unset_variables_differ() -> None:
    compose = """\
        services:
          a:
            image: example/a:1
            container_name: ${A_NAME}_x
          b:
            image: example/b:1
            container_name: ${B_NAME}_x
          c:
            image: example/b:1
            container_name: ${B_NAME}_x
        """
    assert [f.service for f in found(compose, "LD701")] == ["c"]


def ports(*entries: str) -> str:
    lines = "".join(f"      - {entry}\n" for entry in entries)
    return f"    image: example/x:1\n    ports:\n{lines}"


def test_ld702_same_port_in_two_services() -> None:
    compose = "services:\n  a:\n" + ports('"8080:80"') + "  b:\n" + ports('"8080:8000"')
    assert found(compose, "LD702") == [Found("LD702", "compose.yaml", (9, 10, 9, 14), "b", "error")]
    [diagnostic] = lint(compose, "LD702")
    assert diagnostic.message.startswith(
        'host port 8080/tcp is already published by service "a" (compose.yaml:5)'
    )


def test_ld702_host_ips_protocols_and_ranges() -> None:
    distinct = (
        "services:\n  a:\n"
        + ports('"127.0.0.1:9000:9000"', '"53:53/udp"', '"[::1]:7000:7000"')
        + "  b:\n"
        + ports('"192.168.1.5:9000:9000"', '"53:53/tcp"', '"127.0.0.1:7000:7000"')
    )
    assert found(distinct, "LD702") == []
    wildcard = (
        "services:\n  a:\n"
        + ports('"0.0.0.0:9000:9000"')
        + "  b:\n"
        + ports('"127.0.0.1:9000:9000"', '"[::1]:9000:9000"')
    )
    assert [f.span for f in found(wildcard, "LD702")] == [(9, 20, 9, 24)]
    ranged = (
        "services:\n  a:\n"
        + ports('"5060-5070:5060-5070/udp"')
        + "  b:\n"
        + ports("5066:5066/UDP", "5071:5071/udp")
    )
    [diagnostic] = lint(ranged, "LD702")
    assert diagnostic.message.startswith("host port 5066/udp is already published")


def test_ld702_long_syntax_and_one_service() -> None:
    compose = """\
        services:
          a:
            image: example/a:1
            ports:
              - "8443:443"
              - 8443:443
              - target: 8443
                published: 8443
        """
    assert found(compose, "LD702") == [Found("LD702", "compose.yaml", (8, 20, 8, 24), "a", "error")]


def test_ld702_between_a_base_file_and_its_override() -> None:
    base = "services:\n  api:\n" + ports('"3000:3000"')
    override = "services:\n  docs:\n" + ports("3000:80")
    assert found(base, "LD702", {"compose.override.yaml": override}) == [
        Found("LD702", "compose.override.yaml", (5, 9, 5, 13), "docs", "error")
    ]


def test_ld702_leaves_host_networking_and_unset_ports_alone() -> None:
    compose = (
        "services:\n  a:\n"
        + ports('"80:80"', '"${UNSET}:81"')
        + "  b:\n    network_mode: host\n"
        + ports('"80:80"')
        + "  c:\n"
        + ports('"${ALSO_UNSET}:82"')
    )
    assert found(compose, "LD702") == []


def test_ld703_invalid_names() -> None:
    compose = """\
        services:
          a:
            image: example/a:1
            container_name: shop web
          b:
            image: example/a:1
            container_name: d
          c:
            image: example/a:1
            container_name: /shop_web-1.blue
          d:
            image: example/a:1
            container_name: ${PREFIX}-d
        """
    assert [(f.service, f.span) for f in found(compose, "LD703")] == [
        ("a", (4, 21, 4, 29)),
        ("b", (7, 21, 7, 22)),
    ]


def test_ld704_tags() -> None:
    compose = """\
        services:
          a:
            image: nginx
          b:
            image: registry.example:5000/team/api:Latest
          c:
            image: nginx:1.27
          d:
            image: nginx:latest@sha256:0123
          e:
            image: registry.example:5000/team/api
          f:
            image: example/api:${TAG:-latest}
          g:
            image: ${REGISTRY}/api
          h:
            build: .
            image: example/built
          i:
            image: ${IMAGE-example/api:latest}
          j:
            image: "${IMAGE:-example/api}-${FLAVOUR}"
        """
    assert [(f.service, f.span) for f in found(compose, "LD704")] == [
        ("a", (3, 12, 3, 17)),
        ("b", (5, 12, 5, 49)),
        ("e", (11, 12, 11, 42)),
        ("g", (15, 12, 15, 27)),
    ]
    assert (
        found(
            "services:\n  a:\n    image: nginx:stable\n",
            "LD704",
            options={"floating-tags": ["mainline"]},
        )
        == []
    )


def test_ld704_a_bare_name_no_registry_serves_is_built_locally() -> None:
    # nginx-proxy's tests run `image: web`, which its Makefile builds with `docker build -t web`
    compose = """\
        services:
          web:
            image: web
          proxy:
            image: nginx
        """
    assert [(f.service, f.span) for f in found(compose, "LD704")] == [("proxy", (5, 12, 5, 17))]


TESTED_IMAGE = "services:\n  tested:\n    image: example/proxy:test\n"


def test_ld704_an_image_another_compose_file_builds_and_tags_is_not_pulled() -> None:
    builder = "services:\n  proxy:\n    build: .\n    image: example/proxy:test\n"
    files = {"build/compose.yaml": builder, "build/Dockerfile": "FROM alpine:3.20\n"}
    assert [(f.path, f.service, f.span) for f in found(TESTED_IMAGE, "LD704", files)] == []
    assert [(f.path, f.service, f.span) for f in found(TESTED_IMAGE, "LD704")] == [
        ("compose.yaml", "tested", (3, 12, 3, 30))
    ]
    # a build of another tag of the repository says nothing of the one pulled
    other_tag = {**files, "build/compose.yaml": builder.replace(":test", ":2-custom")}
    assert [(f.path, f.service) for f in found(TESTED_IMAGE, "LD704", other_tag)] == [
        ("compose.yaml", "tested")
    ]


def test_ld705_build_and_image_in_one_file() -> None:
    compose = """\
        services:
          a:
            build: .
            image: example/a:1
          b:
            build: .
            image: example/b:1
            pull_policy: build
        """
    assert found(compose, "LD705") == []
    namespaced = {"namespaced-images": True}
    assert found(compose, "LD705", options=namespaced) == [
        Found("LD705", "compose.yaml", (3, 5, 3, 10), "a", "info")
    ]
    assert len(found(compose, "LD705", options={**namespaced, "allow-pull-policy": False})) == 2
    override = "services:\n  a:\n    build: ./a\n"
    assert (
        found(
            "services:\n  a:\n    image: example/a:1\n",
            "LD705",
            {"compose.override.yaml": override},
        )
        == []
    )


def test_ld705_leaves_a_name_only_the_build_can_give() -> None:
    compose = """\
        services:
          kafka-etl:
            build: ./etl
            image: etl-kafka
          agent:
            build: ./agent
            image: docker.io/library/monitor-agent:7.0-local
          db:
            build: ./db
            image: postgres:16
        """
    assert found(compose, "LD705") == [Found("LD705", "compose.yaml", (9, 5, 9, 10), "db", "info")]


def test_ld705_leaves_a_name_made_of_variables() -> None:
    compose = """\
        services:
          node:
            build: ./node
            image: ${BASE_NAME}/${BASE_IMAGE}:${TAG}
          db:
            build: ./db
            image: ${DB_IMAGE:-postgres:16}
        """
    assert found(compose, "LD705", options={"namespaced-images": True}) == []


def test_ld706_in_every_file_with_a_fix_that_keeps_comments() -> None:
    base = (
        '# the shop\nversion: "3.8"   # old\n# services follow\nservices:\n  a:\n    image: x:1\n'
    )
    override = "version: '3'\nservices: {}\n"
    assert found(base, "LD706", {"compose.override.yaml": override}) == [
        Found("LD706", "compose.override.yaml", (1, 1, 1, 8), None, "warning"),
        Found("LD706", "compose.yaml", (2, 1, 2, 8), None, "warning"),
    ]
    assert fixed(base, "LD706") == (
        "# the shop\n# services follow\nservices:\n  a:\n    image: x:1\n"
    )
    block = "services:\n  a:\n    image: x:1\nversion: >-\n  3.8\n"
    assert fixed(block, "LD706") == "services:\n  a:\n    image: x:1\n"


def test_ld706_no_fix_in_a_flow_mapping() -> None:
    [diagnostic] = lint('{version: "3", services: {a: {image: "x:1"}}}\n', "LD706")
    assert diagnostic.fix is None


def test_ld706_a_stack_file_keeps_its_version_for_older_stack_deploy() -> None:
    stack = 'version: "3.8"\nservices:\n  a:\n    image: x:1\n    deploy:\n      replicas: 2\n'
    [diagnostic] = lint(stack, "LD706", path="docker-stack.yml")
    assert (diagnostic.path, diagnostic.span.line, diagnostic.span.column) == (
        "docker-stack.yml",
        1,
        1,
    )
    assert diagnostic.severity is Severity.INFO
    assert "before Docker 23.0" in diagnostic.message
    assert diagnostic.fix is not None and not diagnostic.fix.safe
    # the same file under a Compose name: the plain warning, with a safe fix
    assert found(stack, "LD706") == [Found("LD706", "compose.yaml", (1, 1, 1, 8), None, "warning")]


def test_ld707_only_the_base_file_and_only_without_a_name() -> None:
    base = "services:\n  a:\n    image: x:1\n"
    assert found(base, "LD707") == [Found("LD707", "compose.yaml", (1, 1, 1, 9), None, "info")]
    named = {"compose.override.yaml": "name: shop\nservices: {}\n"}
    assert found(base, "LD707", named) == []
    unnamed = {"compose.override.yaml": "services:\n  a:\n    ports: ['80:80']\n"}
    assert [f.path for f in found(base, "LD707", unnamed)] == ["compose.yaml"]


def test_ld707_a_project_named_by_compose_project_name_in_dotenv() -> None:
    base = "services:\n  a:\n    image: x:1\n"
    assert found(base, "LD707", {".env": "COMPOSE_PROJECT_NAME=shop\n"}) == []
    other = {".env": "TAG=1\nCOMPOSE_PROJECT_NAME=\n"}
    assert [f.code for f in found(base, "LD707", other)] == ["LD707"]


def test_ld701_ld702_variants_through_extends_of_a_disabled_base() -> None:
    compose = """\
        services:
          base:
            image: example/app:1
            profiles: [none]
            ports:
              - "8080:8080"
          local:
            extends: base
            container_name: app
            profiles: [local]
          released:
            extends: base
            container_name: app
            profiles: [released]
          always:
            image: example/other:1
            ports:
              - "8080:80"
        """
    assert found(compose, "LD701") == []
    assert [(f.service, f.span) for f in found(compose, "LD702")] == [("always", (18, 10, 18, 14))]


def test_ld702_ports_from_variables_clash_as_a_warning_or_info() -> None:
    compose = """\
        services:
          mariadb:
            image: mariadb:11
            ports:
              - "${MARIADB_PORT:-3306}:3306"
          percona:
            image: percona:8
            ports:
              - "${PERCONA_PORT:-3306}:3306"
          literal:
            image: mysql:8
            ports:
              - "3306:3306"
        """
    [configured, against_literal] = lint(compose, "LD702")
    # each port has a variable of its own: alternatives picked per deployment (laradock)
    assert (configured.service, configured.severity) == ("percona", Severity.INFO)
    assert "with the values the variables get here" in configured.message
    assert "give each a profile of its own" in configured.message
    assert (against_literal.service, against_literal.severity) == ("literal", Severity.WARNING)
    literal = compose.replace("${MARIADB_PORT:-3306}", "3306")
    assert [(d.service, d.severity) for d in lint(literal, "LD702")] == [
        ("percona", Severity.WARNING),
        ("literal", Severity.ERROR),
    ]
    shared = compose.replace("${PERCONA_PORT:-3306}", "${MARIADB_PORT:-3306}")
    first = lint(shared, "LD702")[0]
    assert (first.service, first.severity) == ("percona", Severity.WARNING)


def test_ld702_alternatives_in_profiles_of_their_own_never_clash() -> None:
    compose = """\
        services:
          mailhog:
            image: example/mailhog:1
            profiles: [mailhog]
            ports:
              - "1025:1025"
          mailcatcher:
            image: example/mailcatcher:1
            profiles: [mailcatcher]
            ports:
              - "1025:1025"
        """
    assert found(compose, "LD702") == []
    menu = compose.replace("profiles: [mailhog]", "restart: always").replace(
        "profiles: [mailcatcher]", "restart: always"
    )
    assert found(menu, "LD702") == [
        Found("LD702", "compose.yaml", (11, 10, 11, 14), "mailcatcher", "error")
    ]


def test_ld707_a_stack_file_is_named_by_docker_stack_deploy() -> None:
    stack = (
        "services:\n  a:\n    image: x:1\n    deploy:\n      placement:\n"
        "        constraints: [node.role == manager]\n"
    )
    assert found(stack, "LD707") == []


def test_ld707_a_test_harness_is_not_asked_for_a_name() -> None:
    base = "services:\n  a:\n    image: x:1\n"
    assert lint(base, "LD707", path="tests/compose.yaml") == []
    # people copy examples: the note stays
    assert [d.path for d in lint(base, "LD707", path="examples/compose.yaml")] == [
        "examples/compose.yaml"
    ]
