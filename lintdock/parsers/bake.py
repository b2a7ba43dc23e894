"""Docker Bake files: the targets, their Dockerfiles and their tags.

Bake (``docker buildx bake``) reads HCL (``docker-bake.hcl``) or JSON (``docker-bake.json``).
lintdock needs to know which image a target tags and from which Dockerfile, so this reads HCL
as far as that needs: blocks (``target``, ``variable``, ``function``, ``group``), attributes,
strings with ``${...}`` interpolation, lists, objects, calls of functions the file defines,
conditionals (both branches are possible tags), comments and heredocs. Built-in functions,
operators and ``for`` expressions are read but not evaluated: a value that depends on them is
unknown, and an unknown tag is left out. Variables take their ``default`` (never the process
environment, so a run gives the same result on every machine).

    parse_bake(text, path) -> BakeFile

Never raises: where the text stops making sense the file's ``problem`` says so, with its
position, and the targets read until then are kept.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from lintdock.model.bake import BakeFile, BakeTarget, BakeValue
from lintdock.model.span import Span

MAX_DEPTH = 48
"""Nesting (brackets, interpolations, function calls) beyond which the file is not read on."""

PUNCTUATION = ("...", "==", "!=", "<=", ">=", "&&", "||", "=>", *"{}[]()=,:?!<>+-*/%.")
BINARY = frozenset({"==", "!=", "<", ">", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%"})
CLOSING = {"{": "}", "[": "]", "(": ")"}
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


class _Stop(Exception):
    """The text stops making sense here."""

    def __init__(self, message: str, span: Span) -> None:
        super().__init__(message)
        self.message = message
        self.span = span


# --- tokens ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    """``kind``: ident, string, number, punct, newline, eof. A string's ``parts`` are literal
    text, the tokens of an interpolation, or None for a template directive (``%{ if }``)."""

    kind: str
    text: str
    span: Span
    parts: tuple[str | tuple[_Token, ...] | None, ...] = ()


@dataclass
class _Lexer:
    text: str
    starts: list[int] = field(init=False)
    index: int = 0

    def __post_init__(self) -> None:
        self.starts = [0] + [i + 1 for i, c in enumerate(self.text) if c == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        return Span(*self.position(start), *self.position(end))

    def tokens(self, depth: int = 0, closing: str | None = None) -> list[_Token]:
        """Tokens up to the end (or, inside an interpolation, up to its closing brace)."""
        if depth > MAX_DEPTH:
            raise _Stop("nested too deeply", self.span(self.index, self.index))
        found: list[_Token] = []
        braces = 0
        while True:
            token = self.token(depth)
            if closing is not None and token.kind == "punct":
                braces += {"{": 1, "}": -1}.get(token.text, 0)
                if braces < 0:
                    return found
            if token.kind == "eof":
                if closing is not None:
                    raise _Stop("an interpolation is not closed", token.span)
                found.append(token)
                return found
            found.append(token)

    def token(self, depth: int) -> _Token:
        text = self.text
        while self.index < len(text):
            char = text[self.index]
            if char in " \t\r\ufeff":
                self.index += 1
            elif char == "#" or text.startswith("//", self.index):
                end = text.find("\n", self.index)
                self.index = len(text) if end < 0 else end
            elif text.startswith("/*", self.index):
                end = text.find("*/", self.index + 2)
                self.index = len(text) if end < 0 else end + 2
            else:
                break
        start = self.index
        if start >= len(text):
            return _Token("eof", "", self.span(start, start))
        char = text[start]
        if char == "\n":
            self.index += 1
            return _Token("newline", "\n", self.span(start, start + 1))
        if char.isalpha() or char == "_":
            return self.word(start)
        if char.isdigit():
            return self.number(start)
        if char == '"':
            return self.string(start, depth)
        if text.startswith("<<", start) and (heredoc := self.heredoc(start)) is not None:
            return heredoc
        for punct in PUNCTUATION:
            if text.startswith(punct, start):
                self.index += len(punct)
                return _Token("punct", punct, self.span(start, self.index))
        raise _Stop(f"unexpected character {char!r}", self.span(start, start + 1))

    def word(self, start: int) -> _Token:
        end = start
        while end < len(self.text) and (self.text[end].isalnum() or self.text[end] in "_-"):
            end += 1
        self.index = end
        return _Token("ident", self.text[start:end], self.span(start, end))

    def number(self, start: int) -> _Token:
        end = start
        while end < len(self.text) and (self.text[end].isalnum() or self.text[end] == "."):
            end += 1
        self.index = end
        return _Token("number", self.text[start:end], self.span(start, end))

    def string(self, start: int, depth: int) -> _Token:
        text = self.text
        parts: list[str | tuple[_Token, ...] | None] = []
        literal: list[str] = []
        self.index = start + 1
        while True:
            if self.index >= len(text) or text[self.index] == "\n":
                raise _Stop("a string is not closed", self.span(start, self.index))
            char = text[self.index]
            if char == '"':
                self.index += 1
                break
            if char == "\\" and self.index + 1 < len(text):
                literal.append(self.escape())
            elif text.startswith(("$${", "%%{"), self.index):
                literal.append(text[self.index + 1 : self.index + 3])
                self.index += 3
            elif text.startswith(("${", "%{"), self.index):
                parts.append("".join(literal))
                literal = []
                directive = char == "%"
                self.index += 2
                if text.startswith("~", self.index):
                    self.index += 1
                inner = tuple(t for t in self.tokens(depth + 1, "}") if t.text != "~")
                parts.append(None if directive else inner)
            else:
                literal.append(char)
                self.index += 1
        parts.append("".join(literal))
        return _Token("string", "", self.span(start, self.index), tuple(parts))

    def escape(self) -> str:
        text = self.text
        letter = text[self.index + 1]
        width = {"u": 4, "U": 8}.get(letter)
        if width is not None:
            digits = text[self.index + 2 : self.index + 2 + width]
            try:
                decoded = chr(int(digits, 16))
            except ValueError:
                decoded = letter
            else:
                self.index += width
            self.index += 2
            return decoded
        self.index += 2
        return ESCAPES.get(letter, letter)

    def heredoc(self, start: int) -> _Token | None:
        """``<<EOT`` or ``<<-EOT`` up to the line that is only ``EOT``: its text, as written."""
        text = self.text
        line_end = text.find("\n", start)
        if line_end < 0:
            return None
        marker = text[start + 2 : line_end].strip().lstrip("-")
        if not marker.isidentifier():
            return None
        body_start = line_end + 1
        offset = body_start
        while offset <= len(text):
            end = text.find("\n", offset)
            end = len(text) if end < 0 else end
            if text[offset:end].strip() == marker:
                self.index = end
                body = text[body_start:offset]
                return _Token("string", "", self.span(start, end), (body,))
            if end >= len(text):
                break
            offset = end + 1
        raise _Stop(f"the heredoc {marker} is not closed", self.span(start, line_end))


# --- expressions -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Node:
    """An expression. ``kind``: str (``parts``), list and call (``items``), object (``pairs``),
    ref (``name``), literal (``value``), cond (``items``: condition, then, else), unknown."""

    kind: str
    span: Span
    parts: tuple[str | _Node | None, ...] = ()
    items: tuple[_Node, ...] = ()
    pairs: tuple[tuple[_Node, _Node], ...] = ()
    name: str = ""
    value: object = None


@dataclass(frozen=True, slots=True)
class _Block:
    """A block (``target "app" { ... }``) or, with no labels and ``value`` set, an attribute."""

    type: str
    labels: tuple[BakeValue, ...]
    attributes: Mapping[str, _Node]
    span: Span


@dataclass
class _Parser:
    tokens: list[_Token]
    lexer: _Lexer
    index: int = 0
    depth: int = 0

    def peek(self, newlines: bool) -> _Token:
        if newlines:
            while self.tokens[self.index].kind == "newline":
                self.index += 1
        return self.tokens[self.index]

    def take(self, newlines: bool) -> _Token:
        token = self.peek(newlines)
        if token.kind != "eof":
            self.index += 1
        return token

    def expect(self, text: str, newlines: bool = True) -> _Token:
        token = self.take(newlines)
        if token.text != text or token.kind not in ("punct", "ident"):
            raise _Stop(f"expected {text!r}", token.span)
        return token

    # -- bodies --

    def body(self, blocks: list[_Block], attributes: dict[str, _Node], inner: bool) -> None:
        """Blocks and attributes up to the closing brace (``inner``) or the end of the file."""
        while True:
            token = self.peek(True)
            if token.kind == "eof" or (inner and token.text == "}"):
                if inner:
                    self.expect("}")
                return
            if token.kind != "ident":
                raise _Stop("expected an attribute or a block", token.span)
            self.index += 1
            following = self.peek(False)
            if following.text == "=" and following.kind == "punct":
                self.index += 1
                attributes[token.text] = self.expression(False)
                end = self.peek(False)
                if end.kind not in ("newline", "eof") and end.text != "}":
                    raise _Stop("expected the end of the line", end.span)
            else:
                blocks.append(self.block(token))

    def block(self, keyword: _Token) -> _Block:
        labels = []
        while (token := self.take(False)).kind in ("string", "ident"):
            text = token.text if token.kind == "ident" else "".join(_literal(token.parts))
            labels.append(BakeValue(text, token.span))
        if token.text != "{":
            raise _Stop("expected '{' to open the block", token.span)
        self.enter(token)
        inner_blocks: list[_Block] = []
        attributes: dict[str, _Node] = {}
        self.body(inner_blocks, attributes, inner=True)
        self.depth -= 1
        return _Block(keyword.text, tuple(labels), attributes, keyword.span)

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Stop("nested too deeply", token.span)

    # -- expressions --

    def expression(self, newlines: bool) -> _Node:
        condition = self.binary(newlines)
        token = self.peek(newlines)
        if token.kind != "punct" or token.text != "?":
            return condition
        self.index += 1
        then = self.expression(newlines)
        self.expect(":", newlines)
        otherwise = self.expression(newlines)
        return _Node(
            "cond", condition.span.cover(otherwise.span), items=(condition, then, otherwise)
        )

    def binary(self, newlines: bool) -> _Node:
        left = self.unary(newlines)
        while (token := self.peek(newlines)).kind == "punct" and token.text in BINARY:
            self.index += 1
            right = self.unary(newlines)
            left = _Node("unknown", left.span.cover(right.span))
        return left

    def unary(self, newlines: bool) -> _Node:
        token = self.peek(newlines)
        if token.kind == "punct" and token.text in ("!", "-"):
            self.index += 1
            operand = self.unary(newlines)
            return _Node("unknown", token.span.cover(operand.span))
        return self.postfix(newlines)

    def postfix(self, newlines: bool) -> _Node:
        node = self.primary()
        while (token := self.peek(False)).kind == "punct" and token.text in (".", "["):
            self.index += 1
            if token.text == ".":
                step = self.take(False)
                end = step.span
            else:
                self.enter(token)
                self.expression(True)
                end = self.expect("]").span
                self.depth -= 1
            node = _Node("unknown", node.span.cover(end))
        return node

    def primary(self) -> _Node:
        token = self.take(True)
        if token.kind == "string":
            parts = tuple(
                part if isinstance(part, str) or part is None else self.interpolation(part, token)
                for part in token.parts
            )
            return _Node("str", token.span, parts=parts)
        if token.kind == "number":
            return _Node("literal", token.span, value=token.text)
        if token.kind == "ident":
            return self.name(token)
        if token.kind == "punct" and token.text in CLOSING:
            self.enter(token)
            node = self.bracketed(token)
            self.depth -= 1
            return node
        raise _Stop("expected a value", token.span)

    def name(self, token: _Token) -> _Node:
        literal = {"true": True, "false": False, "null": None}
        if token.text in literal:
            return _Node("literal", token.span, value=literal[token.text])
        following = self.peek(False)
        if following.kind == "punct" and following.text == "(":
            self.index += 1
            self.enter(following)
            items = self.sequence(")")
            self.depth -= 1
            return _Node(
                "call",
                token.span.cover(self.tokens[self.index - 1].span),
                items=items,
                name=token.text,
            )
        return _Node("ref", token.span, name=token.text)

    def bracketed(self, opening: _Token) -> _Node:
        closing = CLOSING[opening.text]
        if opening.text != "(" and self.peek(True).text == "for":
            return self.skipped(opening)
        if opening.text == "(":
            node = self.expression(True)
            self.expect(")")
            return node
        if opening.text == "[":
            items = self.sequence("]")
            return _Node("list", opening.span.cover(self.tokens[self.index - 1].span), items=items)
        pairs = []
        while self.peek(True).text != closing:
            key = self.expression(True)
            separator = self.take(True)
            if separator.text not in ("=", ":"):
                raise _Stop("expected '=' or ':' after an object key", separator.span)
            pairs.append((key, self.expression(True)))
            if self.peek(False).text == ",":
                self.index += 1
        end = self.expect(closing)
        return _Node("object", opening.span.cover(end.span), pairs=tuple(pairs))

    def sequence(self, closing: str) -> tuple[_Node, ...]:
        items = []
        while self.peek(True).text != closing:
            items.append(self.expression(True))
            if self.peek(True).text == "...":
                self.index += 1
            if self.peek(True).text != ",":
                break
            self.index += 1
        self.expect(closing)
        return tuple(items)

    def skipped(self, opening: _Token) -> _Node:
        """A ``for`` expression: read to its closing bracket, not evaluated."""
        depth = 0
        while (token := self.take(True)).kind != "eof":
            if token.kind == "punct" and token.text in CLOSING:
                depth += 1
            elif token.kind == "punct" and token.text in CLOSING.values():
                if depth == 0:
                    return _Node("unknown", opening.span.cover(token.span))
                depth -= 1
        raise _Stop("a bracket is not closed", opening.span)

    def interpolation(self, tokens: tuple[_Token, ...], string: _Token) -> _Node:
        if not tokens:
            return _Node("unknown", string.span)
        inner = _Parser([*tokens, _Token("eof", "", string.span)], self.lexer, depth=self.depth)
        node = inner.expression(True)
        if inner.peek(True).kind != "eof":
            return _Node("unknown", string.span)
        return node


def _literal(parts: tuple[str | tuple[_Token, ...] | None, ...]) -> Iterator[str]:
    for part in parts:
        if isinstance(part, str):
            yield part


# --- evaluation --------------------------------------------------------------------------------


UNKNOWN = object()


@dataclass(frozen=True, slots=True)
class _Choice:
    """The values a conditional may take."""

    options: tuple[object, ...]


@dataclass
class _Scope:
    """Variables (their defaults, evaluated once when first used) and the file's functions."""

    defaults: Mapping[str, _Node | None]
    functions: Mapping[str, _Block]
    values: dict[str, object] = field(default_factory=dict)
    resolving: set[str] = field(default_factory=set)

    def lookup(self, name: str, depth: int) -> object:
        if name in self.values:
            return self.values[name]
        if name not in self.defaults or name in self.resolving:
            return UNKNOWN
        node = self.defaults[name]
        self.resolving.add(name)
        value = "" if node is None else self.evaluate(node, {}, depth + 1)
        self.resolving.discard(name)
        self.values[name] = value
        return value

    def evaluate(self, node: _Node, local: Mapping[str, object], depth: int) -> object:
        if depth > MAX_DEPTH:
            return UNKNOWN
        kind = node.kind
        if kind == "literal":
            return node.value
        if kind == "str":
            return self.template(node, local, depth)
        if kind == "list":
            return [self.evaluate(item, local, depth + 1) for item in node.items]
        if kind == "object":
            return self.mapping(node, local, depth)
        if kind == "ref":
            return local[node.name] if node.name in local else self.lookup(node.name, depth)
        if kind == "cond":
            then, otherwise = node.items[1:]
            options = (
                self.evaluate(then, local, depth + 1),
                self.evaluate(otherwise, local, depth + 1),
            )
            return _Choice(options)
        if kind == "call":
            return self.call(node, local, depth)
        return UNKNOWN

    def mapping(self, node: _Node, local: Mapping[str, object], depth: int) -> dict[str, object]:
        """An object; a bare name as a key is the key itself (``{ VERSION = "1" }``)."""
        result = {}
        for key_node, value_node in node.pairs:
            key = key_node.name if key_node.kind == "ref" else self.evaluate(key_node, local, depth)
            if isinstance(key, str):
                result[key] = self.evaluate(value_node, local, depth + 1)
        return result

    def template(self, node: _Node, local: Mapping[str, object], depth: int) -> object:
        pieces = []
        for part in node.parts:
            value = part if isinstance(part, str) else None
            if isinstance(part, _Node):
                value = _as_text(self.evaluate(part, local, depth + 1))
            if value is None:
                return UNKNOWN
            pieces.append(value)
        return "".join(pieces)

    def call(self, node: _Node, local: Mapping[str, object], depth: int) -> object:
        function = self.functions.get(node.name)
        if function is None or "result" not in function.attributes:
            return UNKNOWN  # a built-in function: not evaluated
        params = function.attributes.get("params")
        names = [p.name for p in params.items if p.kind == "ref"] if params is not None else []
        args = [self.evaluate(arg, local, depth + 1) for arg in node.items]
        bound = dict(zip(names, args, strict=False))
        return self.evaluate(function.attributes["result"], bound, depth + 1)


