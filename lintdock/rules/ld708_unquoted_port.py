"""LD708 unquoted-port: a ``ports`` or ``expose`` entry written as a plain scalar."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lintdock.model.compose import PresentedScalar
from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.span import Span
from lintdock.rules.base import Context, option

QUOTES = {"single": "'", "double": '"'}


def _quote_problem(value: str) -> str | None:
    return None if value in ("any", *QUOTES) else f"expected any, single or double, got {value!r}"


@dataclass(frozen=True)
class Options:
    """LD708's options (``[tool.lintdock.rules.LD708]``)."""

    quote_type: str = option(
        "any",
        "Which quotes: any, single or double (a port in the other quotes is reported).",
        _quote_problem,
    )


def check(context: Context) -> Iterator[Diagnostic]:
    compose = context.project.compose
    wanted = context.options.quote_type
    for file in compose.presentation if compose is not None else ():
        for scalar in file.scalars:
            if not _port_entry(scalar) or scalar.style not in ("plain", "single", "double"):
                continue
            if scalar.style == "plain" or (wanted != "any" and scalar.style != wanted):
                section = scalar.path[2]
                quote = QUOTES["double" if wanted == "any" else wanted]
                message = (
                    f"{section} entry {scalar.text} should be in {_quote_name(wanted)}quotes: "
                    "unquoted, YAML 1.1 parsers read a value such as 22:22 as a number in base 60"
                )
                yield context.report(
                    message,
                    file.path,
                    scalar.span,
                    service=str(scalar.path[1]),
                    fix=_requote(scalar, quote),
                )


def _quote_name(wanted: str) -> str:
    return "" if wanted == "any" else f"{wanted} "


def _port_entry(scalar: PresentedScalar) -> bool:
    path = scalar.path
    return (
        not scalar.key
        and len(path) == 4
        and path[0] == "services"
        and path[2] in ("ports", "expose")
        and isinstance(path[3], int)
    )


def _requote(scalar: PresentedScalar, quote: str) -> Fix | None:
    """The entry in ``quote`` quotes, when its text is written as it reads (one line, nothing
    to escape)."""
    span = scalar.span
    width = span.end_column - span.column
    inner = 0 if scalar.style == "plain" else 2
    if span.line != span.end_line or width != len(scalar.text) + inner:
        return None
    if any(c in scalar.text for c in "'\"\\"):
        return None
    return Fix(
        f"write it in {quote}{quote}",
        (
            Edit(
                Span(span.line, span.column, span.line, span.end_column),
                f"{quote}{scalar.text}{quote}",
            ),
        ),
    )
