"""The PostgreSQL schema, as numbered migrations applied once each, in order.

``schema_version`` holds the highest migration applied. A database whose version is higher than
this code knows was set up by a newer release: opening it is refused (one line, exit status 2)
rather than risking writes the newer code would misread. Migrations run under an advisory lock,
so several workers starting together apply each one once.

Also what the store's parts (postgres.py, pg_*.py) share: ``Db``, ``DOWN`` and the purge lock.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import psycopg
from psycopg_pool import PoolTimeout

from bot.store.base import StoreConfigError

Db = Callable[[], AbstractContextManager[psycopg.Connection[Any]]]  # opens a pooled connection
# What a lost or unreachable database raises (the pool's timeout included).
DOWN = (psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout)
MIGRATION_LOCK = 7_420_001  # pg_advisory_xact_lock id: one migrator at a time
PURGE_LOCK = 7_420_002  # pg_try_advisory_lock id: one retention purge at a time

MIGRATIONS: list[str] = [
    # 1: one row per user, keyed like the data directory's file names (HMAC of the user id);
    # the user id is kept because reminders are sent to it. ``due`` mirrors the record's next
    # reminder so the due check reads an index, never the records. ``set_aside`` holds records
    # that could not be read, until /forget or the retention period removes them.
    """
    CREATE TABLE store_meta (name text PRIMARY KEY, value bytea NOT NULL);
    CREATE TABLE users (
        key text PRIMARY KEY,
        user_id bigint NOT NULL,
        record jsonb NOT NULL,
        due timestamptz,
        updated timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX users_due ON users (due) WHERE due IS NOT NULL;
    CREATE TABLE set_aside (
        id bigserial PRIMARY KEY,
        key text NOT NULL,
        user_id bigint NOT NULL,
        content text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX set_aside_key ON set_aside (key);
    """,
    # 2: anonymous feedback counters (bot/feedback.py): card × platform × path × ISO week and
    # two numbers, incremented with an UPSERT; no key or user id, so /forget has nothing here.
    """
    CREATE TABLE feedback (
        card text NOT NULL,
        platform text NOT NULL,
        path text NOT NULL,
        week text NOT NULL,
        worked bigint NOT NULL DEFAULT 0 CHECK (worked >= 0),
        different bigint NOT NULL DEFAULT 0 CHECK (different >= 0),
        PRIMARY KEY (card, platform, path, week)
    );
    """,
    # 3: several workers on one database (bot/store/pg_sending.py): who is sending a user's
    # queued replies right now, named by the backend pid of that process's presence
    # connection; a row lives only while a flush is under way.
    """
    CREATE TABLE sending (
        key text PRIMARY KEY,
        holder integer NOT NULL,
        since timestamptz NOT NULL DEFAULT now()
    );
    """,
]
VERSION = len(MIGRATIONS)
TABLES = ("users", "set_aside", "sending")  # every table that can hold something about a user


class SchemaTooNewError(StoreConfigError):
    """The database was migrated by a newer release of the bot."""


def migrate(conn: psycopg.Connection) -> int:
    """Bring the schema up to ``VERSION``; returns the version found before."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
        row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
        found = int(row[0]) if row and row[0] is not None else 0
        if found > VERSION:
            raise SchemaTooNewError(
                f"the database schema is version {found}, newer than this optout-bot "
                f"understands ({VERSION}); upgrade optout-bot"
            )
        for number in range(found + 1, VERSION + 1):
            conn.execute(MIGRATIONS[number - 1].encode())
            conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (number,))
    return found


@contextlib.contextmanager
def purge_turn(conn: psycopg.Connection[Any]) -> Iterator[bool]:
    """Whether this process is the one to purge now (``PURGE_LOCK`` taken without waiting;
    released on leaving): the daily purge then runs once per database, not once per worker."""
    got = conn.execute("SELECT pg_try_advisory_lock(%s)", (PURGE_LOCK,)).fetchone()
    if not got or not got[0]:
        yield False
        return
    try:
        yield True
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (PURGE_LOCK,))
