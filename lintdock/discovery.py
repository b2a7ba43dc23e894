"""Which files lintdock lints: file kinds by name, compose base + override grouping, and the
directory walk (what git ignores and ``exclude`` patterns respected, symlinks followed only
inside the roots, each directory visited once).
"""

from __future__ import annotations

import enum
import functools
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pathspec

    from lintdock.model.compose import ComposeProject


class Kind(str, enum.Enum):
    """What a linted file is."""

    DOCKERFILE = "dockerfile"
    COMPOSE = "compose"


DOCKERFILE_NAME = re.compile(r"(Dockerfile|Containerfile)(\..+)?|.+\.[Dd]ockerfile")
COMPOSE_NAME = re.compile(r"(?P<stem>docker-compose|compose)(?P<variant>\..+)?\.ya?ml")
"""The names ``docker compose`` looks for by itself (and their ``.override``/``.prod`` variants)."""
OTHER_COMPOSE_NAME = re.compile(
    r"(docker-compose|compose|docker-stack)([-_.].+)?\.ya?ml|.+[-_.](compose|stack)\.ya?ml"
)
"""Other names of compose files, passed with ``-f``: ``docker-compose-v3.yml``,
``compose-mysql8.yml``, ``docker-compose_v3_alpine.yaml``, ``app-compose.yml``,
``docker-stack.yml``, ``voting-app-stack.yml``."""
YAML_NAME = re.compile(r".+\.ya?ml")
COMPOSE_CONTENT = re.compile(r"^(services|version|include|name)\s*:", re.MULTILINE)
BAKE_NAME = re.compile(r"(.+\.)?docker-bake(\..+)?\.(hcl|json)|.+\.hcl")
"""Docker Bake files: ``docker-bake.hcl``, ``docker-bake.override.json``, one per release
(rocker's ``bakefiles/4.6.1.docker-bake.json``), and other ``.hcl`` files passed with ``-f``
(``tests/build.hcl``) when their content has ``target`` blocks."""
BAKE_CONTENT = re.compile(r'^target\s+"', re.MULTILINE)
OVERRIDE_VARIANT = ".override"
ENV_FILE = ".env"


OTHER_LANGUAGES = {
    ".py": "a Python file",
    ".sh": "a shell script",
    ".bash": "a shell script",
    ".ps1": "a PowerShell script",
    ".bat": "a batch file",
    ".md": "a Markdown file",
    ".rst": "a reStructuredText file",
    ".json": "a JSON file",
    ".toml": "a TOML file",
    ".yml": "a YAML file",
    ".yaml": "a YAML file",
    ".dockerignore": "an ignore file",
    ".patch": "a patch",
    ".diff": "a patch",
}
"""Extensions that make a file named like a Dockerfile (``Dockerfile.py``, a script that
generates Dockerfiles; ``Dockerfile.dockerignore``, the ignore file BuildKit reads beside it)
a file of another kind. Names of languages an image is built for (``Dockerfile.go``,
``Dockerfile.php``) are Dockerfile variants as often, and stay Dockerfiles."""


def other_language(path: str) -> str | None:
    """What a file named like a Dockerfile is by its extension (``a Python file`` for
    ``Dockerfile.py``), or None."""
    name = posixpath.basename(path).lower()
    return next((what for suffix, what in OTHER_LANGUAGES.items() if name.endswith(suffix)), None)


BACKUP_SUFFIXES = (".bak", ".orig", ".rej", "~")
"""Names editors, patch and merge tools leave behind: never walked into, never fixed."""


def is_backup(path: str) -> bool:
    return posixpath.basename(path).endswith(BACKUP_SUFFIXES)


def kind_from_name(path: str) -> Kind | None:
    """The kind a walked file has by its name, or None when lintdock does not lint it (a
    backup copy, ``Dockerfile.bak``, and a file of another language, ``Dockerfile.py``, are
    not linted)."""
    name = posixpath.basename(path)
    if name.endswith(BACKUP_SUFFIXES):
        return None
    if DOCKERFILE_NAME.fullmatch(name) and other_language(name) is None:
        return Kind.DOCKERFILE
    if COMPOSE_NAME.fullmatch(name) or OTHER_COMPOSE_NAME.fullmatch(name):
        return Kind.COMPOSE
    return None


