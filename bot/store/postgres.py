"""``PostgresStore``: the same per-user records in PostgreSQL, for more than one machine.

One row per user in ``users``, keyed by the same keyed hash the data directory uses for file
names (HMAC-SHA256 of the user id with a secret kept in the database), the record as JSONB, and
the next reminder in an indexed column. What makes it safe for several processes:

- an update is one transaction that reads the row ``FOR UPDATE``, so one user's updates are
  serialised across processes (a user without a row is serialised by an advisory lock on the key,
  since there is no row to lock yet);
- due reminders are claimed with ``FOR UPDATE SKIP LOCKED`` and marked sent, their message
  queued, in the claiming transaction (``claim_due``, pg_claims.py): each goes to one worker,
  and a user whose update is in flight elsewhere is left for the next check instead of waited for;
- one worker at a time sends a user's queued replies (``sending_turns``, pg_sending.py);
- the retention purge (pg_retention.py) and the pruning of old feedback counters
  (pg_counters.py) run only where ``pg_try_advisory_lock`` succeeds, so once per database.

A lost connection surfaces as ``StoreUnavailable`` before anything is acknowledged: the
transaction either committed before the bot replies, or it did not happen.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
import threading
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from bot.locks import UserLocks
from bot.store.base import (
    FeedbackCount,
    LastSeen,
    Record,
    StoreConfigError,
    StoreUnavailable,
    ThreadedStore,
    Update,
)
from bot.store.due_index import aware
from bot.store.files import dumps
from bot.store.pg_claims import Claim, ReminderClaims
from bot.store.pg_counters import FeedbackTable
from bot.store.pg_retention import Retention
from bot.store.pg_schema import DOWN, migrate
from bot.store.pg_sending import SendingTurns
from bot.store.records import SECRET_BYTES, check_user_id, storage_key

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5  # seconds: a user waits at most this long before "try again in a moment"


def describe(url: str) -> str:
    """host:port/dbname of a connection URL, without user or password, for error messages."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "an unreadable URL"
    return f"{info.get('host', 'localhost')}:{info.get('port', 5432)}/{info.get('dbname', '')}"


