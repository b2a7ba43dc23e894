"""The resilience map: its data node by node and edge by edge, its pictures accepted by their
real consumers (Graphviz, Mermaid's parser), the command, and agreement with Docker Compose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_check import mermaid_errors, render_svg
from oracles import compose_config

from lintdock.cli import cli
from lintdock.graph import maps
from lintdock.graph.condense import condense
from lintdock.graph.model import Edge, Graph, Node
from lintdock.graph.render import as_json, dot, mermaid
from lintdock.model.diagnostic import Diagnostic

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
COMPOSE_NAMES = ("compose.yaml", "docker-compose.yml")
PROJECT_FIXTURES = sorted(p.parent for p in FIXTURES.glob("**/*") if p.name in COMPOSE_NAMES)


def graphs_of(path: Path) -> list[Graph]:
    return maps([str(path.relative_to(REPO))])[1]


def nodes(graph: Graph) -> dict[str, tuple[str, str | None, str | None, tuple[str, ...]]]:
    """name -> (health, check program, restart, finding codes)."""
    return {
        n.name: (n.health, n.check, n.restart, tuple(f.code for f in n.findings if _resilience(f)))
        for n in graph.nodes
    }


def _resilience(finding: Diagnostic) -> bool:
    """A finding of the resilience families the map is about (LD1-LD5), not Dockerfile or
    compose practice."""
    return finding.code[:3] in ("LD1", "LD2", "LD3", "LD4", "LD5")


def edges(graph: Graph) -> list[tuple[str, str, str, bool, bool | None, str, tuple[str, ...]]]:
    """(source, target, kind, waits, bounded, label, finding codes) per edge."""
    return [
        (e.source, e.target, e.kind, e.waits, e.bounded, e.label, tuple(f.code for f in e.findings))
        for e in graph.edges
    ]


@pytest.fixture(autouse=True)
def _at_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


class TestNumbersApp:
    """The book's example app, step by step: the maps docs/resilience-map.md shows."""

    def test_v1_nothing_is_checked(self) -> None:
        (graph,) = graphs_of(FIXTURES / "numbers-app" / "v1")
        assert graph.path == "fixtures/numbers-app/v1"
        assert nodes(graph) == {
            "numbers-api": ("none", None, None, ("LD101",)),
            "numbers-web": ("none", None, None, ("LD101",)),
        }
        assert edges(graph) == [
            ("numbers-web", "numbers-api", "needs", False, None, "RngApi:Url", ("LD301",))
        ]
        assert all(node.kind == "image" for node in graph.nodes)

    def test_v2_curl_checks(self) -> None:
        (graph,) = graphs_of(FIXTURES / "numbers-app" / "v2")
        assert nodes(graph) == {
            "numbers-api": ("image", "curl", None, ("LD202",)),
            "numbers-web": ("none", None, None, ("LD101", "LD304")),
        }
        assert edges(graph) == [
            ("numbers-web", "numbers-api", "checks", True, False, "curl", ("LD202", "LD303"))
        ]

    def test_v3_check_utilities_and_compose_healthchecks(self) -> None:
        images, compose = graphs_of(FIXTURES / "numbers-app" / "v3")
        assert nodes(images)["numbers-api"] == ("image", "dotnet", None, ())
        assert edges(images) == [
            (
                "numbers-web",
                "numbers-api",
                "checks",
                True,
                True,
                "dotnet, reads RngApi:Url",
                (),
            )
        ]
        assert compose.path == "fixtures/numbers-app/v3/docker-compose.yml"
        assert nodes(compose) == {
            "numbers-api": ("unknown", None, None, ("LD504", "LD112")),
            "numbers-web": ("compose", "dotnet", "on-failure", ()),
        }
        assert edges(compose) == [
            ("numbers-web", "numbers-api", "needs", False, None, "RngApi__Url", ())
        ]


