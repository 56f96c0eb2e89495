"""The retention purge in PostgreSQL (behind ``PostgresStore.purge_inactive``): users not seen
for the retention period, and set-aside records as old, deleted once per database.

It runs only in the process that takes the purge advisory lock (``pg_schema.purge_turn``), a
batch of rows per transaction, skipping rows whose update is in flight elsewhere (they are
being used, so not inactive).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

import psycopg

from bot.store.base import LastSeen, Record
from bot.store.due_index import aware
from bot.store.pg_schema import Db, purge_turn

log = logging.getLogger(__name__)

PURGE_BATCH = 500


class Retention:
    """``db`` opens one of the store's pooled connections; ``upgrade`` is the store's hook, so
    ``last_seen_of`` reads records as the bot does."""

    def __init__(self, db: Db, upgrade: Callable[[Record], Record]) -> None:
        self._db = db
        self._upgrade = upgrade

    def purge(self, older_than: datetime, last_seen_of: LastSeen) -> int:
        """Delete users last seen before ``older_than`` (the row's last write stands in when
        ``last_seen_of`` gives None) and set-aside copies older than that; only in the one
        process that holds the purge lock — the others return 0."""
        cutoff = aware(older_than, "older_than")
        with self._db() as conn, purge_turn(conn) as mine:
            if not mine:
                log.info("retention: another process is purging")
                return 0
            purged = self._purge_rows(conn, cutoff, last_seen_of)
            dropped = conn.execute("DELETE FROM set_aside WHERE at < %s", (cutoff,)).rowcount
        log.info("retention: purged %d inactive user(s), %d set-aside record(s)", purged, dropped)
        return purged

    def _purge_rows(
        self, conn: psycopg.Connection[Any], cutoff: datetime, last_seen_of: LastSeen
    ) -> int:
        purged, last = 0, ""
        while True:
            with conn.transaction():
                rows = conn.execute(
                    "SELECT key, record, updated FROM users WHERE key > %s ORDER BY key "
                    "LIMIT %s FOR UPDATE SKIP LOCKED",
                    (last, PURGE_BATCH),
                ).fetchall()
                if not rows:
                    return purged
                last = rows[-1][0]
                doomed = [
                    key
                    for key, record, updated in rows
                    if self._stale(record, updated, cutoff, last_seen_of)
                ]
                if doomed:
                    conn.execute("DELETE FROM users WHERE key = ANY(%s)", (doomed,))
                    purged += len(doomed)

    def _stale(
        self, record: Record, updated: datetime, cutoff: datetime, last_seen_of: LastSeen
    ) -> bool:
        try:
            seen = last_seen_of(self._upgrade(record))
            seen = None if seen is None else aware(seen, "last_seen_of(record)")
        except Exception as exc:
            log.warning("last_seen_of failed (%s); user kept", type(exc).__name__)
            return False
        return (updated if seen is None else seen) < cutoff
