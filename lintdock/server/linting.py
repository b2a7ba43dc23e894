"""What the language server lints: open buffers laid over the files on disk, a project at a time.

A document's *scope* is what is linted when it changes: the highest directory at or above it,
inside its workspace folder, that holds a compose file (so the compose services that build a
Dockerfile are linted with it, and a compose file with the Dockerfiles it builds), or the
document alone when no such directory exists. The scope is linted as ``lintdock check`` lints
it, through ``lint_paths``: the same discovery, the same config files (re-read on every run, so
a changed config takes effect at the next lint), with the open buffers in place of the files'
contents on disk. Every open document inside the scope gets the run's findings. A document not
yet saved is linted as standard input named by its path (one per scope: the first by path).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from lintdock.config import Layer
from lintdock.discovery import Kind, kind_from_name
from lintdock.engine import STDIN, LintResult, Stdin, display_path, lint_paths
from lintdock.model.diagnostic import Diagnostic

LINTED_LANGUAGES = frozenset(
    {"dockerfile", "dockercompose", "docker-compose", "yaml.docker-compose"}
)
"""Language ids whose documents are linted whatever their file names (VS Code's, Helix's and
Neovim's names for compose files)."""


@dataclass(frozen=True)
class Buffer:
    """An open document: its absolute path, text, version, language id and URI."""

    path: str
    text: str
    version: int | None = None
    language: str = ""
    uri: str = ""

    @property
    def linted_by_name(self) -> bool:
        return kind_from_name(self.path) is not None or self.language in LINTED_LANGUAGES


@dataclass(frozen=True)
class Scope:
    """What one lint covers: a directory (``is_file`` False) or a single file."""

    path: str
    is_file: bool

    def holds(self, path: str) -> bool:
        if self.is_file:
            return path == self.path
        return os.path.commonpath([self.path, path]) == self.path


@dataclass(frozen=True)
class Outcome:
    """One lint of a scope: the findings of each open document in it (absolute path -> sorted
    diagnostics), the buffers as they were linted, and problems worth logging."""

    scope: Scope
    findings: Mapping[str, tuple[Diagnostic, ...]]
    buffers: Mapping[str, Buffer]
    problems: tuple[str, ...] = ()


@dataclass
class Linter:
    """Lints scopes of a workspace; ``roots`` are the workspace folders (absolute paths)."""

    roots: Sequence[str] = ()
    layer: Layer = field(default_factory=Layer)

    def scope_of(self, path: str) -> Scope:
        """The scope linted when the document at ``path`` changes (see the module docstring)."""
        root = self._root_of(path)
        highest = None
        directory = os.path.dirname(path)
        while root is not None:
            if _holds_compose_file(directory):
                highest = directory
            if directory == root or os.path.dirname(directory) == directory:
                break
            directory = os.path.dirname(directory)
        if highest is None and kind_from_name(path) is Kind.COMPOSE:
            highest = os.path.dirname(path)
        return Scope(highest, False) if highest is not None else Scope(path, True)

    def _root_of(self, path: str) -> str | None:
        """The innermost workspace folder holding ``path``; its own directory when none does."""
        holding = [root for root in self.roots if Scope(root, False).holds(path)]
        return max(holding, key=len) if holding else os.path.dirname(path)

    def lint(self, scope: Scope, buffers: Mapping[str, Buffer]) -> Outcome:
        """Lint ``scope`` with ``buffers`` (absolute path -> open document) over the disk.
        Raises ConfigError for a bad config file."""
        inside = {path: b for path, b in buffers.items() if scope.holds(path)}
        named = [(p, b) for p, b in sorted(inside.items()) if b.linted_by_name]
        explicit = [display_path(p) for p, _ in named if os.path.lexists(p)]
        paths = explicit if scope.is_file else [display_path(scope.path), *explicit]
        unsaved = [Stdin(b.text, display_path(p)) for p, b in named if not os.path.lexists(p)]
        result = lint_paths(
            [*paths, STDIN] if unsaved else paths,
            layer=self.layer,
            force_exclude=True,
            stdin=unsaved[0] if unsaved else None,
            overrides={display_path(path): b.text for path, b in buffers.items()},
            workers=1,
        )
        findings: dict[str, list[Diagnostic]] = {path: [] for path in inside}
        for diagnostic in result.diagnostics:
            found = findings.get(os.path.abspath(diagnostic.path))
            if found is not None:
                found.append(diagnostic)
        return Outcome(
            scope,
            {path: tuple(found) for path, found in findings.items()},
            inside,
            tuple(_problems(result)),
        )


def _holds_compose_file(directory: str) -> bool:
    try:
        names = os.listdir(directory)
    except OSError:
        return False
    return any(kind_from_name(name) is Kind.COMPOSE for name in names)


def _problems(result: LintResult) -> Iterable[str]:
    for notification in result.notifications:
        yield f"{notification.path}: {notification.message}"
    for failure in result.failures:
        what = f"rule {failure.code}" if failure.code else "the parser"
        yield f"{what} failed on {failure.path}: {failure.error} (a bug in lintdock)"
