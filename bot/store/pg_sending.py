"""Whose turn it is to send a user's outbox, across every worker on one database.

Replies are queued in the user's row (bot/outbox.py) and sent by the courier, which removes
each one once Telegram took it. In one process a per-user asyncio lock keeps two flushes of the
same outbox apart; with several workers, the same update delivered to two of them, or a reminder
falling due in one while the user writes to another, would have both send the same reply. So a
flush also holds a *sending claim*: a row in ``sending`` naming the claiming process.

Why a claim row and not a lock held for the whole flush: a flush waits on Telegram, and a
transaction or session lock held meanwhile ties up one database connection per user being
answered (32 at once per worker), which would exhaust PostgreSQL's connections at 3 workers.
A claim costs one short statement to take and one to give back.

The claimant is named by the backend pid of a connection this process keeps open for nothing
else. Killed with SIGKILL, the process's connections close, PostgreSQL ends that backend, and
the pid leaves ``pg_stat_activity`` within milliseconds: the claim is then free for the next
claimant, which sends what is left — once more at most the one reply that was in flight
(Telegram took it, the removal did not happen). No lease to tune, nothing to expire by time.

A worker that finds the claim held by a live process waits for it (rarely: only duplicates and
reminders race with an update) and then flushes what is left, usually nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

import psycopg

from bot.locks import UserLocks
from bot.store.base import StoreUnavailable

log = logging.getLogger(__name__)

WAIT = (0.01, 0.2)  # first and longest pause between attempts to take a held claim
_CLAIM = b"""
INSERT INTO sending AS s (key, holder) VALUES (%s, %s)
ON CONFLICT (key) DO UPDATE SET holder = EXCLUDED.holder, since = now()
WHERE s.holder = EXCLUDED.holder
   OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = s.holder)
RETURNING 1
"""
_RELEASE = b"DELETE FROM sending WHERE key = %s AND holder = %s"

Run = Callable[..., Any]


class SendingTurns(UserLocks):
    """``UserLocks`` whose ``hold`` is also the user's sending claim on the database.

    ``db`` opens a pooled connection (the store's), ``key_of`` gives the user's row key and
    ``run`` runs a sync function off the event loop (the store's thread pool)."""

    def __init__(
        self,
        url: str,
        db: Callable[[], contextlib.AbstractContextManager[psycopg.Connection[Any]]],
        key_of: Callable[[int], str],
        run: Callable[..., Any],
        connect_timeout: int = 5,
    ) -> None:
        super().__init__()
        self._url = url
        self._db = db
        self._key_of = key_of
        self._run = run
        self._timeout = connect_timeout
        self._guard = threading.Lock()
        self._presence: psycopg.Connection[Any] | None = None
        self._holder = 0

    def holder(self) -> int:
        """The pid that names this process in claims; a new presence connection if the last
        one was lost (claims under the old pid then look abandoned, and are retaken)."""
        with self._guard:
            if self._presence is None or self._presence.closed or self._presence.broken:
                try:
                    self._presence = psycopg.connect(
                        self._url, autocommit=True, connect_timeout=self._timeout
                    )
                except psycopg.OperationalError:
                    raise StoreUnavailable("the database is unavailable") from None
                self._holder = self._presence.info.backend_pid
            return self._holder

    def claim(self, user_id: int) -> bool:
        """Take the user's sending claim if it is free, abandoned or already ours."""
        key, me = self._key_of(user_id), self.holder()
        with self._db() as conn:
            return conn.execute(_CLAIM, (key, me)).fetchone() is not None

    def release(self, user_id: int) -> None:
        with self._db() as conn:
            conn.execute(_RELEASE, (self._key_of(user_id), self._holder))

    @contextlib.asynccontextmanager
    async def hold(self, user_id: int) -> AsyncIterator[None]:
        async with super().hold(user_id):
            pause = WAIT[0]
            while not await self._run(self.claim, user_id):
                await asyncio.sleep(pause)  # another worker is sending to this user
                pause = min(pause * 2, WAIT[1])
            try:
                yield
            finally:
                await self._run(self.release, user_id)

    def close(self) -> None:
        with self._guard:
            if self._presence is not None:
                self._presence.close()
