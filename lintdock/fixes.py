"""Applying fixes: the edits rules attach to diagnostics, turned into new file contents.

API (the CLI calls these):

``apply_fixes(text, fixes) -> str``
    Applies every fix that does not overlap an earlier one (in the order given) and returns the
    new text. A fix is all or nothing: its edits go in together or not at all. Skipped fixes
    are picked up by the next pass of ``fix_until_stable`` once the text is re-linted.
``accepted_fixes(text, fixes) -> tuple[Fix, ...]``
    The fixes ``apply_fixes`` applies: those whose spans lie inside ``text`` and overlap no fix
    accepted before them. A fix identical to an accepted one is accepted with it (a YAML anchor
    reported once per service carries the same fix each time).
``fix_until_stable(lint, *, unsafe, read=read_source, max_passes=10) -> FixReport``
    Lint, apply the fixes of the findings, re-lint the new texts, and repeat until nothing is
    left to fix or the texts stop changing (at most ``max_passes`` rounds). ``lint(overrides)``
    lints the run with ``overrides`` (path -> text) in place of those files' contents and returns
    the run's result (anything with the ``diagnostics`` the user would see: a ``LintResult``);
    ``read(path)`` gives a file's current text. Only safe fixes apply unless ``unsafe``. Nothing
    is written: the report holds the last result and the texts before and after, so ``--diff``
    prints them and ``--fix`` writes them with ``write_atomic``.
``unified_diff(path, before, after) -> str``
    A ``git apply``-able diff (``a/`` and ``b/`` prefixes), empty when nothing changed.
``read_source(path) -> str`` / ``write_atomic(path, text, expected)``
    Read a file as parsers see it (UTF-8, a byte order mark dropped, line endings kept as
    written) and replace it atomically (a temporary file in the same directory, then
    ``os.replace``), keeping its permissions, owner, hard links, byte order mark and the file a
    symlink points to, unless it changed since it was read (``NotWritten``).

Positions: a ``Span`` has 1-based lines and 1-based character columns, end exclusive. Lines end
at ``\\n``, ``\\r\\n`` or a lone ``\\r``; the column just past a line's last character is its line
ending, and a span that ends at column 1 of the next line takes the line ending with it.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.span import Span

if TYPE_CHECKING:
    from pathlib import Path

BOM = "\ufeff"
_LINE_END = re.compile(r"\r\n|\r|\n")


class Linted(Protocol):
    """What a lint run returns, as far as fixing is concerned."""

    @property
    def diagnostics(self) -> Sequence[Diagnostic]: ...


Result = TypeVar("Result", bound=Linted)


class _LineIndex:
    """Turns Span positions into string offsets of one text."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [match.end() for match in _LINE_END.finditer(text)]
        self.ends = [match.start() for match in _LINE_END.finditer(text)] + [len(text)]

    def offset(self, line: int, column: int) -> int | None:
        """The offset of ``line:column``, or None when the text has no such position."""
        if not 1 <= line <= len(self.starts) or column < 1:
            return None
        offset = self.starts[line - 1] + column - 1
        return offset if offset <= self.ends[line - 1] else None

    def range(self, span: Span) -> tuple[int, int] | None:
        start = self.offset(span.line, span.column)
        end = self.offset(span.end_line, span.end_column)
        if start is None or end is None or end < start:
            return None
        return start, end


@dataclass(frozen=True)
class _Replacement:
    start: int
    end: int
    text: str

    def conflicts(self, other: _Replacement) -> bool:
        """Overlapping ranges, or an insertion at (or inside) the other's range: the result
        would depend on the order the two are applied in."""
        if self.start == self.end or other.start == other.end:
            return other.start <= self.start <= other.end or self.start <= other.start <= self.end
        return self.start < other.end and other.start < self.end


def _replacements(index: _LineIndex, edits: Iterable[Edit]) -> list[_Replacement] | None:
    """A fix's edits as offsets; None when one falls outside the text or two overlap."""
    replacements: list[_Replacement] = []
    for edit in edits:
        offsets = index.range(edit.span)
        if offsets is None:
            return None
        replacement = _Replacement(*offsets, edit.replacement)
        if any(replacement.conflicts(earlier) for earlier in replacements):
            return None
        replacements.append(replacement)
    return replacements


def _plan(text: str, fixes: Iterable[Fix]) -> tuple[list[Fix], list[_Replacement]]:
    """The fixes to apply, in the order given, and their replacements."""
    index = _LineIndex(text)
    accepted: list[Fix] = []
    planned: list[_Replacement] = []
    for fix in fixes:
        if any(fix.edits == done.edits for done in accepted):
            accepted.append(fix)
            continue
        replacements = _replacements(index, fix.edits)
        if replacements is None or any(r.conflicts(p) for r in replacements for p in planned):
            continue
        accepted.append(fix)
        planned.extend(replacements)
    return accepted, planned


def accepted_fixes(text: str, fixes: Iterable[Fix]) -> tuple[Fix, ...]:
    """The fixes ``apply_fixes`` would apply to ``text`` (see the module docstring)."""
    return tuple(_plan(text, fixes)[0])


def apply_fixes(text: str, fixes: Iterable[Fix]) -> str:
    """``text`` with the accepted fixes applied, edits from the end so offsets stay valid."""
    _, planned = _plan(text, fixes)
    for replacement in sorted(planned, key=lambda r: r.start, reverse=True):
        text = text[: replacement.start] + replacement.text + text[replacement.end :]
    return text


