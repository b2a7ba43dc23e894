"""Suppression comments, applied centrally after the rules run.

Grammar (both file kinds; a reason may follow after `` -- ``)::

    # lintdock: ignore=LD101,curl-without-fail     codes, names or prefixes
    # lintdock: ignore-file=LD1                    the whole file
    # lintdock: ignore-file                        the whole file, every rule
    # hadolint ignore=DL3057                       hadolint's own, for rules with an equivalent
    # hadolint global ignore=DL3057                hadolint's file-wide form
    # dclint disable-line no-version-field         dclint's (lintdock.dclint_config)

Where ``ignore`` applies:

- Dockerfile: the comment must be in the block of comment lines directly above an instruction
  (no blank line between); it covers every line of that instruction.
- Compose: a comment at the end of a line covers that line; a comment on a line of its own covers
  the next line that is not a comment. Either way it also covers the mapping or list item that
  starts on that line, i.e. the lines below it indented deeper (a block sequence written at its
  key's own indentation included).

Other tools' suppressions are honoured through the rule index's ``equivalents``: a code of
hadolint's (``DL3008``) or a check of BuildKit's (``JSONArgsRecommended``) stands for the lintdock
rules that name it. One that names no rule lintdock has is dropped::

    # hadolint ignore=DL3008,DL3015                above an instruction
    # hadolint global ignore=DL3059                the whole file
    # check=skip=JSONArgsRecommended;error=true    BuildKit's directive, at the top: the whole
                                                   file (``skip=all``: every BuildKit check), and
                                                   ``error=true`` makes those checks' findings
                                                   errors; as a comment above an instruction,
                                                   its ``skip`` covers that instruction

A ``lintdock`` suppression (or one code of it) that suppresses nothing is reported as LD901 when
the rule it names ran on the file. Other tools' comments are never reported: they may still be
serving their tool.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.span import Span
from lintdock.rules import Registry
from lintdock.rules.codes import UNUSED_SUPPRESSION

_CODES = r"(?P<codes>[A-Za-z0-9-]+(?:[ \t]*,[ \t]*[A-Za-z0-9-]+)*)"
LINTDOCK_DIRECTIVE = re.compile(
    r"#\s*lintdock:\s*(?P<scope>ignore-file|ignore)\b(?:[ \t]*=[ \t]*" + _CODES + ")?"
)
HADOLINT_DIRECTIVE = re.compile(r"#\s*hadolint\s+(?P<scope>global\s+ignore|ignore)\s*=\s*" + _CODES)
BUILDKIT_DIRECTIVE = re.compile(r"#\s*check\s*=\s*(?P<settings>.*)")
BUILDKIT_SKIP = re.compile(r"(?:^|;)\s*skip\s*=\s*(?P<codes>[^;]*)")
BUILDKIT_ERROR = re.compile(r"(?:^|;)\s*error\s*=\s*true\s*(?:;|$)", re.IGNORECASE)
CODE_WORD = re.compile(r"[A-Za-z0-9-]+")
SHELLCHECK_CODE = re.compile(r"SC\d{4}")


@dataclass(frozen=True)
class CodeRef:
    """One code, name or prefix named by a suppression, with the rules it covers (none when it
    names no rule)."""

    text: str
    span: Span
    codes: frozenset[str]


@dataclass(frozen=True)
class Directive:
    """One suppression comment. ``refs`` empty with ``file_wide``: every rule. ``lines`` is
    the inclusive line range an ``ignore`` covers, None when it covers nothing. ``escalates``
    is set by BuildKit's ``error=true``."""

    path: str
    span: Span
    file_wide: bool
    refs: tuple[CodeRef, ...]
    lines: tuple[int, int] | None
    foreign: bool = False  # another tool's (hadolint, BuildKit, dclint): never reported as unused
    escalates: frozenset[str] = frozenset()  # codes whose findings become errors in the file
    hadolint: bool = False  # ``# hadolint ignore=``: also covers a finding hadolint has here

    def covers(self, diagnostic: Diagnostic, line: int | None = None) -> tuple[int, ...] | None:
        """Indexes of the refs that suppress ``diagnostic`` (``()`` for a bare ignore-file);
        None when this directive does not suppress it. ``line``: judge the finding as if it
        were there (where hadolint reports it), instead of at its own line."""
        at = diagnostic.span.line if line is None else line
        if diagnostic.path != self.path:
            return None
        if not self.file_wide and (self.lines is None or not self.lines[0] <= at <= self.lines[1]):
            return None
        if self.file_wide and not self.refs:
            return ()
        hits = tuple(
            i
            for i, ref in enumerate(self.refs)
            if any(diagnostic.code.startswith(code) for code in ref.codes)  # SC2 covers SC2086
        )
        return hits or None


