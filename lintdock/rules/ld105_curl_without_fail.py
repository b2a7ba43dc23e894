"""LD105 curl-without-fail: a health check runs curl without ``--fail``, so an HTTP 500 still
exits 0 and the check can never fail."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.healthchecks import Site, sites
from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.shell import ShellScript, SimpleCommand, Word
from lintdock.model.span import Span
from lintdock.rules.base import Context

FAIL_LONG = ("fail", "fail-with-body")
GREPS = frozenset({"grep", "egrep", "fgrep"})
STATUS_VARIABLES = ("%{http_code}", "%{response_code}")
HTTP_SCHEMES = frozenset({"http", "https"})


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for site in sites(project):
        for command in site.script.runs("curl"):
            if _judged(command) and not _fails_on_http_errors(site.script, command):
                yield _finding(context, site, command)


def _judged(command: SimpleCommand) -> bool:
    """A curl whose options are all on its command line (no ``-K`` config file) and that
    fetches over HTTP (a URL with no scheme is HTTP to curl)."""
    if command.option("K", ("config",)) is not None:
        return False
    urls = [w.value for w in command.positionals()]
    flagged = command.option_value(long="url")
    if flagged is not None:
        urls.append(flagged.value)
    schemes = {url.split("://", 1)[0].lower() if "://" in url else "http" for url in urls}
    return not schemes or bool(schemes & HTTP_SCHEMES)


def _fails_on_http_errors(script: ShellScript, command: SimpleCommand) -> bool:
    """Whether an HTTP error makes this curl (or what reads its output) exit non-zero."""
    if command.option("f", FAIL_LONG) is not None:
        return True
    if command.operator == "|" and _verifies(script.next(command)):
        return True
    write_out = command.option_value("w", "write-out")
    status_written = write_out is not None and any(v in write_out.value for v in STATUS_VARIABLES)
    return status_written and (command.in_substitution or command.operator == "|")


def _verifies(reader: SimpleCommand | None) -> bool:
    """``grep`` (any form) or ``jq -e`` reading curl's output decides the exit status."""
    if reader is None:
        return False
    if reader.program in GREPS:
        return True
    return reader.program == "jq" and reader.option("e", "exit-status") is not None


def _finding(context: Context, site: Site, command: SimpleCommand) -> Diagnostic:
    curl = command.argv[0]
    message = (
        f"{site.where} runs curl without --fail: curl exits 0 on an HTTP error such as 500, so "
        "the check passes while the app fails. Add --fail (-f), or --fail-with-body"
    )
    return site.report(context, message, curl.span, fix=_insert_fail(site, command, curl))


def _insert_fail(site: Site, command: SimpleCommand, curl: Word) -> Fix | None:
    """Insert ``--fail`` right after the curl word: a new item in an exec-form list, a new word
    in shell text. None when the word's position is not exact."""
    span = curl.span
    if span.line != span.end_line:
        return None
    exec_item = not site.script.shell and command.depth == 0
    if exec_item:
        if not _one_line_list(site):
            return None
        text = ', "--fail"'
    elif span.end_column - span.column == len(curl.raw):
        text = " --fail"
    else:
        return None
    edit = Edit(Span.point(span.line, span.end_column), text)
    return Fix("insert --fail after curl", (edit,))


def _one_line_list(site: Site) -> bool:
    """An exec-form list written on one line: a JSON array, or a YAML flow sequence (a block
    sequence needs a line per item, where a comma would join two items into one string)."""
    if site.instruction is not None:
        return True
    test = site.healthcheck.test if site.healthcheck is not None else None
    return test is not None and test.span.line == test.span.end_line
