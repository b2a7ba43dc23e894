"""The Compose loader: compose file texts to a ``ComposeProject``, as ``docker compose`` loads
them.

``load_compose(files, env_text)`` takes ``(path, text)`` pairs, the base file first then its
overrides, and the text of the ``.env`` beside the base file. Each YAML document is read with
positions (``compose_yaml``), interpolated with the ``.env`` variables only
(``compose_interpolation``), validated against the Compose Specification schema
(``compose_schema``), has its same-file ``extends`` applied, and is merged into the project
(``compose_merge``); the merged services are normalised into models (``compose_services``).

It never raises: unreadable YAML is LD002, a document Compose would reject is LD003, and both
are ``ComposeProject.findings``. Positions always point into the file that wrote the value.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence

from lintdock.model.compose import ComposeFinding, ComposeProject, Located, YamlComment
from lintdock.model.span import Span
from lintdock.parsers.compose_interpolation import interpolate_tree, parse_env_file
from lintdock.parsers.compose_merge import apply_extends, merge_documents
from lintdock.parsers.compose_schema import validate
from lintdock.parsers.compose_services import Context, command_findings, key_located, services
from lintdock.parsers.compose_yaml import LineIndex, YamlNode, read_yaml
from lintdock.rules.index import COMPOSE_SCHEMA


def load_compose(files: Sequence[tuple[str, str]], env_text: str | None = None) -> ComposeProject:
    """Load a compose project: ``files`` are ``(path, text)`` pairs, base file first, then its
    overrides in order; ``env_text`` is the content of the ``.env`` beside the base file."""
    paths = tuple(path for path, _ in files)
    base = paths[0] if paths else ""
    loader = _Loader(parse_env_file(env_text or ""))
    for path, text in files:
        loader.read(path, text)
    context = Context(loader.sources, posixpath.dirname(base.replace("\\", "/")))
    root = loader.merged
    return ComposeProject(
        path=base,
        files=paths,
        services=services(root, context) if root is not None else (),
        findings=tuple(sorted(_unique(loader.findings), key=_position_in(paths))),
        comments=tuple(loader.comments),
        top_level_keys=tuple(_top_level_keys(root)),
    )


class _Loader:
    """Reads file after file into one merged document, collecting findings and comments."""

    def __init__(self, variables: Mapping[str, str]) -> None:
        self.variables = variables
        self.findings: list[ComposeFinding] = []
        self.comments: list[YamlComment] = []
        self.sources: dict[str, LineIndex] = {}
        self.merged: YamlNode | None = None

    def read(self, path: str, text: str) -> None:
        yaml_file = read_yaml(path, text)
        self.sources[path] = yaml_file.lines
        self.findings.extend(yaml_file.findings)
        self.comments.extend(yaml_file.comments)
        for document in yaml_file.documents:
            self._add_document(document)

    def _add_document(self, document: YamlNode) -> None:
        if document.is_scalar and document.value is None:
            return  # an empty document
        if not document.is_mapping:
            self.findings.append(
                ComposeFinding(
                    COMPOSE_SCHEMA,
                    "top-level object must be a mapping",
                    document.file,
                    document.span,
                )
            )
            return
        document = interpolate_tree(document, self.variables, self.findings)
        self.findings.extend(validate(document))
        self.findings.extend(command_findings(document))
        document = apply_extends(document, self.findings)
        self.merged = merge_documents(self.merged, document, self.findings)


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
