"""A ``.dockerignore`` file: its patterns, and which context paths they exclude (Docker's
semantics: the last matching pattern decides, ``!`` patterns re-include, a pattern that matches
a directory excludes what is under it)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IgnorePattern:
    """One pattern as Docker reads it: cleaned, without its ``!``; ``line`` is 1-based.
    ``regex`` is the pattern compiled the way Docker compiles it (``*`` within a path segment,
    ``**`` across segments, ``?`` one character, ``[...]`` a class, ``\\`` an escape)."""

    text: str
    exclusion: bool
    line: int
    regex: re.Pattern[str]

    def matches(self, path: str) -> bool:
        return self.regex.match(path) is not None


@dataclass(frozen=True, slots=True)
class DockerIgnore:
    """The patterns of one ignore file, in order."""

    path: str
    patterns: tuple[IgnorePattern, ...]

    @property
    def has_exceptions(self) -> bool:
        """Whether any ``!`` pattern re-includes paths."""
        return any(p.exclusion for p in self.patterns)

    def excludes(self, path: str) -> IgnorePattern | None:
        """The pattern that leaves ``path`` (a cleaned context path, ``/``-separated) out of the
        build context, itself or through a directory above it; None when it is sent. Docker's
        ``MatchesOrParentMatches``: patterns apply in order, each one that matches the path or
        one of its parent directories flips the verdict its way."""
        parents = path.split("/")[:-1]
        prefixes = ["/".join(parents[: i + 1]) for i in range(len(parents))]
        verdict: IgnorePattern | None = None
        for pattern in self.patterns:
            if pattern.exclusion is (verdict is None):
                continue  # it could not change the verdict
            if pattern.matches(path) or any(pattern.matches(p) for p in prefixes):
                verdict = None if pattern.exclusion else pattern
        return verdict