def test_api_postgres_redis() -> None:
    (graph,) = graphs_of(FIXTURES / "api-postgres-redis")
    assert nodes(graph) == {
        "api": ("image", "curl", None, ("LD504",)),
        "cleanup": ("image", "curl", "no", ("LD305",)),
        "db": ("compose", "pg_isready", "unless-stopped", ()),
        "cache": ("compose", "redis-cli", "unless-stopped", ()),
    }
    assert edges(graph) == [
        ("api", "db", "checks", True, True, "nc", ()),
        ("api", "cache", "needs", False, None, "REDIS_URL", ("LD301",)),
        ("cleanup", "db", "depends_on", True, True, "service_healthy", ()),
    ]


def test_worker_broker() -> None:
    (graph,) = graphs_of(FIXTURES / "worker-broker")
    assert edges(graph) == [
        ("worker", "broker", "checks", True, False, "wait-for-it", ("LD303",)),
        ("worker", "results", "needs", False, None, "CELERY_RESULT_BACKEND", ("LD301",)),
        ("scheduler", "broker", "depends_on", True, True, "service_healthy", ()),
        ("flower", "broker", "checks", True, True, "python, reads CELERY_BROKER_URL", ()),
    ]
    assert nodes(graph)["scheduler"] == ("image", "celery", "on-failure:5", ("LD305",))


def test_start_order_only_is_a_dashed_edge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  web:\n    image: nginx:1.27\n    depends_on: [db]\n    restart: always\n"
        "  db:\n    image: postgres:16\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    ((graph,)) = maps(["."])[1]
    (edge,) = graph.edges
    assert (edge.kind, edge.condition, edge.waits, edge.bounded) == (
        "depends_on",
        "service_started",
        False,
        None,
    )
    assert "-.->" in mermaid([graph]) and "style=dashed" in dot([graph])


def every_fixture_graph() -> list[Graph]:
    return [graph for folder in sorted(FIXTURES.iterdir()) for graph in graphs_of(folder)]


def test_dot_renders_with_graphviz_on_every_fixture() -> None:
    graphs = every_fixture_graph()
    svg = render_svg(dot(graphs))
    assert svg.count('<g id="node') == sum(len(condense(g).nodes) for g in graphs)


def test_mermaid_parses_with_mermaids_parser_on_every_fixture() -> None:
    graphs = every_fixture_graph()
    diagrams = [mermaid([graph]) for graph in graphs] + [mermaid(graphs)]
    awkward = Graph(
        'a "quoted" <b>|path#1',
        (Node('we"b|<x>', "none", None, None, False, None, "p", 1),),
        (Edge('we"b|<x>', 'we"b|<x>', "needs", False, 'A|B"#<'),),
    )
    diagrams.append(mermaid([awkward]))
    diagrams.append(
        markdown_report("fixtures/worker-broker").split("```mermaid\n")[1].split("```")[0]
    )
    assert mermaid_errors(diagrams) == [None] * len(diagrams)


def markdown_report(*paths: str) -> str:
    done = CliRunner().invoke(cli, ["check", "--format", "markdown", *paths])
    assert done.exit_code == 1, done.output
    return done.output


def test_markdown_report() -> None:
    report = markdown_report("fixtures/worker-broker")
    assert report.startswith(
        "## lintdock\n\nFound 11 problems (2 errors, 3 warnings, 6 infos) in 2 files."
    )
    assert "| [LD303](" in report and "| dependency-check-unbounded | info | 1 |" in report
    assert "### `fixtures/worker-broker/compose.yaml`" in report
    assert (
        "| `worker` | health check (image): `celery` | no | broker (wait-for-it) "
        "| results (CELERY_RESULT_BACKEND) |" in report
    )
    assert "<details><summary>Findings (11)</summary>" in report
    assert "`fixtures/worker-broker/compose.yaml:6:" in report


def test_dot_escapes_labels() -> None:
    awkward = Graph(
        'a "quoted" \\ path',
        (Node('we"b', "none", None, None, False, None, "p", 1),),
        (Edge('we"b', 'we"b', "needs", False, 'A\\"B'),),
    )
    assert "<svg" in render_svg(dot([awkward]))


