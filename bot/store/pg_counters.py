"""The anonymous feedback counters in PostgreSQL (the ``feedback`` table, migration 2), behind
``PostgresStore``'s ``add_feedback``, ``feedback_counts`` and ``prune_feedback``.

card × platform × path × ISO week and two numbers: no key or user id, so /forget has nothing
here. Adds are one UPSERT each, so any number of workers can count at once.
"""

from __future__ import annotations

import logging

from bot.store.base import FeedbackCount, check_week
from bot.store.pg_schema import Db, purge_turn

log = logging.getLogger(__name__)


class FeedbackTable:
    """The counters; ``db`` opens one of the store's pooled connections."""

    def __init__(self, db: Db) -> None:
        self._db = db

    def add(self, votes: FeedbackCount) -> None:
        """One UPSERT: concurrent adds from any number of workers are all kept."""
        with self._db() as conn:
            conn.execute(
                "INSERT INTO feedback (card, platform, path, week, worked, different) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (card, platform, path, week) "
                "DO UPDATE SET worked = feedback.worked + EXCLUDED.worked, "
                "different = feedback.different + EXCLUDED.different",
                (*votes.key, votes.worked, votes.different),
            )

    def counts(self) -> list[FeedbackCount]:
        with self._db() as conn:
            rows = conn.execute(
                "SELECT card, platform, path, week, worked, different FROM feedback"
            ).fetchall()
        return [FeedbackCount(c, p, h, w, int(y), int(n)) for c, p, h, w, y, n in rows]

    def prune(self, oldest_week: str) -> int:
        """Delete counters of weeks before ``oldest_week``, in the process that holds the purge
        lock (the others return 0): ISO week strings sort as the weeks do."""
        check_week(oldest_week)
        with self._db() as conn, purge_turn(conn) as mine:
            if not mine:
                return 0
            dropped = conn.execute("DELETE FROM feedback WHERE week < %s", (oldest_week,))
        log.info(
            "retention: dropped %d feedback counter(s) before %s", dropped.rowcount, oldest_week
        )
        return dropped.rowcount