# --- finding directives ----------------------------------------------------------------------


def dockerfile_directives(
    path: str,
    lines: Sequence[str],
    comment_spans: Iterable[Span],
    instruction_spans: Iterable[Span],
    registry: Registry,
    check: str | None = None,
) -> tuple[Directive, ...]:
    """The suppressions among a Dockerfile's comment lines, and those of BuildKit's ``check``
    parser directive (its value, when the file has one)."""
    comments = sorted(comment_spans)
    below = _first_below(
        {span.line for span in comments}, lambda line: line > len(lines), lambda _line: False
    )
    instructions = {span.line: span for span in instruction_spans}

    def target(line: int) -> tuple[int, int] | None:
        instruction = instructions.get(below[line])
        return None if instruction is None else (instruction.line, instruction.end_line)

    found = _directives(path, lines, comments, target, registry)
    return found if check is None else (*_check_directive(path, lines, check, registry), *found)


def _check_directive(
    path: str, lines: Sequence[str], settings: str, registry: Registry
) -> tuple[Directive, ...]:
    """BuildKit's ``# check=`` parser directive: a file-wide skip and ``error=true``."""
    number = next(
        (n for n, text in enumerate(lines, 1) if BUILDKIT_DIRECTIVE.match(text.strip())), 1
    )
    text = lines[number - 1] if number <= len(lines) else ""
    match = BUILDKIT_DIRECTIVE.search(text)
    where = Span(number, 1, number, len(text) + 1)
    refs = _buildkit_refs(match, number, registry) if match else ()
    escalates = (
        frozenset(_equivalents(registry, "buildkit").get("all", ()))
        if BUILDKIT_ERROR.search(settings)
        else frozenset()
    )
    if not refs and not escalates:
        return ()
    # Without a skip it covers no line: a file-wide directive without refs would skip every rule.
    return (Directive(path, where, bool(refs), refs, None, foreign=True, escalates=escalates),)


def compose_directives(
    path: str, lines: Sequence[str], comment_spans: Iterable[Span], registry: Registry
) -> tuple[Directive, ...]:
    """The suppressions among a compose file's comments."""
    spans = sorted(comment_spans)
    own_line = {s.line for s in spans if not lines[s.line - 1][: s.column - 1].strip()}
    below = _first_below(
        own_line, lambda line: line > len(lines), lambda line: not lines[line - 1].strip()
    )
    block_end = functools.cache(lambda start: _block_end(lines, start))

    def target(line: int) -> tuple[int, int] | None:
        start = below[line] if line in own_line else line
        return None if start > len(lines) else (start, block_end(start))

    from lintdock.dclint_config import dclint_directives  # it builds on this module

    own = _directives(path, lines, spans, target, registry)
    return own + dclint_directives(path, lines, spans, registry, target)


def _first_below(
    comment_lines: set[int], past_end: Callable[[int], bool], blank: Callable[[int], bool]
) -> dict[int, int]:
    """For each comment line, the first line below it that is neither a comment line nor
    blank. Worked out from the bottom up, so that a long run of comments costs its length, not
    its square."""
    found: dict[int, int] = {}
    for line in sorted(comment_lines, reverse=True):
        below = line + 1
        while not past_end(below) and below not in comment_lines and blank(below):
            below += 1
        found[line] = found[below] if below in comment_lines else below
    return found


def _block_end(lines: Sequence[str], start: int) -> int:
    """The last line of the YAML node that starts on line ``start`` (1-based), by indentation."""
    head = lines[start - 1]
    indent = _indent(head)
    is_item = head.lstrip().startswith("- ")
    opens_block = not is_item and head.split(" #", 1)[0].rstrip().endswith(":")
    end = start
    for number in range(start + 1, len(lines) + 1):
        text = lines[number - 1]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        deeper = _indent(text) > indent
        same_level_item = opens_block and _indent(text) == indent and stripped.startswith("- ")
        if not (deeper or same_level_item):
            break
        end = number
    return end


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _directives(
    path: str,
    lines: Sequence[str],
    comment_spans: Iterable[Span],
    target: Callable[[int], tuple[int, int] | None],
    registry: Registry,
) -> tuple[Directive, ...]:
    found = []
    for span in comment_spans:
        text = lines[span.line - 1]
        directive = _parse(path, text, span, registry)
        if directive is not None and not directive.file_wide:
            directive = Directive(
                path,
                directive.span,
                False,
                directive.refs,
                target(span.line),
                directive.foreign,
                hadolint=directive.hadolint,
            )
        if directive is not None:
            found.append(directive)
    return tuple(found)


