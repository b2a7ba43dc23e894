"""Compose ``volumes``, ``tmpfs`` and ``devices`` entries to ``Mount`` models.

The short syntax is split the way Compose splits it: ``SOURCE:TARGET[:MODES]`` for a volume (a
source that starts with ``/``, ``.`` or ``~``, or a Windows drive, is a host path; anything
else names a volume; a lone path is an anonymous volume), ``PATH[:OPTIONS]`` for a tmpfs, and
``HOST[:CONTAINER[:PERMISSIONS]]`` for a device. The long syntax is read by key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lintdock.model.compose import Located, Mount, YamlValue
from lintdock.model.span import MappedText
from lintdock.parsers.compose_yaml import YamlNode, scalar_text, to_data

Mapper = Callable[[YamlNode], "MappedText | None"]

PROPAGATIONS = frozenset({"shared", "rshared", "slave", "rslave", "private", "rprivate"})
_HOST_PATH = re.compile(r"^(?:[/.~\\]|[A-Za-z]:[\\/])")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def volumes(node: YamlNode | None, mapped: Mapper) -> Iterator[Mount]:
    """The ``volumes`` entries of a service."""
    for item in node.items() if node is not None else ():
        if item.is_mapping:
            yield _long_volume(item)
        elif item.is_scalar and isinstance(item.value, str):
            yield _short_volume(item, mapped(item))


def tmpfs(node: YamlNode | None, mapped: Mapper) -> Iterator[Mount]:
    """The ``tmpfs`` entries of a service (one string or a list)."""
    items = (node,) if node is not None and node.is_scalar else _items(node)
    for item in items:
        if item.is_scalar and item.value is not None:
            text = scalar_text(item.value)
            path, _, options = text.partition(":")
            part = _parts(item, text, mapped(item))
            target = part(0, len(path))
            yield Mount(_entry(item), "tmpfs", None, target, False, _words(options))


def devices(node: YamlNode | None, mapped: Mapper) -> Iterator[Mount]:
    """The ``devices`` entries of a service."""
    for item in _items(node):
        if item.is_mapping:
            source, target = _text(item, "source"), _text(item, "target")
            permissions = _text(item, "permissions")
            options = _words(permissions.value) if permissions is not None else ()
            yield Mount(_entry(item), "device", source, target, False, options)
        elif item.is_scalar and item.value is not None:
            text = scalar_text(item.value)
            part = _parts(item, text, mapped(item))
            pieces = _pieces(text)
            source = part(*pieces[0])
            target = part(*pieces[1]) if len(pieces) > 1 else source
            options = _words(text[pieces[2][0] :]) if len(pieces) > 2 else ()
            yield Mount(_entry(item), "device", source, target, False, options)


def _short_volume(item: YamlNode, mapped: MappedText | None) -> Mount:
    text = str(item.value)
    part = _parts(item, text, mapped)
    pieces = _pieces(text)
    if len(pieces) == 1:
        return Mount(_entry(item), "volume", None, part(*pieces[0]), False)
    source = part(*pieces[0])
    kind = "bind" if _HOST_PATH.match(text) else "volume"
    options = _words(text[pieces[2][0] :]) if len(pieces) > 2 else ()
    propagation = None
    if len(pieces) > 2:
        start = pieces[2][0]
        for word in options:
            offset = text.find(word, start)
            if word in PROPAGATIONS:
                propagation = part(offset, offset + len(word))
            start = offset + len(word)
    return Mount(
        _entry(item), kind, source, part(*pieces[1]), "ro" in options, options, propagation
    )


def _long_volume(item: YamlNode) -> Mount:
    kind_node = item.get("type")
    kind = scalar_text(kind_node.value) if kind_node is not None and kind_node.is_scalar else ""
    read_only = item.get("read_only")
    bind = item.get("bind")
    propagation = _text(bind, "propagation") if bind is not None and bind.is_mapping else None
    return Mount(
        _entry(item),
        kind or "volume",
        _text(item, "source"),
        _text(item, "target"),
        read_only is not None and read_only.value is True,
        (),
        propagation,
    )


def _pieces(text: str) -> list[tuple[int, int]]:
    """The ``:``-separated parts of a short entry as (start, end) offsets, keeping a Windows
    drive letter (``C:\\data``) with its path, and the third part running to the end."""
    starts = [0]
    index = 2 if _DRIVE.match(text) else 0
    while len(starts) < 3 and (colon := text.find(":", index)) >= 0:
        starts.append(colon + 1)
        index = colon + 1
        if _DRIVE.match(text, index):
            index += 2
    ends = [start - 1 for start in starts[1:]] + [len(text)]
    return list(zip(starts, ends, strict=True))


def _parts(
    item: YamlNode, text: str, mapped: MappedText | None
) -> Callable[[int, int], Located[str]]:
    def part(start: int, end: int) -> Located[str]:
        span = mapped.span(start, end) if mapped is not None and start < end else item.span
        return Located(text[start:end], span, item.file)

    return part


def _words(options: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in options.split(",") if word.strip())


def _text(node: YamlNode, key: str) -> Located[str] | None:
    entry = node.entry(key)
    if entry is None or not entry[1].is_scalar or entry[1].value is None:
        return None
    value = entry[1]
    return Located(scalar_text(value.value), value.span, value.file, entry[0].span)


def _entry(item: YamlNode) -> Located[YamlValue]:
    return Located(to_data(item), item.span, item.file)


def _items(node: YamlNode | None) -> tuple[YamlNode, ...]:
    return node.items() if node is not None else ()
