"""The Dockerfile model: a file of stages of instructions, every piece with its Span.

Built only by ``lintdock.parsers.dockerfile``; rules read it and never see text positions of
their own making.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lintdock.model.duration import parse_duration
from lintdock.model.span import MappedText, Span


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of an instruction: a word, a JSON array element, a flag value. ``value`` is unquoted
    and unescaped; ``span`` covers the text as written (quotes included)."""

    value: str
    span: Span


@dataclass(frozen=True, slots=True)
class VariableReference:
    """A ``$NAME`` or ``${NAME…}`` that BuildKit expands in an instruction's arguments, at the
    whole reference; ``modifier`` as written (``:-``, ``-``, ``:+``, ``?``, ``#``, ``%``, ``/``
    …), None for a plain reference."""

    name: str
    span: Span
    modifier: str | None = None


@dataclass(frozen=True, slots=True)
class Flag:
    """``--name=value`` (or ``--name`` alone) before an instruction's arguments.
    ``references`` are the ``$NAME``/``${NAME…}`` written in the value (BuildKit expands them in
    ``FROM --platform``, ``COPY --chown`` and others)."""

    name: str
    value: str | None
    span: Span
    value_span: Span | None = None
    references: tuple[VariableReference, ...] = ()

    @property
    def seconds(self) -> float | None:
        """The value as a Go duration (``--interval=1m30s``: 90.0); None when it is not one."""
        return parse_duration(self.value) if self.value else None


@dataclass(frozen=True, slots=True)
class KeyValue:
    """One ``key=value`` of ENV, ARG or LABEL (legacy ``ENV key value`` too).

    ``value`` is unquoted; ``expanded`` has ``$VAR``/``${VAR:-x}`` resolved from the ARG and ENV
    values in scope at that point (unknown variables expand to the empty string, as in BuildKit).
    ``value`` is None for an ARG without a default. ``legacy`` marks the legacy ``ENV key value``
    (or ``LABEL key value``) form, which BuildKit's LegacyKeyValueFormat check reports.
    """

    key: Token
    value: Token | None
    expanded: str | None
    legacy: bool = False


@dataclass(frozen=True, slots=True)
class Heredoc:
    """A here-document of RUN/COPY/ADD: ``<<EOF`` … ``EOF``. ``body`` is the lines between the
    marker's line and the terminator, each ending in ``\n`` (which maps just past the end of its
    line); for ``<<-`` their leading tabs are already stripped."""

    delimiter: str
    body: MappedText
    span: Span  # the whole heredoc, from the ``<<`` word to the terminator line
    expand: bool  # False when the delimiter was quoted or escaped
    strip_tabs: bool  # ``<<-``
    fd: int | None = None  # ``3<<EOF``


@dataclass(frozen=True, slots=True)
class Command:
    """What RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD run (and the shell SHELL sets).

    Exactly one of ``exec_form`` (a valid JSON array of strings) and ``shell_form`` (the shell text,
    continuations joined and comment lines dropped, as BuildKit builds it) is set.
    ``json_invalid`` is True when the text looks like a JSON array but is not valid JSON, so Docker
    silently runs it in shell form (LD004); ``json_error`` then says why in a few words.
    """

    exec_form: tuple[Token, ...] | None
    shell_form: MappedText | None
    span: Span
    json_invalid: bool = False
    heredocs: tuple[Heredoc, ...] = ()
    json_error: str | None = None


@dataclass(frozen=True, slots=True)
class Instruction:
    """One instruction, continuation lines and heredoc bodies included.

    ``keyword`` is upper case whatever the file wrote; ``keyword_text`` is the keyword as written
    (``run``, ``Copy``: BuildKit's ConsistentInstructionCasing reads it). ``arguments`` is
    everything after the flags, continuations joined (BuildKit's ``Original`` minus the
    keyword). ``words`` are the arguments as BuildKit splits them, values unquoted: FROM, EXPOSE,
    COPY, ADD, VOLUME split on blanks (or the elements of a JSON array); ARG's ``name=value``
    words; one word holding the whole argument for USER, WORKDIR, STOPSIGNAL, MAINTAINER;
    HEALTHCHECK's type (``CMD``, ``NONE``); none for the others. ``pairs`` is set for ENV, ARG
    and LABEL; ``command`` for RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK CMD; ``inner`` for
    ONBUILD. ``references`` are the variables BuildKit expands in the arguments (ADD, ARG, COPY,
    ENV, EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR). ``healthcheck_none`` marks
    ``HEALTHCHECK NONE``. ``span`` runs from the keyword to the end of the last line, heredoc
    terminators included.
    """

    keyword: str
    span: Span
    keyword_span: Span
    flags: tuple[Flag, ...] = ()
    arguments: MappedText = field(default_factory=lambda: MappedText("", ((0, 1, 1),)))
    words: tuple[Token, ...] = ()
    pairs: tuple[KeyValue, ...] = ()
    command: Command | None = None
    heredocs: tuple[Heredoc, ...] = ()
    inner: Instruction | None = None
    healthcheck_none: bool = False
    keyword_text: str = ""
    references: tuple[VariableReference, ...] = ()
    # The empty lines its continuations skipped (BuildKit's NoEmptyContinuation).
    empty_continuation_lines: tuple[int, ...] = ()

    def flag(self, name: str) -> Flag | None:
        """The last flag called ``name`` (without dashes), as BuildKit takes the last one."""
        found = None
        for candidate in self.flags:
            if candidate.name == name:
                found = candidate
        return found


