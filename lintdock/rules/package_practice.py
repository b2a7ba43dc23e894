"""The shapes the package-practice rules (LD630-LD659) share: each rule module is one of them,
configured for its package manager.

- ``ConfirmCheck``: a command that may stop to ask for a confirmation (``apt-get install``
  without ``-y``), fixed by adding the switch after the verb;
- ``PinCheck``: an install naming packages without a version;
- ``CacheCheck``: an install that leaves the manager's cache in a layer that ships (no clean
  command or deletion after it in the same RUN, no cache mount), fixed by appending the clean
  command where that is safe;
- ``OptionCheck``: an install without the option that keeps something out of the image
  (``--no-cache``, ``--no-cache-dir``, ``--no-install-recommends``), fixed by adding it.

Facts come from ``lintdock.facts.package_runs``; findings are reported at the command, from its
program word to its verb (or at the first package that needs a pin).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lintdock.facts.frozen_releases import frozen_release
from lintdock.facts.package_runs import PackageRun, package_run
from lintdock.facts.packages import PackageCommand, Requested, needs_pin, pinned_by_option
from lintdock.facts.trial_images import NOBODY_SHIPS, trial_image
from lintdock.model.diagnostic import Diagnostic, Edit, Fix, Severity
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import SimpleCommand, Word
from lintdock.model.span import Span
from lintdock.roles import Role
from lintdock.rules.base import Context, option

RUNS = ("RUN", "ONBUILD")
"""The instructions every package-practice rule reads (an ONBUILD's trigger may be a RUN)."""

Excuse = Callable[[PackageRun, PackageCommand], bool]

KEPT = "each build installs whatever is newest that day. Pin it"
REMOVED = (
    "the RUN removes it again, so the image does not ship it, but each build compiles with "
    "whatever is newest that day. Pin it for a repeatable build"
)
"""Why an unpinned package matters: one the image keeps; one only the build uses (info)."""
SELF_UPGRADE = (
    "the installer upgrades itself to whatever is newest that day, and what it installs next "
    "may change with it. Pin it for a repeatable build"
)
INSTALLERS = {
    "pip": frozenset({"pip", "setuptools", "wheel"}),
    "gem": frozenset({"bundler", "rubygems-update"}),
    "npm": frozenset({"npm", "corepack"}),
}
"""The packages that are a manager's own tooling (``pip install -U pip``, ``gem install
bundler`` before ``bundle install``): upgrading them is set-up, said at info."""


def _kept_reason(run: PackageRun, command: PackageCommand) -> tuple[str, Severity | None]:
    """Why an unpinned package the image keeps matters, and how much: in a Docker Official
    Image's source, the system packages are left to the distribution, so each rebuild takes its
    security fixes: info; in a test or development image (``lintdock.facts.trial_images``),
    newest tooling is often the point: info; on a release whose repositories no longer change
    (``lintdock.facts.frozen_releases``), every build installs the same version: info. An
    example keeps the warning: people copy it into images that ship."""
    role = run.project.role(run.dockerfile.path).role
    official_role = role in (Role.IMAGE_SOURCE, Role.BASE_IMAGE)  # an Official Image's base too
    official = run.project.official_source(run.dockerfile.path) if official_role else None
    if official is not None and command.system:
        why = (
            f"each build installs whatever the distribution has that day: this is {official}, "
            "rebuilt to take the distribution's security fixes. Pin it if its builds must repeat"
        )
        return why, Severity.INFO
    frozen = frozen_release(run.project, run.dockerfile, run.stage) if run.stage else None
    if frozen is not None and command.system:
        why = f"{frozen}, so each build installs the same version and pinning adds nothing"
        return why, Severity.INFO
    trial = trial_image(run.project, run.dockerfile, run.stage)
    if trial is None or trial.example:
        return KEPT, None
    why = (
        "each build installs whatever is newest that day, which a test or development image may "
        f"want ({trial.reason}). Pin it if its builds must repeat"
    )
    return why, Severity.INFO


@dataclass(frozen=True)
class PinOptions:
    """The options every pin rule (LD630, LD635, ... LD652) declares."""

    build_dependencies: bool = option(
        False,
        "Also report, at info, packages the same RUN removes again (build dependencies such as "
        "`apk del .build-deps`): the image does not ship them, but the build compiles with "
        "whatever is newest that day. hadolint reports them.",
    )


REINSTALL = "reinstall"
"""The verb (yum, dnf) that installs again the version already installed: no version to pin."""


def words(text: str) -> frozenset[str]:
    """The blank-separated words of ``text``, as a set (verb and manager lists)."""
    return frozenset(text.split())


def _never(_run: PackageRun, _command: PackageCommand) -> bool:
    return False


def offline(run: PackageRun) -> bool:
    """``RUN --network=none``: nothing the RUN installs can come from an index or be
    downloaded (only local files: ``pip install --find-links wheels pkg``)."""
    network = run.instruction.flag("network")
    return network is not None and (network.value or "").lower() == "none"


def command_span(command: PackageCommand) -> Span:
    """From the command's program word to its verb (``apt-get install``)."""
    start = command.command.argv[0].span
    end = command.verb.span if command.verb is not None else start
    return Span(start.line, start.column, end.end_line, end.end_column)


def insertion_after(word: Word, text: str) -> Edit | None:
    """An edit inserting ``text`` just after ``word``, when the word is written as it reads on
    one line (so its span ends exactly where the word does)."""
    span = word.span
    exact = span.line == span.end_line and span.end_column - span.column == len(word.raw)
    if not exact or word.raw != word.value:
        return None
    return Edit(Span.point(span.end_line, span.end_column), text)


def fed_yes(run: PackageRun, command: PackageCommand) -> bool:
    """``yes | apt-get install …``: the answers come from ``yes``."""
    commands = run.script.commands
    for index, candidate in enumerate(commands):
        if candidate is command.command:
            before = commands[index - 1] if index else None
            return before is not None and before.operator == "|" and before.program == "yes"
    return False


class RunCheck:
    """A check of the package-manager commands of one RUN; its ``findings`` is the rule
    module's ``check_instruction``."""

    def findings(
        self,
        context: Context,
        dockerfile: Dockerfile,
        stage: Stage | None,
        instruction: Instruction,
    ) -> Iterator[Diagnostic]:
        run = package_run(context.project, dockerfile, stage, instruction)
        return iter(()) if run is None else self.run_findings(context, dockerfile.path, run)

    def run_findings(self, context: Context, path: str, run: PackageRun) -> Iterator[Diagnostic]:
        raise NotImplementedError


@dataclass(frozen=True)
class ConfirmCheck(RunCheck):
    """``managers`` running one of ``verbs`` without any of the ``switches`` (short letters,
    long names) that answer its confirmation prompt; ``accepted`` says yes some other way."""

    managers: frozenset[str]
    verbs: frozenset[str]
    short: str
    long: tuple[str, ...]
    switch: str = "-y"
    accepted: Excuse = _never

    def run_findings(self, context: Context, path: str, run: PackageRun) -> Iterator[Diagnostic]:
        for command in run.commands:
            if command.manager not in self.managers or command.verb is None:
                continue
            if command.verb.value not in self.verbs or self._answered(run, command):
                continue
            written = f"{command.manager} {command.verb.value}"
            message = (
                f"{written} without {self.switch} may stop to ask for a confirmation, which a "
                f"build cannot give, and abort: write {written} {self.switch}"
            )
            edit = insertion_after(command.verb, f" {self.switch}")
            fix = Fix(f"add {self.switch}", (edit,)) if edit is not None else None
            yield context.report(message, path, command_span(command), fix=fix)

    def _answered(self, run: PackageRun, command: PackageCommand) -> bool:
        """Answered up front, or never asked: a dry run (``-s``) changes nothing."""
        if command.dry_run or command.has_option(self.short, self.long) or fed_yes(run, command):
            return True
        return self.accepted(run, command)


@dataclass(frozen=True)
class PinCheck(RunCheck):
    """An install by ``managers`` that names a package without a version; ``pinned`` shows how
    a pinned package is written (``{name}=<version>``); ``versioned`` says when something else
    gives every package of the command its version."""

    managers: Callable[[PackageCommand], bool]
    pinned: str
    versioned: Excuse = _never

    def run_findings(self, context: Context, path: str, run: PackageRun) -> Iterator[Diagnostic]:
        for command in run.commands:
            if command.action != "install" or not self.managers(command):
                continue
            reinstall = command.verb is not None and command.verb.value == REINSTALL
            if reinstall or pinned_by_option(command) or self.versioned(run, command):
                continue
            unpinned = [
                asked for asked in run.requested(command) if needs_pin(asked.text, command.family)
            ]
            kept = [asked for asked in unpinned if not run.removed_later(command, asked)]
            if kept and all(asked.name in INSTALLERS.get(command.family, ()) for asked in kept):
                yield self._finding(context, path, run, command, kept, SELF_UPGRADE, Severity.INFO)
            elif kept:
                why, severity = _kept_reason(run, command)
                yield self._finding(context, path, run, command, kept, why, severity)
            elif unpinned and context.options.build_dependencies:
                yield self._finding(context, path, run, command, unpinned, REMOVED, Severity.INFO)

    def example(self, run: PackageRun, command: PackageCommand, name: str) -> str:
        """How the message shows ``name`` pinned (``pinned`` with the name in it)."""
        return self.pinned.format(name=name)

    def _finding(
        self,
        context: Context,
        path: str,
        run: PackageRun,
        command: PackageCommand,
        unpinned: list[Requested],
        why: str,
        severity: Severity | None = None,
    ) -> Diagnostic:
        names = list(dict.fromkeys(asked.text for asked in unpinned))
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        verb = command.verb.value if command.verb is not None else "install"
        first = unpinned[0]
        example = self.example(run, command, first.text if "$" in first.text else first.name)
        message = f"{command.manager} {verb} {shown} without a fixed version: {why} ({example})"
        return context.report(message, path, first.package.word.span, severity)


@dataclass(frozen=True)
class CacheCheck(RunCheck):
    """An install by ``managers`` (one of ``verbs``) that leaves ``what`` in a layer that ships:
    no ``clean`` command of the manager after it (``clean_verb`` with ``clean_args``), no
    deletion of ``directories`` after it, no cache mount of them. ``clean`` is the command the
    fix appends (None: no fix); ``unsafe_fix`` marks it unsafe."""

    managers: frozenset[str]
    verbs: frozenset[str]
    what: str
    directories: tuple[str, ...]
    clean_managers: frozenset[str]
    clean_verb: frozenset[str]
    clean_args: frozenset[str] = frozenset()
    clean: str | None = None
    unsafe_fix: bool = False

    def run_findings(self, context: Context, path: str, run: PackageRun) -> Iterator[Diagnostic]:
        if not run.ships or run.mounts(self.directories):
            return
        triggers = [c for c in run.commands if self._triggers(c)]
        if not triggers or self._cleaned(run, triggers[-1]):
            return
        last = triggers[-1]
        verb = last.verb.value if last.verb is not None else ""
        clean = self.clean.format(manager=last.manager) if self.clean else None
        advice = f"add && {clean} at its end" if clean else "delete it in the same RUN"
        message = (
            f"{last.manager} {verb} leaves {self.what} in the image, a layer no later RUN can "
            f"shrink: {advice}, or use a cache mount"
        )
        final = [c for c in run.commands if c.manager in self.managers][-1]
        fix = self._fix(run, final, clean) if clean else None
        judged = size_severity(run, message)
        if judged is not None:
            yield context.report(judged[0], path, command_span(last), severity=judged[1], fix=fix)

    def _triggers(self, command: PackageCommand) -> bool:
        verb = command.verb.value if command.verb is not None else None
        return command.manager in self.managers and verb in self.verbs and not command.dry_run

    def _cleaned(self, run: PackageRun, command: PackageCommand) -> bool:
        for later in run.later(command):
            verb = later.verb.value if later.verb is not None else None
            if later.manager in self.clean_managers and verb in self.clean_verb:
                words = {p.word.value for p in later.packages}
                if not self.clean_args or words & self.clean_args:
                    return True
        return run.deletes(command, self.directories)

    def _fix(self, run: PackageRun, command: PackageCommand, clean: str) -> Fix | None:
        """`` && clean`` after ``command`` (the manager's last command in the RUN), when it is a
        top-level command of a shell-form RUN followed by ``&&`` or by nothing."""
        shell = command.command
        if not run.script.shell or not _top_level(shell) or shell.redirects:
            return None
        if shell.operator not in (None, "&&"):
            return None
        edit = insertion_after(_last_word(shell), f" && {clean}")
        if edit is None:
            return None
        return Fix(f"add && {clean}", (edit,), safe=not self.unsafe_fix)


@dataclass(frozen=True)
class OptionCheck(RunCheck):
    """An install by ``managers`` (one of ``verbs``) without the long ``option`` that keeps
    ``what`` out of the image; ``excused`` says when it is not needed. Only stages that ship
    count. ``unsafe_fix`` marks the fix (adding the option) unsafe."""

    managers: Callable[[PackageCommand], bool]
    verbs: frozenset[str]
    option: str
    what: str
    excused: Excuse = _never
    unsafe_fix: bool = False

    def run_findings(self, context: Context, path: str, run: PackageRun) -> Iterator[Diagnostic]:
        if not run.ships:
            return
        for command in run.commands:
            if not self.managers(command) or command.verb is None or command.dry_run:
                continue
            if command.verb.value not in self.verbs or command.has_option(long=self.option):
                continue
            if self.excused(run, command):
                continue
            written = f"{command.manager} {command.verb.value}"
            message = (
                f"{written} without --{self.option} {self.what}: write {written} --{self.option}"
            )
            edit = insertion_after(command.verb, f" --{self.option}")
            fix = None
            if edit is not None:
                fix = Fix(f"add --{self.option}", (edit,), safe=not self.unsafe_fix)
            judged = size_severity(run, message)
            if judged is not None:
                span = command_span(command)
                yield context.report(judged[0], path, span, severity=judged[1], fix=fix)


def size_severity(run: PackageRun, message: str) -> tuple[str, Severity | None] | None:
    """A size finding's message and severity (None: as configured), or None to say nothing:
    a test, development or archive image ships nothing; an example's finding is info
    (``lintdock.facts.trial_images``)."""
    trial = trial_image(run.project, run.dockerfile, run.stage)
    if trial is None:
        return message, None
    if not trial.example:
        return None
    return f"{message} ({trial.reason}: {NOBODY_SHIPS})", Severity.INFO


def _top_level(command: SimpleCommand) -> bool:
    return (
        command.depth == 0
        and command.host is None
        and command.loop is None
        and command.function is None
        and not command.in_substitution
        and not command.in_condition
    )


def _last_word(command: SimpleCommand) -> Word:
    return command.argv[-1]
