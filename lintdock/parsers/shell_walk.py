"""Walks a tree-sitter-bash tree into the flat list of ``SimpleCommand``s of the shell model.

Every construct is flattened in execution order. What a rule needs to know about where a
command sits (loop, condition, host ``sh -c``, substitution, function, depth) travels down in a
``Context``; the operator that follows the construct being walked travels beside it as
``trailing`` (the last command of a construct carries it). Lists are walked iteratively (long
``&&`` chains are left-nested trees); nesting deeper than ``MAX_NESTING`` is reported as an
error instead of exhausting the stack.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from lintdock.model.shell import Loop, LoopKind, SimpleCommand, Word
from lintdock.model.span import MappedText, Span
from lintdock.parsers.shell_launchers import (
    launcher_count,
    reads_stdin_script,
    script_argument,
)
from lintdock.parsers.shell_words import Source, remap, unquote
from lintdock.vocabulary import POSIX_SHELLS

if TYPE_CHECKING:
    from tree_sitter import Node, Parser

MAX_NESTING = 60
_TERMINATORS = {";": ";", "&": "&", ";;": ";", ";&": ";", ";;&": ";"}
_PIPES = frozenset({"|", "|&"})
_REDIRECTS = frozenset({"file_redirect", "heredoc_redirect", "herestring_redirect"})
_SUBSTITUTIONS = frozenset({"command_substitution", "process_substitution"})
_SUBSTITUTION_MARKS = (b"$(", b"`", b"<(", b">(", b"\\")
"""What a substitution's text holds (a backslash may join ``$`` and ``(`` across a line)."""
_HEREDOC_START = frozenset({"file_descriptor", "<<", "<<-", "heredoc_start"})
_HEREDOC_PARTS = _HEREDOC_START | {"heredoc_body", "heredoc_end"}
_CHAINING = frozenset({"&&", "||", ";", "&", "|"})
_THREAD = threading.local()


def parser() -> Parser:
    """The tree-sitter parser of this thread, created on first use (tree-sitter is imported only
    when a shell command is parsed)."""
    instance: Parser | None = getattr(_THREAD, "parser", None)
    if instance is None:
        from tree_sitter import Language, Parser

        instance = Parser(Language(_bash_grammar()))
        _THREAD.parser = instance
    return instance


def _bash_grammar() -> object:
    """tree-sitter-bash's grammar, from its extension module, without importing the package
    (its ``__init__`` imports ``importlib.resources`` and with it pathlib, urllib, tempfile and
    random: a third of the tree-sitter cost of a one-file run)."""
    import importlib.machinery
    import importlib.util

    package = importlib.util.find_spec("tree_sitter_bash")
    folders = list(package.submodule_search_locations or ()) if package else []
    binding = importlib.machinery.PathFinder.find_spec("_binding", folders)
    if binding is None or binding.loader is None:
        raise ModuleNotFoundError("No module named 'tree_sitter_bash._binding'")
    module = importlib.util.module_from_spec(binding)
    binding.loader.exec_module(module)
    return module.language()


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
    in_branch: bool = False


class Collector:
    """The commands and error spans of one script, its nested scripts included."""

    def __init__(self) -> None:
        self.commands: list[SimpleCommand] = []
        self.errors: list[Span] = []
        self.nesting = 0

    def script(self, text: MappedText, context: Context, trailing: str | None = None) -> None:
        """Parse ``text`` and walk it; ``context`` says where it runs (a host, a loop, …)."""
        _Walk(self, text).run(context, trailing)

    def hosted(
        self,
        host: SimpleCommand,
        body: MappedText,
        context: Context,
        trailing: str | None = None,
    ) -> None:
        """Walk the script a shell or ``eval`` command runs (its ``-c`` string, its heredoc)."""
        inner = replace(context, depth=context.depth + 1, host=host, negated=False)
        self.script(body, inner, trailing)


_Handler = Callable[["_Walk", "Node", Context, "str | None"], None]


