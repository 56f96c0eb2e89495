"""Due reminders in PostgreSQL, claimed so that each goes to one worker (behind
``PostgresStore``'s ``due`` and ``claim_due``).

A due reminder is taken with ``FOR UPDATE SKIP LOCKED`` and, in the same transaction, marked
sent and its message queued in the user's outbox: killed before the commit, it is still due;
after it, its message waits in the outbox for the courier (whose per-user sending claims are in
pg_sending.py). A user whose update is in flight in another process is skipped, not waited for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import datetime
from typing import Any

import psycopg

from bot.store.base import Record
from bot.store.due_index import aware
from bot.store.files import dumps
from bot.store.pg_schema import DOWN, Db

log = logging.getLogger(__name__)

CLAIM_BATCH = 200  # due users taken per transaction: their rows stay locked while it runs
Claim = Callable[[int, Record], Record]
Conn = psycopg.Connection[Any]
Read = Callable[[Conn, str, int, bool], Record | None]  # (conn, key, user id, lock)
Write = Callable[[Conn, str, int, Record], str]


class ReminderClaims:
    """``db`` opens one of the store's pooled connections; ``read`` and ``write`` are the
    store's own row access (the upgrade hook, set-aside records, the ``due`` column)."""

    def __init__(self, db: Db, read: Read, write: Write) -> None:
        self._db = db
        self._read = read
        self._write = write

    def due(self, before: datetime | None = None) -> list[tuple[int, datetime]]:
        """Users with a reminder due by ``before``, soonest first, from the index on ``due``;
        users whose update is in flight in another process are skipped until the next check."""
        limit = None if before is None else aware(before, "before")
        with self._db() as conn, conn.transaction():
            rows = conn.execute(
                "SELECT user_id, due FROM users WHERE due IS NOT NULL "
                "AND (%s::timestamptz IS NULL OR due <= %s) ORDER BY due, user_id "
                "FOR UPDATE SKIP LOCKED",
                (limit, limit),
            ).fetchall()
        return [(int(uid), due) for uid, due in rows]

    def claim(self, before: datetime, fn: Claim, exclude: Collection[int] = ()) -> list[int]:
        """Take up to ``CLAIM_BATCH`` users with something due by ``before`` (not in
        ``exclude``) and change each record with ``fn(user_id, record)`` in the claiming
        transaction. Returns the users taken (a user whose ``fn`` fails is left as it was, and
        logged)."""
        limit = aware(before, "before")
        with self._db() as conn, conn.transaction():
            rows = conn.execute(
                "SELECT key, user_id FROM users WHERE due IS NOT NULL AND due <= %s "
                "AND user_id <> ALL(%s) ORDER BY due LIMIT %s FOR UPDATE SKIP LOCKED",
                (limit, list(exclude), CLAIM_BATCH),
            ).fetchall()
            for key, uid in rows:
                try:
                    with conn.transaction():  # a savepoint: one user's failure is theirs alone
                        record = self._read(conn, key, int(uid), False)
                        new = None if record is None else fn(int(uid), record)
                        if new is not None and record is not None and dumps(new) != dumps(record):
                            self._write(conn, key, int(uid), new)
                except DOWN:
                    raise
                except Exception as exc:  # a bug or a bad record: the others still get theirs
                    log.error("due work for a user failed: %s", type(exc).__name__)
        return [int(uid) for _, uid in rows]
