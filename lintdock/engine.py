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

import importlib
import os
import posixpath
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from lintdock.config import ConfigResolver, Layer, Settings, cli_layer, resolve
from lintdock.discovery import (
    ENV_FILE,
    CommandLineExcludes,
    ComposeGroup,
    Kind,
    bases_above,
    compose_projects,
    defined_names,
    env_file_beside,
    guess_kind,
    has_other_compose_name,
    is_alone,
    is_bake_candidate,
    is_yaml_candidate,
    kind_from_name,
    overlay_reason,
    override_candidates,
    template_names,
    undefined_names,
    walk,
)
from lintdock.files import (
    LIMITS,
    FileKind,
    FileProblem,
    NotText,
    OutsideRoot,
    Roots,
    TooLarge,
    in_memory_problem,
    kind_for_name,
    problem,
    read_bytes,
    read_text,
)
from lintdock.image_sources import NO_IMAGES, RepositoryImages, repository_images
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Dockerfile
from lintdock.model.span import Span
from lintdock.parallel import available_cpus, in_order
from lintdock.parsers.sniff import (
    PREFIX_BYTES,
    looks_like_compose,
    looks_like_compose_file,
    skipped_by_walk,
)
from lintdock.project import FileCheck, Project, build_projects, built_dockerfile_paths
from lintdock.roles import README_NAMES, FileRole, Role, lab_roles, readme_role, repository_role
from lintdock.root import git_top_level, project_root
from lintdock.rules import Registry, registry
from lintdock.rules.base import COMPOSE, DOCKERFILE, PROJECT, Context, Rule
from lintdock.rules.dispatch import Bound, calls
from lintdock.secrets import Masker, secret_values
from lintdock.suppressions import (
    UNUSED_SUPPRESSION,
    Directive,
    apply,
    compose_directives,
    dockerfile_directives,
    escalated,
    unused,
)

if TYPE_CHECKING:
    from lintdock.model.compose import ComposeProject, Supplied

ReadText = Callable[[str], "str | None"]
SettingsFor = Callable[[str], Settings]
Visit = Callable[[Project], None]
Loaded = tuple["ComposeProject", "str | None", int]
"""A compose project, the ``.env`` text it was loaded with, and how many of its files were read."""


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
    code: str | None = None  # reported as a finding of this rule instead (at ``position``)
    position: tuple[int, int] = (1, 1)  # line and column


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
    skipped: tuple[Skipped, ...] = ()
    roles: Mapping[str, str] = field(default_factory=dict)  # file -> "test (in a tests/ folder)"
    root: str = "."  # the project root (lintdock.root): CI formats' paths are relative to it
    projects: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # file -> primaries
    kinds: Mapping[str, Kind] = field(default_factory=dict)  # file -> its kind


@dataclass(frozen=True)
class Skipped:
    """A file a walk found by its name but did not lint, and why (``--show-files`` says so)."""

    path: str
    reason: str


def lint_texts(
    files: Mapping[str, str],
    *,
    select: Sequence[str] | None = None,
    options: Mapping[str, Mapping[str, object]] | None = None,
    size_limits: bool = True,
) -> list[Diagnostic]:
    """Lint an in-memory project: relative paths -> texts. Files are linted when their names
    are Dockerfile or compose names; the others (``.env``, scripts) can still be read by the
    rules. ``select`` takes codes, names or prefixes (None: the default rules); ``options``
    rule (code or name) -> option -> value. Files over their kind's size limit are refused as on
    disk (LD005 for a file it would lint); ``size_limits`` False lifts the limits (to measure
    the parsers beyond them). Returns sorted diagnostics, severities resolved.
    Raises InternalError when a rule or parser crashed (made for tests: no silent losses)."""
    rules = registry()
    settings = resolve(rules, [cli_layer(rules, select=select, options=options)])
    too_large = _over_limits(files) if size_limits else {}
    sources = [
        Source(path, kind, text)
        for path, text in sorted(files.items())
        if path not in too_large and (kind := _kind_of_text(path, text)) is not None
    ]
    unread = [
        Notification(path, f"not linted: {problem.reason}", code=problem.code)
        for path, problem in sorted(too_large.items())
        if _kind_of_text(path, files[path][:PREFIX_BYTES]) is not None
    ]
    bakes = sorted(p for p in files if is_bake_candidate(p))
    result = run(
        sources,
        lambda path: None if path in too_large else files.get(path),
        lambda _path: settings,
        rules,
        unread,
        file_problem=lambda path: too_large.get(path) or in_memory_problem(path),
        bakes=bakes,
    )
    if result.failures:
        raise InternalError(result.failures)
    return list(result.diagnostics)


def _over_limits(files: Mapping[str, str]) -> dict[str, TooLarge]:
    """The in-memory files over the size limit of their kind, refused as on disk."""
    return {path: refused for path, text in files.items() if (refused := _over_limit(path, text))}


