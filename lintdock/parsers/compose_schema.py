"""LD003: validating a Compose document against the Compose Specification JSON schema.

The schema is the copy shipped inside the ``check-jsonschema`` package (loaded with
``importlib.resources``, compiled once per process on first use). Every independent violation
is reported at its key or value with the most specific cause: ``oneOf``/``anyOf`` cascades are
resolved to the failing leaf (the bad enum value, the wrong type), and an unknown key is
reported at the key itself, with a "did you mean" when a known key is close, never as the
``unevaluatedProperties`` echo that the 2020-12 schema adds to the whole service.
"""

from __future__ import annotations

import difflib
import functools
import importlib.util
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lintdock.model.compose import ComposeFinding
from lintdock.model.span import Span
from lintdock.parsers.compose_yaml import YamlNode, dotted, key_text, shown, to_data
from lintdock.rules.codes import COMPOSE_SCHEMA

SCHEMA_PACKAGE = "check_jsonschema.builtin_schemas.vendor"
SCHEMA_FILE = "compose-spec.json"

_UNKNOWN_KEY_VALIDATORS = frozenset({"additionalProperties", "unevaluatedProperties"})
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_SUBSCHEMAS = ("then", "else")
COLLAPSED_LISTS: tuple[tuple[str, ...], ...] = tuple(
    tuple(pattern.split("."))
    for pattern in (
        "services.*.annotations",
        "services.*.build.args",
        "services.*.build.labels",
        "services.*.cap_add",
        "services.*.cap_drop",
        "services.*.deploy.labels",
        "services.*.dns",
        "services.*.dns_opt",
        "services.*.dns_search",
        "services.*.environment",
        "services.*.expose",
        "services.*.labels",
        "services.*.links",
        "services.*.networks.*.aliases",
        "services.*.networks.*.link_local_ips",
        "services.*.ports",
        "services.*.profiles",
        "services.*.sysctls",
        "services.*.tmpfs",
        "services.*.volumes",
        "networks.*.labels",
    )
)
"""Lists Compose merges before it validates (a repeated entry, or one that sets the same key
again, counts once): the schema's "unique items" does not hold there, so a repetition is not
Compose's error. Elsewhere (``depends_on``, ``networks``, ``security_opt``, ``group_add``, ...)
Compose refuses it, as checked against ``docker compose config``."""

_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "object": "a mapping",
    "array": "a list",
    "null": "null",
}


class SchemaUnavailable(RuntimeError):
    """The Compose schema could not be loaded from the check-jsonschema package."""


def validate(document: YamlNode) -> list[ComposeFinding]:
    """The schema violations of one (interpolated) document, each once."""
    try:
        validator = compiled_validator()
    except SchemaUnavailable as unavailable:
        return [ComposeFinding(COMPOSE_SCHEMA, str(unavailable), document.file, Span.point(1, 1))]
    findings: dict[tuple[Span, str], ComposeFinding] = {}
    locator = _Locator(document)
    for error in validator.iter_errors(to_data(document)):
        for violation in _violations(error, validator.schema):
            node, key = locator.locate(violation.path)
            target = key if violation.at_key and key is not None else node
            finding = ComposeFinding(COMPOSE_SCHEMA, violation.message, target.file, target.span)
            findings.setdefault((finding.span, finding.message), finding)
    return list(findings.values())


@functools.cache
def compiled_validator() -> Any:
    """The Draft 2020-12 validator of the Compose schema, built once per process."""
    from jsonschema import Draft202012Validator

    try:
        schema = json.loads(_schema_text())
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError) as error:
        raise SchemaUnavailable(
            f"cannot check the Compose schema: {SCHEMA_FILE} was not found in the "
            f"check-jsonschema package ({error}); reinstall lintdock's dependencies"
        ) from error
    return Draft202012Validator(_closed_by_declared_keys(schema, schema))


def _schema_text() -> str:
    """The vendored schema, read from the package's folder without importing the package
    (check-jsonschema's ``__init__`` imports its command line and an HTTP client: 80 ms)."""
    top, *inner = SCHEMA_PACKAGE.split(".")
    spec = importlib.util.find_spec(top)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"No module named {top!r}")
    folder = next(iter(spec.submodule_search_locations))
    with open(os.path.join(folder, *inner, SCHEMA_FILE), encoding="utf-8") as handle:
        return handle.read()


