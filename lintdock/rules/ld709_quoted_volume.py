"""LD709 quoted-volume: a ``volumes`` entry in quotes it does not need."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.rules.base import Context


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    for file in compose.presentation if compose is not None else ():
        for scalar in file.scalars:
            path = scalar.path
            volume = len(path) == 4 and path[0] == "services" and path[2] == "volumes"
            quoted = scalar.style in ("single", "double")
            if scalar.key or not volume or not quoted or not scalar.plain_safe:
                continue
            span = scalar.span
            as_written = span.line == span.end_line and (
                span.end_column - span.column == len(scalar.text) + 2
            )
            fix = Fix("remove the quotes", (Edit(span, scalar.text),)) if as_written else None
            message = f"volumes entry {scalar.text} needs no quotes: write it plain"
            yield context.report(message, file.path, span, service=str(path[1]), fix=fix)
