"""LD402 depends-on-cycle: each cycle once, from its first service in file order, at the entry
that closes it; self-dependencies; implicit dependencies; both syntaxes."""

from __future__ import annotations

from compose_lint import Found, found, lint


def test_two_services_waiting_for_each_other() -> None:
    compose = """\
        services:
          web:
            image: example/web:2.0
            depends_on:
              - api
          api:
            image: example/api:1.4
            depends_on:
              web:
                condition: service_healthy
        """
    [diagnostic] = lint(compose, "LD402")
    assert diagnostic.message.startswith("dependency cycle detected: web -> api -> web:")
    assert (diagnostic.span.line, diagnostic.span.column, diagnostic.span.end_column) == (9, 7, 10)
    assert diagnostic.service == "api"


def test_self_dependency() -> None:
    compose = """\
        services:
          worker:
            image: example/worker:1.0
            depends_on: [worker]
        """
    [diagnostic] = lint(compose, "LD402")
    assert diagnostic.message.startswith("dependency cycle detected: worker -> worker:")
    assert '"worker" depends on itself' in diagnostic.message
    assert found(compose, "LD402") == [
        Found("LD402", "compose.yaml", (4, 18, 4, 24), "worker", "error")
    ]


def test_cycle_starts_at_the_first_service_in_file_order() -> None:
    compose = """\
        services:
          b:
            image: example/b:1
            depends_on: [c]
          a:
            image: example/a:1
            depends_on: [b]
          c:
            image: example/c:1
            depends_on: [a]
        """
    [diagnostic] = lint(compose, "LD402")
    assert diagnostic.message.startswith("dependency cycle detected: b -> c -> a -> b:")
    assert (diagnostic.service, diagnostic.span.line) == ("a", 7)


def test_each_cycle_once_when_cycles_share_a_service() -> None:
    compose = """\
        services:
          hub:
            image: example/hub:1
            depends_on: [left, right]
          left:
            image: example/left:1
            depends_on: [hub]
          right:
            image: example/right:1
            depends_on: [hub]
        """
    diagnostics = lint(compose, "LD402")
    assert [d.message.split(":")[1].strip() for d in diagnostics] == [
        "hub -> left -> hub",
        "hub -> right -> hub",
    ]
    assert [(d.service, d.span.line) for d in diagnostics] == [("left", 7), ("right", 10)]


def test_cycle_closed_by_a_link() -> None:
    compose = """\
        services:
          proxy:
            image: traefik:v3.1
            depends_on: [web]
          web:
            image: example/web:2.0
            links:
              - proxy
        """
    [diagnostic] = lint(compose, "LD402")
    assert diagnostic.message.startswith("dependency cycle detected: proxy -> web -> proxy:")
    assert "(through links)" in diagnostic.message
    assert (diagnostic.service, diagnostic.span.line, diagnostic.span.column) == ("web", 8, 9)


def test_no_cycle_through_undefined_services_or_one_way_chains() -> None:
    compose = """\
        services:
          proxy:
            image: traefik:v3.1
            depends_on: [web, ghost]
          web:
            image: example/web:2.0
            depends_on: [api]
          api:
            image: example/api:1.4
            depends_on: [ghost]
        """
    assert found(compose, "LD402") == []


def test_large_complete_graph_finishes_with_bounded_findings() -> None:
    names = [f"s{index}" for index in range(12)]
    services = "".join(
        f"  {name}:\n    image: example/{name}:1\n    depends_on: [{', '.join(names)}]\n"
        for name in names
    )
    diagnostics = lint("services:\n" + services, "LD402")
    assert 12 <= len(diagnostics) <= 20_000
    assert diagnostics[0].message.startswith("dependency cycle detected: s0 -> s0:")