def _one_line(exc: BaseException) -> str:
    """Why, in libpq's words ("Connection refused", "password authentication failed …"): its
    first line without the server address (already given), the hints on later lines left out."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    reason = lines[0].rsplit(" failed: ", 1)[-1].removeprefix("FATAL:").strip()
    return " ".join(reason.split())


class PostgresStore(ThreadedStore):
    """Durable per-user records in PostgreSQL; satisfies ``bot.store.base.Store``."""

    def __init__(
        self,
        url: str,
        *,
        upgrade: Callable[[Record], Record] = lambda r: r,
        due_of: Callable[[Record], datetime | None] = lambda r: None,
        workers: int = 16,
        timeout: float = CONNECT_TIMEOUT,
    ) -> None:
        self._upgrade = upgrade
        self._due_of = due_of
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT) as conn:
                migrate(conn)
                self._secret = self._load_secret(conn)
        except psycopg.Error as exc:
            raise StoreConfigError(
                f"cannot use OPTOUT_DATABASE_URL ({describe(url)}): {_one_line(exc)}"
            ) from None
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=workers,
            kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT},
            timeout=timeout,
            check=ConnectionPool.check_connection,  # a connection the server dropped is replaced
            name="optout-store",
            open=True,
        )
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pgstore")
        self._turns = UserLocks()
        self._closed = False
        self._mem_lock = threading.Lock()
        self._set_aside: set[int] = set()
        self._sending = SendingTurns(
            url, self._db, lambda uid: self._open_user(uid)[1], self._in_thread
        )
        self._claims = ReminderClaims(self._db, self._row, self._write)
        self._retention = Retention(self._db, upgrade)
        self._feedback = FeedbackTable(self._db)
        log.info("store open: PostgreSQL at %s", describe(url))

    @staticmethod
    def _load_secret(conn: psycopg.Connection) -> bytes:
        conn.execute(
            "INSERT INTO store_meta (name, value) VALUES ('secret', %s) ON CONFLICT DO NOTHING",
            (secrets.token_bytes(SECRET_BYTES),),
        )
        row = conn.execute("SELECT value FROM store_meta WHERE name = 'secret'").fetchone()
        assert row is not None
        return bytes(row[0])

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._executor.shutdown(wait=True)
        self._sending.close()
        self._pool.close()

    def sending_turns(self) -> SendingTurns:
        """Per-user sending turns that hold across every process on this database
        (bot/store/pg_sending.py), for the courier."""
        return self._sending

    @contextlib.contextmanager
    def _db(self) -> Iterator[psycopg.Connection[Any]]:
        self._check_open()
        try:
            with self._pool.connection() as conn:
                yield conn
        except DOWN as exc:
            log.error("database unavailable: %s", type(exc).__name__)
            raise StoreUnavailable("the database is unavailable") from None

    def _open_user(self, user_id: int) -> tuple[int, str]:
        uid = check_user_id(user_id)
        self._check_open()
        return uid, storage_key(self._secret, uid)

    # ---- rows (callers are inside a transaction) -------------------------------------------

    def _row(self, conn: psycopg.Connection[Any], key: str, uid: int, lock: bool) -> Record | None:
        """The user's upgraded record; a record the upgrade rejects is set aside (None)."""
        query = "SELECT record FROM users WHERE key = %s" + (" FOR UPDATE" if lock else "")
        row = conn.execute(query.encode(), (key,)).fetchone()
        if row is None and lock:
            # no row to lock yet: serialise the creation on the key instead
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (int(key[:15], 16),))
            row = conn.execute(query.encode(), (key,)).fetchone()
        if row is None:
            return None
        try:
            upgraded = self._upgrade(row[0])
            if not isinstance(upgraded, dict):
                raise TypeError("upgrade returned a non-dict")
            return upgraded
        except Exception as exc:  # a record the hook cannot read is bad data, not a crash
            log.warning("stored record set aside: upgrade failed (%s)", type(exc).__name__)
            conn.execute(
                "INSERT INTO set_aside (key, user_id, content) VALUES (%s, %s, %s)",
                (key, uid, dumps(row[0])),
            )
            conn.execute("DELETE FROM users WHERE key = %s", (key,))
            with self._mem_lock:
                self._set_aside.add(uid)
            return None

    def _write(self, conn: psycopg.Connection[Any], key: str, uid: int, record: Record) -> str:
        if not isinstance(record, dict):
            raise TypeError("record must be a dict")
        text = dumps(record)  # fails on non-JSON data before anything is sent
        due = self._due_of(record)
        due = None if due is None else aware(due, "due_of(record)")
        conn.execute(
            "INSERT INTO users (key, user_id, record, due) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (key) DO UPDATE SET record = EXCLUDED.record, due = EXCLUDED.due, "
            "updated = now()",
            (key, uid, Jsonb(record, dumps=lambda _: text), due),
        )
        return text

    @staticmethod
    def _erase(conn: psycopg.Connection[Any], key: str, uid: int) -> bool:
        """Delete the row and every set-aside copy of the user's record."""
        gone = conn.execute("DELETE FROM users WHERE key = %s", (key,)).rowcount
        conn.execute("DELETE FROM sending WHERE key = %s", (key,))
        copies = conn.execute(
            "DELETE FROM set_aside WHERE key = %s OR user_id = %s", (key, uid)
        ).rowcount
        return bool(gone or copies)

    # ---- sync API -------------------------------------------------------------------------

    def get(self, user_id: int) -> Record | None:
        uid, key = self._open_user(user_id)
        with self._db() as conn, conn.transaction():
            return self._row(conn, key, uid, lock=False)

    def put(self, user_id: int, record: Record) -> None:
        uid, key = self._open_user(user_id)
        with self._db() as conn, conn.transaction():
            self._write(conn, key, uid, record)

    def update(self, user_id: int, fn: Update, *, durable: bool = True) -> Record | None:
        """Atomic read-modify-write in one transaction holding the user's row lock; ``fn``
        returning None deletes the user as ``delete`` does, and an unchanged record is not
        written. ``durable=False`` commits without waiting for the WAL flush: the bot's process
        may die, the change stays; only a crash of the database server can lose it."""
        uid, key = self._open_user(user_id)
        with self._db() as conn, conn.transaction():
            if not durable:
                conn.execute("SET LOCAL synchronous_commit = off")
            current = self._row(conn, key, uid, lock=True)
            before = None if current is None else dumps(current)
            new = fn(current)
            if new is not None and before is not None and dumps(new) == before:
                return new
            if new is None:
                if current is not None:
                    self._erase(conn, key, uid)
                return None
            written: Record = json.loads(self._write(conn, key, uid, new))
            return written

    def delete(self, user_id: int) -> bool:
        uid, key = self._open_user(user_id)
        with self._db() as conn, conn.transaction():
            return self._erase(conn, key, uid)

    def due(self, before: datetime | None = None) -> list[tuple[int, datetime]]:
        """Users with a reminder due by ``before``, soonest first (pg_claims.py)."""
        return self._claims.due(before)

    def claim_due(self, before: datetime, fn: Claim, exclude: Collection[int] = ()) -> list[int]:
        """Take users with something due by ``before`` (not in ``exclude``), each for this
        worker alone, and change each record with ``fn(user_id, record)`` in the claiming
        transaction: a reminder is marked sent, and its message queued, as it is taken
        (pg_claims.py). Returns the users taken."""
        return self._claims.claim(before, fn, exclude)

    async def aclaim_due(
        self, before: datetime, fn: Claim, exclude: Collection[int] = ()
    ) -> list[int]:
        """``claim_due`` off the event loop (``fn`` runs in the store's thread)."""
        return await self._in_thread(self.claim_due, before, fn, exclude)

    def purge_inactive(self, older_than: datetime, last_seen_of: LastSeen) -> int:
        """Delete users last seen before ``older_than``, once per database (pg_retention.py)."""
        return self._retention.purge(older_than, last_seen_of)

    def export(self, user_id: int) -> dict[str, Any] | None:
        """Everything stored about the user, set-aside copies included; None if nothing."""
        uid, key = self._open_user(user_id)
        with self._db() as conn, conn.transaction():
            record = self._row(conn, key, uid, lock=True)
            due_row = conn.execute("SELECT due FROM users WHERE key = %s", (key,)).fetchone()
            copies = conn.execute(
                "SELECT id, content FROM set_aside WHERE key = %s OR user_id = %s ORDER BY id",
                (key, uid),
            ).fetchall()
        if record is None and not copies:
            return None
        due = due_row[0] if due_row else None
        return {
            "user_id": uid,
            "storage_key": key,
            "record": record,
            "next_reminder": None if due is None else due.isoformat(),
            "quarantined_files": [{"file": f"set_aside-{i}", "content": c} for i, c in copies],
            "quarantined_index_files": [],
        }

    def user_ids(self) -> list[int]:
        with self._db() as conn:
            return [int(r[0]) for r in conn.execute("SELECT user_id FROM users ORDER BY user_id")]

    def count(self) -> int:
        with self._db() as conn:
            row = conn.execute("SELECT count(*) FROM users").fetchone()
        return int(row[0]) if row else 0

    def add_feedback(self, votes: FeedbackCount) -> None:
        """One UPSERT: concurrent adds from any number of workers are all kept."""
        self._feedback.add(votes)

    def feedback_counts(self) -> list[FeedbackCount]:
        return self._feedback.counts()

    def prune_feedback(self, oldest_week: str) -> int:
        """Drop counters of weeks before ``oldest_week``, once per database (pg_counters.py)."""
        return self._feedback.prune(oldest_week)
