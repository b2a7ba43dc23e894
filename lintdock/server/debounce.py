"""Coalescing lint requests while the user types."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)


class Debouncer(Generic[Key]):
    """Runs ``run(keys)`` for requested keys, coalescing bursts: the first request after a
    quiet ``interval`` runs at once (an isolated keystroke gets its diagnostics without waiting);
    requests that arrive while a run is under way, or within ``interval`` of its start, are
    gathered into one run at the end of the interval, with the newest text. At most one run is
    under way at a time."""

    def __init__(self, run: Callable[[set[Key]], Awaitable[None]], interval: float) -> None:
        self.run = run
        self.interval = interval
        self.pending: set[Key] = set()
        self.last_start = float("-inf")
        self.task: asyncio.Task[None] | None = None

    def request(self, keys: set[Key]) -> None:
        self.pending |= keys
        if self.pending and (self.task is None or self.task.done()):
            self.task = asyncio.ensure_future(self._drain())

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        while self.pending:
            wait = self.last_start + self.interval - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            keys, self.pending = self.pending, set()
            self.last_start = loop.time()
            await self.run(keys)

    def cancel(self) -> None:
        self.pending.clear()
        if self.task is not None:
            self.task.cancel()
