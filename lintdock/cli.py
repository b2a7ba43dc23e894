"""The command line: ``lintdock check``, ``lintdock rules``, ``lintdock rule``.

Exit codes (a contract): 0 when nothing is at or above ``--fail-on``, 1 when something is, 2 for
a usage error, a bad config, an unreadable path named on the command line, a file ``--fix``
could not write, or an internal error (one line; the traceback with ``--verbose``); 130 when
interrupted (Ctrl-C).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import click

from lintdock import __version__
from lintdock.config import ConfigError, Layer, cli_layer, parse_severity_overrides, suggest
from lintdock.discovery import CommandLineExcludes, Kind
from lintdock.engine import STDIN, LintResult, Notification, Stdin, lint_paths
from lintdock.model.diagnostic import Severity
from lintdock.reporters import FORMATS, NEEDS_PROJECTS, render
from lintdock.root import project_root
from lintdock.rules import Registry, registry
from lintdock.rules.base import Rule
from lintdock.terminal import printable

if TYPE_CHECKING:
    from lintdock.project import Project

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
VERBOSE = "--verbose"
LEVELS = [s.label for s in sorted(Severity, reverse=True)]


def _split(values: Sequence[str]) -> list[str]:
    """``--select LD1,LD2 --select LD3`` -> ``[LD1, LD2, LD3]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="lintdock")
