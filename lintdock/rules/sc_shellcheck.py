"""SC shellcheck: ShellCheck's findings in the scripts Dockerfiles hand their shell, under
ShellCheck's own codes, at their positions (``lintdock.shellcheck`` runs it)."""

from __future__ import annotations

import sys
from collections.abc import Iterator

from lintdock import shellcheck
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile
from lintdock.rules.base import Context

MISSING = (
    "lintdock: ShellCheck's codes are selected but ShellCheck is not installed "
    "(pip install 'lintdock[shellcheck]'): no SC findings\n"
)


def prefetch(dockerfiles: list[Dockerfile], processes: int) -> None:
    """Check every script of the run's Dockerfiles at once, ``processes`` ShellChecks at a
    time; say once when ShellCheck is missing."""
    if shellcheck.binary() is None:
        sys.stderr.write(MISSING)
        return
    shellcheck.check([s for d in dockerfiles for s in shellcheck.scripts_of(d)], processes)


def check(context: Context) -> Iterator[Diagnostic]:
    linted = [d for d in context.project.dockerfiles if d.path not in context.project.context_paths]
    scripts = [script for dockerfile in linted for script in shellcheck.scripts_of(dockerfile)]
    for script, finding in shellcheck.findings(scripts):
        yield context.report(
            finding.message, script.path, finding.span, finding.severity, subcode=finding.code
        )
