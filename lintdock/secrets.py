"""Secret values from ``.env`` and ``env_file`` files, kept out of what lintdock prints.

A variable whose name looks secret (``DB_PASSWORD``, ``API_KEY``, ``GITHUB_TOKEN``,
``SECRET_KEY_BASE``...) may be interpolated into a compose file, and a message may quote the
value it became (``restart: on-failure:${X}``). The engine replaces every such value in the
messages and fix descriptions of a project's findings with ``***``. Values of one or two
characters are replaced only where they stand as a word of their own; booleans and numbers of
up to three digits are not taken for secrets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from lintdock.model.diagnostic import Diagnostic

MASK = "***"
_SECRET_WORDS = frozenset(
    {
        *("PASSWORD", "PASSWD", "PASS", "SECRET", "SECRETS", "TOKEN", "TOKENS", "KEY", "KEYS"),
        *("APIKEY", "CREDENTIAL", "CREDENTIALS", "PRIVATE", "SALT", "DSN"),
    }
)
_NOT_SECRET = frozenset({"true", "false", "yes", "no", "on", "off", "null", "none"})
_SECRET_PARTS = ("PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "PRIVATEKEY", "CREDENTIAL")
_WORD_SPLIT = re.compile(r"[^A-Z0-9]+|(?<=[a-z0-9])(?=[A-Z])")
_WORD = re.compile(r"\w+")
_SHORT = 3


def looks_secret(name: str) -> bool:
    """Whether a variable's name says its value is a secret: one of its words (split at ``_``,
    ``.``, ``-`` and camel case) is PASSWORD, SECRET, TOKEN, KEY, AUTH..., or it holds
    PASSWORD, SECRET, TOKEN, APIKEY or CREDENTIAL anywhere (``DBPASSWORD``)."""
    words = {word.upper() for word in _WORD_SPLIT.split(name) if word}
    upper = name.upper()
    return bool(words & _SECRET_WORDS) or any(part in upper for part in _SECRET_PARTS)


def secret_values(variables: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The values of the secret-looking variables, except those no secret is made of (blank,
    a boolean, a number of one to three digits: ``USE_API_KEY=true``)."""
    return frozenset(
        value for name, value in variables if looks_secret(name) and _may_be_secret(value)
    )


def _may_be_secret(value: str) -> bool:
    plain = value.strip()
    short_number = plain.isdigit() and len(plain) < _SHORT + 1
    return bool(plain) and plain.lower() not in _NOT_SECRET and not short_number


class Masker:
    """Replaces secret values in diagnostics, longest first (a value holding another is hidden
    whole). Each message is scanned once per distinct length of the values, so a project with
    100,000 secret-looking variables costs no more than its messages' length times a few."""

    def __init__(self, values: Iterable[str]) -> None:
        self._by_length: dict[int, set[str]] = {}
        self._short: set[str] = set()
        for value in values:
            if len(value) >= _SHORT:
                self._by_length.setdefault(len(value), set()).add(value)
            else:
                self._short.add(value)
        self._lengths = sorted(self._by_length, reverse=True)

    def __bool__(self) -> bool:
        return bool(self._lengths or self._short)

    def text(self, text: str) -> str:
        if self._lengths:
            text = self._long_values(text)
        if self._short:
            text = _WORD.sub(lambda m: MASK if m.group() in self._short else m.group(), text)
        return text

    def _long_values(self, text: str) -> str:
        out: list[str] = []
        start = index = 0
        while index < len(text):
            length = next(
                (n for n in self._lengths if text[index : index + n] in self._by_length[n]), 0
            )
            if length:
                out += [text[start:index], MASK]
                index = start = index + length
            else:
                index += 1
        return "".join([*out, text[start:]])

    def diagnostic(self, diagnostic: Diagnostic) -> Diagnostic:
        message = self.text(diagnostic.message)
        fix = diagnostic.fix
        if fix is not None and (description := self.text(fix.description)) != fix.description:
            fix = replace(fix, description=description)
        if message == diagnostic.message and fix is diagnostic.fix:
            return diagnostic
        return replace(diagnostic, message=message, fix=fix)

    def all(self, diagnostics: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
        return (self.diagnostic(d) for d in diagnostics) if self else iter(diagnostics)
