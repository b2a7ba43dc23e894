"""Shared helpers: small rule registries for engine tests, and file trees on disk."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, make_dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.rules import Registry
from lintdock.rules.base import VIEWS, Check, Context, Rule

REPO = Path(__file__).resolve().parent.parent

os.environ["LINTDOCK_STRICT"] = "1"  # a rule breaking its contract raises, here and in children

# Property tests judge results, not speed: a per-example deadline fails them on a loaded machine
# (the suite runs in parallel on two cores); benchmarks/ measures speed.
settings.register_profile("lintdock", deadline=None)
settings.load_profile("lintdock")


def silent(context: Context) -> Iterable[Diagnostic]:
    return ()


@dataclass(frozen=True)
class StandIn:
    """A rule implementation made in a test: its check and its options."""

    check: Check
    Options: type | None


def make_rule(
    code: str,
    name: str,
    check: Check = silent,
    severity: Severity = Severity.WARNING,
    *,
    enabled: bool = True,
    options: Mapping[str, object] | None = None,
    equivalents: tuple[str, ...] = (),
) -> Rule:
    """A rule that reads every view, implemented by ``check``."""
    return Rule(
        code=code,
        name=name,
        severity=severity,
        summary=f"{name} summary",
        implementation=StandIn(check, _options_type(options or {})),
        views=VIEWS,
        enabled_by_default=enabled,
        has_options=bool(options),
        equivalents=equivalents,
    )


@pytest.fixture
def small_registry() -> Registry:
    """Four rules shaped like the real ones, none of which report anything."""
    return Registry(
        [
            make_rule(
                "LD101",
                "missing-healthcheck",
                options={"shells": ("bash", "sh")},
                equivalents=("hadolint:DL3057",),
            ),
            make_rule("LD105", "curl-without-fail", severity=Severity.ERROR),
            make_rule("LD404", "depends-on-start-order-only", options={"max": 10, "ratio": 0.5}),
            make_rule("LD505", "restart-ignores-unhealthy", Severity.INFO, enabled=False),
        ]
    )


def _options_type(defaults: Mapping[str, object]) -> type | None:
    """A rule's ``Options`` dataclass with these defaults (config names)."""
    declared = [
        (name.replace("-", "_"), object, field(default=value)) for name, value in defaults.items()
    ]
    return make_dataclass("Options", declared, frozen=True) if declared else None


WriteTree = Callable[[Mapping[str, str | bytes]], Path]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WriteTree:
    """Writes files (relative path -> text or bytes) under a temporary directory and makes it
    the current directory."""
    monkeypatch.chdir(tmp_path)

    def write(files: Mapping[str, str | bytes]) -> Path:
        for relative, content in files.items():
            path = tmp_path / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return tmp_path

    return write


@pytest.fixture(autouse=True)
def _no_colour_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