@dataclass(frozen=True, slots=True)
class Stage:
    """A build stage: a FROM and the instructions up to the next FROM.

    ``base`` is the image as written; ``base_image`` has build ARGs expanded with their defaults.
    ``parent`` is the index of an earlier stage this one is built ``FROM`` (by its alias, compared
    case-insensitively; BuildKit does not take an index there), else None. ``name`` is the alias
    lower-cased (BuildKit compares stage names case-insensitively). ``root`` is the index of the
    stage at the root of its lineage (the one built FROM an external image: itself when it is);
    ``in_effect`` maps each keyword the lineage uses to the nearest stage of the lineage that
    writes it, so that what a stage inherits is found without walking a long chain of stages.
    """

    index: int
    from_instruction: Instruction
    base: Token
    base_image: str
    name: str | None
    name_token: Token | None
    platform: Flag | None
    parent: int | None
    instructions: tuple[Instruction, ...]
    root: int
    in_effect: tuple[tuple[str, int], ...] = ()

    def last(self, keyword: str) -> Instruction | None:
        """The last instruction of this kind in the stage itself (no inheritance)."""
        for instruction in reversed(self.instructions):
            if instruction.keyword == keyword:
                return instruction
        return None

    def all(self, keyword: str) -> tuple[Instruction, ...]:
        return tuple(i for i in self.instructions if i.keyword == keyword)


@dataclass(frozen=True, slots=True)
class Comment:
    """A ``#`` comment line (not a parser directive): suppressions live here."""

    text: str  # after the ``#``, stripped
    span: Span


@dataclass(frozen=True, slots=True)
class DocumentedRun:
    """A ``docker run`` command line written in comments to show how to run the image
    (``# docker run --rm -it \\`` and its continuation comment lines): ``words`` are what
    follows ``run`` (options, image, arguments), unquoted, each with its span; ``span`` covers
    the whole command."""

    words: tuple[Token, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class ParseError:
    """A reason BuildKit would refuse the file (LD001), at the offending token."""

    message: str
    span: Span


@dataclass(frozen=True, slots=True)
class Dockerfile:
    """A parsed Dockerfile. ``preamble`` holds the ARGs before the first FROM."""

    path: str
    directives: dict[str, str]
    escape: str
    preamble: tuple[Instruction, ...]
    stages: tuple[Stage, ...]
    comments: tuple[Comment, ...]
    errors: tuple[ParseError, ...]
    line_count: int
    # Why this file is not a Dockerfile but a template some tool renders into one, a file of
    # another language, or a piece a template inserts (then nothing else is read from it: no
    # stages, no errors); see ``lintdock.parsers.sniff``.
    not_dockerfile: ParseError | None = None
    # The ``docker run`` usage lines its comments document.
    documented_runs: tuple[DocumentedRun, ...] = ()

    @property
    def instructions(self) -> tuple[Instruction, ...]:
        """Every instruction in file order."""
        return self.preamble + tuple(i for s in self.stages for i in s.instructions)

    def lineage(self, stage: Stage) -> tuple[Stage, ...]:
        """``stage`` and the stages it is built FROM, nearest first."""
        chain = [stage]
        while chain[-1].parent is not None:
            chain.append(self.stages[chain[-1].parent])
        return tuple(chain)

    def inherited(self, stage: Stage, keyword: str) -> tuple[Stage, Instruction] | None:
        """The instruction of ``keyword`` in effect for ``stage``: its own last one, else its
        parents' (HEALTHCHECK, CMD, ENTRYPOINT, USER, SHELL, … carry over through
        ``FROM stage``)."""
        for written, index in stage.in_effect:
            if written == keyword:
                ancestor = stage if index == stage.index else self.stages[index]
                instruction = ancestor.last(keyword)
                return (ancestor, instruction) if instruction is not None else None
        return None

    def root_stage(self, stage: Stage) -> Stage:
        """The stage at the root of ``stage``'s lineage: the one built FROM an external image."""
        return self.stages[stage.root]

    def stage_named(self, reference: str) -> Stage | None:
        """A stage by alias (case-insensitive) or index, as ``FROM``/``COPY --from`` name it."""
        lowered = reference.lower()
        for stage in self.stages:
            if stage.name == lowered or str(stage.index) == reference:
                return stage
        return None