def _as_text(value: object) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return None


def _strings(value: object) -> Iterator[str]:
    """Every string ``value`` may be (flattening lists and conditionals)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, _Choice):
        for option in value.options:
            yield from _strings(option)


# --- targets -----------------------------------------------------------------------------------


def parse_bake(text: str, path: str) -> BakeFile:
    """The targets of a Bake file (HCL, or JSON when ``path`` ends in ``.json``)."""
    lexer = _Lexer(text)
    blocks: list[_Block] = []
    attributes: dict[str, _Node] = {}
    problem = None
    try:
        parser = _Parser(lexer.tokens(), lexer)
        if path.endswith(".json"):
            blocks += _json_blocks(parser)
        else:
            parser.body(blocks, attributes, inner=False)
    except _Stop as stop:
        problem = BakeValue(stop.message, stop.span)
    except RecursionError:
        problem = BakeValue("nested too deeply", Span.point(1, 1))
    return BakeFile(path, tuple(_targets(blocks, attributes)), problem)


def _json_blocks(parser: _Parser) -> Iterator[_Block]:
    """The JSON form's ``{"target": {"app": {...}}, "variable": {...}}`` as blocks."""
    root = parser.expression(True)
    for kind_node, value in root.pairs if root.kind == "object" else ():
        kind = "".join(p for p in kind_node.parts if isinstance(p, str))
        for name_node, body in value.pairs if value.kind == "object" else ():
            name = "".join(p for p in name_node.parts if isinstance(p, str))
            attributes = {
                "".join(p for p in key.parts if isinstance(p, str)): item
                for key, item in (body.pairs if body.kind == "object" else ())
            }
            yield _Block(kind, (BakeValue(name, name_node.span),), attributes, name_node.span)