def is_bake_candidate(path: str) -> bool:
    """A file that may be a Bake file, by its name (read, never linted)."""
    name = posixpath.basename(path)
    return not name.endswith(BACKUP_SUFFIXES) and BAKE_NAME.fullmatch(name) is not None


def looks_like_bake(path: str, text: str) -> bool:
    """Whether a Bake candidate is one: named ``docker-bake.*`` (or ``*.docker-bake.*``), or an
    ``.hcl`` file with a top-level ``target`` block (not Terraform, Packer or Nomad
    configuration)."""
    return "docker-bake" in posixpath.basename(path) or bool(BAKE_CONTENT.search(text))


def guess_kind(path: str, text: str) -> Kind:
    """The kind of a file named explicitly: by name, then by extension, then by content."""
    by_name = kind_from_name(path)
    if by_name is not None:
        return by_name
    if path.endswith((".yaml", ".yml")) or COMPOSE_CONTENT.search(text):
        return Kind.COMPOSE
    return Kind.DOCKERFILE


def is_override(path: str) -> bool:
    match = COMPOSE_NAME.fullmatch(posixpath.basename(path))
    return bool(match and match["variant"] == OVERRIDE_VARIANT)


def group_compose(paths: Iterable[str]) -> list[tuple[str, ...]]:
    """Compose files grouped into projects, base first, as ``docker compose`` loads them.

    A base file (``compose.yaml``, ``docker-compose.yml``, …) takes the override file of its own
    stem in its directory (``compose.override.yaml``), or else the one of the other stem when it
    is the only base there. Other variants (``compose.prod.yaml``) stand alone, and so does an
    override whose base was not given.
    """
    paths = sorted(set(paths))
    by_directory: dict[str, list[str]] = {}
    for path in paths:
        by_directory.setdefault(posixpath.dirname(path), []).append(path)
    groups: list[tuple[str, ...]] = []
    claimed: set[str] = set()
    for base in (p for p in paths if _is_base(p)):
        override = _override_for(base, by_directory[posixpath.dirname(base)])
        if override is not None and override not in claimed:
            claimed.add(override)
            groups.append((base, override))
        else:
            groups.append((base,))
    groups += [(p,) for p in paths if not _is_base(p) and p not in claimed]
    return sorted(groups)


@dataclass(frozen=True)
class ComposeGroup:
    """The compose files of one project, base first. ``assembled``: the user said these files
    make a project (``-f``, configuration, ``COMPOSE_FILE``), so none of them is a fragment."""

    files: tuple[str, ...]
    assembled: bool = False


def compose_projects(
    paths: Iterable[str],
    compose_file_of: Callable[[str], tuple[str, ...]],
    explicit: Iterable[tuple[str, ...]] = (),
) -> list[ComposeGroup]:
    """Compose files grouped into projects: the ``explicit`` groups first (``-f``); then, in a
    directory whose ``.env`` sets ``COMPOSE_FILE`` (``compose_file_of(directory)``), the files
    it lists, in its order (they need not all be among ``paths``); the others as
    ``group_compose`` groups them."""
    groups = [ComposeGroup(files, True) for files in explicit if files]
    claimed = {path for group in groups for path in group.files}
    paths = sorted(set(paths) - claimed)
    for directory in sorted({posixpath.dirname(p) for p in paths}):
        listed = compose_file_of(directory)
        if listed and not claimed & set(listed):
            groups.append(ComposeGroup(listed, True))
            claimed.update(listed)
    return groups + [ComposeGroup(g) for g in group_compose(p for p in paths if p not in claimed)]


OVERLAY_FOLDERS = frozenset({"overrides", "overlays", "override", "overlay"})


def overlay_reason(compose: ComposeProject) -> str | None:
    """Why a compose file linted alone is a fragment of a project assembled elsewhere (a file
    for ``docker compose -f base.yaml -f this.yaml``), or None. Only asked of a file that is
    neither a default base file nor named by ``COMPOSE_FILE``/``-f``/configuration."""
    folders = set(posixpath.dirname(compose.path).split("/"))
    if not compose.top_level_keys:
        return f"{compose.path} is empty: a place for settings passed with -f"
    if folders & OVERLAY_FOLDERS:
        return f"{compose.path} is an overlay (under {sorted(folders & OVERLAY_FOLDERS)[0]}/)"
    for service in compose.services:
        if service.image is None and service.build is None and service.extends_file is None:
            return (
                f'{compose.path} patches services defined elsewhere ("{service.key}" has '
                "neither image nor build)"
            )
    return None


