"""The engine: from files to the diagnostics a user sees.

Pipeline, the same for in-memory texts (``lint_texts``) and the file system (``lint_paths``):
parse each Dockerfile and each compose project (base + override, ``.env`` beside it), group them
into ``Project``s, run every selected rule on every project, then, centrally: drop findings in
files loaded only as context, apply ``per-file-ignores`` and suppression comments, report unused
suppressions (LD901), resolve severities, and sort.

A rule that raises does not stop the run: its failure is recorded (exit code 2) and every other
rule's findings are kept. A file that cannot be read is a notification, never a traceback.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from lintdock.config import ConfigResolver, Layer, Settings, cli_layer, resolve
from lintdock.discovery import (
    Kind,
    env_file_beside,
    group_compose,
    guess_kind,
    kind_from_name,
    override_candidates,
    walk,
)
from lintdock.fixes import read_source
from lintdock.model.compose import ComposeProject
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Dockerfile
from lintdock.model.span import Span
from lintdock.project import Project, build_projects
from lintdock.rules import Registry, registry
from lintdock.rules.base import Rule
from lintdock.suppressions import (
    UNUSED_SUPPRESSION,
    Directive,
    apply,
    compose_directives,
    dockerfile_directives,
    unused,
)

ReadText = Callable[[str], "str | None"]
SettingsFor = Callable[[str], Settings]


@dataclass(frozen=True)
class Source:
    """A file to lint: its path as reported (``/`` separators), its kind and its text."""

    path: str
    kind: Kind
    text: str


@dataclass(frozen=True)
class Notification:
    """A file lintdock could not lint, and why (shown on stderr, in SARIF notifications)."""

    path: str
    message: str
    fatal: bool = False  # a path named on the command line: exit code 2


@dataclass(frozen=True)
class Failure:
    """An internal error: a rule (or a parser, ``code`` None) raised on a project."""

    code: str | None
    path: str
    error: str


@dataclass(frozen=True)
class LintResult:
    """What a run found. ``diagnostics`` are sorted, severities resolved; ``failing`` counts
    those at or above their ``fail-on`` threshold; ``rules`` are the rules that ran."""

    diagnostics: tuple[Diagnostic, ...]
    files: tuple[str, ...]
    rules: tuple[Rule, ...]
    failing: int = 0
    notifications: tuple[Notification, ...] = ()
    failures: tuple[Failure, ...] = ()
    texts: Mapping[str, str] = field(default_factory=dict, repr=False)


def lint_texts(
    files: Mapping[str, str],
    *,
    select: Sequence[str] | None = None,
    options: Mapping[str, Mapping[str, object]] | None = None,
) -> list[Diagnostic]:
    """Lint an in-memory project: relative paths -> texts. Files are linted when their names
    are Dockerfile or compose names; the others (``.env``, scripts) can still be read by the
    rules. ``select`` takes codes, names or prefixes (None: the default rules); ``options``
    rule (code or name) -> option -> value. Returns sorted diagnostics, severities resolved.
    Raises InternalError when a rule or parser crashed (made for tests: no silent losses)."""
    rules = registry()
    settings = resolve(rules, [cli_layer(rules, select=select, options=options)])
    sources = [
        Source(path, kind, text)
        for path, text in sorted(files.items())
        if (kind := kind_from_name(path)) is not None
    ]
    result = run(sources, files.get, lambda _path: settings, rules)
    if result.failures:
        raise InternalError(result.failures)
    return list(result.diagnostics)


class InternalError(Exception):
    """Rules or parsers raised (``lint_texts`` only; a CLI run reports them and exits 2)."""

    def __init__(self, failures: Sequence[Failure]) -> None:
        self.failures = tuple(failures)
        super().__init__(
            "; ".join(f"{f.code or 'parser'} on {f.path}: {f.error}" for f in failures)
        )


@dataclass(frozen=True)
class Stdin:
    """Text read from standard input, linted as if it were the file ``filename``."""

    text: str
    filename: str | None = None


def lint_paths(
    paths: Sequence[str],
    *,
    layer: Layer | None = None,
    config: str | None = None,
    kind: Kind | None = None,
    force_exclude: bool = False,
    stdin: Stdin | None = None,
    overrides: Mapping[str, str] | None = None,
) -> LintResult:
    """Lint files and directories (``-`` is ``stdin``) through the same pipeline as
    ``lint_texts``. ``layer`` holds command-line settings; ``config`` a config file to use
    instead of searching; ``kind`` forces the kind of files named explicitly; ``overrides``
    (reported path -> text) replace files' contents (for fixing). Raises ConfigError."""
    rules = registry()
    configs = ConfigResolver(rules, layer or Layer(), config)
    reader = _Reader(dict(overrides or {}))
    found = _discover(paths, configs, force_exclude)
    sources: list[Source] = []
    for path, explicit in found.files:
        text = reader.read(path, found.notifications, fatal=explicit)
        if text is not None:
            file_kind = (kind or guess_kind(path, text)) if explicit else kind_from_name(path)
            sources.append(Source(path, file_kind or Kind.DOCKERFILE, text))
    if stdin is not None:
        name = display_path(stdin.filename) if stdin.filename else STDIN
        sources.append(Source(name, kind or guess_kind(name, stdin.text), stdin.text))
        reader.overrides.setdefault(name, stdin.text)
    context = _unnamed_overrides(sources, reader)
    return run(sources, reader.read_quietly, configs.for_path, rules, found.notifications, context)


