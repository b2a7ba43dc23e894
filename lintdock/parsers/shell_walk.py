"""Walks a tree-sitter-bash tree into the flat list of ``SimpleCommand``s of the shell model.

Every construct is flattened in execution order; what a rule needs to know about where a command
sits (loop, condition, host ``sh -c``, substitution, function, depth) travels down in a
``_Context``. Lists are walked iteratively (long ``&&`` chains are left-nested trees); real
nesting deeper than ``MAX_NESTING`` is reported as an error instead of exhausting the stack.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from lintdock.model.shell import Loop, SimpleCommand, Word
from lintdock.model.span import MappedText, Span
from lintdock.parsers.shell_launchers import (
    SHELLS,
    launcher_count,
    reads_stdin_script,
    shell_body_index,
)
from lintdock.parsers.shell_words import Source, Unquoted, remap, unquote

if TYPE_CHECKING:
    from tree_sitter import Node, Parser

MAX_NESTING = 60
_TERMINATORS = {";": ";", "&": "&", ";;": ";", ";&": ";", ";;&": ";"}
_PIPES = frozenset({"|", "|&"})
_REDIRECTS = frozenset({"file_redirect", "heredoc_redirect", "herestring_redirect"})
_SUBSTITUTIONS = frozenset({"command_substitution", "process_substitution"})
_HEREDOC_START = frozenset({"file_descriptor", "<<", "<<-", "heredoc_start"})
_HEREDOC_PARTS = _HEREDOC_START | {"heredoc_body", "heredoc_end"}
_THREAD = threading.local()


def parser() -> Parser:
    """The tree-sitter parser of this thread, created on first use (tree-sitter is imported only
    when a shell command is parsed)."""
    instance: Parser | None = getattr(_THREAD, "parser", None)
    if instance is None:
        import tree_sitter_bash
        from tree_sitter import Language, Parser

        instance = Parser(Language(tree_sitter_bash.language()))
        _THREAD.parser = instance
    return instance


@dataclass(frozen=True, slots=True)
class Context:
    """Where the commands being walked sit."""

    depth: int = 0
    loop: Loop | None = None
    in_condition: bool = False
    host: SimpleCommand | None = None
    in_substitution: bool = False
    function: str | None = None
    negated: bool = False
    trailing: str | None = None  # the operator after the construct being walked
    nesting: int = 0

    def inner(self, **changes: object) -> Context:
        return replace(self, nesting=self.nesting + 1, **changes)  # type: ignore[arg-type]

    def then(self, trailing: str | None) -> Context:
        return replace(self, trailing=trailing)


class Collector:
    """The commands and error spans of one script, its nested scripts included."""

    def __init__(self) -> None:
        self.commands: list[SimpleCommand] = []
        self.errors: list[Span] = []

    def script(self, text: MappedText, context: Context) -> None:
        """Parse ``text`` and walk it; ``context`` says where it runs (a host, a loop, …)."""
        if context.nesting > MAX_NESTING:
            self.errors.append(text.whole)
            return
        _Walk(self, text).run(context)

    def hosted(self, host: SimpleCommand, body: MappedText, context: Context) -> None:
        """Walk the script a shell or ``eval`` command runs (its ``-c`` string, its heredoc)."""
        self.script(body, context.inner(depth=context.depth + 1, host=host, negated=False))


class _Walk:
    """One script text: tree-sitter offsets to file spans, nodes to model objects."""

    def __init__(self, collector: Collector, text: MappedText) -> None:
        self.out = collector
        self.text = text
        self.source = Source(text.text)

    def run(self, context: Context) -> None:
        tree = parser().parse(self.source.data)
        root = tree.root_node
        if root.has_error:
            self._collect_errors(root)
        self.sequence(root.children, context)

    # -- positions and words --------------------------------------------------------------

    def span(self, node: Node) -> Span:
        start, end = self.source.range(node)
        return self.text.span(start, end)

    def word(self, node: Node) -> tuple[Word, Unquoted]:
        unquoted = unquote(self.source, node)
        start, end = self.source.range(node)
        word = Word(unquoted.value, self.source.text[start:end], self.text.span(start, end))
        return word, unquoted

    def _collect_errors(self, root: Node) -> None:
        stack = [root]
        while stack:
            node = stack.pop()
            if node.is_missing or node.type == "ERROR":
                self.out.errors.append(self.span(node))
            else:
                stack.extend(c for c in reversed(node.children) if c.has_error or c.is_missing)

    # -- statements -------------------------------------------------------------------------

    def statement(self, node: Node, context: Context) -> None:
        handler = _HANDLERS.get(node.type)
        if handler is None:
            return
        if context.nesting > MAX_NESTING:
            self.out.errors.append(self.span(node))
            return
        handler(self, node, context)

    def sequence(self, children: Iterable[Node], context: Context) -> None:
        """Statements one after the other; a newline between them counts as ``;``. The last one
        takes the operator that follows the whole sequence (or its own ``&``)."""
        items: list[tuple[Node, str | None]] = []
        for child in children:
            if child.type in _HANDLERS:
                if items and items[-1][1] is None:
                    items[-1] = (items[-1][0], ";")
                items.append((child, None))
            elif child.type in _TERMINATORS and items and items[-1][1] is None:
                items[-1] = (items[-1][0], _TERMINATORS[child.type])
        for index, (node, operator) in enumerate(items):
            if index == len(items) - 1 and operator != "&":
                operator = context.trailing
            self.statement(node, context.then(operator))

    def body(self, node: Node | None, context: Context) -> None:
        """The statements of a block node (``do … done``, ``{ … }``, a clause)."""
        if node is not None:
            self.sequence(node.children, context)

    def list_(self, node: Node, context: Context) -> None:
        parts: list[tuple[Node, str | None]] = []
        trailing = context.trailing
        while node.type == "list":
            named = [c for c in node.named_children if c.type != "comment"]
            if len(named) < 2:
                break
            parts.append((named[-1], trailing))
            trailing = next((c.type for c in node.children if not c.is_named), None)
            node = named[0]
        parts.append((node, trailing))
        inner = context.inner()
        for part, operator in reversed(parts):
            self.statement(part, inner.then(operator))

    def pipeline(self, node: Node, context: Context) -> None:
        stages: list[Node] = []
        operators: list[str] = []
        for child in node.children:
            if child.type in _HANDLERS:
                stages.append(child)
                operators.append("|")
            elif child.type in _PIPES and operators:
                operators[-1] = child.type
        inner = context.inner()
        for index, stage in enumerate(stages):
            last = index == len(stages) - 1
            self.statement(stage, inner.then(context.trailing if last else operators[index]))

    def negated(self, node: Node, context: Context) -> None:
        for child in node.named_children:
            self.statement(child, context.inner(negated=True))

    def subshell(self, node: Node, context: Context) -> None:
        self.sequence(node.children, context.inner(depth=context.depth + 1))

    def group(self, node: Node, context: Context) -> None:
        if node.child_count and node.children[0].type == "((":
            self.substitutions(node.children, context)
            return
        self.sequence(node.children, context.inner())

    def function(self, node: Node, context: Context) -> None:
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if body is not None:
            inner = context.inner(
                depth=context.depth + 1,
                function=self.source.raw(name) if name is not None else "",
                trailing=None,
            )
            self.statement(body, inner)

    def error(self, node: Node, context: Context) -> None:
        self.sequence(node.children, context.inner())

    # -- loops and conditionals --------------------------------------------------------------

    def while_loop(self, node: Node, context: Context) -> None:
        kind = node.children[0].type if node.child_count else "while"
        condition_nodes = node.children_by_field_name("condition")
        first = len(self.out.commands)
        self.sequence(condition_nodes, context.inner(in_condition=True, trailing=None))
        condition = tuple(self.out.commands[first:])
        loop = Loop(kind, self.span(node), condition, parent=context.loop)
        self.body(node.child_by_field_name("body"), context.inner(loop=loop, in_condition=False))

    def for_loop(self, node: Node, context: Context) -> None:
        variable = node.child_by_field_name("variable")
        values = node.children_by_field_name("value")
        self.substitutions(values, context)
        loop = Loop(
            "for",
            self.span(node),
            (),
            parent=context.loop,
            variable=self.source.raw(variable) if variable is not None else None,
            items=tuple(self.word(value)[0] for value in values),
        )
        self.body(node.child_by_field_name("body"), context.inner(loop=loop, in_condition=False))

    def c_for_loop(self, node: Node, context: Context) -> None:
        loop = Loop("for", self.span(node), (), parent=context.loop)
        self.body(node.child_by_field_name("body"), context.inner(loop=loop, in_condition=False))

    def conditional(self, node: Node, context: Context) -> None:
        """``if``/``elif``: the condition up to ``then``, then the branch; ``else`` a branch."""
        inner = context.inner()
        segment: list[Node] = []
        in_condition = node.type != "else_clause"
        for child in node.children:
            kind = child.type
            if kind in ("if", "elif", "else", "fi"):
                continue
            if kind == "then" and in_condition:
                self.sequence(segment, inner.inner(in_condition=True, trailing=None))
                segment, in_condition = [], False
            elif kind in ("elif_clause", "else_clause"):
                self._branch(segment, in_condition, inner)
                segment = []
                self.conditional(child, inner)
            else:
                segment.append(child)
        self._branch(segment, in_condition, inner)

    def _branch(self, segment: list[Node], in_condition: bool, context: Context) -> None:
        if segment:
            self.sequence(segment, context.inner(in_condition=in_condition or context.in_condition))

    def case(self, node: Node, context: Context) -> None:
        self.substitutions(node.children_by_field_name("value"), context)
        for item in node.named_children:
            if item.type == "case_item":
                self.sequence(item.children, context.inner())

    # -- commands -----------------------------------------------------------------------------

    def redirected(self, node: Node, context: Context) -> None:
        body = node.child_by_field_name("body")
        redirects: list[str] = []
        operator = context.trailing
        rest: list[tuple[Node, bool]] = []  # what follows a heredoc start on its line
        heredoc: Node | None = None
        for child in node.children:
            if child.type not in _REDIRECTS:
                continue
            redirects.append(self._redirect_text(child))
            if child.type == "heredoc_redirect":
                heredoc = _first(child, "heredoc_body")
                operator, rest = self._after_heredoc(child, operator, rest)
        if body is not None:
            inner = context.then(operator)
            if body.type == "command":
                self.command(body, inner, tuple(redirects), heredoc)
            else:
                self.statement(body, inner.inner())
        for follower, is_pipeline in rest:
            if is_pipeline:
                self.pipeline(follower, context.inner())
            else:
                self.statement(follower, context.inner())

    def _after_heredoc(
        self, redirect: Node, operator: str | None, rest: list[tuple[Node, bool]]
    ) -> tuple[str | None, list[tuple[Node, bool]]]:
        """``cat <<EOF | sh`` and ``cat <<EOF && next``: tree-sitter puts what follows the
        heredoc start inside the redirect. The operator that joins the command to it, and it."""
        for child in redirect.children:
            if child.type in _HEREDOC_PARTS or child.type == "file_descriptor":
                continue
            if child.type == "pipeline":
                return "|", [*rest, (child, True)]
            if not child.is_named and child.type in ("&&", "||", ";", "&", "|"):
                operator = child.type
            elif child.type in _HANDLERS:
                rest = [*rest, (child, False)]
        return operator, rest

    def _redirect_text(self, node: Node) -> str:
        """The redirection as written, blanks removed (``2>/dev/null``, ``<<EOF``)."""
        parts = node.children
        if node.type == "heredoc_redirect":
            parts = [child for child in parts if child.type in _HEREDOC_START]
        return "".join(self.source.raw(part) for part in parts)

    def command(
        self,
        node: Node,
        context: Context,
        redirects: tuple[str, ...] = (),
        heredoc: Node | None = None,
    ) -> None:
        assignments: list[Word] = []
        words: list[tuple[Word, Unquoted]] = []
        own_redirects: list[str] = []
        self.substitutions(node.children, context)
        for child in node.children:
            kind = child.type
            if kind == "variable_assignment" and not words:
                assignments.append(self.word(child)[0])
            elif kind in _REDIRECTS:
                own_redirects.append(self._redirect_text(child))
            elif child.is_named and kind not in ("comment", "ERROR"):
                words.append(self.word(child))
        self.emit(node, context, words, assignments, (*own_redirects, *redirects), heredoc)

    def emit(
        self,
        node: Node,
        context: Context,
        words: Sequence[tuple[Word, Unquoted]],
        assignments: Sequence[Word] = (),
        redirects: tuple[str, ...] = (),
        heredoc: Node | None = None,
    ) -> None:
        """Add the command, then the script it runs when it is a shell or ``eval``."""
        split = launcher_count([word.value for word, _ in words])
        command = SimpleCommand(
            argv=tuple(word for word, _ in words[split:]),
            wrappers=tuple(word for word, _ in words[:split]),
            assignments=tuple(assignments),
            span=self.span(node),
            operator=context.trailing,
            redirects=redirects,
            loop=context.loop,
            in_condition=context.in_condition,
            depth=context.depth,
            host=context.host,
            in_substitution=context.in_substitution,
            function=context.function,
            negated=context.negated,
        )
        self.out.commands.append(command)
        body = self._hosted_body(command, words[split:], heredoc)
        if body is not None:
            self.out.hosted(command, body, context)

    def _hosted_body(
        self,
        command: SimpleCommand,
        words: Sequence[tuple[Word, Unquoted]],
        heredoc: Node | None,
    ) -> MappedText | None:
        values = [word.value for word, _ in words]
        if command.program == "eval" and len(words) == 2:
            return self._remapped(words[1])
        if command.program not in SHELLS:
            return None
        index = shell_body_index(values)
        if index is not None:
            return self._remapped(words[index])
        if heredoc is not None and reads_stdin_script(values):
            start, end = self.source.range(heredoc)
            return self.text.slice(start, end)
        return None

    def _remapped(self, word: tuple[Word, Unquoted]) -> MappedText:
        unquoted = word[1]
        fallback = unquoted.offsets[0] if unquoted.offsets else 0
        return remap(self.text, unquoted, fallback)

    def test(self, node: Node, context: Context) -> None:
        """``[ … ]`` and ``[[ … ]]``: a command whose words are the brackets and operands."""
        self.substitutions(node.children, context)
        words = [self.word(leaf) for leaf in _test_leaves(node)]
        self.emit(node, context, words)

    def declaration(self, node: Node, context: Context) -> None:
        """``export A=1``, ``local x``, ``readonly``, ``declare``, ``unset``: the keyword is
        the program, the rest its arguments."""
        self.substitutions(node.children, context)
        words = [self.word(child) for child in node.children if child.type != "comment"]
        self.emit(node, context, words)

    def assignments(self, node: Node, context: Context) -> None:
        """``A=1 B=2`` on its own: a command with assignments and no program."""
        self.substitutions(node.children, context)
        parts = [node] if node.type == "variable_assignment" else node.named_children
        self.emit(node, context, (), [self.word(part)[0] for part in parts])

    def substitutions(self, nodes: Iterable[Node], context: Context) -> None:
        """Walk the ``$(…)``, backtick and ``<(…)`` bodies inside ``nodes`` (they run first)."""
        stack = list(nodes)
        stack.reverse()
        inner = context.inner(
            depth=context.depth + 1, in_substitution=True, trailing=None, negated=False
        )
        while stack:
            node = stack.pop()
            if node.type in _SUBSTITUTIONS:
                self.sequence(node.children, inner)
            else:
                stack.extend(reversed(node.children))


def _first(node: Node, kind: str) -> Node | None:
    return next((c for c in node.children if c.type == kind), None)


def _test_leaves(node: Node) -> list[Node]:
    """The words of a test expression in order: operands, operators, brackets."""
    leaves: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.child_count == 0 or current.type in _WORDLIKE:
            if current.type != "comment" and current.end_byte > current.start_byte:
                leaves.append(current)
        else:
            stack.extend(reversed(current.children))
    return leaves


_WORDLIKE = frozenset(
    {
        "word",
        "string",
        "raw_string",
        "ansi_c_string",
        "translated_string",
        "concatenation",
        "number",
        "simple_expansion",
        "expansion",
        "command_substitution",
        "arithmetic_expansion",
        "process_substitution",
        "extglob_pattern",
        "regex",
        "test_operator",
    }
)

_Handler = Callable[[_Walk, "Node", Context], None]
_HANDLERS: dict[str, _Handler] = {
    "command": lambda walk, node, context: walk.command(node, context),
    "list": _Walk.list_,
    "pipeline": _Walk.pipeline,
    "negated_command": _Walk.negated,
    "redirected_statement": _Walk.redirected,
    "subshell": _Walk.subshell,
    "compound_statement": _Walk.group,
    "function_definition": _Walk.function,
    "while_statement": _Walk.while_loop,
    "for_statement": _Walk.for_loop,
    "c_style_for_statement": _Walk.c_for_loop,
    "if_statement": _Walk.conditional,
    "case_statement": _Walk.case,
    "test_command": _Walk.test,
    "declaration_command": _Walk.declaration,
    "unset_command": _Walk.declaration,
    "variable_assignment": _Walk.assignments,
    "variable_assignments": _Walk.assignments,
    "ERROR": _Walk.error,
}