def undefined_names(compose: ComposeProject) -> set[tuple[str, str]]:
    """What ``compose``'s services use that it does not define: ``("service", name)`` for a
    dependency, ``(kind, name)`` for an undeclared network, volume, secret or config."""
    defined = {service.key for service in compose.services}
    return {
        ("service", dependency.service.value)
        for service in compose.services
        for dependency in service.depends_on
        if dependency.service.value not in defined
    } | {
        (reference.kind, reference.name.value)
        for service in compose.services
        for reference in service.references
        if not compose.declares(reference.kind, reference.name.value)
    }


def defined_names(compose: ComposeProject) -> set[tuple[str, str]]:
    """The services and the declared resources of ``compose``, as ``undefined_names`` names
    them."""
    names = {("service", service.key) for service in compose.services}
    return names | {(kind, name) for kind, declared in compose.declared for name in declared}


def bases_above(path: str, paths: Iterable[str]) -> list[str]:
    """The base compose files (``compose.yaml``, ``docker-compose.yml``) among ``paths`` in the
    directory of ``path`` and the directories above it, nearest first."""
    return files_in_folders_from(posixpath.dirname(path), [p for p in paths if _is_base(p)])


def files_in_folders_from(folder: str, paths: Iterable[str]) -> list[str]:
    """The ``paths`` in ``folder`` and in each folder above it, nearest first (sorted within a
    folder)."""
    by_folder: dict[str, list[str]] = {}
    for path in sorted(set(paths)):
        by_folder.setdefault(posixpath.dirname(path), []).append(path)
    return [path for above in folders_from(folder) for path in by_folder.get(above, [])]


def folders_from(folder: str) -> Iterator[str]:
    """``folder`` and each folder above it, up to ``""`` (relative) or ``/`` (absolute)."""
    while True:
        yield folder
        above = posixpath.dirname(folder)
        if above == folder:
            return
        folder = above


def is_alone(group: ComposeGroup) -> bool:
    """Whether a group is one compose file that nothing assembles with others: not a base file
    ``docker compose`` finds by itself, nor one the user named as a project."""
    return not group.assembled and len(group.files) == 1 and not _is_base(group.files[0])


def _is_base(path: str) -> bool:
    match = COMPOSE_NAME.fullmatch(posixpath.basename(path))
    return bool(match and match["variant"] is None)


def _stem(path: str) -> str:
    match = COMPOSE_NAME.fullmatch(posixpath.basename(path))
    return match["stem"] if match else ""


def _override_for(base: str, here: list[str]) -> str | None:
    """The override merged into ``base``, among the compose files ``here`` in its directory."""
    siblings = [o for o in here if is_override(o)]
    same_stem = [o for o in siblings if _stem(o) == _stem(base)]
    if same_stem:
        return same_stem[0]
    bases_here = [p for p in here if _is_base(p)]
    return siblings[0] if siblings and bases_here == [base] else None


def override_candidates(base: str) -> list[str]:
    """The override files ``docker compose`` would merge into ``base`` from its directory, in
    the order tried: its own stem first (``compose.override.yaml``, ``.yml``), then the other."""
    if not _is_base(base):
        return []
    directory = posixpath.dirname(base)
    stems = sorted(("compose", "docker-compose"), key=lambda stem: stem != _stem(base))
    return [
        posixpath.join(directory, f"{stem}{OVERRIDE_VARIANT}.{extension}")
        for stem in stems
        for extension in ("yaml", "yml")
    ]


def env_file_beside(compose_path: str) -> str:
    """The ``.env`` file Compose reads for interpolation: beside the (first) compose file."""
    return posixpath.join(posixpath.dirname(compose_path), ENV_FILE)


TEMPLATE_SUFFIXES = (".example", ".dist", ".sample", ".template", ".tpl", ".defaults")
"""What a repository names the template of a file each user creates (``.env.example``)."""