def _closed_by_declared_keys(schema: Any, root_schema: Mapping[str, Any]) -> Any:
    """The schema with each ``unevaluatedProperties: false`` replaced by the equivalent
    ``additionalProperties: false`` over the keys its subschemas declare.

    For the Compose schema this accepts and rejects the same documents, is twice as fast to
    validate (jsonschema evaluates ``unevaluatedProperties`` by validating everything again),
    and does not blame a known key that failed inside as "unevaluated"."""
    if isinstance(schema, list):
        return [_closed_by_declared_keys(item, root_schema) for item in schema]
    if not isinstance(schema, Mapping):
        return schema
    closed = {key: _closed_by_declared_keys(value, root_schema) for key, value in schema.items()}
    if closed.get("unevaluatedProperties") is False:
        names, patterns = _declared_keys(schema, root_schema)
        del closed["unevaluatedProperties"]
        closed["additionalProperties"] = False
        closed["properties"] = {name: True for name in names} | closed.get("properties", {})
        closed["patternProperties"] = {pattern: True for pattern in patterns} | closed.get(
            "patternProperties", {}
        )
    return closed


@dataclass(frozen=True, slots=True)
class _Violation:
    """One problem: where (``path`` into the document; ``at_key`` to report the key rather
    than the value) and what."""

    path: tuple[str | int, ...]
    message: str
    at_key: bool = False


def _violations(error: Any, root_schema: Mapping[str, Any]) -> Iterator[_Violation]:
    """The specific problems behind one top-level validation error."""
    from jsonschema.exceptions import best_match

    leaf = best_match([error])
    path = tuple(leaf.absolute_path)
    if leaf.validator in _UNKNOWN_KEY_VALIDATORS:
        yield from _unknown_keys(leaf, path, root_schema)
    elif leaf.validator == "uniqueItems":
        if not _collapsed(path):
            yield from _duplicates(leaf.instance, path)
    else:
        yield _Violation(path, _message(leaf, path, root_schema))


def _unknown_keys(
    error: Any, path: tuple[str | int, ...], root_schema: Mapping[str, Any]
) -> Iterator[_Violation]:
    """Each key the schema does not declare, at the key. Keys that are declared but failed
    inside (the 2020-12 ``unevaluatedProperties`` echo) are not reported. The services of a
    file in the Compose file format v1 (all at the top level) are one violation, as Compose
    refuses the file once for all of them."""
    if not isinstance(error.instance, dict):
        return
    names, patterns = _declared_keys(error.schema, root_schema)
    where = dotted(path)
    unknown = [
        key
        for key in error.instance
        if key not in names and not any(re.search(pattern, key) for pattern in patterns)
    ]
    services = [key for key in unknown if not path and _looks_like_service(error.instance[key])]
    if services and not isinstance(error.instance.get("services"), dict):
        yield _Violation((services[0],), _v1_message(services), at_key=True)
        unknown = [key for key in unknown if key not in services]
    for key in unknown:
        if not names:
            allowed = " or ".join(patterns)
            message = f'{where}: "{key}" is not a valid name (it must match {allowed})'
        elif key in services:
            message = (
                f'unknown key "{key}" in the top level: it looks like a service; indent it '
                'under "services:"'
            )
        else:
            message = f'unknown key "{key}" in {where or "the top level"}'
            close = difflib.get_close_matches(key, sorted(names), n=1, cutoff=0.7)
            if close:
                message += f' (did you mean "{close[0]}"?)'
        yield _Violation((*path, key), message, at_key=True)


def _looks_like_service(value: object) -> bool:
    """A mapping with one of the keys every service has (``image`` or ``build``)."""
    return isinstance(value, dict) and ("image" in value or "build" in value)


def _v1_message(services: list[str]) -> str:
    """Why a file whose services are all at the top level is refused, naming them."""
    if len(services) == 1:
        return (
            f'unknown key "{services[0]}" in the top level: a service at the top level is the '
            "Compose file format v1, which docker compose no longer reads; put it under "
            '"services:"'
        )
    listed = ", ".join(f'"{key}"' for key in services[:-1]) + f' and "{services[-1]}"'
    return (
        f"unknown keys {listed} in the top level: services at the top level are the Compose "
        'file format v1, which docker compose no longer reads; put them under "services:"'
    )


def _declared_keys(
    schema: Mapping[str, Any], root_schema: Mapping[str, Any]
) -> tuple[set[str], list[str]]:
    """Property names and name patterns a schema declares, through ``$ref`` and its
    ``allOf``/``anyOf``/``oneOf``/``then``/``else`` subschemas."""
    names: set[str] = set()
    patterns: list[str] = []
    pending: list[Any] = [schema]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if not isinstance(current, Mapping) or id(current) in seen:
            continue
        seen.add(id(current))
        names.update(current.get("properties", {}))
        patterns.extend(current.get("patternProperties", {}))
        if isinstance(current.get("$ref"), str):
            pending.append(_resolve_pointer(root_schema, current["$ref"]))
        for keyword in _SUBSCHEMA_LISTS:
            pending.extend(current.get(keyword, ()))
        pending.extend(current[keyword] for keyword in _SUBSCHEMAS if keyword in current)
    return names, patterns


