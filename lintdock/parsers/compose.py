"""The Compose loader: compose file texts to a ``ComposeProject``, as ``docker compose`` loads
them.

``load_compose(files, env_text, read_text)`` takes ``(path, text)`` pairs, the base file first
then its overrides, the text of the ``.env`` beside the base file, and a way to read other files.
Each YAML document is read with positions (``compose_yaml``), interpolated with the ``.env``
variables only (``compose_interpolation``), validated against the Compose Specification schema
(``compose_schema``), has its ``extends`` applied (in the same file, or in the file
``extends.file`` names), imports the projects it ``include``s (each with its own project
directory and ``.env``), and is merged into the project (``compose_merge``); the merged services
are normalised into models (``compose_services``).

It never raises: unreadable YAML is LD002, a document Compose would reject is LD003, and both
are ``ComposeProject.findings``. Positions always point into the file that wrote the value.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from lintdock.model.compose import (
    ComposeFinding,
    ComposeProject,
    Located,
    YamlComment,
    YamlPresentation,
)
from lintdock.model.span import Span
from lintdock.parsers.compose_interpolation import (
    Unset,
    interpolate_tree,
    parse_env_file,
    unless_set,
)
from lintdock.parsers.compose_merge import apply_extends, merge_documents
from lintdock.parsers.compose_presentation import presentation
from lintdock.parsers.compose_schema import validate
from lintdock.parsers.compose_services import Context, command_findings, key_located, services
from lintdock.parsers.compose_yaml import LineIndex, YamlFile, YamlNode, key_text, read_yaml
from lintdock.rules.codes import COMPOSE_SCHEMA

ReadText = Callable[[str], "str | None"]

MAX_INCLUDE_DEPTH = 24
"""Deepest chain of ``include``s followed; deeper is reported (no real project comes close)."""

IMPORTED_SECTIONS = ("services", "networks", "volumes", "secrets", "configs", "models")
"""What an ``include`` brings into the including project."""


def load_compose(
    files: Sequence[tuple[str, str]],
    env_text: str | None = None,
    read_text: ReadText | None = None,
    *,
    env_is_template: bool = False,
    project_directory: str | None = None,
    check_schema: bool = True,
) -> ComposeProject:
    """Load a compose project: ``files`` are ``(path, text)`` pairs, base file first, then its
    overrides in order; ``env_text`` is the content of the ``.env`` beside the base file (with
    ``env_is_template``, of the template a user copies to make it: a variable it leaves empty
    is the user's to fill in, so not set); ``read_text`` reads the files ``include`` and
    ``extends.file`` name (without it, those are not followed and their services are loaded as
    written). Relative paths of every one of ``files`` (``build``, bind mounts, ``env_file``,
    ``include``, ``extends.file``) resolve from the project directory, as Compose resolves
    them: ``project_directory`` (its ``--project-directory``), else the first file's. Without
    ``check_schema`` the schema findings are left out (for a project read only for what it
    builds: they change nothing else)."""
    paths = tuple(path for path, _ in files)
    base = paths[0] if paths else ""
    if project_directory is None:
        project_directory = posixpath.dirname(base.replace("\\", "/"))
    project_dir = posixpath.normpath(project_directory) if project_directory else ""
    loader = _Loader(read_text, check_schema)
    variables = parse_env_file(env_text or "")
    if env_is_template:
        variables = {name: value for name, value in variables.items() if value}
    scope = _Scope(variables, project_dir, ())
    for path, text in files:
        loader.files.append(path)
        loader.merged = loader.load_file(path, text, scope, loader.merged)
    context = Context(loader.sources, project_dir, loader.directories)
    root = loader.merged
    if root is None and files and not loader.findings:
        loader.findings.append(_empty(base))
    order = (*paths, *(f for f in loader.files if f not in paths))
    return ComposeProject(
        path=base,
        files=tuple(dict.fromkeys(order)),
        services=services(root, context) if root is not None else (),
        findings=tuple(sorted(_unique(loader.findings), key=_position_in(order))),
        comments=tuple(loader.comments),
        top_level_keys=tuple(_top_level_keys(root)),
        missing=tuple(dict.fromkeys(loader.missing)),
        presentation=tuple(loader.presentations.values()),
        declared=tuple(_declared(root)),
        active_profiles=_profiles(scope.variables),
        dotenv_name=scope.variables.get("COMPOSE_PROJECT_NAME", "").strip(),
        unset=tuple((path, span, names) for (path, span), names in loader.unset.items()),
    )


def _read_from_unset(findings: Iterable[ComposeFinding], unset: Unset) -> list[ComposeFinding]:
    """Schema findings about values read from variables ``.env`` does not set: warnings that
    name them (``container_name: ${NAME}`` is valid once NAME is set, as the project's own
    scripts or the environment may do)."""
    kept = []
    for finding in findings:
        names = unset.get((finding.path, finding.span))
        if names:
            message = finding.message + unless_set(names)
            finding = replace(finding, message=message, depends_on_environment=True)
        kept.append(finding)
    return kept


@dataclass(frozen=True)
class _Scope:
    """What a file is loaded with: its variables, the directory its relative paths start from,
    and the files that include it (to find cycles)."""

    variables: Mapping[str, str]
    directory: str
    including: tuple[str, ...]


class _Loader:
    """Reads file after file into one merged document, collecting findings and comments."""

    def __init__(self, read_text: ReadText | None, check_schema: bool = True) -> None:
        self.read_text = read_text
        self.check_schema = check_schema
        self.findings: list[ComposeFinding] = []
        self.comments: list[YamlComment] = []
        self.presentations: dict[str, YamlPresentation] = {}
        self.sources: dict[str, LineIndex] = {}
        self.files: list[str] = []
        self.directories: dict[str, str] = {}
        self.merged: YamlNode | None = None
        self.missing: list[str] = []
        self.unset: Unset = {}
        self._read: dict[str, YamlFile | None] = {}
        self._extended: dict[str, dict[str, YamlNode] | None] = {}

    def load_file(
        self, path: str, text: str, scope: _Scope, merged: YamlNode | None
    ) -> YamlNode | None:
        """``merged`` with every document of the file at ``path`` merged in."""
        for document in self._yaml(path, text).documents:
            merged = self._add_document(document, scope, merged)
        return merged

    def _yaml(self, path: str, text: str) -> YamlFile:
        if path not in self._read or self._read[path] is None:
            yaml_file = read_yaml(path, text)
            self._read[path] = yaml_file
            self.sources[path] = yaml_file.lines
            self.findings.extend(yaml_file.findings)
            self.comments.extend(yaml_file.comments)
            self.presentations[path] = presentation(path, yaml_file)
        found = self._read[path]
        assert found is not None
        return found

    def _other_file(self, path: str) -> YamlFile | None:
        """Another file the project names, read once; None when it cannot be read."""
        if path not in self._read:
            text = self.read_text(path) if self.read_text is not None else None
            if text is None:
                self._read[path] = None
                return None
            self.files.append(path)
            return self._yaml(path, text)
        return self._read[path]

    def _add_document(
        self, document: YamlNode, scope: _Scope, merged: YamlNode | None
    ) -> YamlNode | None:
        if document.is_scalar and document.value is None:
            return merged  # an empty document
        if not document.is_mapping:
            self.findings.append(
                ComposeFinding(
                    COMPOSE_SCHEMA,
                    "top-level object must be a mapping",
                    document.file,
                    document.span,
                )
            )
            return merged
        unset: Unset = {}
        document = interpolate_tree(document, scope.variables, self.findings, unset)
        if self.check_schema:
            self.findings.extend(_read_from_unset(validate(document), unset))
        self.unset.update(unset)
        self.findings.extend(command_findings(document))
        services_of = self._services_of(scope) if self.read_text is not None else None
        document = apply_extends(document, self.findings, services_of, self._directory_of(scope))
        document = self._include(document, scope)
        return merge_documents(merged, document, self.findings)

    # -- extends.file --------------------------------------------------------------------------

    def _directory_of(self, scope: _Scope) -> Callable[[str], str]:
        """Where the relative paths of a file loaded in ``scope`` start: an extended file's own
        directory, an included file's project directory, else ``scope``'s (for the ``-f``
        files, the project directory)."""
        return lambda path: self.directories.get(path, scope.directory)

    def _services_of(self, scope: _Scope) -> Callable[[str], dict[str, YamlNode] | None]:
        """The services of another file, interpolated with ``scope``'s variables; its relative
        paths resolve from its own directory, as Compose resolves an extended service's."""

        def services_of(path: str) -> dict[str, YamlNode] | None:
            if path not in self._extended:
                self._extended[path] = None
                yaml_file = self._other_file(path)
                if yaml_file is not None and yaml_file.documents:
                    self.directories.setdefault(path, posixpath.dirname(path))
                    document = interpolate_tree(
                        yaml_file.documents[0], scope.variables, self.findings, self.unset
                    )
                    section = document.get("services")
                    entries = section.entries() if section is not None else ()
                    self._extended[path] = {key_text(key): value for key, value in entries}
            return self._extended[path]

        return services_of

    # -- include -------------------------------------------------------------------------------

    def _include(self, document: YamlNode, scope: _Scope) -> YamlNode:
        """The document with the resources of the projects it includes imported."""
        entry = document.entry("include")
        if entry is not None and self.read_text is None:
            self.missing.append(f"the files {document.file} includes (not read)")
        if entry is None or self.read_text is None:
            return document
        for item in entry[1].items():
            imported = self._load_include(item, scope, document.file)
            if imported is not None:
                document = self._import(document, imported, item)
        return document

    def _load_include(self, item: YamlNode, scope: _Scope, including: str) -> YamlNode | None:
        """The project one ``include`` entry names, loaded with its own directory and
        variables; None (reported) when it cannot be."""
        request = _IncludeRequest.of(item, scope.directory)
        if request is None:
            return None
        chain = (*scope.including, including)
        if request.paths[0] in chain:
            cycle = "\n include ".join((*chain[chain.index(request.paths[0]) :], request.paths[0]))
            self._finding(f"include cycle detected:\n{cycle}", item)
            return None
        if len(chain) > MAX_INCLUDE_DEPTH:
            self._finding(f"includes nested more than {MAX_INCLUDE_DEPTH} deep", item)
            return None
        variables = dict(self._env_files(request, item))
        variables.update(scope.variables)  # the including project's variables win
        included = _Scope(variables, request.directory, chain)
        merged: YamlNode | None = None
        for path in request.paths:
            yaml_file = self._other_file(path)
            if yaml_file is None:
                self._finding(f"open {path}: no such file or directory", item)
                self.missing.append(f"{path}, which cannot be read")
                return None
            self.directories.setdefault(path, request.directory)
            for document in yaml_file.documents:
                merged = self._add_document(document, included, merged)
        return merged

    def _env_files(self, request: _IncludeRequest, item: YamlNode) -> Iterable[tuple[str, str]]:
        for path, required in request.env_files:
            text = self.read_text(path) if self.read_text is not None else None
            if text is None and required:
                self._finding(f"env file {path} not found", item)
            yield from parse_env_file(text or "").items()

    def _import(self, document: YamlNode, imported: YamlNode, item: YamlNode) -> YamlNode:
        """``imported``'s services, networks, volumes, ... added to ``document``; a name both
        define is Compose's conflict error (at the include entry)."""
        entries = list(document.entries())
        for section_name in IMPORTED_SECTIONS:
            section = imported.entry(section_name)
            if section is None or not section[1].is_mapping:
                continue
            index = next(
                (i for i, (key, _) in enumerate(entries) if key_text(key) == section_name), None
            )
            if index is None:
                entries.append(section)
                continue
            own_key, own = entries[index]
            own_names = {key_text(key) for key, _ in own.entries()}
            fresh = []
            for key, value in section[1].entries():
                if key_text(key) in own_names:
                    where = f"{section_name}.{key_text(key)}"
                    self._finding(f"{where} conflicts with imported resource", item)
                else:
                    fresh.append((key, value))
            if own.is_mapping:
                entries[index] = (own_key, own.with_value(own.entries() + tuple(fresh)))
        return document.with_value(tuple(entries))

    def _finding(self, message: str, node: YamlNode) -> None:
        self.findings.append(ComposeFinding(COMPOSE_SCHEMA, message, node.file, node.span))


@dataclass(frozen=True)
class _IncludeRequest:
    """One ``include`` entry: the files of the included project (first one decides its
    directory), its project directory and its ``.env`` files (path, required)."""

    paths: tuple[str, ...]
    directory: str
    env_files: tuple[tuple[str, bool], ...]

    @classmethod
    def of(cls, item: YamlNode, directory: str) -> _IncludeRequest | None:
        """The entry as a request (string or long form), its paths resolved from
        ``directory``; None for an entry the schema check already reports."""
        if item.is_scalar:
            paths, project_dir, env_files = _strings(item), None, None
        elif item.is_mapping:
            path_node = item.get("path")
            paths = _strings(path_node) if path_node is not None else ()
            project_node = item.get("project_directory")
            project_dir = _strings(project_node)[0] if project_node is not None else None
            env_node = item.get("env_file")
            env_files = _strings(env_node) if env_node is not None else None
        else:
            return None
        if not paths:
            return None
        resolved = tuple(_join(directory, path) for path in paths)
        own_dir = _join(directory, project_dir) if project_dir else posixpath.dirname(resolved[0])
        if env_files is None:
            wanted: tuple[tuple[str, bool], ...] = ((posixpath.join(own_dir, ".env"), False),)
        else:
            wanted = tuple((_join(directory, f), True) for f in env_files if f != "/dev/null")
        return cls(resolved, own_dir, wanted)


def _strings(node: YamlNode | None) -> tuple[str, ...]:
    if node is None:
        return ()
    items = node.items() if node.is_sequence else (node,)
    return tuple(item.value for item in items if item.is_scalar and isinstance(item.value, str))


def _join(directory: str, path: str) -> str:
    path = path.replace("\\", "/")
    return posixpath.normpath(path if posixpath.isabs(path) else posixpath.join(directory, path))


DECLARED_SECTIONS = (
    ("network", "networks"),
    ("volume", "volumes"),
    ("secret", "secrets"),
    ("config", "configs"),
)


def _declared(root: YamlNode | None) -> Iterable[tuple[str, frozenset[str]]]:
    for kind, section_name in DECLARED_SECTIONS:
        section = root.get(section_name) if root is not None else None
        names = {key_text(key) for key, _ in section.entries()} if section is not None else set()
        yield kind, frozenset(names | ({"default"} if kind == "network" else set()))


def _profiles(variables: Mapping[str, str]) -> frozenset[str]:
    return frozenset(p.strip() for p in variables.get("COMPOSE_PROFILES", "").split(",") if p)


EMPTY_FILE = "empty compose file"


def _empty(path: str) -> ComposeFinding:
    """Compose's refusal of a project whose files hold nothing, at the start of the first."""
    return ComposeFinding(COMPOSE_SCHEMA, EMPTY_FILE, path, Span(1, 1, 1, 1))


def _top_level_keys(root: YamlNode | None) -> Iterable[Located[str]]:
    for key, _ in root.entries() if root is not None else ():
        yield key_located(key)


def _position_in(paths: Sequence[str]) -> Callable[[ComposeFinding], tuple[int, Span]]:
    """Sort key: the file's place among ``paths``, then the position in the file."""
    order = {path: index for index, path in enumerate(paths)}
    return lambda finding: (order.get(finding.path, len(order)), finding.span)


def _unique(findings: Iterable[ComposeFinding]) -> Iterable[ComposeFinding]:
    """Each finding once (a value reached through several aliases is checked several times)."""
    seen: set[tuple[str, str, object]] = set()
    for finding in findings:
        identity = (finding.code, finding.path, finding.span)
        if identity not in seen:
            seen.add(identity)
            yield finding