def template_names(path: str) -> list[str]:
    """The paths a repository may keep the template of the file at ``path`` under, the one a
    user copies to make it: ``.env.example``, ``env.example`` or ``example.env`` beside
    ``.env``; ``app.env.dist``, ``app.dist.env`` or ``distapp.env`` beside ``app.env``."""
    directory, name = posixpath.split(path)
    stem = name.removesuffix(".env")
    candidates = [f"{name}{suffix}" for suffix in TEMPLATE_SUFFIXES]
    if name.startswith("."):
        candidates += [f"{name[1:]}{suffix}" for suffix in TEMPLATE_SUFFIXES]
    if name.endswith(".env"):
        candidates += [f"{stem}{suffix}.env" for suffix in TEMPLATE_SUFFIXES]
        candidates += [f"{suffix.lstrip('.')}{name}" for suffix in TEMPLATE_SUFFIXES]
    return [posixpath.join(directory, candidate) for candidate in candidates]


@dataclass(frozen=True)
class _IgnoreFile:
    """One ``.gitignore``: its patterns match paths relative to its directory."""

    directory: str
    spec: pathspec.GitIgnoreSpec

    def verdict(self, path: str, is_dir: bool) -> bool | None:
        relative = _relative(path, self.directory)
        if relative.startswith("../"):
            return None
        return self.spec.check_file(relative + "/" if is_dir else relative).include


def _relative(path: str, directory: str) -> str:
    """``path`` relative to ``directory``, with ``/``: cut from the front when the walk built
    it from ``directory`` (the common case, and much faster than ``os.path.relpath``)."""
    prefix = directory.rstrip(os.sep) + os.sep
    if directory and path.startswith(prefix):
        return path[len(prefix) :].replace(os.sep, "/")
    return os.path.relpath(path, directory).replace(os.sep, "/")


Excluded = Callable[[str, bool], bool]
Wanted = Callable[[str], bool]


def _no_yaml(_path: str) -> bool:
    return False


def has_other_compose_name(path: str) -> bool:
    """A name compose files are often given (``docker-compose-v3.yml``), but so are others
    (``deploy-docker-compose.yml`` workflows): a walk lints it only if its content agrees."""
    name = posixpath.basename(path)
    return not COMPOSE_NAME.fullmatch(name) and bool(OTHER_COMPOSE_NAME.fullmatch(name))


def is_yaml_candidate(path: str) -> bool:
    """A ``.yml``/``.yaml`` file not named as a compose file: one only its content can make one."""
    name = posixpath.basename(path)
    return kind_from_name(name) is None and YAML_NAME.fullmatch(name) is not None


@dataclass(frozen=True)
class CommandLineExcludes:
    """``--exclude`` patterns (instead of the configured ``exclude``) and ``--extend-exclude``
    patterns (besides it), with ``.gitignore`` syntax, relative to the current directory."""

    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()

    def excludes(self, path: str, is_dir: bool, configured: Excluded) -> bool:
        """Whether ``path`` is excluded, ``configured`` deciding for the config file."""
        if self.exclude is not None:
            if _matches(self.exclude, path, is_dir):
                return True
        elif configured(path, is_dir):
            return True
        return bool(self.extend_exclude) and _matches(self.extend_exclude, path, is_dir)


def _matches(patterns: tuple[str, ...], path: str, is_dir: bool) -> bool:
    relative = os.path.relpath(os.path.abspath(path)).replace(os.sep, "/")
    if relative == ".." or relative.startswith("../"):
        return False
    return _compiled(patterns).match_file(relative + "/" if is_dir else relative)


