"""LD002 and LD003 end to end: the loader's findings become diagnostics, override and ``.env``
included."""

from __future__ import annotations

from lintdock.engine import lint_texts
from lintdock.model.span import Span


def diagnostics(files: dict[str, str]) -> list[tuple[str, str, Span, str]]:
    found = lint_texts(files, select=["LD002", "LD003"])
    return [(d.code, d.path, d.span, d.message) for d in found]


def test_ld002_duplicate_key() -> None:
    text = "services:\n  web:\n    image: a\n    image: b\n"
    assert diagnostics({"compose.yaml": text}) == [
        (
            "LD002",
            "compose.yaml",
            Span(4, 5, 4, 10),
            'mapping key "image" already defined at line 3',
        )
    ]


def test_ld003_in_the_override_file() -> None:
    files = {
        "compose.yaml": "services:\n  web:\n    image: nginx\n",
        "compose.override.yaml": "services:\n  web:\n    restrat: always\n",
    }
    assert diagnostics(files) == [
        (
            "LD003",
            "compose.override.yaml",
            Span(3, 5, 3, 12),
            'unknown key "restrat" in services.web (did you mean "restart"?)',
        )
    ]


def test_env_file_beside_the_compose_file_feeds_interpolation() -> None:
    compose = "services:\n  web:\n    healthcheck:\n      retries: ${RETRIES:-3}\n"
    assert diagnostics({"compose.yaml": compose}) == []
    assert diagnostics({"compose.yaml": compose, ".env": "RETRIES=three\n"}) == [
        (
            "LD003",
            "compose.yaml",
            Span(4, 16, 4, 29),
            'services.web.healthcheck.retries: cannot convert "three" to an integer',
        )
    ]