def _unnamed_overrides(sources: Sequence[Source], reader: _Reader) -> list[Source]:
    """Override files that ``docker compose`` would merge into a compose file of the run but
    that the run does not lint (pre-commit names only the files a commit changes): they are
    read so that the base is linted as Compose loads it; their own findings are not reported."""
    present = {s.path for s in sources}
    context = []
    for source in sources:
        candidates = override_candidates(source.path) if source.kind is Kind.COMPOSE else []
        if any(candidate in present for candidate in candidates):
            continue
        for candidate in candidates:
            text = reader.read_quietly(candidate)
            if text is not None:
                context.append(Source(candidate, Kind.COMPOSE, text))
                break
    return context


STDIN = "-"


@dataclass
class _Found:
    """Files to lint (reported path, named explicitly?) and problems met finding them."""

    files: list[tuple[str, bool]] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)


def _discover(paths: Sequence[str], configs: ConfigResolver, force_exclude: bool) -> _Found:
    """The files under ``paths`` (``-`` skipped: it is stdin), each once, in order."""
    found = _Found()
    seen: set[str] = set()

    def add(path: str, explicit: bool) -> None:
        shown = display_path(path)
        if shown not in seen:
            seen.add(shown)
            found.files.append((shown, explicit))

    def excluded(path: str, is_dir: bool) -> bool:
        return configs.for_path(path).excludes(path, is_dir)

    for path in paths:
        if path == STDIN:
            continue
        if force_exclude and excluded(path, os.path.isdir(path)):
            continue
        if os.path.isdir(path):
            for walked in walk(path, excluded):
                add(walked, False)
        elif os.path.lexists(path):
            add(path, True)
        else:
            found.notifications.append(
                Notification(display_path(path), "No such file or directory", fatal=True)
            )
    return found


@dataclass
class _Reader:
    """Reads files as parsers see them; ``overrides`` take precedence over the disk."""

    overrides: dict[str, str]

    def read(self, path: str, problems: list[Notification], fatal: bool) -> str | None:
        if path in self.overrides:
            return self.overrides[path]
        try:
            text = read_source(path)
        except UnicodeDecodeError as error:
            problem = f"not UTF-8 text ({error.reason} at byte {error.start})"
        except OSError as error:
            problem = error.strerror or str(error)
        else:
            if "\0" not in text:
                return text
            problem = "a binary file (it contains NUL bytes)"
        problems.append(Notification(path, f"cannot lint: {problem}", fatal=fatal))
        return None

    def read_quietly(self, path: str) -> str | None:
        """A file a rule or the project looks at beyond the linted ones; None if unreadable."""
        return self.read(path, [], fatal=False)