@functools.cache
def _compiled(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return gitignore_spec(patterns)


class BadPattern(ValueError):
    """A glob that cannot be compiled, or that would take too long to match."""


MAX_STARS_PER_SEGMENT = 3
MAX_RECURSIVE_SEGMENTS = 2
"""Glob patterns are matched by backtracking regexes: each ``*`` of one path segment and each
``**`` segment multiplies the work by the length of the path, so more are refused."""

_STAR_RUN = re.compile(r"(?<!\\)\*{2,}")


def safe_pattern(pattern: str) -> str:
    """``pattern`` with runs of ``*`` inside a segment made one (``a***`` is ``a*`` to git);
    BadPattern when it has more wildcards than it can be matched with in bounded time."""
    segments = []
    for segment in pattern.split("/"):
        if len(segment) > 1 and set(segment) == {"*"}:
            segments.append("**")
        else:
            segments.append(_STAR_RUN.sub("*", segment))
    if sum(segment == "**" for segment in segments) > MAX_RECURSIVE_SEGMENTS:
        raise BadPattern(f"more than {MAX_RECURSIVE_SEGMENTS} '**' in one pattern")
    if any(segment.count("*") > MAX_STARS_PER_SEGMENT for segment in segments if segment != "**"):
        raise BadPattern(f"more than {MAX_STARS_PER_SEGMENT} '*' between two slashes")
    return "/".join(segments)


def gitignore_spec(lines: Iterable[str], strict: bool = False) -> pathspec.GitIgnoreSpec:
    """Patterns with ``.gitignore`` semantics (pathspec is imported only when a run has some).
    A bad pattern raises BadPattern when ``strict`` (configuration), else it is skipped, as
    git skips what it cannot parse (``.gitignore`` files)."""
    import pathspec

    patterns = []
    for line in lines:
        try:
            patterns.append(safe_pattern(line))
        except BadPattern:
            if strict:
                raise
    try:
        return pathspec.GitIgnoreSpec.from_lines(patterns)
    except (re.error, ValueError):
        return pathspec.GitIgnoreSpec.from_lines(_compilable(pathspec, patterns, strict))


def _compilable(pathspec: Any, patterns: list[str], strict: bool) -> list[str]:
    """The patterns that compile (one bad one is a BadPattern when ``strict``)."""
    good = []
    for pattern in patterns:
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except (re.error, ValueError) as error:
            if strict:
                raise BadPattern(str(error)) from None
            continue
        good.append(pattern)
    return good


THIRD_PARTY_FOLDERS = frozenset({"vendor", "node_modules"})
"""Folders of other projects' code, copied in (Go's ``vendor/``, npm's ``node_modules/``):
their Dockerfiles and YAML test data are not this project's, and walks do not enter them."""
WORKFLOW_FOLDER = ".github/workflows"

Skip = Callable[[str, str], None]


def _ignore_skip(_path: str, _reason: str) -> None:
    return None


def walk(
    root: str,
    excluded: Excluded,
    yaml_wanted: Wanted = _no_yaml,
    respect_gitignore: bool = True,
    skipped: Skip = _ignore_skip,
) -> Iterator[str]:
    """Files under ``root`` whose names lintdock lints, sorted, skipping what git ignores
    (unless ``respect_gitignore`` is false) and what ``excluded(path, is_dir)`` rules out;
    other YAML files too where ``yaml_wanted(path)`` (their content decides:
    ``is_yaml_candidate``), except GitHub workflows. Third-party folders (``vendor/``,
    ``node_modules/``) are not entered: ``skipped(path, reason)`` is told. Symlinks are followed
    only when they resolve inside ``root``; every directory is visited once (symlink loops end)."""
    real_root = os.path.realpath(root)
    ignores = _ancestor_ignore_files(root) if respect_gitignore else None
    walker = _Walker(real_root, excluded, yaml_wanted, {real_root}, skipped)
    yield from walker.directory(root, real_root, ignores)


@dataclass
class _Walker:
    """One walk: its root, what it leaves out, the directories it has visited."""

    real_root: str
    excluded: Excluded
    yaml_wanted: Wanted
    visited: set[str]
    skipped: Skip = _ignore_skip

    def directory(
        self, directory: str, real_directory: str, ignores: tuple[_IgnoreFile, ...] | None
    ) -> Iterator[str]:
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:
            return
        if ignores is not None and any(entry.name == ".gitignore" for entry in entries):
            ignores = ignores + _ignore_files_in(directory)
        for entry in entries:
            real = os.path.join(real_directory, entry.name)
            if entry.is_symlink():
                real = os.path.realpath(entry.path)
            if entry.name == ".git" or not _inside(real, self.real_root):
                continue
            is_dir = _is_dir(entry)
            if not is_dir and not _may_be_wanted(entry.path):
                continue  # decided by its name alone, before the costlier checks
            if (ignores and _ignored(entry.path, is_dir, ignores)) or self.excluded(
                entry.path, is_dir
            ):
                continue
            if is_dir and entry.name in THIRD_PARTY_FOLDERS:
                self.skipped(entry.path + "/", "third-party code, not walked")
            elif is_dir and real not in self.visited:
                self.visited.add(real)
                yield from self.directory(entry.path, real, ignores)
            elif not is_dir and self._wanted(entry.path):
                yield entry.path

    def _wanted(self, path: str) -> bool:
        """Whether a file ``_may_be_wanted`` is walked: by its name, else by its content where
        the configuration says so (``yaml_wanted``)."""
        named = kind_from_name(path) is not None or is_bake_candidate(path)
        return named or self.yaml_wanted(path)


def _may_be_wanted(path: str) -> bool:
    """A file lintdock lints by its name, or a YAML file outside GitHub's workflows that its
    content may make a compose file."""
    if kind_from_name(path) is not None or is_bake_candidate(path):
        return True
    in_workflows = f"/{WORKFLOW_FOLDER}/" in "/" + path.replace(os.sep, "/")
    return is_yaml_candidate(path) and not in_workflows


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a directory (following symlinks); a symlink loop is not one, it is a
    file that cannot be read."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _inside(real_path: str, real_root: str) -> bool:
    return real_path == real_root or real_path.startswith(real_root.rstrip(os.sep) + os.sep)


def _ignored(path: str, is_dir: bool, ignores: tuple[_IgnoreFile, ...]) -> bool:
    """Git's rule: the deepest ``.gitignore`` with a matching pattern decides."""
    decision = False
    for ignore in ignores:
        verdict = ignore.verdict(path, is_dir)
        if verdict is not None:
            decision = verdict
    return decision


def _ignore_files_in(directory: str) -> tuple[_IgnoreFile, ...]:
    return _ignore_file(os.path.join(directory, ".gitignore"), directory)


def _ignore_file(path: str, anchor: str) -> tuple[_IgnoreFile, ...]:
    """The patterns of the ignore file at ``path``, relative to ``anchor``; none if unreadable."""
    from lintdock.files import FileKind, FileProblem, read_bytes

    try:
        lines = read_bytes(path, FileKind.IGNORE).decode("utf-8", "replace").splitlines()
    except FileProblem:
        return ()
    return (_IgnoreFile(anchor, gitignore_spec(lines)),)


def _ancestor_ignore_files(root: str) -> tuple[_IgnoreFile, ...]:
    """What git ignores above ``root``, lowest precedence first: the global excludes file,
    the repository's ``info/exclude``, then the ``.gitignore`` files from its top (a directory
    holding ``.git``) down to above ``root``; none when ``root`` is in no repository."""
    found: list[_IgnoreFile] = []
    directory = os.path.abspath(root)
    while True:
        parent = os.path.dirname(directory)
        if os.path.exists(os.path.join(directory, ".git")):
            return _repository_excludes(directory) + tuple(reversed(found))
        if parent == directory:
            return ()
        directory = parent
        found += _ignore_files_in(directory)


def _repository_excludes(top: str) -> tuple[_IgnoreFile, ...]:
    """``core.excludesFile`` (default ``$XDG_CONFIG_HOME/git/ignore``) and ``info/exclude``
    of the repository at ``top``; both hold patterns relative to ``top``."""
    common = _git_common_dir(top)
    info_exclude = os.path.join(common, "info", "exclude") if common else None
    global_excludes = _global_excludes_file(top)
    return (_ignore_file(global_excludes, top) if global_excludes else ()) + (
        _ignore_file(info_exclude, top) if info_exclude else ()
    )


def _git_common_dir(top: str) -> str | None:
    """The repository's git directory shared by its work trees: ``.git`` itself, or for a
    linked work tree (``.git`` a file: ``gitdir: …``) the one its ``commondir`` names."""
    dot_git = os.path.join(top, ".git")
    if os.path.isdir(dot_git):
        return dot_git
    try:
        with open(dot_git, encoding="utf-8") as handle:
            pointer = handle.read().strip()
    except OSError:
        return None
    if not pointer.startswith("gitdir:"):
        return None
    git_dir = os.path.join(top, pointer.removeprefix("gitdir:").strip())
    try:
        with open(os.path.join(git_dir, "commondir"), encoding="utf-8") as handle:
            return os.path.normpath(os.path.join(git_dir, handle.read().strip()))
    except OSError:
        return git_dir


def _global_excludes_file(top: str) -> str | None:
    """``core.excludesFile`` as git reads it (its configuration files, with includes), else
    git's default, ``$XDG_CONFIG_HOME/git/ignore`` or ``~/.config/git/ignore``."""
    import subprocess

    try:
        asked = subprocess.run(
            ["git", "config", "--path", "--get", "core.excludesFile"],
            cwd=top,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        asked = None
    if asked is not None and asked.returncode == 0 and asked.stdout.strip():
        return os.path.join(top, asked.stdout.strip())
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(
        os.path.expanduser("~"), ".config"
    )
    return os.path.join(config_home, "git", "ignore")
