"""Workers: compose services that serve no requests of their own. A queue worker, a scheduler,
a Celery beat or a Sidekiq process often runs the same image as the web service beside it, so
the image's health check (which asks the web port) does not fit it, and what shows that it
works is that it reaches its broker."""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lintdock.model.compose import Service

WORKER_WORDS = frozenset(
    {
        *("worker", "workers", "celery", "sidekiq", "rq", "rqworker", "beat", "queue"),
        *("schedule", "scheduler", "consumer", "cron", "crond", "jobs"),
    }
)
"""Words of a start command that name a background worker (``bench worker --queue long``,
``bundle exec sidekiq``, ``celery -A app beat``, ``bench schedule``)."""
_WORD = re.compile(r"[a-z0-9]+")


def is_worker(service: Service) -> bool:
    """A service that publishes and exposes no port and whose compose ``command`` runs a
    worker (a word of ``WORKER_WORDS`` among its words' parts)."""
    if service.ports or service.expose or service.command is None:
        return False
    words = (posixpath.basename(word.value).lower() for word in service.command.argv)
    return any(part in WORKER_WORDS for word in words for part in _WORD.findall(word))
