"""Credentials anyone can guess: the defaults of images and their documentation, the most
common weak passwords and placeholders (compose-free, for the Dockerfile rules too)."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

DEFAULT_CREDENTIALS = (
    *("root", "toor", "admin", "administrator", "postgres", "mysql", "mariadb", "mongo"),
    *("redis", "guest", "user", "test", "example", "demo", "default", "none", "pass"),
    *("passw0rd", "123", "1234", "12345", "123456", "12345678", "qwerty", "letmein"),
    *("minioadmin", "insecure", "*password*", "*passwd*", "*secret*", "*token*"),
    *("*changeme*", "*change-me*", "*change_me*", "*changethis*", "*change-this*"),
    *("*change_this*", "*replaceme*", "*replace-me*", "your*key*"),
)
"""Passwords everyone knows: the defaults of database images and their documentation
(``postgres``, ``mysecretpassword``, MinIO's ``minioadmin``, RabbitMQ's ``guest``), the most
common weak ones, values that only say what they stand for (``db_password``,
``supersecret``) and placeholders that ask to be replaced (``changeme``,
``your-api-key-here``). Glob patterns, matched without regard to case."""


def is_one_value(text: str) -> bool:
    """Whether ``text`` is one value, not a key-value string (``user=app password=...``)."""
    return bool(text) and not any(mark in text for mark in " =;")


def guessable(value: str, patterns: Iterable[str] = DEFAULT_CREDENTIALS) -> bool:
    """Whether a credential's literal ``value`` is one of ``patterns`` (glob, case ignored) or
    one character over and over (``******``, ``xxxxxx``)."""
    text = value.strip().strip("\"'").lower()
    if not is_one_value(text):
        return False
    return len(set(text)) == 1 or any(fnmatch.fnmatchcase(text, p.lower()) for p in patterns)