def _over_limit(path: str, text: str) -> TooLarge | None:
    """TooLarge when an in-memory text is over the size limit of its kind (by its name)."""
    kind = kind_for_name(path)
    if len(text) * 4 <= LIMITS[kind]:  # no character takes more than 4 bytes in UTF-8
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    return TooLarge(kind, size) if size > LIMITS[kind] else None


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
    workers: int | None = None,
    visit: Visit | None = None,
    root: str | None = None,
    compose_files: Sequence[str] = (),
    respect_gitignore: bool = True,
    excludes: CommandLineExcludes | None = None,
) -> LintResult:
    """Lint files and directories (``-`` is ``stdin``) through the same pipeline as
    ``lint_texts``. ``layer`` holds command-line settings; ``config`` a config file to use
    instead of searching; ``kind`` forces the kind of files named explicitly; ``overrides``
    (reported path -> text) replace files' contents (for fixing); ``workers`` the number of
    processes (None: as many as worth it); ``visit`` is shown each project as it is linted
    (in this process: the run then uses one); ``root`` the project root (None: found from the
    paths, see lintdock.root); ``compose_files`` (``-f``) make one compose project, in order;
    ``respect_gitignore`` false walks what git ignores too; ``excludes`` the command line's
    exclude patterns. Nothing outside the roots is read. Raises ConfigError."""
    first = next((p for p in paths if p != STDIN), (stdin and stdin.filename) or ".")
    project = project_root(first, root)
    rules = registry()
    configs = ConfigResolver(rules, layer or Layer(), config)
    excludes = excludes or CommandLineExcludes()
    configured = configured_projects(paths, configs) if not compose_files else []
    project_files = [*compose_files, *(f for group in configured for f in group)]
    found = _discover([*project_files, *paths], configs, force_exclude, respect_gitignore, excludes)
    reader = _Reader(dict(overrides or {}), run_roots(paths, configs, root))
    sources: list[Source] = []
    bakes: list[str] = []
    for path, explicit in found.files:
        if not explicit and is_bake_candidate(path):
            bakes.append(path)  # read for the images it builds, not linted
            continue
        if not explicit and not reader.looks_like_compose(path):
            continue
        text = reader.read(path, found.notifications, fatal=explicit)
        if text is not None:
            file_kind = (kind or guess_kind(path, text)) if explicit else _kind_of_text(path, text)
            if not explicit and (mark := skipped_by_walk(path, file_kind, text)) is not None:
                found.skipped.append(Skipped(path, f"{mark.what} ({mark.reason}), not linted"))
            elif file_kind is not None:
                sources.append(Source(path, file_kind, text))
                if explicit and file_kind is Kind.DOCKERFILE:
                    found.named_dockerfiles.add(path)
    if stdin is not None:
        name = display_path(stdin.filename) if stdin.filename else STDIN
        sources.append(Source(name, kind or guess_kind(name, stdin.text), stdin.text))
        reader.overrides.setdefault(name, stdin.text)
    named = {posixpath.normpath(s.path) for s in sources if s.path in found.named_dockerfiles}
    context = []
    if named and (root is not None or git_top_level(first) is not None):
        search = _discover([project], configs, False, respect_gitignore, excludes)
        context = _composes_building(named, sources, reader, [p for p, _ in search.files])
    context += _unnamed_overrides([*sources, *context], reader)
    result = run(
        sources,
        reader.read_quietly,
        configs.for_path,
        rules,
        found.notifications,
        context,
        1 if visit is not None else workers,
        visit,
        file_problem=reader.problem,
        projects=[tuple(display_path(f) for f in group) for group in [compose_files, *configured]],
        bakes=bakes,
        repository=repository_role(project) or _readme_role(reader, project),
    )
    return replace(result, skipped=tuple(found.skipped), root=project)


def _readme_role(reader: _Reader, root: str) -> FileRole | None:
    """The role the README at the project root gives the repository's files, if it has one."""
    for name in README_NAMES:
        text = reader.read_quietly(os.path.join(root, name))
        if text is not None:
            return readme_role(text)
    return None


def _dotenv(read_text: ReadText, compose_path: str) -> tuple[str | None, bool]:
    """The text a compose file is interpolated with, and whether it is a template's: the
    ``.env`` beside it, else the template a user copies to make it (``cp .env.example .env``,
    a setup step each checkout has done; ``lintdock.facts.env_templates``)."""
    path = env_file_beside(compose_path)
    text = read_text(path)
    if text is not None:
        return text, False
    for template in template_names(path):
        text = read_text(template)
        if text is not None:
            return text, True
    return None, False


def _kind_of_text(path: str, text: str) -> Kind | None:
    """The kind of a file found in a walk (or given to ``lint_texts``): by its name, else a
    compose file by its content."""
    by_name = kind_from_name(path)
    if by_name is None and is_yaml_candidate(path) and looks_like_compose(text):
        return Kind.COMPOSE
    if has_other_compose_name(path) and not looks_like_compose_file(text):
        return None
    return by_name


def _composes_building(
    dockerfiles: set[str], sources: Sequence[Source], reader: _Reader, walked: Sequence[str]
) -> list[Source]:
    """The compose files among ``walked`` (the project root's) that build one of the
    ``dockerfiles`` named on the command line without them (pre-commit names only the files a
    commit changed): loaded as context, so that a Dockerfile is linted in its project, as
    ``lintdock check .`` lints it; their own findings are not reported."""
    from lintdock.parsers.compose import load_compose

    present = {s.path for s in sources}
    folders = {os.path.dirname(os.path.abspath(path)) for path in dockerfiles}
    context = []
    for path in walked:
        by_name = kind_from_name(path)
        if path in present or by_name is Kind.DOCKERFILE:
            continue
        text = reader.read_quietly(path)
        if text is None or "build" not in text:
            continue
        if by_name is None and not looks_like_compose(text):
            continue
        env_text, template = _dotenv(reader.read_quietly, path)
        if not _may_build(path, text + (env_text or ""), folders):
            continue
        try:
            compose = load_compose(
                [(path, text)], env_text, env_is_template=template, check_schema=False
            )
        except Exception:
            continue  # linted on its own, the failure is reported there
        if dockerfiles.intersection(built_dockerfile_paths(compose)):
            context.append(Source(path, Kind.COMPOSE, text))
    return context


