"""How a compose file is written, for style rules: each mapping's keys in order and each
scalar's quoting style, read from the file's own documents (before merging)."""

from __future__ import annotations

from lintdock.model.compose import (
    Located,
    PresentedMapping,
    PresentedScalar,
    ScalarStyle,
    YamlPath,
    YamlPresentation,
)
from lintdock.parsers.compose_yaml import YamlNode, key_text, scalar_text

STYLES: dict[str | None, ScalarStyle] = {
    None: "plain",
    "'": "single",
    '"': "double",
    "|": "literal",
    ">": "folded",
}


def presentation(path: str, documents: tuple[YamlNode, ...]) -> YamlPresentation:
    """The mappings and scalars of ``documents``, in file order, each node once."""
    mappings: list[PresentedMapping] = []
    scalars: list[PresentedScalar] = []
    seen: set[int] = set()
    pending: list[tuple[YamlNode, YamlPath]] = [(d, ()) for d in reversed(documents)]
    while pending:
        node, where = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.is_scalar:
            scalars.append(_scalar(node, where, key=False))
        elif node.is_mapping:
            keys = []
            for key, _ in node.entries():
                name = key_text(key)
                keys.append(Located(name, key.span, key.file))
                scalars.append(_scalar(key, (*where, name), key=True))
            mappings.append(PresentedMapping(where, tuple(keys), node.flow, node.span))
            children = [(value, (*where, key_text(key))) for key, value in node.entries()]
            pending.extend(reversed(children))
        else:
            pending.extend(reversed([(item, (*where, i)) for i, item in enumerate(node.items())]))
    scalars.sort(key=lambda scalar: scalar.span)
    return YamlPresentation(path, tuple(mappings), tuple(scalars))


def _scalar(node: YamlNode, where: YamlPath, *, key: bool) -> PresentedScalar:
    text = scalar_text(node.value) if node.is_scalar else f"<{node.kind}>"
    return PresentedScalar(where, text, STYLES.get(node.style, "plain"), node.span, key)
