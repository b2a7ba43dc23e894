"""What the new rule families read from the models: the keyword as written, the legacy
``ENV key value`` form, variable references, every service key, parsed ports and how a compose
file is written; at exact spans."""

from __future__ import annotations

from textwrap import dedent

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lintdock.model.compose import Port, Service
from lintdock.model.span import Span
from lintdock.parsers.compose import load_compose
from lintdock.parsers.dockerfile import parse_dockerfile


def text_at(text: str, span: Span) -> str:
    """The text a one-line span covers."""
    line = text.splitlines()[span.line - 1]
    assert span.end_line == span.line
    return line[span.column - 1 : span.end_column - 1]


# -- Dockerfiles ---------------------------------------------------------------------------------


def test_the_keyword_as_written() -> None:
    dockerfile = parse_dockerfile("from alpine\nRun echo\nCopy a b\n", "Dockerfile")
    assert [(i.keyword, i.keyword_text) for i in dockerfile.instructions] == [
        ("FROM", "from"),
        ("RUN", "Run"),
        ("COPY", "Copy"),
    ]


def test_the_legacy_env_form_is_marked() -> None:
    dockerfile = parse_dockerfile("FROM alpine\nENV A 1\nENV B=2 C=3\nLABEL d e\n", "Dockerfile")
    assert [[p.legacy for p in i.pairs] for i in dockerfile.instructions[1:]] == [
        [True],
        [False, False],
        [True],
    ]


DOCKERFILE = dedent(
    """\
    ARG BASE=alpine
    FROM ${BASE}
    ARG V=1
    ENV A=$V B="${V:-x}" C='$NOT'
    RUN echo $NOT_EXPANDED
    COPY ${SRC} \\$ESCAPED /x
    WORKDIR /app/${DIR#pre}
    """
)


def test_variable_references_at_exact_spans() -> None:
    dockerfile = parse_dockerfile(DOCKERFILE, "Dockerfile")
    found = [
        (i.keyword, r.name, r.modifier, text_at(DOCKERFILE, r.span))
        for i in dockerfile.instructions
        for r in i.references
    ]
    assert found == [
        ("FROM", "BASE", None, "${BASE}"),
        ("ENV", "V", None, "$V"),
        ("ENV", "V", ":-", "${V:-x}"),
        ("COPY", "SRC", None, "${SRC}"),
        ("WORKDIR", "DIR", "#", "${DIR#pre}"),
    ]


NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True)


@settings(deadline=None)
@given(
    st.lists(
        st.tuples(NAMES, st.sampled_from(["$N", "${N}", "${N:-d}", "${N+x}", "${N%s}"])),
        min_size=1,
        max_size=5,
    )
)
def test_every_reference_is_found_at_its_text(references: list[tuple[str, str]]) -> None:
    written = [form.replace("N", name) for name, form in references]
    line = "ENV " + " ".join(f"K{i}={w}" for i, w in enumerate(written))
    text = f"FROM alpine\n{line}\n"
    instruction = parse_dockerfile(text, "Dockerfile").stages[0].instructions[-1]
    assert [text_at(text, r.span) for r in instruction.references] == written
    assert [r.name for r in instruction.references] == [name for name, _ in references]


# -- compose -------------------------------------------------------------------------------------

COMPOSE = dedent(
    """\
    services:
      web:
        image: nginx
        privileged: true
        cap_add: [NET_ADMIN, SYS_TIME]
        ports:
          - "127.0.0.1:8080:80/tcp"
          - '[::1]:9000-9001:9000-9001'
          - 3000
          - 5000:5000
          - target: 443
            published: "8443"
            protocol: udp
    """
)


def web(text: str = COMPOSE) -> Service:
    project = load_compose([("compose.yaml", text)])
    [service] = project.services
    return service


def parts(port: Port) -> tuple[str | None, ...]:
    return tuple(
        None if part is None else text_at(COMPOSE, part.span)
        for part in (port.host_ip, port.published, port.target, port.protocol)
    )