class _Walk:
    """One script text: tree-sitter offsets to file spans, nodes to model objects."""

    def __init__(self, collector: Collector, text: MappedText) -> None:
        self.out = collector
        self.text = text
        self.source = Source(text.text)
        # ``a && b >f``: tree-sitter hangs ``>f`` on the list; it belongs to ``b``'s node.
        self.moved_redirects: dict[tuple[int, int], tuple[str, ...]] = {}

    def run(self, context: Context, trailing: str | None) -> None:
        if self.out.nesting > MAX_NESTING:
            self.out.errors.append(self.text.whole)
            return
        root = parser().parse(self.source.data).root_node
        if root.has_error:
            self._collect_errors(root)
        self.sequence(root.children, context, trailing)

    # -- positions and words --------------------------------------------------------------

    def span(self, node: Node) -> Span:
        start, end = self.source.range(node)
        return self.text.span(start, end)

    def word(self, node: Node) -> Word:
        start, end = self.source.range(node)
        raw = self.source.text[start:end]
        plain = node.type == "word" or (node.type == "command_name" and node.child_count == 1)
        value = raw if plain and "\\" not in raw else unquote(self.source, node).value
        return Word(value, raw, self.text.span(start, end))

    def _collect_errors(self, root: Node) -> None:
        stack = [root]
        while stack:
            node = stack.pop()
            if node.is_missing or node.type == "ERROR":
                self.out.errors.append(self.span(node))
            else:
                stack.extend(c for c in reversed(node.children) if c.has_error or c.is_missing)

    # -- statements -------------------------------------------------------------------------

    def statement(self, node: Node, context: Context, trailing: str | None) -> None:
        handler = _HANDLERS.get(node.type)
        if handler is None:
            return
        if self.out.nesting > MAX_NESTING:
            self.out.errors.append(self.span(node))
            return
        self.out.nesting += 1
        try:
            handler(self, node, context, trailing)
        finally:
            self.out.nesting -= 1

    def sequence(self, children: Iterable[Node], context: Context, trailing: str | None) -> None:
        """Statements one after the other; a newline between them counts as ``;``. The last one
        takes the operator that follows the whole sequence (unless it has its own ``&``)."""
        items: list[Node] = []
        operators: list[str | None] = []
        for child in children:
            kind = child.type
            if kind in _HANDLERS:
                if operators and operators[-1] is None:
                    operators[-1] = ";"
                items.append(child)
                operators.append(None)
            elif kind in _TERMINATORS and operators and operators[-1] is None:
                operators[-1] = _TERMINATORS[kind]
        if operators and operators[-1] != "&":
            operators[-1] = trailing
        for node, operator in zip(items, operators, strict=True):
            self.statement(node, context, operator)

    def body(self, node: Node | None, context: Context, trailing: str | None) -> None:
        """The statements of a block node (``do … done``, ``{ … }``, a clause)."""
        if node is not None:
            self.sequence(node.children, context, trailing)

    def list_(self, node: Node, context: Context, trailing: str | None) -> None:
        parts: list[tuple[Node, str | None]] = []
        while node.type == "list":
            named = [c for c in node.named_children if c.type != "comment"]
            if len(named) < 2:
                break
            parts.append((named[-1], trailing))
            trailing = next((c.type for c in node.children if not c.is_named), None)
            node = named[0]
        parts.append((node, trailing))
        for part, operator in reversed(parts):
            self.statement(part, context, operator)

    def pipeline(self, node: Node, context: Context, trailing: str | None) -> None:
        stages: list[Node] = []
        operators: list[str | None] = []
        for child in node.children:
            if child.type in _HANDLERS:
                stages.append(child)
                operators.append("|")
            elif child.type in _PIPES and operators:
                operators[-1] = child.type
        if operators:
            operators[-1] = trailing
        for stage, operator in zip(stages, operators, strict=True):
            self.statement(stage, context, operator)

    def negated(self, node: Node, context: Context, trailing: str | None) -> None:
        inner = replace(context, negated=True)
        for child in node.named_children:
            self.statement(child, inner, trailing)

    def subshell(self, node: Node, context: Context, trailing: str | None) -> None:
        self.sequence(node.children, replace(context, depth=context.depth + 1), trailing)

    def group(self, node: Node, context: Context, trailing: str | None) -> None:
        if node.child_count and node.children[0].type == "((":
            self.substitutions(node.children, context)
            return
        self.sequence(node.children, context, trailing)

    def function(self, node: Node, context: Context, trailing: str | None) -> None:
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if body is not None:
            named = self.source.raw(name) if name is not None else ""
            self.statement(body, replace(context, depth=context.depth + 1, function=named), None)

    def error(self, node: Node, context: Context, trailing: str | None) -> None:
        self.sequence(node.children, context, trailing)

    # -- loops and conditionals --------------------------------------------------------------

    def while_loop(self, node: Node, context: Context, trailing: str | None) -> None:
        kind: LoopKind = (
            "until" if node.child_count and node.children[0].type == "until" else "while"
        )
        first = len(self.out.commands)
        condition_nodes = node.children_by_field_name("condition")
        self.sequence(condition_nodes, replace(context, in_condition=True), None)
        condition = tuple(self.out.commands[first:])
        loop = Loop(kind, self.span(node), condition, parent=context.loop)
        self._loop_body(node, context, loop)

    def for_loop(self, node: Node, context: Context, trailing: str | None) -> None:
        variable = node.child_by_field_name("variable")
        values = node.children_by_field_name("value")
        self.substitutions(values, context)
        loop = Loop(
            "for",
            self.span(node),
            (),
            parent=context.loop,
            variable=self.source.raw(variable) if variable is not None else None,
            items=tuple(self.word(value) for value in values),
        )
        self._loop_body(node, context, loop)

    def c_for_loop(self, node: Node, context: Context, trailing: str | None) -> None:
        self._loop_body(node, context, Loop("for", self.span(node), (), parent=context.loop))

    def _loop_body(self, node: Node, context: Context, loop: Loop) -> None:
        inner = replace(context, loop=loop, in_condition=False)
        self.body(node.child_by_field_name("body"), inner, None)

    def conditional(self, node: Node, context: Context, trailing: str | None) -> None:
        """``if``/``elif``: the condition up to ``then``, then the branch; ``else`` a branch.
        The last command of each branch carries the operator after the whole ``if``."""
        segment: list[Node] = []
        in_condition = node.type != "else_clause"
        for child in node.children:
            kind = child.type
            if kind in ("if", "elif", "else", "fi"):
                continue
            if kind == "then" and in_condition:
                self.sequence(segment, replace(context, in_condition=True), None)
                segment, in_condition = [], False
            elif kind in ("elif_clause", "else_clause"):
                self._branch(segment, in_condition, context, trailing)
                segment = []
                self.statement(child, context, trailing)
            else:
                segment.append(child)
        self._branch(segment, in_condition, context, trailing)

    def _branch(
        self, segment: list[Node], in_condition: bool, context: Context, trailing: str | None
    ) -> None:
        if in_condition:  # an ``if`` cut short by a syntax error
            self.sequence(segment, replace(context, in_condition=True), None)
        else:
            self.sequence(segment, replace(context, in_branch=True), trailing)

    def case(self, node: Node, context: Context, trailing: str | None) -> None:
        self.substitutions(node.children_by_field_name("value"), context)
        for item in node.named_children:
            if item.type == "case_item":
                self.sequence(item.children, replace(context, in_branch=True), trailing)

    # -- commands -----------------------------------------------------------------------------

    def redirected(self, node: Node, context: Context, trailing: str | None) -> None:
        body = node.child_by_field_name("body")
        redirects: list[str] = []
        operator = trailing
        followers: list[Node] = []  # what follows a heredoc start on its line
        heredoc: Node | None = None
        for child in node.children:
            if child.type in _REDIRECTS:
                redirects.append(self._redirect_text(child))
            if child.type == "heredoc_redirect":
                heredoc = _first(child, "heredoc_body")
                operator = self._after_heredoc(child, operator, followers, redirects)
        if body is not None:
            if body.type == "command":
                self.command(body, context, operator, tuple(redirects), heredoc)
            else:
                last = _last_command(body)
                if last is not None:
                    self.moved_redirects[last.start_byte, last.end_byte] = tuple(redirects)
                self.statement(body, context, operator)
        for follower in followers:
            self.statement(follower, context, trailing)

    def _after_heredoc(
        self, redirect: Node, operator: str | None, followers: list[Node], redirects: list[str]
    ) -> str | None:
        """``cat <<EOF >file | sh`` and ``cat <<EOF && next``: tree-sitter puts what follows the
        heredoc start inside the redirect. Adds further redirections to ``redirects`` and
        commands to ``followers``; returns the operator that joins the command to them."""
        for child in redirect.children:
            kind = child.type
            if kind in _HEREDOC_PARTS:
                continue
            if kind in _REDIRECTS:
                redirects.append(self._redirect_text(child))
            elif kind == "pipeline":
                followers.append(child)
                return "|"
            elif not child.is_named and kind in _CHAINING:
                operator = kind
            elif kind in _HANDLERS:
                followers.append(child)
        return operator

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
        trailing: str | None,
        redirects: tuple[str, ...] = (),
        heredoc: Node | None = None,
    ) -> None:
        assignments: list[Word] = []
        words: list[Node] = []
        own_redirects: list[str] = []
        self.substitutions(node.children, context)
        for child in node.children:
            kind = child.type
            if kind == "variable_assignment" and not words:
                assignments.append(self.word(child))
            elif kind in _REDIRECTS:
                own_redirects.append(self._redirect_text(child))
            elif child.is_named and kind not in ("comment", "ERROR"):
                words.append(child)
        moved = self.moved_redirects.get((node.start_byte, node.end_byte), ())
        all_redirects = (*own_redirects, *redirects, *moved)
        self.emit(node, context, trailing, words, assignments, all_redirects, heredoc)

    def emit(
        self,
        node: Node,
        context: Context,
        trailing: str | None,
        word_nodes: Sequence[Node],
        assignments: Sequence[Word] = (),
        redirects: tuple[str, ...] = (),
        heredoc: Node | None = None,
    ) -> None:
        """Add the command, then the script it runs (a shell's ``-c`` string or heredoc,
        ``su -c``, ``eval``)."""
        words = [self.word(word_node) for word_node in word_nodes]
        split = launcher_count([word.value for word in words])
        command = SimpleCommand(
            argv=tuple(words[split:]),
            wrappers=tuple(words[:split]),
            assignments=tuple(assignments),
            span=self.span(node),
            operator=trailing,
            redirects=redirects,
            loop=context.loop,
            in_condition=context.in_condition,
            depth=context.depth,
            host=context.host,
            in_substitution=context.in_substitution,
            function=context.function,
            negated=context.negated,
            in_branch=context.in_branch,
        )
        self.out.commands.append(command)
        body = self._hosted_body(command, word_nodes[split:], heredoc)
        if body is not None:
            self.out.hosted(command, body, context, trailing)

    def _hosted_body(
        self, command: SimpleCommand, word_nodes: Sequence[Node], heredoc: Node | None
    ) -> MappedText | None:
        values = [word.value for word in command.argv]
        index = script_argument(values)
        if index is not None:
            return self._string(word_nodes[index])
        if heredoc is not None and command.program in POSIX_SHELLS and reads_stdin_script(values):
            start, end = self.source.range(heredoc)
            return self.text.slice(start, end)
        return None

    def _string(self, node: Node) -> MappedText:
        """A word's value as text of its own, each character at its place in the file."""
        unquoted = unquote(self.source, node, offsets=True)
        return remap(self.text, unquoted, self.source.range(node)[0])

    def test(self, node: Node, context: Context, trailing: str | None) -> None:
        """``[ … ]`` and ``[[ … ]]``: a command whose words are the brackets and operands."""
        self.substitutions(node.children, context)
        self.emit(node, context, trailing, _test_leaves(node))

    def declaration(self, node: Node, context: Context, trailing: str | None) -> None:
        """``export A=1``, ``local x``, ``readonly``, ``declare``, ``unset``: the keyword is
        the program, the rest its arguments."""
        self.substitutions(node.children, context)
        words = [child for child in node.children if child.type != "comment"]
        self.emit(node, context, trailing, words)

    def assignments(self, node: Node, context: Context, trailing: str | None) -> None:
        """``A=1 B=2`` on its own: a command with assignments and no program."""
        self.substitutions(node.children, context)
        parts = [node] if node.type == "variable_assignment" else node.named_children
        self.emit(node, context, trailing, (), [self.word(part) for part in parts])

    def substitutions(self, nodes: Iterable[Node], context: Context) -> None:
        """Walk the ``$(…)``, backtick and ``<(…)`` bodies inside ``nodes`` (they run first)."""
        stack = list(nodes)
        if not stack or not _may_substitute(
            self.source.data[stack[0].start_byte : stack[-1].end_byte]
        ):
            return
        stack.reverse()
        inner: Context | None = None
        while stack:
            node = stack.pop()
            if node.type in _SUBSTITUTIONS:
                if inner is None:
                    depth = context.depth + 1
                    inner = replace(context, depth=depth, in_substitution=True, negated=False)
                self.sequence(node.children, inner, None)
            elif node.child_count:
                stack.extend(reversed(node.children))


def _last_command(node: Node) -> Node | None:
    """The simple command that ends a list or pipeline."""
    while node.type in ("list", "pipeline", "redirected_statement"):
        if node.type == "redirected_statement":
            body = node.child_by_field_name("body")
            if body is None:
                return None
            node = body
            continue
        named = [c for c in node.named_children if c.type != "comment"]
        if not named:
            return None
        node = named[-1]
    return node if node.type == "command" else None


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


def _command(walk: _Walk, node: Node, context: Context, trailing: str | None) -> None:
    walk.command(node, context, trailing)


_HANDLERS: dict[str, _Handler] = {
    "command": _command,
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
    "elif_clause": _Walk.conditional,
    "else_clause": _Walk.conditional,
    "case_statement": _Walk.case,
    "test_command": _Walk.test,
    "declaration_command": _Walk.declaration,
    "unset_command": _Walk.declaration,
    "variable_assignment": _Walk.assignments,
    "variable_assignments": _Walk.assignments,
    "ERROR": _Walk.error,
}


def _may_substitute(text: bytes) -> bool:
    """Whether script text can hold a command or process substitution."""
    return any(mark in text for mark in _SUBSTITUTION_MARKS)