def _targets(blocks: list[_Block], top: Mapping[str, _Node]) -> Iterator[BakeTarget]:
    defaults: dict[str, _Node | None] = dict(top)
    functions: dict[str, _Block] = {}
    targets: dict[str, _Block] = {}
    for block in blocks:
        if not block.labels:
            continue
        name = block.labels[0].value
        if block.type == "variable":
            defaults[name] = block.attributes.get("default")
        elif block.type == "function":
            functions[name] = block
        elif block.type == "target":
            targets.setdefault(name, block)
    scope = _Scope(defaults, functions)
    for name, block in targets.items():
        attributes = _inherited(name, targets, scope, set())
        yield BakeTarget(
            block.labels[0],
            _text(attributes.get("context"), scope),
            _text(attributes.get("dockerfile"), scope),
            _text(attributes.get("target"), scope),
            tuple(_tags(attributes.get("tags"), scope)),
            tuple(_context_names(attributes.get("contexts"), scope)),
            tuple(_context_targets(attributes.get("contexts"), scope)),
        )


def _inherited(
    name: str, targets: Mapping[str, _Block], scope: _Scope, seen: set[str]
) -> dict[str, _Node]:
    """A target's attributes with those of the targets it ``inherits`` from (own ones win)."""
    block = targets.get(name)
    if block is None or name in seen or len(seen) > MAX_DEPTH:
        return {}
    seen.add(name)
    merged: dict[str, _Node] = {}
    parents = block.attributes.get("inherits")
    for parent in _strings(scope.evaluate(parents, {}, 0)) if parents is not None else ():
        merged.update(_inherited(parent, targets, scope, seen))
    merged.update(block.attributes)
    return merged