def test_every_service_key_with_its_position() -> None:
    service = web()
    assert [s.key.value for s in service.settings] == ["image", "privileged", "cap_add", "ports"]
    privileged = service.setting("privileged")
    assert privileged is not None and privileged.value.value is True
    assert privileged.key.span == Span(4, 5, 4, 15)
    assert privileged.value.span == Span(4, 17, 4, 21)
    cap_add = service.setting("cap_add")
    assert cap_add is not None
    assert [(i.value, text_at(COMPOSE, i.span)) for i in cap_add.items] == [
        ("NET_ADMIN", "NET_ADMIN"),
        ("SYS_TIME", "SYS_TIME"),
    ]
    assert service.setting("user") is None


def test_ports_are_parsed_into_their_parts_at_exact_spans() -> None:
    ports = web().port_mappings
    assert [parts(p) for p in ports[:2]] == [
        ("127.0.0.1", "8080", "80", "tcp"),
        ("[::1]", "9000-9001", "9000-9001", None),
    ]
    plain = ports[2]
    assert plain.target is not None and plain.target.value == "3000"
    assert (plain.host_ip, plain.published, plain.protocol) == (None, None, None)
    assert parts(ports[3]) == (None, "5000", "5000", None)
    long = ports[4]
    assert long.long_form and not ports[0].long_form
    assert [p.value if p else None for p in (long.host_ip, long.published, long.target)] == [
        None,
        "8443",
        "443",
    ]
    assert long.protocol is not None and text_at(COMPOSE, long.protocol.span) == "udp"


PORT_PART = st.from_regex(r"[1-9][0-9]{0,4}(-[1-9][0-9]{0,4})?", fullmatch=True)


@settings(deadline=None)
@given(
    st.one_of(st.none(), st.sampled_from(["127.0.0.1", "0.0.0.0", "[::1]"])),
    st.one_of(st.none(), PORT_PART),
    PORT_PART,
    st.one_of(st.none(), st.sampled_from(["tcp", "udp", "sctp"])),
    st.sampled_from(["", "'", '"']),
)
def test_short_ports_split_into_what_was_written(
    ip: str | None, published: str | None, target: str, protocol: str | None, quote: str
) -> None:
    assume(quote or ip is None or not ip.startswith("["))  # a plain [ starts a YAML sequence
    text = target if published is None else f"{published}:{target}"
    if ip is not None:
        text = f"{ip}:{published or ''}:{target}"
    if protocol is not None:
        text += f"/{protocol}"
    compose = f"services:\n  web:\n    image: x\n    ports:\n      - {quote}{text}{quote}\n"
    [port] = web(compose).port_mappings
    written = (ip, published or None, target, protocol)
    assert (
        tuple(
            p.value if p else None
            for p in (port.host_ip, port.published, port.target, port.protocol)
        )
        == written
    )
    for part in (port.host_ip, port.published, port.target, port.protocol):
        if part is not None and quote == "" and not text.isdigit():
            assert text_at(compose, part.span) == part.value


def test_the_presentation_of_each_file() -> None:
    text = dedent(
        """\
        services:
          web:
            image: 'nginx'
            restart: "always"
            command: >
              run
          db: {image: postgres}
        """
    )
    project = load_compose([("compose.yaml", text)])
    [presented] = project.presentation
    orders = {m.path: [k.value for k in m.keys] for m in presented.mappings}
    assert orders[("services",)] == ["web", "db"]
    assert orders[("services", "web")] == ["image", "restart", "command"]
    flows = {m.path: m.flow for m in presented.mappings}
    assert flows[("services", "db")] is True and flows[("services", "web")] is False
    values = {s.path: s.style for s in presented.scalars if not s.key}
    assert values[("services", "web", "image")] == "single"
    assert values[("services", "web", "restart")] == "double"
    assert values[("services", "web", "command")] == "folded"
    assert values[("services", "db", "image")] == "plain"


def test_an_alias_is_presented_once() -> None:
    text = "x: &a {k: v}\nservices:\n  web: {image: x, labels: *a}\n"
    [presented] = load_compose([("compose.yaml", text)]).presentation
    assert [s.text for s in presented.scalars if s.text == "k"] == ["k"]


@pytest.mark.parametrize("keys", [["image", "user"], ["user", "image"]])
def test_settings_keep_file_order(keys: list[str]) -> None:
    body = "".join(f"    {key}: x\n" for key in keys)
    assert [s.key.value for s in web(f"services:\n  web:\n{body}").settings] == keys
