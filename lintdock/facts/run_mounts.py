"""The mounts of a RUN (``--mount=type=cache,target=/root/.cache``,
``--mount=from=build,source=/out,target=/mnt``), field by field, with where the ``from`` is
written."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lintdock.model.dockerfile import Flag, Instruction
from lintdock.model.span import Span

DEFAULT_TYPE = "bind"  # BuildKit's, when ``type=`` is not written
TARGET_KEYS = ("target", "dst", "destination")


@dataclass(frozen=True)
class RunMount:
    """One ``--mount``: its ``kind`` (``bind``, ``cache``, ``tmpfs``, ``secret``, ``ssh``),
    ``target`` (normalised; None when not written), and ``source_from``, the stage or image a
    bind or cache mount reads from (None: the build context), at ``from_span``."""

    kind: str
    target: str | None
    source_from: str | None
    from_span: Span | None
    span: Span


def run_mounts(instruction: Instruction) -> tuple[RunMount, ...]:
    """The ``--mount`` flags of ``instruction`` (none for other instructions)."""
    return tuple(
        _mount(flag)
        for flag in instruction.flags
        if flag.name == "mount" and flag.value is not None
    )


def _mount(flag: Flag) -> RunMount:
    value = flag.value or ""
    fields: dict[str, tuple[str, int]] = {}
    offset = 0
    for part in value.split(","):
        key, _, field = part.partition("=")
        unquoted = field.strip().strip("\"'")
        start = offset + len(key) + 1 + (len(field) - len(field.lstrip().lstrip("\"'")))
        fields[key.strip().lower()] = (unquoted, start)
        offset += len(part) + 1
    target = next((fields[k][0] for k in TARGET_KEYS if fields.get(k, ("", 0))[0]), None)
    source_from, at = fields.get("from", ("", 0))
    return RunMount(
        fields.get("type", (DEFAULT_TYPE, 0))[0].lower() or DEFAULT_TYPE,
        posixpath.normpath(target) if target else None,
        source_from or None,
        _span_in(flag, at, len(source_from)) if source_from else None,
        flag.span,
    )


def _span_in(flag: Flag, start: int, length: int) -> Span:
    """Where ``value[start:start + length]`` of ``flag`` is written: exactly when the value is
    written as is on one line, else the whole value."""
    written = flag.value_span
    if written is None:
        return flag.span
    exact = written.line == written.end_line and written.end_column - written.column == len(
        flag.value or ""
    )
    if not exact:
        return written
    column = written.column + start
    return Span(written.line, column, written.line, column + length)