def _may_build(compose_path: str, text: str, folders: set[str]) -> bool:
    """Whether a compose file (``text``, with its ``.env``) may build a Dockerfile in one of
    ``folders`` (absolute), told without loading it: a build resolves from the compose file's
    folder, so a Dockerfile's folder is that one or above it, or the file names it."""
    own = os.path.dirname(os.path.abspath(compose_path))
    return any(
        os.path.basename(folder) in text or own == folder or own.startswith(folder + os.sep)
        for folder in folders
    )


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
    named_dockerfiles: set[str] = field(default_factory=set)
    notifications: list[Notification] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _discover(
    paths: Sequence[str],
    configs: ConfigResolver,
    force_exclude: bool,
    respect_gitignore: bool,
    excludes: CommandLineExcludes,
) -> _Found:
    """The files under ``paths`` (``-`` skipped: it is stdin), each once, in order."""
    found = _Found()
    seen: set[str] = set()

    def add(path: str, explicit: bool) -> None:
        shown = display_path(path)
        if shown not in seen:
            seen.add(shown)
            found.files.append((shown, explicit))

    def configured(path: str, is_dir: bool) -> bool:
        return configs.for_path(path).excludes(path, is_dir)

    def by_content(path: str) -> bool:
        return configs.for_path(path).compose_by_content

    def excluded(path: str, is_dir: bool) -> bool:
        return excludes.excludes(path, is_dir, configured)

    def skip(path: str, reason: str) -> None:
        folder = "/" if path.endswith("/") else ""
        found.skipped.append(Skipped(display_path(path) + folder, reason))

    for path in paths:
        if path == STDIN:
            continue
        if force_exclude and excluded(path, os.path.isdir(path)):
            continue
        if os.path.isdir(path):
            for walked in walk(path, excluded, by_content, respect_gitignore, skip):
                add(walked, False)
        elif os.path.lexists(path):
            add(path, True)
        else:
            found.notifications.append(
                Notification(display_path(path), "No such file or directory", fatal=True)
            )
    return found


def configured_projects(paths: Sequence[str], configs: ConfigResolver) -> list[tuple[str, ...]]:
    """The compose projects the configuration of the linted directories names (``projects``),
    each once; a file that does not exist is reported as a missing ``-f`` file is."""
    groups: list[tuple[str, ...]] = []
    for path in paths:
        if path == STDIN or not os.path.isdir(path):
            continue
        for group in configs.for_path(os.path.join(path, "-")).projects:
            if group not in groups:
                groups.append(group)
    return groups


def run_roots(paths: Sequence[str], configs: ConfigResolver, root: str | None) -> Roots:
    """The directories a run may read: the project root of each linted path (or ``root``)
    and those their configuration allows with ``read-outside-root``."""
    linted = [p for p in paths if p != STDIN] or ["."]
    directories = [root] if root is not None else [project_root(p) for p in linted]
    for path in linted:
        entry = os.path.join(path, "-") if os.path.isdir(path) else path  # its own config
        directories += configs.for_path(entry).read_outside_root
    return Roots.of(directories)


@dataclass
class _Reader:
    """Reads files as parsers see them; ``overrides`` take precedence over the disk."""

    overrides: dict[str, str]
    roots: Roots

    def read(self, path: str, problems: list[Notification], fatal: bool) -> str | None:
        try:
            if path in self.overrides:  # an editor's buffer: the limits of the file on disk
                refused = _over_limit(path, self.overrides[path])
                if refused is not None:
                    raise refused
                return self.overrides[path]
            return read_text(path, kind_for_name(path), self.roots)
        except (TooLarge, OutsideRoot) as refused:
            problems.append(Notification(path, f"not linted: {refused.reason}", code=refused.code))
        except NotText as refused:
            where = (refused.line, refused.column)
            problem = f"not linted: {refused.reason}"
            problems.append(Notification(path, problem, code=refused.code, position=where))
        except FileProblem as refused:
            problems.append(Notification(path, f"cannot lint: {refused.reason}", fatal=fatal))
        return None

    def looks_like_compose(self, path: str) -> bool:
        """False only for a YAML file not named as a compose file whose first bytes hold no
        top-level ``services:`` mapping (read without reading the whole file)."""
        if path in self.overrides or not is_yaml_candidate(path):
            return True
        try:
            prefix = read_bytes(path, FileKind.COMPOSE, self.roots, PREFIX_BYTES)
        except FileProblem:
            return True  # reading it again reports why
        return looks_like_compose(prefix.decode("utf-8", errors="replace"))

    def read_quietly(self, path: str) -> str | None:
        """A file a rule or the project looks at beyond the linted ones; None if unreadable.
        Most are looked for and not there (templates of ``.env``, override files): one
        ``lstat`` says so, before the checks that reading would make."""
        if path not in self.overrides and not os.path.lexists(path):
            return None
        return self.read(path, [], fatal=False)

    def problem(self, path: str) -> FileProblem | None:
        """Why ``path`` will not be read (None: it will)."""
        if path in self.overrides:
            return _over_limit(path, self.overrides[path])
        return problem(path, self.roots)


# --- the pipeline ----------------------------------------------------------------------------

_PARSERS = {
    Kind.COMPOSE: "lintdock.parsers.compose",
    Kind.DOCKERFILE: "lintdock.parsers.dockerfile",
}

FILES_PER_WORKER = 64
"""Files a worker process must have to be worth starting (forking and sending results back
cost about as much as linting a few dozen files)."""


