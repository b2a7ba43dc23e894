"""Files named like Dockerfiles that are something else: a walk leaves them out and says why;
named explicitly, each is one LD001 finding that says what it is and what BuildKit would say."""

from __future__ import annotations

import pytest
from conftest import WriteTree

from lintdock.engine import Skipped, lint_paths, lint_texts
from lintdock.model.span import Span

GENERATOR = "#!/usr/bin/env python\n# writes images\n\nimport os\nimport re\n\n\ndef f():\n  x\n"
"""A script that generates Dockerfiles, named ``Dockerfile.py``."""
PIECE = "# Trigger the first-run experience\nRUN dotnet help\n"
"""A piece that a sibling template inserts (``{{InsertTemplate("Dockerfile.first-run")}}``)."""
MULTILINE_TAG = '{{\n    set isAlpine to find(OS, "alpine") ^\n    set pkgs to "zlib"\n}}RUN x\n'
SETTINGS = "# Detect running in a container\n    RUNNING_IN_CONTAINER=true\n"
FIXTURE = "invalid dockerfile\n"
BUILT = 'FROM alpine:3.20\nCMD ["app"]\n'


def test_a_walk_leaves_out_what_is_not_a_dockerfile_and_says_why(tree: WriteTree) -> None:
    tree(
        {
            "bin/gen/Dockerfile.py": GENERATOR,
            "eng/dockerfile-templates/sdk/Dockerfile.first-run": PIECE,
            "eng/dockerfile-templates/Dockerfile.install-deps": MULTILINE_TAG,
            "eng/shared/Dockerfile.env.container": SETTINGS,
            "pkg/fixtures/invalid.Dockerfile": FIXTURE,
            "pkg/fixtures/empty.Dockerfile": "",
            "app/Dockerfile": BUILT,
        }
    )
    result = lint_paths(["."], workers=1)
    assert result.files == ("app/Dockerfile",)
    no_instruction = "not a Dockerfile (no line starts with an instruction), not linted"
    assert result.skipped == (
        Skipped(
            "eng/dockerfile-templates/Dockerfile.install-deps",
            "a template (line 1 opens with `{{`), not linted",
        ),
        Skipped(
            "eng/dockerfile-templates/sdk/Dockerfile.first-run",
            "a piece that a template inserts (it has no FROM and is in a templates folder), "
            "not linted",
        ),
        Skipped("eng/shared/Dockerfile.env.container", no_instruction),
        Skipped("pkg/fixtures/empty.Dockerfile", no_instruction),
        Skipped("pkg/fixtures/invalid.Dockerfile", no_instruction),
    )
    assert not [d for d in result.diagnostics if d.code == "LD001"]


def test_an_empty_file_named_dockerfile_is_still_linted(tree: WriteTree) -> None:
    tree({"tools/Dockerfile": ""})
    result = lint_paths(["."], workers=1)
    assert [(d.code, d.span, d.message) for d in result.diagnostics] == [
        ("LD001", Span(1, 1, 1, 1), "file with no instructions")
    ]


@pytest.mark.parametrize(
    ("path", "text", "span", "message"),
    [
        (
            "bin/gen/Dockerfile.py",
            GENERATOR,
            Span(4, 1, 4, 7),
            "a Python file, not a Dockerfile to build (its name ends in `.py`): BuildKit would "
            'stop at line 4: "unknown instruction: import (and the 3 unknown instructions after '
            'it)"',
        ),
        (
            "eng/dockerfile-templates/sdk/Dockerfile.first-run",
            PIECE,
            Span(2, 1, 2, 4),
            "a piece that a template inserts, not a Dockerfile to build (it has no FROM and is "
            'in a templates folder): BuildKit would stop at line 2: "no build stage in current '
            'context: the file has no FROM (RUN)"',
        ),
    ],
)
def test_named_explicitly_it_is_one_finding_that_says_what_it_is(
    tree: WriteTree, path: str, text: str, span: Span, message: str
) -> None:
    tree({path: text})
    result = lint_paths([path], workers=1)
    assert [(d.code, d.span, d.severity and d.severity.label) for d in result.diagnostics] == [
        ("LD001", span, "info")
    ]
    assert result.diagnostics[0].message == message


def test_an_unknown_instruction_before_any_from_is_the_one_error() -> None:
    # BuildKit stops at the unknown instruction: "no build stage" would be a second error there
    found = lint_texts({"Dockerfile.env.container": SETTINGS}, select=["LD001"])
    assert [(d.span, d.message) for d in found] == [
        (Span(2, 5, 2, 30), "unknown instruction: RUNNING_IN_CONTAINER=true")
    ]
    assert [d.message for d in lint_texts({"Dockerfile": FIXTURE}, select=["LD001"])] == [
        "unknown instruction: invalid"
    ]
