"""Per-node dispatch (lintdock.rules.dispatch): rules registered for instruction keywords or
compose service keys are called at each such node, in one walk shared by all of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from conftest import make_rule

from lintdock import engine
from lintdock.config import resolve
from lintdock.discovery import Kind
from lintdock.engine import Source
from lintdock.model.compose import Service
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules import Registry
from lintdock.rules.base import Context, Rule

DOCKERFILE = """\
ARG VERSION=1
FROM alpine:$VERSION AS build
RUN make
HEALTHCHECK CMD ["/check"]
FROM scratch
HEALTHCHECK NONE
"""

COMPOSE = """\
services:
  web:
    image: web
    restart: always
  job:
    image: job
"""


@dataclass
class Recorder:
    """A rule implementation that records the nodes it is called for."""

    INSTRUCTIONS: tuple[str, ...] = ()
    SERVICE_KEYS: tuple[str, ...] | None = None
    seen: list[tuple[str, Any]] = field(default_factory=list)
    log: list[str] | None = None
    Options: None = None

    def check_instruction(
        self, context: Context, dockerfile: Dockerfile, stage: Stage | None, node: Instruction
    ) -> Iterable[Diagnostic]:
        where = None if stage is None else stage.index
        self.seen.append((node.keyword, where))
        if self.log is not None:
            self.log.append(f"{context.code} line {node.span.line}")
        yield context.report(f"{node.keyword} seen", dockerfile.path, node.span)

    def check_service(self, context: Context, service: Service) -> Iterable[Diagnostic]:
        self.seen.append(("service", service.key))
        yield context.report("service seen", service.name.path, service.name.span)


def rule(code: str, recorder: Recorder) -> Rule:
    made = make_rule(code, f"rule-{code.lower()}")
    return Rule(**{**made.__dict__, "implementation": recorder})


def lint(files: dict[str, str], *rules: Rule) -> engine.LintResult:
    registry = Registry(rules)
    settings = resolve(registry, [])
    sources = [Source(path, Kind(kind), text) for path, (kind, text) in _kinds(files).items()]
    return engine.run(sources, files.get, lambda _path: settings, registry)


def _kinds(files: dict[str, str]) -> dict[str, tuple[str, str]]:
    return {
        path: ("compose" if path.endswith(".yaml") else "dockerfile", text)
        for path, text in files.items()
    }


def test_instruction_rules_see_their_keywords_with_their_stage() -> None:
    health = Recorder(INSTRUCTIONS=("HEALTHCHECK",))
    args = Recorder(INSTRUCTIONS=("ARG", "RUN"))
    result = lint({"Dockerfile": DOCKERFILE}, rule("LD601", health), rule("LD602", args))
    assert health.seen == [("HEALTHCHECK", 0), ("HEALTHCHECK", 1)]
    assert args.seen == [("ARG", None), ("RUN", 0)]
    assert [(d.code, d.span.line) for d in result.diagnostics] == [
        ("LD602", 1),
        ("LD602", 3),
        ("LD601", 4),
        ("LD601", 6),
    ]


def test_one_walk_serves_every_instruction_rule() -> None:
    log: list[str] = []
    first = Recorder(INSTRUCTIONS=("HEALTHCHECK",), log=log)
    second = Recorder(INSTRUCTIONS=("HEALTHCHECK",), log=log)
    lint({"Dockerfile": DOCKERFILE}, rule("LD601", first), rule("LD602", second))
    assert log == ["LD601 line 4", "LD602 line 4", "LD601 line 6", "LD602 line 6"]


def test_service_rules_see_the_services_that_set_their_keys() -> None:
    restart = Recorder(SERVICE_KEYS=("restart",))
    every = Recorder(SERVICE_KEYS=())
    lint({"compose.yaml": COMPOSE}, rule("LD701", restart), rule("LD702", every))
    assert restart.seen == [("service", "web")]
    assert every.seen == [("service", "web"), ("service", "job")]


@dataclass
class Crashing(Recorder):
    def check_instruction(
        self, context: Context, dockerfile: Dockerfile, stage: Stage | None, node: Instruction
    ) -> Iterable[Diagnostic]:
        self.seen.append((node.keyword, None))
        raise ValueError("boom")


def test_a_node_rule_that_raises_fails_alone() -> None:
    crashing = Crashing(INSTRUCTIONS=("HEALTHCHECK",))
    healthy = Recorder(INSTRUCTIONS=("HEALTHCHECK",))
    result = lint({"Dockerfile": DOCKERFILE}, rule("LD601", crashing), rule("LD602", healthy))
    assert crashing.seen == [("HEALTHCHECK", None)]  # not called again after it failed
    assert [f.code for f in result.failures] == ["LD601"]
    assert {d.code for d in result.diagnostics} == {"LD602"}