def cli() -> None:
    """Lint Dockerfiles and Compose files for apps that heal themselves: health checks,
    dependency checks, depends_on and restart policies."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "format_name",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to this file instead of stdout.",
)
@click.option(
    "--select", multiple=True, help="Rules to run: codes, names or prefixes (LD4), or ALL."
)
@click.option("--ignore", multiple=True, help="Rules not to run: codes, names or prefixes.")
@click.option("--extend-select", multiple=True, help="Rules to run besides the selected ones.")
@click.option(
    "--severity",
    "severities",
    multiple=True,
    metavar="RULE=LEVEL",
    help="Override a rule's severity, e.g. LD101=error.",
)
@click.option(
    "--fail-on",
    type=click.Choice(LEVELS),
    help="The lowest severity that makes the exit code 1  [default: warning]",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False),
    help="Use this config file instead of searching for one.",
)
@click.option(
    "--type",
    "kind",
    type=click.Choice([k.value for k in Kind]),
    help="Lint the files named on the command line as this kind.",
)
@click.option("--stdin-filename", help="The path to report (and guess the kind from) for '-'.")
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False),
    help="The project root SARIF, github and the CI formats make paths relative to  "
    "[default: the git repository's top level, else the current directory]",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="PATTERN",
    help="Skip files and folders matching these .gitignore-style patterns, instead of the "
    "configured 'exclude'.",
)
@click.option(
    "--extend-exclude",
    multiple=True,
    metavar="PATTERN",
    help="Skip these patterns as well as the configured 'exclude'.",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply 'exclude' to files named on the command line too (for pre-commit).",
)
@click.option(
    "--compose-by-content/--no-compose-by-content",
    default=None,
    help="In directories, also lint YAML files with a top-level services: mapping  "
    "[default: on; config key compose-by-content]",
)
@click.option(
    "--file",
    "-f",
    "compose_files",
    multiple=True,
    type=click.Path(),
    help="Compose files that make one project, in order, as `docker compose -f` takes them "
    "(then PATHS default to none).",
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=True,
    help="Skip what git ignores (.gitignore, .git/info/exclude, core.excludesFile) when "
    "walking folders  [default: respect]",
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit with 0 even when there are findings (2 stays 2)."
)
@click.option(
    "--color",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output: auto is on a terminal, unless NO_COLOR is set.",
)
@click.option(
    "--show-files",
    is_flag=True,
    help="List the files the run lints, with their kind and project, and exit.",
)
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the settings in force for the first path and where each comes from, and exit.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only.")
@click.option(VERBOSE, "verbose", is_flag=True, help="Show the traceback of an internal error.")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of findings.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files.")
@click.option("--diff", is_flag=True, help="Print the fixes as a diff; change nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="Include unsafe fixes with --fix or --diff.")
def check(
    paths: tuple[str, ...],
    format_name: str,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    severities: tuple[str, ...],
    fail_on: str | None,
    config_path: str | None,
    kind: str | None,
    stdin_filename: str | None,
    root: str | None,
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    force_exclude: bool,
    compose_by_content: bool | None,
    compose_files: tuple[str, ...],
    respect_gitignore: bool,
    exit_zero: bool,
    color: str,
    show_files: bool,
    show_settings: bool,
    quiet: bool,
    verbose: bool,
    statistics: bool,
    fix: bool,
    diff: bool,
    unsafe_fixes: bool,
) -> None:
    """Lint the Dockerfiles and compose files in PATHS (default: the current directory).
    '-' reads standard input.

    \b
    Examples:
      lintdock check                          the current directory
      lintdock check --select LD1,LD3 app/    health checks and start-up checks only
      lintdock check -f compose.yaml -f compose.prod.yaml   one project of two files
      lintdock check --format sarif -o lintdock.sarif      for code scanning
      lintdock check --format markdown --exit-zero >> "$GITHUB_STEP_SUMMARY"
      lintdock check --fix                    apply safe fixes (--diff to see them)
      lintdock check --show-files             what would be linted, and each file's role

    \b
    Exit codes:
      0    nothing at or above --fail-on
      1    findings at or above --fail-on (a file that cannot be read is a finding)
      2    usage or configuration error, a file --fix could not write, internal error
      130  interrupted"""
    paths = paths or (() if compose_files else (".",))
    if statistics and format_name not in ("text", "json"):
        raise click.UsageError("--statistics works with --format text or json")
    if (fix or diff) and STDIN in paths:
        raise click.UsageError("--fix and --diff need files, not standard input")
    rules = registry()
    try:
        layer = cli_layer(
            rules,
            select=_split(select) if select else None,
            ignore=_split(ignore),
            extend_select=_split(extend_select),
            severity=parse_severity_overrides(severities, rules),
            fail_on=Severity.parse(fail_on) if fail_on else None,
            compose_by_content=compose_by_content,
        )
        excludes = CommandLineExcludes(
            tuple(_split(exclude)) if exclude else None, tuple(_split(extend_exclude))
        )
        if show_settings:
            _show_settings(rules, layer, paths, config_path, root, respect_gitignore, excludes)
        stdin = Stdin(sys.stdin.read(), stdin_filename) if STDIN in paths else None

        projects: list[Project] = []  # kept only for formats that draw them

        def lint(overrides: Mapping[str, str] | None = None) -> LintResult:
            projects.clear()
            return lint_paths(
                paths,
                layer=layer,
                config=config_path,
                kind=Kind(kind) if kind else None,
                force_exclude=force_exclude,
                stdin=stdin,
                overrides=overrides,
                visit=projects.append if format_name in NEEDS_PROJECTS else None,
                compose_files=compose_files,
                root=root,
                respect_gitignore=respect_gitignore,
                excludes=excludes,
            )

        result = _fix(lint, unsafe=unsafe_fixes, diff=diff) if fix or diff else lint()
    except ConfigError as error:
        _fail(str(error))
    if not result.files and not result.notifications and not result.diagnostics:
        skipped = f" ({len(result.skipped)} skipped as templates)" if result.skipped else ""
        click.echo(f"lintdock: warning: no Dockerfiles or compose files found{skipped}", err=True)
    if show_files:
        from lintdock.show import show_files as listing

        _write(listing(result), output)
        sys.exit(EXIT_CLEAN)
    _report_problems(result)
    colour = format_name == "text" and _colour(color, sys.stdout if output is None else None)
    report = render(
        format_name, result, colour=colour, quiet=quiet, statistics=statistics, projects=projects
    )
    _write(report, output)
    code = exit_code(result)
    sys.exit(EXIT_CLEAN if exit_zero and code == EXIT_FINDINGS else code)


def _show_settings(
    rules: Registry,
    layer: Layer,
    paths: Sequence[str],
    config_path: str | None,
    root: str | None,
    respect_gitignore: bool,
    excludes: CommandLineExcludes,
) -> None:
    """``--show-settings``: print them for the first path and exit."""
    from lintdock.show import Invocation, show_settings

    first = next((path for path in paths if path != STDIN), ".")
    invocation = Invocation(
        first, config_path, project_root(first, root), root is not None, respect_gitignore, excludes
    )
    click.echo(show_settings(rules, layer, invocation), nl=False)
    sys.exit(EXIT_CLEAN)


def exit_code(result: LintResult) -> int:
    if result.failures or any(n.fatal for n in result.notifications):
        return EXIT_ERROR
    return EXIT_FINDINGS if result.failing else EXIT_CLEAN


def _fix(
    lint: Callable[[Mapping[str, str]], LintResult], *, unsafe: bool, diff: bool
) -> LintResult:
    """Fix until stable; ``--diff`` prints the changes and exits (1 when there are some),
    ``--fix`` writes them and returns what is left to report."""
    from lintdock.fixes import NotWritten, fix_until_stable, unified_diff, write_atomic

    report = fix_until_stable(lint, unsafe=unsafe)
    if diff:
        for path in report.changed:
            click.echo(unified_diff(path, report.before[path], report.after[path]), nl=False)
        sys.exit(EXIT_FINDINGS if report.changed else EXIT_CLEAN)
    unwritten = []
    for path in report.changed:
        try:
            write_atomic(path, report.after[path], expected=report.before[path])
        except NotWritten as error:
            unwritten.append(Notification(path, f"cannot fix: {error}", fatal=True))
    if unwritten:
        notifications = (*report.result.notifications, *unwritten)
        report.result = dataclasses.replace(report.result, notifications=notifications)
    if report.fixed:
        files = len(report.changed)
        click.echo(
            f"lintdock: fixed {report.fixed} problem{'s' * (report.fixed != 1)} "
            f"in {files} file{'s' * (files != 1)}",
            err=True,
        )
    return report.result


def _report_problems(result: LintResult) -> None:
    """Files that could not be linted and rules that crashed, on stderr."""
    for notification in result.notifications:
        level = "error" if notification.fatal else "warning"
        shown = printable(f"{notification.path}: {notification.message}")
        click.echo(f"lintdock: {level}: {shown}", err=True)
    for failure in result.failures:
        what = f"rule {failure.code}" if failure.code else "the parser"
        click.echo(
            f"lintdock: error: {what} failed on {printable(failure.path)}: "
            f"{printable(failure.error)} "
            "(this is a bug in lintdock; other findings are still reported)",
            err=True,
        )


def _colour(choice: str, stream: object) -> bool:
    """``--color always|never``; for ``auto``, colour on a terminal (``stream``, None for a
    file) unless ``NO_COLOR`` is set, and always when ``FORCE_COLOR`` is."""
    if choice != "auto":
        return choice == "always"
    if stream is None or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _write(report: str, output: str | None) -> None:
    if output is None:
        click.echo(report, nl=False, color=True)
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(report)
    except OSError as error:
        _fail(f"cannot write {output}: {error.strerror}")


def _fail(message: str) -> None:
    click.echo(f"lintdock: error: {printable(message)}", err=True)
    sys.exit(EXIT_ERROR)


@cli.command(name="rules")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table; json: every rule's metadata and equivalents in other tools.",
)
def list_rules(format_name: str) -> None:
    """List every rule: code, name, default severity, fixable, summary."""
    rules = registry().rules
    if format_name == "json":
        click.echo(_rules_json(rules))
        return
    rows = [
        (
            rule.code,
            rule.name,
            rule.severity.label,
            "yes" if rule.fixable else "",
            rule.summary + ("" if rule.enabled_by_default else " (off by default)"),
        )
        for rule in rules
    ]
    header = ("CODE", "NAME", "SEVERITY", "FIX", "SUMMARY")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[4]]).rstrip())


def _rules_json(rules: Sequence[Rule]) -> str:
    """The rule table as JSON (a contract: tools read it as a migration table)."""
    import json

    from lintdock.docs import page_url

    entries = [
        {
            "code": rule.code,
            "name": rule.name,
            "family": rule.family,
            "severity": rule.severity.label,
            "default": rule.enabled_by_default,
            "fixable": rule.fixable,
            "views": list(rule.views),
            "summary": rule.summary,
            "equivalents": list(rule.equivalents),
            "url": page_url(rule),
        }
        for rule in rules
    ]
    return json.dumps({"rules": entries}, indent=2, ensure_ascii=False)


@cli.command(name="rule")
@click.argument("rule_key", metavar="CODE|NAME")
def show_rule(rule_key: str) -> None:
    """Print a rule's documentation."""
    from lintdock.docs import rule_page

    rules = registry()
    rule = rules.get(rule_key)
    if rule is None:
        _fail(f"unknown rule {rule_key!r}{suggest(rule_key, rules.keys)}")
        return
    page = rule_page(rule)
    click.echo(
        page.text if page is not None else f"# {rule.code} {rule.name}\n\n{rule.summary}\n",
        nl=False,
    )


