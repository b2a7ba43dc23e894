"""Compose ``ports`` entries to ``Port`` models: the short syntax split the way Compose's port
parser splits it (the protocol after the first ``/``, then the last two ``:``-separated parts
are the host and container ports and the rest the host IP), and the long syntax read by key."""

from __future__ import annotations

from collections.abc import Callable

from lintdock.model.compose import Located, Port, YamlValue
from lintdock.model.span import MappedText
from lintdock.parsers.compose_yaml import YamlNode, key_text, scalar_text, to_data

Mapper = Callable[[YamlNode], "MappedText | None"]


def port(node: YamlNode, mapped: Mapper) -> Port:
    """The ``ports`` entry ``node``; ``mapped`` gives a scalar's characters their positions."""
    entry = Located(to_data(node), node.span, node.file)
    if node.is_mapping:
        return _long(node, entry)
    if not node.is_scalar or node.value is None:
        return Port(entry, None, None, None, None, long_form=False)
    return _short(node, entry, mapped(node))


def _long(node: YamlNode, entry: Located[YamlValue]) -> Port:
    parts: dict[str, Located[str]] = {}
    for key, value in node.entries():
        name = key_text(key)
        written = value.is_scalar and value.value is not None
        if name in ("host_ip", "published", "target", "protocol") and written:
            parts[name] = Located(scalar_text(value.value), value.span, value.file, key.span)
    return Port(
        entry,
        parts.get("host_ip"),
        parts.get("published"),
        parts.get("target"),
        parts.get("protocol"),
        long_form=True,
    )


def _short(node: YamlNode, entry: Located[YamlValue], mapped: MappedText | None) -> Port:
    text = scalar_text(node.value)

    def part(start: int, end: int) -> Located[str] | None:
        if start >= end:
            return None
        span = mapped.span(start, end) if mapped is not None else node.span
        return Located(text[start:end], span, node.file)

    slash = text.find("/")
    body_end = slash if slash >= 0 else len(text)
    protocol = None
    if slash >= 0:
        second = text.find("/", slash + 1)
        protocol = part(slash + 1, second if second >= 0 else len(text))
    colons = [index for index in range(body_end) if text[index] == ":"]
    if not colons:
        return Port(entry, None, None, part(0, body_end), protocol, long_form=False)
    last = colons[-1]
    target = part(last + 1, body_end)
    if len(colons) == 1:
        return Port(entry, None, part(0, last), target, protocol, long_form=False)
    before = colons[-2]
    host_ip = part(0, before)
    return Port(entry, host_ip, part(before + 1, last), target, protocol, long_form=False)
