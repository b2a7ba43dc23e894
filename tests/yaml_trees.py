"""What a ``read_yaml`` result holds, as plain data to compare (trees, spans, values, styles,
tags, anchors, merges, comments, findings); shared nodes (aliases) are described once."""

from __future__ import annotations

import math

from lintdock.parsers.compose_yaml import YamlFile, YamlNode


def described(parsed: YamlFile) -> tuple[object, ...]:
    seen: dict[int, int] = {}
    table: list[object] = []

    def node(item: YamlNode) -> int:
        number = seen.get(id(item))
        if number is not None:
            return number
        seen[id(item)] = number = len(seen)
        table.append(None)
        if item.is_mapping:
            value: object = tuple((node(key), node(value)) for key, value in item.value)
        elif item.is_sequence:
            value = tuple(node(child) for child in item.value)
        else:
            value = scalar(item.value)
        merges = tuple((node(key), node(value)) for key, value in item.merges)
        table[number] = (
            *(item.kind, item.span, value, item.file, item.style, item.flow, item.tag),
            *(item.size, merges),
        )
        return number

    documents = tuple(node(document) for document in parsed.documents)
    return (
        documents,
        tuple(table),
        parsed.comments,
        parsed.findings,
        parsed.anchor_marks,
        parsed.alias_marks,
    )


def scalar(value: object) -> object:
    """A value to compare: NaN equal to itself, the type kept (``1`` is not ``True``)."""
    if isinstance(value, float) and math.isnan(value):
        return (float, "nan")
    return (type(value), value)
