"""LD660 hadolint-ignore-pragma: a ``# hadolint ignore=`` (or ``global ignore=``) comment, for
teams that want findings fixed or configured, not silenced line by line. Off by default."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context
from lintdock.suppressions import HADOLINT_DIRECTIVE


def check(context: Context) -> Iterator[Diagnostic]:
    for dockerfile in context.project.dockerfiles:
        for comment in dockerfile.comments:
            if HADOLINT_DIRECTIVE.match("# " + comment.text):
                message = (
                    "An inline hadolint ignore: fix the finding, or turn the rule off in the "
                    "configuration, instead of silencing it here"
                )
                yield context.report(message, dockerfile.path, comment.span)