def _parse(path: str, text: str, span: Span, registry: Registry) -> Directive | None:
    start = max(span.column - 1, 0)
    match = LINTDOCK_DIRECTIVE.match(text, start) or LINTDOCK_DIRECTIVE.search(text, start)
    if match is not None:
        file_wide = match["scope"] == "ignore-file"
        refs = _refs(match, span.line, lambda word: _lintdock_codes(registry, word))
        where = Span(span.line, match.start("scope") + 1, span.line, match.end("scope") + 1)
        return Directive(path, where, file_wide, refs, None)
    match = HADOLINT_DIRECTIVE.search(text, start)
    if match is not None:
        hadolint = _equivalents(registry, "hadolint")
        resolved = _refs(
            match, span.line, lambda w: hadolint.get(w.upper(), frozenset()) or _shellcheck_code(w)
        )
        refs = tuple(ref for ref in resolved if ref.codes)
        file_wide = match["scope"] != "ignore"
    elif (match := BUILDKIT_DIRECTIVE.match(text, start)) is not None:
        refs, file_wide = _buildkit_refs(match, span.line, registry), False
    else:
        return None
    if not refs:
        return None
    where = Span(span.line, match.start() + 1, span.line, match.end() + 1)
    written_for_hadolint = match.re is HADOLINT_DIRECTIVE
    return Directive(
        path, where, file_wide, refs, None, foreign=True, hadolint=written_for_hadolint
    )


def _buildkit_refs(match: re.Match[str], line: int, registry: Registry) -> tuple[CodeRef, ...]:
    """The checks a ``check=skip=A,B`` names, as refs to their lintdock rules."""
    skip = BUILDKIT_SKIP.search(match["settings"])
    if skip is None:
        return ()
    buildkit = _equivalents(registry, "buildkit")
    offset = match.start("settings") + skip.start("codes")
    return tuple(
        CodeRef(
            word.group(),
            Span(line, offset + word.start() + 1, line, offset + word.end() + 1),
            codes,
        )
        for word in CODE_WORD.finditer(skip["codes"])
        if (codes := buildkit.get(word.group(), frozenset()))
    )


@functools.cache
def _equivalents(registry: Registry, tool: str) -> dict[str, frozenset[str]]:
    """Each identifier of ``tool`` (hadolint codes in upper case, BuildKit check names as
    written) and the lintdock rules whose ``equivalents`` name it; ``all`` for BuildKit: every
    rule with a BuildKit equivalent. LD0 rules are left out: a file Docker cannot read is not
    something another tool's suppression can hide (``DL1000`` is only one of LD001's causes)."""
    found: dict[str, set[str]] = {}
    for rule in registry.rules:
        for equivalent in rule.equivalents if not rule.code.startswith("LD0") else ():
            name, _, identifier = equivalent.partition(":")
            if name == tool:
                found.setdefault(identifier, set()).add(rule.code)
                if tool == "buildkit":
                    found.setdefault("all", set()).add(rule.code)
    return {identifier: frozenset(codes) for identifier, codes in found.items()}


def _lintdock_codes(registry: Registry, word: str) -> frozenset[str]:
    """The codes a suppression's word names: rule codes; a ShellCheck code or prefix as
    written (a diagnostic's code starting with it is covered)."""
    return frozenset(
        word.upper() if rule.names_subcodes(word) and word.upper() != rule.code else rule.code
        for rule in registry.matching(word)
    )


def _shellcheck_code(word: str) -> frozenset[str]:
    """A ShellCheck code in a hadolint comment: the same code here."""
    return frozenset({word.upper()}) if SHELLCHECK_CODE.fullmatch(word.upper()) else frozenset()


def _refs(
    match: re.Match[str], line: int, resolve: Callable[[str], frozenset[str]]
) -> tuple[CodeRef, ...]:
    if match["codes"] is None:
        return ()
    offset = match.start("codes")
    return tuple(
        CodeRef(
            word.group(),
            Span(line, offset + word.start() + 1, line, offset + word.end() + 1),
            resolve(word.group()),
        )
        for word in CODE_WORD.finditer(match["codes"])
    )


