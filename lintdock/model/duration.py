"""Durations as Docker reads them (HEALTHCHECK flags: Go's ``time.ParseDuration``) and as
Compose reads them (``healthcheck.interval``, ``restart_policy.delay``: str2duration, which adds
days and weeks). The models parse durations here, so facts and rules read seconds."""

from __future__ import annotations

import re

GO_UNITS = {
    "ns": 1e-9,
    "us": 1e-6,
    "\u00b5s": 1e-6,
    "\u03bcs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "m": 60.0,
    "h": 3600.0,
}
"""Units of Go's ``time.ParseDuration`` (Dockerfile HEALTHCHECK flags)."""
COMPOSE_UNITS = {**GO_UNITS, "d": 86400.0, "w": 604800.0}
"""Compose parses durations with str2duration, which adds days and weeks."""
MINIMUM_DURATION = 0.001
"""Docker rejects a non-zero health check duration under 1ms."""

_DURATION = re.compile(r"(?:(?:\d+\.?\d*|\.\d+)[^\d.]+)+")
_DURATION_PART = re.compile(r"(\d+\.?\d*|\.\d+)([^\d.]+)")


def parse_duration(text: str, units: dict[str, float] = GO_UNITS) -> float | None:
    """Seconds (negative allowed), or None when the text is not a duration: ``1m30s``,
    ``500ms``, ``0``; a number without a unit (``10``) is rejected, as Go rejects it."""
    sign = -1.0 if text.startswith("-") else 1.0
    body = text[1:] if text[:1] in "+-" else text
    if body == "0":
        return 0.0
    if not _DURATION.fullmatch(body):
        return None
    total = 0.0
    for number, unit in _DURATION_PART.findall(body):
        if unit not in units:
            return None
        total += float(number) * units[unit]
    return sign * total


def format_seconds(seconds: float) -> str:
    """A duration the way Go prints it: ``90.0`` -> ``1m30s``, ``0.5`` -> ``500ms``."""
    if 0 < seconds < 1:
        return f"{seconds * 1000:g}ms"
    hours, rest = divmod(seconds, 3600)
    minutes, rest = divmod(rest, 60)
    parts = [f"{hours:g}h" if hours else "", f"{minutes:g}m" if minutes else ""]
    parts.append(f"{rest:g}s" if rest or not (hours or minutes) else "")
    return "".join(parts)