# --- the pipeline ----------------------------------------------------------------------------


def run(
    sources: Sequence[Source],
    read_text: ReadText,
    settings_for: SettingsFor,
    rules: Registry,
    notifications: Sequence[Notification] = (),
    context: Sequence[Source] = (),
) -> LintResult:
    """Lint ``sources`` (see the module docstring). ``read_text`` serves every other file the
    run may look at (``.env``, Dockerfiles a compose file builds, entrypoint scripts);
    ``context`` are compose files loaded with the others but not linted."""
    run_state = _Run(rules, settings_for, read_text)
    composes = [s for s in (*sources, *context) if s.kind is Kind.COMPOSE]
    return run_state.lint_all(sources, run_state.load_composes(composes), notifications)


def _diagnostic_order(diagnostic: Diagnostic) -> tuple[str, Span, str, str]:
    return (diagnostic.path, diagnostic.span, diagnostic.code, diagnostic.message)


@dataclass
class _Run:
    """The mutable state of one run (the diagnostics gathered so far, who governs which file)."""

    rules: Registry
    settings_for: SettingsFor
    read_text: ReadText
    found: dict[Diagnostic, Settings] = field(default_factory=dict)
    file_settings: dict[str, Settings] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    ran: set[tuple[str, str]] = field(default_factory=set)
    rules_run: set[str] = field(default_factory=set)

    def lint_all(
        self,
        sources: Sequence[Source],
        composes: Sequence[ComposeProject],
        notifications: Sequence[Notification],
    ) -> LintResult:
        """Parse the Dockerfiles among ``sources``, group them with the ``composes`` loaded
        from the others into projects, lint those and finish."""
        dockerfiles = [d for s in sources if s.kind is Kind.DOCKERFILE if (d := self.parse(s))]
        projects = build_projects(
            dockerfiles, composes, self.read_text, self.load_context_dockerfile
        )
        linted = {s.path for s in sources}
        for project in projects:
            self.lint(project, linted)
        return self.finish(sources, self.directives(sources, dockerfiles, composes), notifications)

    def parse(self, source: Source) -> Dockerfile | None:
        from lintdock.parsers.dockerfile import parse_dockerfile

        try:
            return parse_dockerfile(source.text, source.path)
        except Exception:
            self.failures.append(Failure(None, source.path, _last_line(traceback.format_exc())))
            return None

    def load_context_dockerfile(self, path: str) -> Dockerfile | None:
        text = self.read_text(path)
        if text is None:
            return None
        return self.parse(Source(path, Kind.DOCKERFILE, text))

    def load_composes(self, sources: Sequence[Source]) -> list[ComposeProject]:
        if not sources:
            return []
        from lintdock.parsers.compose import load_compose

        texts = {s.path: s.text for s in sources}
        composes: list[ComposeProject] = []
        for group in group_compose(texts):
            try:
                env_text = self.read_text(env_file_beside(group[0]))
                composes.append(load_compose([(p, texts[p]) for p in group], env_text))
            except Exception:
                self.failures.append(Failure(None, group[0], _last_line(traceback.format_exc())))
        return composes

    def lint(self, project: Project, linted: set[str]) -> None:
        """Run the selected rules on one project."""
        primary = project.compose.path if project.compose else project.dockerfiles[0].path
        settings = self.settings_for(primary)
        ignored = {p: settings.ignored_in(p) for p in _project_paths(project) if p in linted}
        for path in ignored:
            self.file_settings.setdefault(path, settings)
        for rule in self.rules.rules:
            if rule.code not in settings.selected:
                continue
            self.rules_run.add(rule.code)
            self.ran.update(
                (p, rule.code) for p, codes in ignored.items() if rule.code not in codes
            )
            try:
                options = settings.options.get(rule.code, rule.options)
                diagnostics = list(rule.check(project, options))
            except Exception:
                error = _last_line(traceback.format_exc())
                self.failures.append(Failure(rule.code, primary, error))
                continue
            for diagnostic in diagnostics:
                if (diagnostic.path, diagnostic.code) in self.ran:
                    self.found.setdefault(diagnostic, settings)

    def directives(
        self,
        sources: Sequence[Source],
        dockerfiles: Iterable[Dockerfile],
        composes: Iterable[ComposeProject],
    ) -> list[Directive]:
        texts = {s.path: s.text.splitlines() for s in sources}
        found: list[Directive] = []
        for dockerfile in dockerfiles:
            found += dockerfile_directives(
                dockerfile.path,
                texts[dockerfile.path],
                (c.span for c in dockerfile.comments),
                (i.span for i in dockerfile.instructions),
                self.rules,
            )
        for compose in composes:
            for path in (p for p in compose.files if p in texts):  # not context-only files
                spans = [c.span for c in compose.comments if c.path == path]
                found += compose_directives(path, texts[path], spans, self.rules)
        return found

    def finish(
        self,
        sources: Sequence[Source],
        directives: Sequence[Directive],
        notifications: Sequence[Notification],
    ) -> LintResult:
        outcome = apply(self.found, directives)
        kept = list(outcome.kept)
        stale = unused(directives, outcome.used, self._ran)
        kept += apply(
            [d for d in stale if (d.path, UNUSED_SUPPRESSION) in self.ran], directives
        ).kept
        resolved = sorted((self._resolve(d) for d in kept), key=_diagnostic_order)
        failing = sum(
            1
            for d in resolved
            if d.severity is not None and d.severity >= self.file_settings[d.path].fail_on
        )
        return LintResult(
            diagnostics=tuple(resolved),
            files=tuple(sorted(s.path for s in sources)),
            rules=tuple(r for r in self.rules.rules if r.code in self.rules_run),
            failing=failing,
            notifications=tuple(sorted(notifications, key=lambda n: n.path)),
            failures=tuple(self.failures),
            texts={s.path: s.text for s in sources},
        )

    def _ran(self, path: str, code: str) -> bool:
        return (path, code) in self.ran

    def _resolve(self, diagnostic: Diagnostic) -> Diagnostic:
        """The severity a user sees: an explicit override, else the rule's own choice for this
        diagnostic, else the rule's default."""
        settings = self.file_settings[diagnostic.path]
        rule = self.rules.get(diagnostic.code)
        default = rule.severity if rule is not None else Severity.WARNING
        severity = settings.severity_of(diagnostic.code) or diagnostic.severity or default
        if severity is diagnostic.severity:
            return diagnostic
        return _with_severity(diagnostic, severity)


def _with_severity(diagnostic: Diagnostic, severity: Severity) -> Diagnostic:
    from dataclasses import replace

    return replace(diagnostic, severity=severity)


def _project_paths(project: Project) -> list[str]:
    paths = [d.path for d in project.dockerfiles if d.path not in project.context_paths]
    if project.compose is not None:
        paths += project.compose.files
    return paths


def _last_line(formatted_traceback: str) -> str:
    return formatted_traceback.strip().splitlines()[-1]


def display_path(path: str, cwd: str | None = None) -> str:
    """``path`` as reported: relative to the current directory when under it, else absolute;
    ``/`` separators."""
    absolute = os.path.abspath(path)
    base = os.path.abspath(cwd or os.getcwd())
    relative = os.path.relpath(absolute, base)
    shown = (
        absolute if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative
    )
    return shown.replace(os.sep, "/")