def test_json_is_the_graph_as_data() -> None:
    (graph,) = graphs_of(FIXTURES / "worker-broker")
    data = json.loads(as_json([graph]))["projects"][0]
    assert [n["name"] for n in data["nodes"]] == [n.name for n in graph.nodes]
    first = data["edges"][0]
    assert first == {
        "source": "worker",
        "target": "broker",
        "kind": "checks",
        "condition": None,
        "waits": True,
        "bounded": False,
        "label": "wait-for-it",
        "findings": [
            {
                "code": "LD303",
                "severity": "info",
                "message": first["findings"][0]["message"],
                "path": "fixtures/worker-broker/compose.yaml",
                "line": 6,
            }
        ],
    }


class TestCommand:
    def test_formats(self) -> None:
        runner = CliRunner()
        markers = {"mermaid": "flowchart LR", "dot": "digraph", "json": '"projects"'}
        for name, marker in markers.items():
            done = runner.invoke(cli, ["graph", "--format", name, "fixtures/worker-broker"])
            assert done.exit_code == 0, done.output
            assert marker in done.output

    def test_default_is_mermaid_and_output_file(self, tmp_path: Path) -> None:
        target = tmp_path / "map.mmd"
        done = CliRunner().invoke(cli, ["graph", "fixtures/worker-broker", "-o", str(target)])
        assert done.exit_code == 0
        assert target.read_text(encoding="utf-8").startswith("flowchart LR")

    def test_nothing_to_draw_warns(self, tmp_path: Path) -> None:
        done = CliRunner().invoke(cli, ["graph", str(tmp_path)])
        assert done.exit_code == 0
        assert "no compose projects" in done.output


@pytest.mark.parametrize("folder", PROJECT_FIXTURES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_nodes_and_edges_agree_with_docker_compose(folder: Path) -> None:
    """Every service compose sees is a node, and every depends_on entry an edge of that
    kind and condition (profiles enabled, as the map shows every service)."""
    done = compose_config(folder, (), {"COMPOSE_PROFILES": "*"}, "--format", "json")
    if done.returncode != 0:
        pytest.skip(f"compose refuses this fixture on purpose: {done.stderr.strip()}")
    services = json.loads(done.stdout)["services"]
    graph = next(g for g in graphs_of(folder) if g.path.endswith((".yaml", ".yml")))
    assert {n.name for n in graph.nodes} >= set(services)
    depends = {
        (name, target, entry["condition"])
        for name, service in services.items()
        for target, entry in (service.get("depends_on") or {}).items()
    }
    drawn = {(e.source, e.target, e.condition) for e in graph.edges if e.kind == "depends_on"}
    assert drawn == depends


def test_alike_services_are_drawn_as_one_node(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    consumers = "".join(f"  consumer-{n}:\n    <<: *consumer\n" for n in range(4))
    (tmp_path / "compose.yaml").write_text(
        "x-consumer: &consumer\n"
        "  image: app:1\n  restart: always\n"
        "  depends_on:\n    broker:\n      condition: service_healthy\n"
        "services:\n"
        f"{consumers}"
        "  broker:\n    image: rabbitmq:3\n    restart: always\n"
        "    healthcheck:\n      test: [CMD, rabbitmq-diagnostics, ping]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    (graph,) = maps(["."])[1]
    assert len(graph.nodes) == 5 and len(graph.edges) == 4  # the data keeps every service
    drawn = condense(graph)
    group = drawn.nodes[0]
    assert group.name == "consumer-0 and 3 alike"
    assert group.members == ("consumer-0", "consumer-1", "consumer-2", "consumer-3")
    assert [(e.source, e.target) for e in drawn.edges] == [("consumer-0 and 3 alike", "broker")]
    assert "consumer-0 and 3 alike" in mermaid([graph]) and "consumer-1" not in dot([graph])


def test_roles_and_one_shot_services_come_from_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docker-compose.test.yml").write_text(
        "services:\n"
        "  sut:\n    image: alpine:3\n    command: ./run-tests.sh\n    depends_on: [web]\n"
        "  web:\n    image: nginx:1.27\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    (graph,) = maps(["."])[1]
    sut, web = graph.nodes
    assert (sut.one_shot, sut.state, web.one_shot) == (True, "one-shot", False)
    assert {node.role for node in graph.nodes} == {"test"}
    assert "role: test" in mermaid([graph])