def _resolve_pointer(root: Mapping[str, Any], ref: str) -> Any:
    """The subschema a local ``#/...`` reference points at (None for anything else)."""
    if not ref.startswith("#/"):
        return None
    node: Any = root
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _collapsed(path: tuple[str | int, ...]) -> bool:
    """Whether the list at ``path`` is one Compose merges before validating."""
    return any(
        len(pattern) == len(path)
        and all(part in ("*", step) for part, step in zip(pattern, path, strict=True))
        for pattern in COLLAPSED_LISTS
    )


def _duplicates(instance: object, path: tuple[str | int, ...]) -> Iterator[_Violation]:
    """Each repeated item of a list that must hold unique items, at the repetition."""
    seen: set[str] = set()
    for index, item in enumerate(instance if isinstance(instance, list) else ()):
        identity = json.dumps(item, sort_keys=True)
        if identity in seen:
            yield _Violation((*path, index), f"{dotted(path)}: duplicate item {shown(item)}")
        seen.add(identity)


def _message(error: Any, path: tuple[str | int, ...], root: Mapping[str, Any] | None = None) -> str:
    """A short user-facing message for a leaf validation error."""
    where = dotted(path) or "the top level"
    validator = error.validator
    value = error.validator_value
    if validator in ("oneOf", "anyOf"):
        kinds = _alternative_types(value, root or {})
        if kinds:
            return f"{where} must be {' or '.join(kinds)}, not {shown(error.instance)}"
    if validator == "type":
        expected = [value] if isinstance(value, str) else list(value)
        wanted = " or ".join(_TYPE_NAMES.get(name, name) for name in expected)
        return f"{where} must be {wanted}, not {shown(error.instance)}"
    if validator == "enum":
        allowed = ", ".join(shown(option) for option in value)
        return f"{where}: {shown(error.instance)} is not one of {allowed}"
    if validator == "const":
        return f"{where} must be {shown(value)}, not {shown(error.instance)}"
    if validator == "required":
        missing = [name for name in value if name not in error.instance]
        names = ", ".join(f'"{name}"' for name in missing)
        return f"{where}: missing required key {names}"
    if validator == "pattern":
        return f"{where}: {shown(error.instance)} does not match {value}"
    return f"{where}: {error.message}"


def _alternative_types(alternatives: object, root: Mapping[str, Any]) -> list[str]:
    """The kinds of value ``oneOf``/``anyOf`` alternatives accept (``a mapping``, ``a list``),
    each once, following local references; empty when one of them says no type."""
    wanted: list[str] = []
    for alternative in alternatives if isinstance(alternatives, list) else ():
        if isinstance(alternative, Mapping) and "$ref" in alternative:
            alternative = _resolve_pointer(root, str(alternative["$ref"]))
        kind = alternative.get("type") if isinstance(alternative, Mapping) else None
        kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else None
        if not kinds:
            return []
        wanted += [_TYPE_NAMES.get(k, k) for k in kinds if _TYPE_NAMES.get(k, k) not in wanted]
    return wanted


class _Locator:
    """Finds the node at a path of a document; each mapping is indexed on first use, so that
    locating many errors in a large file stays linear."""

    def __init__(self, document: YamlNode) -> None:
        self.document = document
        self.indexes: dict[int, dict[str, tuple[YamlNode, YamlNode]]] = {}

    def locate(self, path: tuple[str | int, ...]) -> tuple[YamlNode, YamlNode | None]:
        """The node at ``path`` and the key it is written under (None for a list item or the
        document itself); stops at the deepest node that exists."""
        node, key = self.document, None
        for part in path:
            if isinstance(part, int) and node.is_sequence and part < len(node.items()):
                node, key = node.items()[part], None
                continue
            entry = self._index(node).get(part) if isinstance(part, str) else None
            if entry is None:
                break
            key, node = entry
        return node, key

    def _index(self, node: YamlNode) -> dict[str, tuple[YamlNode, YamlNode]]:
        if id(node) not in self.indexes:
            self.indexes[id(node)] = {key_text(key): (key, value) for key, value in node.entries()}
        return self.indexes[id(node)]