def run(
    sources: Sequence[Source],
    read_text: ReadText,
    settings_for: SettingsFor,
    rules: Registry,
    notifications: Sequence[Notification] = (),
    context: Sequence[Source] = (),
    workers: int | None = None,
    visit: Visit | None = None,
    file_problem: FileCheck = lambda _path: None,
    projects: Sequence[tuple[str, ...]] = (),
    bakes: Sequence[str] = (),
    repository: FileRole | None = None,
) -> LintResult:
    """Lint ``sources`` (see the module docstring). ``read_text`` serves every other file the
    run may look at (``.env``, Dockerfiles a compose file builds, entrypoint scripts), and
    ``file_problem`` says why it will not serve one; ``context`` are compose files loaded with
    the others but not linted; ``projects`` are compose files the user says make one project
    each (``-f``), base first; ``bakes`` are Bake files that may say which Dockerfiles the
    images compose pulls are built from (``lintdock.image_sources``); ``repository`` is the
    role the repository's folder name gives files nothing else gives one
    (``lintdock.roles.repository_role``).

    Projects are linted one at a time and dropped (memory stays flat on large trees): first
    each compose project with the Dockerfiles it builds, then each remaining Dockerfile alone.
    ``workers`` processes share that work (None: one per CPU when there are enough files);
    findings are merged in project order, so the result does not depend on the number."""
    state = _Run(rules, settings_for, read_text, sources, visit, file_problem, repository)
    state.prefetch([s for s in sources if s.kind is Kind.DOCKERFILE], workers or available_cpus())
    composes = {s.path: s for s in (*sources, *context) if s.kind is Kind.COMPOSE}
    if composes:
        state.prepare(Kind.COMPOSE)
    groups = compose_projects(composes, state.compose_file_of, projects) if composes else []
    if groups:
        state.find_platforms(groups, composes)
    state.images = repository_images(
        ((s.path, s.text) for s in composes.values()),
        bakes,
        (s.path for s in sources if s.kind is Kind.DOCKERFILE),
        read_text,
        partial(state.load_alone, {g.files for g in groups}, composes),
    )
    findings = _Findings()
    processes = _processes(workers, len(sources))
    for part in in_order(lambda group: state.lint_compose(group, composes), groups, processes):
        findings.merge(part)
    alone = [
        s
        for s in sources
        if s.kind is Kind.DOCKERFILE and posixpath.normpath(s.path) not in findings.claimed
    ]
    if alone:
        state.prepare(Kind.DOCKERFILE)
    for part in in_order(state.lint_dockerfile, alone, processes):
        findings.merge(part)
    for notification in notifications:
        if notification.code is not None:
            state.report_unread(notification, findings)
    return state.finish(findings, [n for n in notifications if n.code is None])