# --- applying them ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """The diagnostics that survive, and which (directive, ref) pairs suppressed something
    (ref ``-1``: a bare ``ignore-file``)."""

    kept: tuple[Diagnostic, ...]
    used: frozenset[tuple[int, int]]


def apply(diagnostics: Iterable[Diagnostic], directives: Sequence[Directive]) -> Outcome:
    """Drop the diagnostics that directives cover. Directives are grouped by the file and the
    lines they cover; a group's verdict is the same for one code on every line it covers, so it
    is worked out once (time linear in the diagnostics and directives, not their product)."""
    groups = _Groups(directives)
    verdicts: dict[tuple[_Scope, str, bool], tuple[tuple[int, int], ...]] = {}
    kept = []
    used: set[tuple[int, int]] = set()
    for diagnostic in diagnostics:
        suppressed = False
        for scope, elsewhere in groups.covering(diagnostic):
            key = (scope, diagnostic.code, elsewhere)
            if key not in verdicts:
                verdicts[key] = groups.hits(scope, diagnostic, elsewhere)
                used.update(verdicts[key])
            suppressed = suppressed or bool(verdicts[key])
        if not suppressed:
            kept.append(diagnostic)
    return Outcome(tuple(kept), frozenset(used))


_Scope = tuple[str, "tuple[int, int] | None"]  # a file, and the lines covered (None: all)


class _Groups:
    """Directives by scope, and the line-limited scopes by the lines they cover."""

    def __init__(self, directives: Sequence[Directive]) -> None:
        self.directives = directives
        self.members: dict[_Scope, list[int]] = {}
        for index, directive in enumerate(directives):
            if directive.file_wide or directive.lines is not None:
                scope = (directive.path, None if directive.file_wide else directive.lines)
                self.members.setdefault(scope, []).append(index)
        self.by_line: dict[tuple[str, int], list[_Scope]] = {}
        for scope in self.members:
            path, lines = scope
            for line in range(lines[0], lines[1] + 1) if lines is not None else ():
                self.by_line.setdefault((path, line), []).append(scope)

    def covering(self, diagnostic: Diagnostic) -> list[tuple[_Scope, bool]]:
        """The scopes that may suppress ``diagnostic``, each with whether it covers the line
        where hadolint reports the finding rather than the finding's own."""
        whole_file: _Scope = (diagnostic.path, None)
        scopes = [(whole_file, False)] if whole_file in self.members else []
        own = (diagnostic.path, diagnostic.span.line)
        scopes += [(s, False) for s in self.by_line.get(own, [])]
        if diagnostic.hadolint_span is not None:
            there = (diagnostic.path, diagnostic.hadolint_span.line)
            scopes += [(s, True) for s in self.by_line.get(there, [])]
        return scopes

    def hits(
        self, scope: _Scope, diagnostic: Diagnostic, elsewhere: bool = False
    ) -> tuple[tuple[int, int], ...]:
        """The (directive, ref) pairs of ``scope`` that suppress ``diagnostic`` (ref ``-1``:
        a bare ``ignore-file``); ``elsewhere``: only hadolint's, at hadolint's line."""
        found: list[tuple[int, int]] = []
        line = diagnostic.hadolint_span.line if elsewhere and diagnostic.hadolint_span else None
        for index in self.members[scope]:
            if elsewhere and not self.directives[index].hadolint:
                continue
            refs = self.directives[index].covers(diagnostic, line)
            if refs is not None:
                found += [(index, ref) for ref in refs or (-1,)]
        return tuple(found)


def escalated(
    diagnostics: Iterable[Diagnostic], directives: Sequence[Directive]
) -> list[Diagnostic]:
    """``diagnostics`` with those of the codes a ``# check=error=true`` names made errors
    (BuildKit then fails the build on its checks' findings)."""
    codes = frozenset().union(*(d.escalates for d in directives))
    return [
        dataclasses.replace(d, severity=Severity.ERROR) if d.code in codes else d
        for d in diagnostics
    ]


def unused(
    directives: Sequence[Directive],
    used: frozenset[tuple[int, int]],
    ran: Callable[[str, str], bool],
) -> list[Diagnostic]:
    """LD901 findings for lintdock suppressions that suppressed nothing. ``ran(path, code)``
    says whether a rule ran on a file: a suppression of a rule that did not run is not stale."""
    findings = []
    for index, directive in enumerate(directives):
        if directive.foreign:
            continue
        if not directive.refs:
            if not directive.file_wide:
                findings.append(_stale(directive, directive.span, "ignore", NO_CODES))
            elif (index, -1) not in used:
                findings.append(_stale(directive, directive.span, "ignore-file"))
        for number, ref in enumerate(directive.refs):
            if not ref.codes:
                message = f"Suppression names {ref.text!r}, which is no rule code, name or prefix"
                findings.append(Diagnostic(UNUSED_SUPPRESSION, message, directive.path, ref.span))
            elif (index, number) not in used and any(ran(directive.path, c) for c in ref.codes):
                findings.append(_stale(directive, ref.span, ref.text))
    return findings


NO_CODES = "name the rules it is for, e.g. ignore=LD101"
MISPLACED = "it must be on the line directly above an instruction"


def _stale(directive: Directive, span: Span, what: str, why: str | None = None) -> Diagnostic:
    if why is None and not directive.file_wide and directive.lines is None:
        why = MISPLACED
    message = f"Unused suppression of {what}: nothing here is reported for it"
    if why:
        message = f"Suppression of {what} suppresses nothing: {why}"
    return Diagnostic(UNUSED_SUPPRESSION, message, directive.path, span)