@dataclass
class FixReport(Generic[Result]):
    """What ``fix_until_stable`` did. ``result`` is the last lint, of the fixed texts;
    ``before``/``after`` hold the files it changed."""

    result: Result
    fixed: int = 0
    passes: int = 0
    before: dict[str, str] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> list[str]:
        """The changed files, sorted."""
        return sorted(path for path, text in self.after.items() if text != self.before[path])


def _fixes_by_path(diagnostics: Iterable[Diagnostic], unsafe: bool) -> dict[str, list[Fix]]:
    """The fixes to try, per file, in diagnostic order (position order within a file); none
    in backup copies (``Dockerfile.bak``), which are linted when named but never rewritten."""
    from lintdock.discovery import is_backup

    by_path: dict[str, list[Fix]] = {}
    ordered = sorted(diagnostics, key=lambda d: (d.path, d.span, d.code))
    for diagnostic in ordered:
        fix = diagnostic.fix
        if fix is None or not fix.edits or not (fix.safe or unsafe):
            continue
        if not is_backup(diagnostic.path):
            by_path.setdefault(diagnostic.path, []).append(fix)
    return by_path


def fix_until_stable(
    lint: Callable[[Mapping[str, str]], Result],
    *,
    unsafe: bool,
    read: Callable[[str], str] | None = None,
    max_passes: int = 10,
) -> FixReport[Result]:
    """Fix, re-lint and repeat (see the module docstring)."""
    texts: dict[str, str] = {}
    report = FixReport(lint({}))
    while report.passes < max_passes:
        applied = _fix_pass(report, texts, read or read_source, unsafe)
        if not applied:
            break
        report.passes += 1
        report.fixed += applied
        report.result = lint(dict(texts))
    report.after = {path: texts[path] for path in report.before}
    return report


def _fix_pass(
    report: FixReport[Result], texts: dict[str, str], read: Callable[[str], str], unsafe: bool
) -> int:
    """Apply one round of fixes to ``texts``; returns how many changed a file."""
    applied = 0
    for path, fixes in _fixes_by_path(report.result.diagnostics, unsafe).items():
        if path not in texts:
            try:
                texts[path] = read(path)
            except (OSError, UnicodeDecodeError) as error:
                report.unreadable[path] = str(error)
                continue
            report.before[path] = texts[path]
        accepted, _ = _plan(texts[path], fixes)
        fixed = apply_fixes(texts[path], accepted)
        if fixed != texts[path]:
            texts[path] = fixed
            applied += len(accepted)
    return applied


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file, as ``git diff`` writes it; empty when the texts are equal."""
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    return "".join(_terminated(line) for line in lines)


def _terminated(line: str) -> str:
    """A diff line ends with a newline; a file's unterminated last line gets diff's marker."""
    if line.endswith(("\n", "\r")):
        return line
    return line + "\n\\ No newline at end of file\n"


def read_source(path: str | Path) -> str:
    """A file's text as parsers see it: UTF-8 without a byte order mark, line endings as written
    (read through ``lintdock.files``: a regular file, within its kind's size limit)."""
    from lintdock.files import decode, kind_for_name, read_bytes

    return decode(read_bytes(str(path), kind_for_name(str(path))))


class NotWritten(Exception):
    """A fixed file that was left as it is, and why (worded for the user)."""


def write_atomic(path: str | Path, text: str, expected: str | None = None) -> None:
    """Replace a file's contents, keeping its mode, owner, byte order mark and hard links. A
    symlink stays a symlink: its target is replaced. With ``expected`` (the text the fixes were
    computed from), a file changed since it was read is not overwritten. A file with other hard
    links is rewritten in place (so every link sees the change); any other through a temporary
    file in the same directory and ``os.replace``. Raises NotWritten."""
    from lintdock.files import NotReadable, decode, kind_for_name, read_bytes

    target = os.path.realpath(path)
    try:
        current = read_bytes(target, kind_for_name(target))
        status = os.stat(target)
        if expected is not None and decode(current) != expected:
            raise NotWritten("changed since it was read: not overwritten")
        if current.startswith(BOM.encode()):
            text = BOM + text
        if status.st_nlink > 1:
            _write_in_place(target, text)
        else:
            _replace(target, text, status)
    except (OSError, NotReadable) as error:
        raise NotWritten(_reason(error)) from None


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or getattr(error, "reason", None) or str(error)


def _write_in_place(target: str, text: str) -> None:
    with open(target, "r+", encoding="utf-8", newline="") as stream:
        stream.write(text)
        stream.truncate()


def _replace(target: str, text: str, status: os.stat_result) -> None:
    import tempfile

    directory, name = os.path.split(target)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        if not _same_owner(temporary, status):
            os.unlink(temporary)
            _write_in_place(target, text)  # only the owner (or root) could give it back
            return
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _same_owner(temporary: str, status: os.stat_result) -> bool:
    """Give ``temporary`` the owner of the file it replaces; False when that is not allowed."""
    created = os.stat(temporary)
    if (created.st_uid, created.st_gid) == (status.st_uid, status.st_gid):
        return True
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except (OSError, AttributeError):
        return False
    return True