def _processes(workers: int | None, files: int) -> int:
    if workers is not None:
        return max(workers, 1)
    return max(1, min(available_cpus(), files // FILES_PER_WORKER))


def _diagnostic_order(diagnostic: Diagnostic) -> tuple[str, Span, str, str]:
    return (diagnostic.path, diagnostic.span, diagnostic.code, diagnostic.message)


@dataclass
class _Findings:
    """What linting some projects found, before suppressions and severities are applied.
    Settings are named by the path they were resolved for (the project's primary file), so
    that a worker process can send its findings back (pickled) to be merged in order."""

    found: dict[Diagnostic, str] = field(default_factory=dict)
    governed_by: dict[str, str] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    ran: set[tuple[str, str]] = field(default_factory=set)
    rules_run: set[str] = field(default_factory=set)
    directives: dict[str, tuple[Directive, ...]] = field(default_factory=dict)
    claimed: set[str] = field(default_factory=set)  # Dockerfiles compose projects build
    # compose file -> the projects (primary paths) that include or extend from it
    pulled_by: dict[str, set[str]] = field(default_factory=dict)
    origins: dict[Diagnostic, set[str]] = field(default_factory=dict)  # the projects that found it
    roles: dict[str, str] = field(default_factory=dict)  # linted file -> its role, and why
    projects: dict[str, set[str]] = field(default_factory=dict)  # path -> projects' primaries

    def merge(self, other: _Findings) -> None:
        for diagnostic, primary in other.found.items():
            self.found.setdefault(diagnostic, primary)
        for diagnostic, origins in other.origins.items():
            self.origins.setdefault(diagnostic, set()).update(origins)
        for path, pullers in other.pulled_by.items():
            self.pulled_by.setdefault(path, set()).update(pullers)
        for path, role in other.roles.items():
            self.roles.setdefault(path, role)
        for path, primary in other.governed_by.items():
            self.governed_by.setdefault(path, primary)
        self.failures += other.failures
        self.ran |= other.ran
        self.rules_run |= other.rules_run
        for path, directives in other.directives.items():
            self.directives.setdefault(path, directives)
        self.claimed |= other.claimed
        for path, primaries in other.projects.items():
            self.projects.setdefault(path, set()).update(primaries)


@dataclass(frozen=True)
class _LoadError:
    """Why a rule's implementation or options could not be loaded (a failure of each project
    it would have run on)."""

    error: str


_Loaded = tuple[object, object] | _LoadError
"""A rule's implementation and resolved options, or why they could not be had."""


def _load_rule(rule: Rule, settings: Settings) -> _Loaded:
    """The implementation of ``rule`` and its options under ``settings``."""
    try:
        return rule.load(), rule.resolved_options(settings.options.get(rule.code, {}))
    except Exception:
        return _LoadError(_current_error())


@dataclass
class _Selection:
    """The rules one settings select and those loaded so far; the settings are kept so that
    the ``id`` the run keys this by stays theirs."""

    settings: Settings
    rules: list[Rule]
    loaded: dict[str, _Loaded] = field(default_factory=dict)


@dataclass
class _Run:
    """One run: what every project is linted with, and how each is linted."""

    rules: Registry
    settings_for: SettingsFor
    read_text: ReadText
    sources: Sequence[Source]
    visit: Visit | None = None
    file_problem: FileCheck = lambda _path: None
    repository_role: FileRole | None = None  # what the repository's folder name makes its files
    by_path: dict[str, Source] = field(init=False)  # by normalised path
    linted: frozenset[str] = field(init=False)
    bases: dict[str, set[tuple[str, str]]] = field(init=False, default_factory=dict)
    images: RepositoryImages = field(init=False, default=NO_IMAGES)
    bases_loaded: dict[str, Dockerfile | None] = field(init=False, default_factory=dict)
    # The app folders of catalogues -> what the catalogue's platform supplies, and the compose
    # files loaded to find it out (group -> project, .env text, files read).
    platforms: dict[str, Supplied] = field(init=False, default_factory=dict)
    loaded: dict[tuple[str, ...], Loaded] = field(init=False, default_factory=dict)
    lab_roles: dict[str, FileRole] = field(init=False)  # files of a vulnerability lab
    selections: dict[int, _Selection] = field(init=False, default_factory=dict)  # id(settings)

    def __post_init__(self) -> None:
        self.by_path = {posixpath.normpath(s.path): s for s in self.sources}
        self.linted = frozenset(s.path for s in self.sources)
        self.lab_roles = lab_roles(self.linted)

    def prefetch(self, dockerfiles: Sequence[Source], processes: int) -> None:
        """Selected Dockerfile rules that run another program (ShellCheck) do it for every
        Dockerfile of the run at once here, through their ``prefetch(dockerfiles, processes)``,
        before workers fork (they inherit what it found)."""
        selected = {code for s in dockerfiles for code in self.settings_for(s.path).selected}
        rules = [r for r in self.rules.rules if r.code in selected and DOCKERFILE in r.views]
        hooks = [hook for rule in rules if (hook := _prefetch_hook(rule)) is not None]
        if hooks:
            parsed = [d for s in dockerfiles if (d := self.parse(s, _Findings())) is not None]
            for hook in hooks:
                hook(parsed, processes)

    def compose_file_of(self, directory: str) -> tuple[str, ...]:
        """The files ``COMPOSE_FILE`` names in the ``.env`` of ``directory``, if it sets it."""
        from lintdock.parsers.compose_envfile import compose_file_setting

        env_text = self.read_text(posixpath.join(directory, ENV_FILE))
        return compose_file_setting(env_text, directory) if env_text else ()

    def base_of_overlay(
        self, compose: ComposeProject, composes: Mapping[str, Source]
    ) -> tuple[str, str] | None:
        """The base file beside or above a lone compose file that it is an overlay of, and why:
        it uses services or networks it does not define and the base does (``docker compose -f
        base -f this``)."""
        undefined = undefined_names(compose)
        for base in bases_above(compose.path, composes) if undefined else ():
            shared = sorted(undefined & self.defined_by(base, composes))
            if shared:
                names = ", ".join(f'{kind} "{name}"' for kind, name in shared)
                return base, f"{compose.path} uses {names} of {base}: a file for -f {base}"
        return None

    def first_of_chain(
        self, project: ComposeGroup, configured: bool | None, base: tuple[str, str] | None
    ) -> str | None:
        """The first file of the ``-f`` chain a lone compose file is inferred to be a later file
        of: the base it is an overlay of, or the file a devcontainer.json lists before it; None
        when nothing says it is one."""
        from lintdock.assembly import devcontainer_first

        if base is not None:
            return base[0]
        if configured is not None or project.assembled or len(project.files) != 1:
            return None
        return devcontainer_first(project.files[0], self.read_text)

    def load_after(self, first: str, path: str, composes: Mapping[str, Source]) -> Loaded:
        """The compose file at ``path`` as ``docker compose -f FIRST ... -f PATH`` reads it: its
        relative paths resolve from the first file's directory (the project directory) and its
        variables come from the ``.env`` there."""
        from lintdock.parsers.compose import load_compose

        env_text, template = _dotenv(self.read_text, first)
        text = self.compose_text(path, composes) or ""
        compose = load_compose(
            [(path, text)],
            env_text,
            self.read_text,
            env_is_template=template,
            project_directory=posixpath.dirname(first),
        )
        return compose, env_text, 1

    def defined_by(self, base: str, composes: Mapping[str, Source]) -> set[tuple[str, str]]:
        """The services and resources the compose file ``base`` defines (loaded once)."""
        from lintdock.parsers.compose import load_compose

        if base not in self.bases:
            env_text, template = _dotenv(self.read_text, base)
            loaded = load_compose(
                [(base, composes[base].text)], env_text, self.read_text, env_is_template=template
            )
            self.bases[base] = defined_names(loaded)
        return self.bases[base]

    def compose_text(self, path: str, composes: Mapping[str, Source]) -> str | None:
        source = composes.get(path) or self.by_path.get(posixpath.normpath(path))
        return source.text if source is not None else self.read_text(path)

    def prepare(self, kind: Kind) -> None:
        """Import the parsers of ``kind`` once, before worker processes are forked."""
        importlib.import_module(_PARSERS[kind])
        importlib.import_module("lintdock.parsers.shell")

    def lint_compose(self, project: ComposeGroup, composes: Mapping[str, Source]) -> _Findings:
        """One compose project (base file and overrides) with the Dockerfiles it builds."""
        from lintdock.parsers.compose import EMPTY_FILE

        out = _Findings()
        group = project.files
        configured = self.settings_for(group[0]).fragment_of(group[0])
        inferred = configured is None and is_alone(project)
        base = None
        try:
            loaded = self.loaded.pop(group) if group in self.loaded else self.load(group, composes)
            compose, env_text, read = loaded
            base = self.base_of_overlay(compose, composes) if inferred else None
            first = self.first_of_chain(project, configured, base)
            if first is not None and posixpath.dirname(first) != posixpath.dirname(group[0]):
                compose, env_text, read = self.load_after(first, group[0], composes)
        except Exception:
            out.failures.append(Failure(None, group[0], _current_error()))
            return out
        for path in compose.files[read:]:
            out.pulled_by.setdefault(path, set()).add(compose.path)
        if configured:
            compose = replace(compose, missing=(*compose.missing, f"{group[0]} (configured)"))
        elif inferred:
            overlay = overlay_reason(compose) or (base[1] if base is not None else None)
            if overlay is not None:
                compose = replace(
                    compose,
                    missing=(*compose.missing, overlay),
                    findings=tuple(f for f in compose.findings if f.message != EMPTY_FILE),
                )
        if configured is None and not project.assembled and compose.complete:
            compose = self.completed_elsewhere(compose)
        members = []
        for path in built_dockerfile_paths(compose):
            source = self.by_path.get(path)
            if source is not None and source.kind is Kind.DOCKERFILE:
                out.claimed.add(path)
                dockerfile = self.parse(source, out)
                if dockerfile is not None:
                    members.append(dockerfile)
                    out.directives[dockerfile.path] = self.dockerfile_directives(dockerfile)
        for path in (p for p in compose.files if p in self.linted):  # not context-only files
            spans = [c.span for c in compose.comments if c.path == path]
            lines = self.by_path[posixpath.normpath(path)].text.splitlines()
            out.directives[path] = compose_directives(path, lines, spans, self.rules)

        def load_context(path: str) -> Dockerfile | None:
            text = self.read_text(path)
            if text is None:
                return None
            return self.parse(Source(path, Kind.DOCKERFILE, text), out)

        projects = build_projects(
            members, [compose], self.read_text, load_context, self.file_problem, self.images
        )
        masker = self.secrets(compose, env_text)
        for linted in projects:
            self.lint(linted, out, masker)
        return out

    def load(self, group: tuple[str, ...], composes: Mapping[str, Source]) -> Loaded:
        """The compose project of ``group``, the ``.env`` text it was loaded with, and how many
        of the group's files could be read."""
        from lintdock.parsers.compose import load_compose

        env_text, template = _dotenv(self.read_text, group[0])
        texts = [(p, t) for p in group if (t := self.compose_text(p, composes)) is not None]
        compose = load_compose(texts, env_text, self.read_text, env_is_template=template)
        return compose, env_text, len(texts)

    def load_alone(
        self,
        groups: Collection[tuple[str, ...]],
        composes: Mapping[str, Source],
        path: str,
        _text: str,
    ) -> ComposeProject:
        """The compose file at ``path`` loaded alone (with its ``.env``), once: when it is a
        project of its own (one of ``groups``) it is kept for ``lint_compose``."""
        alone = (path,)
        if alone in self.loaded:
            return self.loaded[alone][0]
        loaded = self.load(alone, composes)
        if alone in groups:
            self.loaded[alone] = loaded
        return loaded[0]

    def find_platforms(
        self, groups: Sequence[ComposeGroup], composes: Mapping[str, Source]
    ) -> None:
        """The catalogues among the groups no one assembled, and what each one's platform
        supplies to its apps (``lintdock.assembly``). Their members are loaded here, once:
        ``lint_compose`` takes them from ``loaded``."""
        from lintdock.assembly import bases_of, catalogues, platform_names, with_base

        free = {group.files[0]: group.files for group in groups if not group.assembled}
        for pattern, members in catalogues(free).items():
            projects = []
            for member in members:
                try:
                    loaded = self.loaded[free[member]] = self.load(free[member], composes)
                except Exception:
                    continue  # lint_compose loads it again and reports the failure
                projects.append(loaded[0])
            platform = platform_names(pattern, projects)
            bases = bases_of(pattern, composes)
            platform = with_base(platform, bases, lambda base: self.defined_by(base, composes))
            self.platforms.update((posixpath.dirname(m), platform) for m in members)

    def completed_elsewhere(self, compose: ComposeProject) -> ComposeProject:
        """``compose`` knowing what completes it outside its files: a fragment when a comment or
        a devcontainer.json gives it to compose after another file, or the names the platform
        of its catalogue supplies."""
        from lintdock.assembly import overlay_reasons, supplied_to

        reason = overlay_reasons(compose, self.read_text)
        if reason is not None:
            return replace(compose, missing=(*compose.missing, reason))
        platform = self.platforms.get(posixpath.dirname(compose.path))
        if platform is None:
            return compose
        return replace(compose, supplied=supplied_to(compose, platform))

    def secrets(self, compose: ComposeProject, env_text: str | None) -> Masker:
        """What hides the project's secret values: those of its ``.env`` files (the base
        file's, and those beside files it includes) and of its services' ``env_file``s."""
        from lintdock.parsers.compose_interpolation import parse_env_file

        texts = [env_text, *(self.read_text(env_file_beside(p)) for p in compose.files[1:])]
        texts += [self.read_text(f.resolved) for s in compose.services for f in s.env_files]
        return Masker(secret_values(v for t in texts if t for v in parse_env_file(t).items()))

    def lint_dockerfile(self, source: Source) -> _Findings:
        """A Dockerfile no compose project of the run builds, alone."""
        out = _Findings()
        dockerfile = self.parse(source, out)
        if dockerfile is not None:
            out.directives[dockerfile.path] = self.dockerfile_directives(dockerfile)
            projects = build_projects(
                [dockerfile], [], self.read_text, self.load_base, self.file_problem, self.images
            )
            for project in projects:
                self.lint(project, out)
        return out

    def load_base(self, path: str) -> Dockerfile | None:
        """A Dockerfile of the repository read only for what the images built FROM it inherit
        (its HEALTHCHECK), parsed once per run; its own findings are reported where it is
        linted."""
        if path not in self.bases_loaded:
            text = self.read_text(path)
            source = Source(path, Kind.DOCKERFILE, text) if text is not None else None
            self.bases_loaded[path] = self.parse(source, _Findings()) if source else None
        return self.bases_loaded[path]

    def parse(self, source: Source, out: _Findings) -> Dockerfile | None:
        from lintdock.parsers.dockerfile import parse_dockerfile

        try:
            return parse_dockerfile(source.text, source.path)
        except Exception:
            out.failures.append(Failure(None, source.path, _current_error()))
            return None

    def dockerfile_directives(self, dockerfile: Dockerfile) -> tuple[Directive, ...]:
        from lintdock.parsers.dockerfile import dockerfile_lines

        return dockerfile_directives(
            dockerfile.path,
            dockerfile_lines(self.by_path[posixpath.normpath(dockerfile.path)].text),
            (c.span for c in dockerfile.comments),
            (i.span for i in dockerfile.instructions),
            self.rules,
            dockerfile.directives.get("check"),
        )

    def lint(self, project: Project, out: _Findings, masker: Masker | None = None) -> None:
        """Run the selected rules on one project; ``masker`` hides its secret values."""
        if self.visit is not None:
            self.visit(project)
        primary = project.compose.path if project.compose else project.dockerfiles[0].path
        settings = self.settings_for(primary)
        project = _with_roles(project, settings, self.lab_roles, self.repository_role)
        ignored = {p: settings.ignored_in(p) for p in _project_paths(project) if p in self.linted}
        for path in ignored:
            out.governed_by.setdefault(path, primary)
            out.roles.setdefault(path, _shown_role(project, path))
            out.projects.setdefault(path, set()).add(primary)
        views = _views(project)
        bound: list[Bound] = []
        for rule in self.selected_rules(settings):
            out.rules_run.add(rule.code)
            out.ran.update((p, rule.code) for p, codes in ignored.items() if rule.code not in codes)
            if views.isdisjoint(rule.views):
                continue  # it reads nothing this project has: it cannot find anything
            loaded = self.loaded_rule(rule, settings)
            if isinstance(loaded, _LoadError):
                out.failures.append(Failure(rule.code, primary, loaded.error))
            else:
                implementation, options = loaded
                bound.append(Bound(rule, implementation, Context(rule, project, options)))
        owners = {each.rule.code: each.rule for each in bound}
        generated = {path for path in ignored if project.generator(path) is not None}
        for code, diagnostics in self.run_rules(project, bound, primary, out).items():
            for diagnostic in masker.all(diagnostics) if masker else diagnostics:
                if settings.ignores_service(diagnostic.code, diagnostic.service):
                    continue
                if diagnostic.fix is not None and diagnostic.path in generated:
                    diagnostic = replace(diagnostic, fix=None)  # fix what generates it
                ignores = ignored.get(diagnostic.path, frozenset())
                if (diagnostic.path, code) in out.ran and settings.reports(
                    owners[code], diagnostic.code, ignores
                ):
                    out.found.setdefault(diagnostic, primary)
                    out.origins.setdefault(diagnostic, set()).add(primary)

    def selection(self, settings: Settings) -> _Selection:
        """What ``settings`` select, worked out once per settings of the run."""
        key = id(settings)
        if key not in self.selections:
            rules = [rule for rule in self.rules.rules if rule.code in settings.selected]
            self.selections[key] = _Selection(settings, rules)
        return self.selections[key]

    def selected_rules(self, settings: Settings) -> list[Rule]:
        """The rules ``settings`` select, in the registry's order."""
        return self.selection(settings).rules

    def loaded_rule(self, rule: Rule, settings: Settings) -> _Loaded:
        """The implementation of ``rule`` and its options under ``settings`` (or what loading
        them raised), loaded when the rule first runs and kept for the run's other projects."""
        loaded = self.selection(settings).loaded
        if rule.code not in loaded:
            loaded[rule.code] = _load_rule(rule, settings)
        return loaded[rule.code]

    def run_rules(
        self, project: Project, bound: Sequence[Bound], primary: str, out: _Findings
    ) -> dict[str, list[Diagnostic]]:
        """Each rule's diagnostics on ``project``, by code. A rule that raises, or reports another
        rule's code, is a failure and its findings are dropped; the others go on."""
        found: dict[str, list[Diagnostic]] = {each.rule.code: [] for each in bound}
        for rule, call in calls(project, bound):
            if rule.code not in found:
                continue  # it failed on an earlier node
            try:
                diagnostics = list(call())
                _own_codes(rule, diagnostics)
            except Exception as exception:
                if isinstance(exception, RuleContractError) and os.environ.get(STRICT):
                    raise
                out.failures.append(Failure(rule.code, primary, _current_error()))
                del found[rule.code]
                continue
            found[rule.code] += diagnostics
        return found

    def report_unread(self, notification: Notification, findings: _Findings) -> None:
        """A file the run did not lint, as a finding of ``notification.code`` at its position
        (when that rule is selected for the file)."""
        path, code = notification.path, str(notification.code)
        settings = self.settings_for(path)
        if code not in settings.selected or code in settings.ignored_in(path):
            return
        line, column = notification.position
        diagnostic = Diagnostic(code, notification.message, path, Span(line, column, line, column))
        findings.found.setdefault(diagnostic, path)
        findings.origins.setdefault(diagnostic, set()).add(path)
        findings.governed_by.setdefault(path, path)
        findings.ran.add((path, code))

    def finish(self, findings: _Findings, notifications: Sequence[Notification]) -> LintResult:
        """Suppressions (file by file), LD901, severities, order."""
        by_path: dict[str, list[Diagnostic]] = {}
        for diagnostic in _one_per_anchor(self._agreed(_in_whole_projects(findings), findings)):
            by_path.setdefault(diagnostic.path, []).append(diagnostic)
        kept: list[Diagnostic] = []
        for path in sorted(by_path.keys() | findings.directives.keys()):
            kept += _suppressed(by_path.get(path, []), findings.directives.get(path, ()), findings)
        resolved = sorted((self._resolve(d, findings) for d in kept), key=_diagnostic_order)
        failing = sum(
            1
            for d in resolved
            if d.severity is not None and d.severity >= self._settings(d.path, findings).fail_on
        )
        return LintResult(
            diagnostics=tuple(resolved),
            files=tuple(sorted(s.path for s in self.sources)),
            rules=tuple(r for r in self.rules.rules if r.code in findings.rules_run),
            failing=failing,
            notifications=tuple(sorted(notifications, key=lambda n: n.path)),
            failures=tuple(findings.failures),
            texts={s.path: s.text for s in self.sources},
            roles=dict(sorted(findings.roles.items())),
            projects={path: tuple(sorted(p)) for path, p in sorted(findings.projects.items())},
            kinds={s.path: s.kind for s in self.sources},
        )

    def _agreed(self, diagnostics: list[Diagnostic], findings: _Findings) -> list[Diagnostic]:
        """The diagnostics of ``unanimous`` rules that every project linting their file found,
        and all the others."""

        def agreed(diagnostic: Diagnostic) -> bool:
            rule = self.rules.get(diagnostic.code)
            if rule is None or not rule.unanimous:
                return True
            return findings.origins[diagnostic] >= findings.projects.get(diagnostic.path, set())

        return [diagnostic for diagnostic in diagnostics if agreed(diagnostic)]

    def _settings(self, path: str, findings: _Findings) -> Settings:
        return self.settings_for(findings.governed_by[path])

    def _resolve(self, diagnostic: Diagnostic, findings: _Findings) -> Diagnostic:
        """The severity a user sees: an explicit override, else the rule's own choice for this
        diagnostic, else the rule's default."""
        settings = self._settings(diagnostic.path, findings)
        rule = self.rules.get(diagnostic.code)
        default = rule.severity if rule is not None else Severity.WARNING
        severity = settings.severity_of(diagnostic.code) or diagnostic.severity or default
        if severity is diagnostic.severity:
            return diagnostic
        return _with_severity(diagnostic, severity)


STRICT = "LINTDOCK_STRICT"
"""An environment variable the test suite sets: a rule that breaks the rule contract stops the
run with its traceback instead of becoming a reported failure (exit code 2)."""


class RuleContractError(Exception):
    """A rule reported a diagnostic of another rule's code."""


def _prefetch_hook(rule: Rule) -> Callable[[list[Dockerfile], int], None] | None:
    """A rule's ``prefetch``, if it has one (a rule that cannot be loaded fails when it runs)."""
    try:
        return getattr(rule.load(), "prefetch", None)
    except Exception:
        return None


def _own_codes(rule: Rule, diagnostics: Sequence[Diagnostic]) -> None:
    if not diagnostics:
        return
    strays = sorted({d.code for d in diagnostics if not rule.owns(d.code)})
    if strays:
        raise RuleContractError(f"{rule.code} reported diagnostics of {', '.join(strays)}")


def _views(project: Project) -> frozenset[str]:
    """The views ``project`` offers its rules."""
    views = {DOCKERFILE} if project.dockerfiles else set()
    if project.compose is not None:
        views |= {COMPOSE, PROJECT} if project.dockerfiles else {COMPOSE}
    return frozenset(views)


def _shown_role(project: Project, path: str) -> str:
    """A file's role and, for a compose file, what completes it elsewhere (``--show-files``)."""
    role = str(project.role(path))
    generator = project.generator(path)
    if generator is not None:
        role += f"; generated: {generator}"
    compose = project.compose
    if compose is None or path not in compose.files:
        return role
    if compose.missing:
        return f"{role}; a fragment: {'; '.join(compose.missing)}"
    if compose.supplied is not None:
        return f"{role}; {compose.supplied.reason}"
    return role


def _with_roles(
    project: Project,
    settings: Settings,
    labs: Mapping[str, FileRole],
    repository: FileRole | None,
) -> Project:
    """``project`` knowing the roles the run gives its files: the roles configuration, else
    the lab a file belongs to (``lintdock.roles.lab_roles``), else, where neither path nor
    content gives one, the role the repository's folder name gives (``repository_role``)."""
    if repository is not None:
        project = replace(project, default_role=repository)
    paths = _project_paths(project)
    given = {path: labs[path] for path in paths if path in labs}
    if settings.roles:
        given |= {
            path: FileRole(Role(role), "configured")
            for path in paths
            if (role := settings.role_of(path)) is not None
        }
    return replace(project, roles=given) if given else project


def _one_per_anchor(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """One finding for what is written once and shared by several services (a YAML anchor, a
    ``<<`` merge): the same rule at the same place about several services is reported once,
    naming them all."""
    alike: dict[tuple[str, str, Span], list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        alike.setdefault((diagnostic.code, diagnostic.path, diagnostic.span), []).append(diagnostic)
    merged = []
    for same in alike.values():
        services = list(dict.fromkeys(d.service for d in same if d.service is not None))
        if len(services) < 2:
            merged += same
            continue
        first = same[0]
        others = ", ".join(f'"{name}"' for name in services if name != first.service)
        message = f"{first.message} (the same holds for {others}, sharing this definition)"
        merged.append(replace(first, message=message))
    return merged


def _in_whole_projects(findings: _Findings) -> list[Diagnostic]:
    """The diagnostics found by a project that stands on its own: a compose file that another
    project of the run includes (or extends from) is linted as part of that one, so what it
    found linted alone is dropped."""
    roots = {p for pullers in findings.pulled_by.values() for p in pullers}
    roots -= findings.pulled_by.keys()
    dropped = {path for path, pullers in findings.pulled_by.items() if pullers & roots}
    return [d for d in findings.found if not findings.origins[d] <= dropped]


def _suppressed(
    diagnostics: Sequence[Diagnostic], directives: Sequence[Directive], findings: _Findings
) -> tuple[Diagnostic, ...]:
    """One file's diagnostics that its suppression comments let through, with LD901 for the
    comments that suppress nothing."""
    if not directives:
        return tuple(diagnostics)
    outcome = apply(diagnostics, directives)
    stale = unused(directives, outcome.used, lambda path, code: (path, code) in findings.ran)
    relevant = [d for d in stale if (d.path, UNUSED_SUPPRESSION) in findings.ran]
    return tuple(escalated(outcome.kept, directives)) + apply(relevant, directives).kept


def _with_severity(diagnostic: Diagnostic, severity: Severity) -> Diagnostic:
    return replace(diagnostic, severity=severity)


def _project_paths(project: Project) -> list[str]:
    paths = [d.path for d in project.dockerfiles if d.path not in project.context_paths]
    if project.compose is not None:
        paths += project.compose.files
    return paths


def _current_error() -> str:
    """The last line of the traceback being handled (``KeyError: 'boom'``)."""
    import traceback  # only when something failed

    return traceback.format_exc().strip().splitlines()[-1]


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
