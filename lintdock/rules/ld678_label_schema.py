"""LD678 label-schema: the labels the ``label-schema`` option requires, checked: a final image
(a stage no other stage builds on or copies from) that lacks one, a required label left empty,
a value that is not of the label's type (url, rfc3339, semver, hash, spdx, email), and, with
``strict-labels``, labels the schema does not name. Off by default; hadolint's DL3049-DL3058."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Dockerfile, KeyValue, Stage
from lintdock.rules.base import Context, option

_SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
)
_RFC3339 = re.compile(
    r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)"
    r"(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)"
)
_HASH = re.compile(r"[0-9a-f]{7}|[0-9a-f]{40}")
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>.]+")
_SPDX_ID = re.compile(r"(LicenseRef-|DocumentRef-[\w.-]+:LicenseRef-)?[A-Za-z0-9.-]+\+?")


def _url(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.scheme in ("mailto", "urn")))


def _spdx(value: str) -> bool:
    """The shape of an SPDX license expression (identifiers joined by AND, OR, WITH)."""
    words = value.replace("(", " ").replace(")", " ").split()
    return bool(words) and all(
        (w in ("AND", "OR", "WITH")) == (i % 2 == 1) and (i % 2 == 1 or _SPDX_ID.fullmatch(w))
        for i, w in enumerate(words)
    )


VALID = {
    "text": lambda value: True,
    "url": _url,
    "rfc3339": lambda value: bool(_RFC3339.fullmatch(value)),
    "semver": lambda value: bool(_SEMVER.fullmatch(value.removeprefix("v"))),
    "hash": lambda value: bool(_HASH.fullmatch(value)),
    "spdx": _spdx,
    "email": lambda value: bool(_EMAIL.fullmatch(value)),
}
WHAT = {
    "url": "a URL",
    "rfc3339": "an RFC 3339 time (2024-05-01T12:00:00Z)",
    "semver": "a semantic version (1.4.2)",
    "hash": "a git commit hash (7 or 40 hex digits)",
    "spdx": "an SPDX license expression (MIT, Apache-2.0 OR MIT)",
    "email": "an email address",
}


def _schema_problem(value: tuple[str, ...]) -> str | None:
    for item in value:
        name, _, kind = item.rpartition(":")
        if not name or kind not in VALID:
            return f"expected 'label:type' with a type of {', '.join(VALID)}, got {item!r}"
    return None


@dataclass(frozen=True)
class Options:
    """LD678's options (``[tool.lintdock.rules.LD678]``)."""

    label_schema: tuple[str, ...] = option(
        (),
        "Required labels, as 'name:type' (type: text, url, rfc3339, semver, hash, spdx, email). "
        "hadolint's label-schema.",
        _schema_problem,
    )
    strict_labels: bool = option(
        False, "Also report labels the schema does not name. hadolint's strict-labels."
    )


def check(context: Context) -> Iterator[Diagnostic]:
    schema = dict(item.rpartition(":")[::2] for item in context.options.label_schema)
    if not schema:
        return
    for dockerfile in context.project.dockerfiles:
        yield from _missing(context, dockerfile, schema)
        for instruction in dockerfile.instructions:
            for pair in instruction.pairs if instruction.keyword == "LABEL" else ():
                yield from _check_pair(context, dockerfile, schema, pair)


def _missing(
    context: Context, dockerfile: Dockerfile, schema: dict[str, str]
) -> Iterator[Diagnostic]:
    for stage in _final_stages(dockerfile):
        labels = {
            pair.key.value
            for ancestor in dockerfile.lineage(stage)
            for pair in (p for i in ancestor.all("LABEL") for p in i.pairs)
        }
        for name in schema:
            if name not in labels:
                message = (
                    f"The image of this stage has no label '{name}', which the schema requires"
                )
                span = stage.from_instruction.keyword_span
                yield context.report(message, dockerfile.path, span, Severity.INFO)


def _final_stages(dockerfile: Dockerfile) -> Iterator[Stage]:
    """Stages that are images of their own: no other stage builds on them or copies from them."""
    used = {stage.parent for stage in dockerfile.stages}
    for stage in dockerfile.stages:
        for copy in stage.all("COPY") + stage.all("ADD"):
            flag = copy.flag("from")
            source = dockerfile.stage_named(flag.value) if flag and flag.value else None
            used.add(source.index if source is not None else None)
    return (stage for stage in dockerfile.stages if stage.index not in used)


def _check_pair(
    context: Context, dockerfile: Dockerfile, schema: dict[str, str], pair: KeyValue
) -> Iterator[Diagnostic]:
    name, path = pair.key.value, dockerfile.path
    kind = schema.get(name)
    if kind is None:
        if context.options.strict_labels:
            message = f"Label '{name}' is not in the label schema"
            yield context.report(message, path, pair.key.span, Severity.INFO)
        return
    value = pair.expanded if pair.expanded is not None else (pair.value.value if pair.value else "")
    if not value.strip():
        yield context.report(f"Label '{name}' is empty", path, pair.key.span, Severity.WARNING)
    elif "$" not in value and not VALID[kind](value):
        span = pair.value.span if pair.value is not None else pair.key.span
        message = f"Label '{name}' is '{value}', not {WHAT[kind]}"
        yield context.report(message, path, span, Severity.WARNING)
