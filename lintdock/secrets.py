"""Secret values from ``.env`` and ``env_file`` files, kept out of what lintdock prints.

A variable whose name looks secret (``DB_PASSWORD``, ``API_KEY``, ``GITHUB_TOKEN``,
``SECRET_KEY_BASE``...) may be interpolated into a compose file, and a message may quote the
value it became (``restart: on-failure:${X}``). The engine replaces such a value in the
messages and fix descriptions of a project's findings with ``***`` where it stands as a value:
a whole token, not part of a name, a path or an image (a password ``zabbix`` leaves service
``zabbix-agent``, image ``zabbix:7.0`` and ``./data/zabbix/zabbix.env`` as they are). A value
shorter than ``MINIMUM`` characters, often a word (``shop``, ``admin``), is replaced only where
a message quotes it alone or gives it after ``=`` or ``:`` (``"shop"``, ``PASSWORD=shop``,
``on-failure:shop``), never as a word of the prose. Booleans and numbers of up to three digits
are not taken for secrets.
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
_SHORT_NUMBER = 3
MINIMUM = 8
"""Values shorter than this are masked only where they stand alone (see the module's text)."""
_JOINS = frozenset("-./:")
"""Characters that join a value to the word character (or ``/``) after them into one name,
path or image (``zabbix-agent``, ``snipeit.env``, ``zabbix/x``, ``postgres:16``,
``postgres://``); all but ``:`` join a word character before them to the value (``shop-app``'s
``app``, ``data/zabbix``), while a ``:`` before introduces one (``on-failure:x``,
``user:pw@host``)."""
_OPENS = frozenset("\"'`=:")
_CLOSES = frozenset("\"'`,;)]@")
"""What stands before and after a value a message gives alone (besides a space after it)."""


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
        value for name, value in variables if looks_secret(name) and may_be_secret(value)
    )


def may_be_secret(value: str) -> bool:
    """Whether a value could be a secret: not blank, a boolean or a number of up to three
    digits."""
    plain = value.strip()
    short_number = plain.isdigit() and len(plain) <= _SHORT_NUMBER
    return bool(plain) and plain.lower() not in _NOT_SECRET and not short_number


class Masker:
    """Replaces secret values in diagnostics, longest first (a value holding another is hidden
    whole). Each message is scanned once per distinct length of the values, so a project with
    100,000 secret-looking variables costs no more than its messages' length times a few."""

    def __init__(self, values: Iterable[str]) -> None:
        self._by_length: dict[int, set[str]] = {}
        for value in values:
            self._by_length.setdefault(len(value), set()).add(value)
        self._lengths = sorted(self._by_length, reverse=True)

    def __bool__(self) -> bool:
        return bool(self._lengths)

    def text(self, text: str) -> str:
        out: list[str] = []
        start = index = 0
        while index < len(text):
            length = self._value_at(text, index) if _starts_token(text, index) else 0
            if length:
                out += [text[start:index], MASK]
                index = start = index + length
            else:
                index += 1
        return "".join([*out, text[start:]])

    def _value_at(self, text: str, index: int) -> int:
        """The length of the secret value that stands as a value at ``index``, or 0."""
        for length in self._lengths:
            end = index + length
            if (
                text[index:end] in self._by_length[length]
                and _ends_token(text, end)
                and (length >= MINIMUM or _stands_alone(text, index, end))
            ):
                return length
        return 0

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


def _starts_token(text: str, index: int) -> bool:
    """Whether nothing before ``index`` continues into it: the start, or a character that is
    neither a word character nor one that joins (``zabbix-agent``'s ``agent``)."""
    before = text[index - 1 : index]
    return not (_is_word(before) or (before in _JOINS and before != ":"))


def _ends_token(text: str, end: int) -> bool:
    """Whether nothing after ``end`` continues the token: the end, or a character that is no
    word character and does not join one (``.`` closing a sentence ends it, ``.env`` and a
    scheme's ``://`` do not)."""
    after, following = text[end : end + 1], text[end + 1 : end + 2]
    return not (_is_word(after) or (after in _JOINS and (_is_word(following) or following == "/")))


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether the text from ``start`` to ``end`` is given as a value: quoted alone, or after
    ``=`` or ``:`` (``user: shop``), up to a closing quote, a space or the end."""
    before = text[start - 1 : start]
    if before == " " and text[start - 2 : start - 1] == ":":
        before = ":"
    after = text[end : end + 1]
    return (not before or before in _OPENS) and (not after or after in _CLOSES or after.isspace())


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"
