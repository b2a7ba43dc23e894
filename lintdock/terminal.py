"""Text safe to print: control characters shown as escapes, so that what a file's name or
content holds can neither drive the terminal (ESC, BEL) nor forge an output line (a newline in
a path), nor reorder what is shown (bidirectional overrides).

``printable(text) -> str``: ``\\n``, ``\\r`` and ``\\t`` as those escapes, other C0/C1 controls
and DEL as ``\\xNN``, line separators and bidirectional controls as ``\\uNNNN``; everything
else unchanged.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """``text`` with every control character escaped (see the module docstring)."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text