def _text(node: _Node | None, scope: _Scope) -> BakeValue | None:
    if node is None:
        return None
    value = scope.evaluate(node, {}, 0)
    return BakeValue(value, node.span) if isinstance(value, str) else None


def _context_names(node: _Node | None, scope: _Scope) -> Iterator[BakeValue]:
    """The keys of a ``contexts`` object (a bare name or a string), at each key."""
    for key_node, _ in node.pairs if node is not None and node.kind == "object" else ():
        key = key_node.name if key_node.kind == "ref" else scope.evaluate(key_node, {}, 0)
        if isinstance(key, str) and key:
            yield BakeValue(key, key_node.span)


def _context_targets(node: _Node | None, scope: _Scope) -> Iterator[tuple[str, str]]:
    """The named contexts whose value is another target (``base = "target:base"``), as
    (name, target) pairs."""
    for key_node, value_node in node.pairs if node is not None and node.kind == "object" else ():
        key = key_node.name if key_node.kind == "ref" else scope.evaluate(key_node, {}, 0)
        value = scope.evaluate(value_node, {}, 0)
        if isinstance(key, str) and isinstance(value, str) and value.startswith("target:"):
            yield key, value.removeprefix("target:")


def _tags(node: _Node | None, scope: _Scope) -> Iterator[BakeValue]:
    """Each tag once, at the list item (or the call) that makes it."""
    if node is None:
        return
    seen = set()
    items = node.items if node.kind == "list" else (node,)
    for item in items:
        for tag in _strings(scope.evaluate(item, {}, 0)):
            if tag.strip() and tag.strip() not in seen:
                seen.add(tag.strip())
                yield BakeValue(tag.strip(), item.span)
