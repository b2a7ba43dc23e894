"""Facts worked out once per project: a ``Fact`` is a typed memo key.

``SERVICE_CHECKS = Fact("start-up checks", _service_checks)`` declares a fact of a subject
(a ``Service``, a ``StageRef``, a ``Command``, or ``None`` for the whole project);
``SERVICE_CHECKS(project, service)`` computes it on the first call and returns the stored value
after that. Subjects are model objects compared by identity (a frozen model compared by value
would be hashed whole on every lookup; strings and numbers compare by value), and kept alive
with the value so an identity is never reused while its entry lives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from lintdock.project import Project

S = TypeVar("S")
V = TypeVar("V")


class Fact(Generic[S, V]):
    """A fact about a subject of type ``S``, of type ``V``, computed once per project."""

    __slots__ = ("compute", "name")

    def __init__(self, name: str, compute: Callable[[Project, S], V]) -> None:
        self.name = name
        self.compute = compute

    def __call__(self, project: Project, subject: S) -> V:
        return project.memo(self, subject)

    def __repr__(self) -> str:
        return f"Fact({self.name!r})"


def identity(subject: object) -> object:
    """The memo identity of a subject: ``id()`` of a model object, the value of a string or
    number, item by item for a tuple."""
    if isinstance(subject, tuple):
        return tuple(identity(item) for item in subject)
    if subject is None or isinstance(subject, (str, int)):
        return subject
    return id(subject)
