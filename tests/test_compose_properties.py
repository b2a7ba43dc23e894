"""Properties of the compose loader on arbitrary input: it never raises, and every position it
produces lies inside the file it names."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintdock.model.compose import ComposeProject
from lintdock.model.span import MappedText, Span
from lintdock.parsers.compose import load_compose
from lintdock.parsers.compose_yaml import LINE_BREAK

FRAGMENTS = [
    "services:",
    "web:",
    "image: x",
    "depends_on:",
    "healthcheck:",
    "test:",
    "command:",
    "environment:",
    "- ",
    "-",
    ": ",
    ":",
    "  ",
    "    ",
    "\t",
    "\n",
    "\r\n",
    "\u2028",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "\\",
    "|",
    ">",
    "&a ",
    "*a",
    "<<: ",
    "!reset ",
    "!!str ",
    "${X",
    "${X:-d}",
    "$$",
    "# c",
    "#",
    "---",
    "...",
    "é",
    "?",
    "%YAML 1.2",
    "no",
    "10",
    "CMD",
    "extends: web",
    "&&",
]

yamlish = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
override = st.one_of(st.none(), yamlish)


def spans(value: object, path: str) -> Iterator[tuple[str, Span]]:
    """Every ``(file, span)`` reachable from a model value."""
    if isinstance(value, Span):
        yield path, value
    elif isinstance(value, MappedText):
        for offset in range(len(value.text) + 1):
            line, column = value.position(offset)
            yield path, Span.point(line, column)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from spans(item, path)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        path = _own_path(value, path)
        for field in dataclasses.fields(value):
            yield from spans(getattr(value, field.name), path)


def _own_path(value: object, path: str) -> str:
    """The file a model value is written in: its own ``path``, else its key's (a
    ``Healthcheck``'s ``shell_text`` lies in the file of its ``key``)."""
    own = getattr(value, "path", None)
    if isinstance(own, str):
        return own
    key_path = getattr(getattr(value, "key", None), "path", None)
    return key_path if isinstance(key_path, str) else path


def assert_inside(project: ComposeProject, texts: dict[str, str]) -> None:
    for path, span in spans(project, project.path):
        assert path in texts, path
        lines = LINE_BREAK.split(texts[path])
        assert 1 <= span.line <= span.end_line <= len(lines), (path, span)
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1, (path, span)
        assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1, (path, span)
        if span.line == span.end_line:
            assert span.column <= span.end_column, (path, span)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.one_of(yamlish, st.text(max_size=200)), extra=override, env=st.text(max_size=50))
def test_never_raises_and_stays_inside_its_files(base: str, extra: str | None, env: str) -> None:
    files = [("compose.yaml", base)] + ([("compose.override.yaml", extra)] if extra else [])
    project = load_compose(files, env)
    assert_inside(project, dict(files))


@settings(max_examples=100, deadline=None)
@given(
    services=st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True),
        st.fixed_dictionaries(
            {},
            optional={
                "image": st.sampled_from(["nginx", "${IMAGE:-x}", "a:1"]),
                "command": st.sampled_from(["run && go", "['a', 'b']", "'x y'", '"a\\tb"']),
                "restart": st.sampled_from(["no", "always", "on-failure:3", "5"]),
                "depends_on": st.sampled_from(["[db]", "{db: {condition: service_healthy}}"]),
                "healthcheck": st.sampled_from(["{test: curl -f x}", "{interval: 10}"]),
            },
        ),
        max_size=4,
    )
)
def test_structured_documents(services: dict[str, dict[str, str]]) -> None:
    lines = ["services:"]
    for name, fields in services.items():
        lines.append(f"  {name}:" + ("" if fields else " {}"))
        lines.extend(f"    {key}: {value}" for key, value in fields.items())
    text = "\n".join(lines) + "\n"
    project = load_compose([("compose.yaml", text)], "IMAGE=img\n")
    assert [f for f in project.findings if f.code == "LD002"] == []
    assert [s.key for s in project.services] == list(services)
    assert_inside(project, {"compose.yaml": text})