@cli.command(name="server")
def language_server() -> None:
    """Run the language server on stdin/stdout, for editors (needs lintdock[server])."""
    from lintdock.server import main as serve  # imported here: pygls only when serving

    serve()


@cli.command(name="graph")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "format_name",
    type=click.Choice(("mermaid", "dot", "json")),
    default="mermaid",
    show_default=True,
    help="mermaid renders in GitHub and GitLab markdown; dot is Graphviz; json the map as data.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the map to FILE.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config.")
def graph(
    paths: tuple[str, ...], format_name: str, output: str | None, config_path: str | None
) -> None:
    """Draw the resilience map of the compose projects in PATHS (default: the current
    directory): each service's health check and restart policy, what it waits for and how, and
    what it needs while nothing waits, with the findings that explain them.

    Exit code 0 when a map was drawn, 2 on a usage or configuration error."""
    from lintdock.graph import maps
    from lintdock.graph.render import RENDERERS

    try:
        result, graphs = maps(paths or (".",), config=config_path)
    except ConfigError as error:
        _fail(str(error))
    _report_problems(result)
    if not graphs:
        click.echo("lintdock: warning: no compose projects or Dockerfiles found", err=True)
    _write(RENDERERS[format_name](graphs), output)


def main(argv: Sequence[str] | None = None) -> None:
    """The ``lintdock`` program: an internal error (any uncaught exception, MemoryError and
    RecursionError included) is one line and exit 2, with the traceback only under
    ``--verbose``; Ctrl-C is exit 130. Never exit 1, which means findings."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code = cli.main(args, prog_name="lintdock", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo("lintdock: interrupted", err=True)
        code = EXIT_INTERRUPTED
    except Exception as error:
        code = _internal_error(error, VERBOSE in args)
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)


def _internal_error(error: BaseException, verbose: bool) -> int:
    if verbose:
        import traceback

        traceback.print_exception(error)
    what = printable(f"{type(error).__name__}: {error}".splitlines()[0] if str(error) else "")
    hint = "" if verbose else "; --verbose shows the traceback"
    click.echo(
        f"lintdock: error: internal error: {what or type(error).__name__} "
        f"(this is a bug in lintdock{hint})",
        err=True,
    )
    return EXIT_ERROR
