"""What only PostgreSQL promises: several processes on one database, every trace removed by
/forget (checked by querying every table), versioned schema, and a database that goes away."""

from __future__ import annotations

import dataclasses
import threading
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from bot.store import FeedbackCount, StoreConfigError, StoreUnavailable
from bot.store.pg_schema import PURGE_LOCK, TABLES, VERSION
from bot.store.postgres import PostgresStore
from bot.store.records import storage_key

from .helpers import due_of, once_back

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _open(url: str, **kw: object) -> PostgresStore:
    return PostgresStore(url, due_of=due_of, **kw)  # type: ignore[arg-type]


def test_forget_leaves_no_row_that_names_the_user(pg_url: str) -> None:
    uid = 424242
    with _open(pg_url, upgrade=lambda r: r if "broken" not in r else r["missing"]) as store:
        store.put(uid, {"due": T0.isoformat(), "country": "IE", "broken": True})
        assert store.get(uid) is None  # set aside as unreadable: a second place naming the user
        store.put(uid, {"due": T0.isoformat(), "country": "IE"})
        key = storage_key(store._secret, uid)
        assert store.delete(uid) is True
    with psycopg.connect(pg_url) as conn:
        for table in TABLES:
            rows = conn.execute(
                f"SELECT count(*) FROM {table} t WHERE t::text LIKE %s OR t::text LIKE %s".encode(),
                (f"%{key}%", f"%{uid}%"),
            ).fetchone()
            assert rows == (0,), table


def test_two_processes_updating_one_user_lose_nothing(pg_url: str) -> None:
    """Two stores stand for two workers: the row lock serialises them."""
    with _open(pg_url) as one, _open(pg_url) as two:

        def bump(record: dict | None) -> dict:
            return {"n": (record or {"n": 0})["n"] + 1}

        def worker(store: PostgresStore) -> None:
            for _ in range(40):
                store.update(1, bump)

        threads = [threading.Thread(target=worker, args=(s,)) for s in (one, two, one, two)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert one.get(1) == {"n": 160}


def test_due_check_skips_a_user_whose_update_is_in_flight(pg_url: str) -> None:
    with _open(pg_url) as one, _open(pg_url) as two:
        one.put(1, {"due": T0.isoformat()})
        one.put(2, {"due": (T0 + timedelta(minutes=1)).isoformat()})
        inside, release = threading.Event(), threading.Event()

        def slow_send(record: dict | None) -> dict:
            inside.set()
            release.wait()
            return {"due": None}  # the reminder went out: marked sent in the same transaction

        sender = threading.Thread(target=one.update, args=(1, slow_send))
        sender.start()
        assert inside.wait(30)
        assert two.due(T0 + timedelta(hours=1)) == [(2, T0 + timedelta(minutes=1))]
        release.set()
        sender.join()
        assert two.due(T0 + timedelta(hours=1)) == [(2, T0 + timedelta(minutes=1))]


def test_purge_runs_once_while_another_process_holds_the_lock(pg_url: str) -> None:
    now = datetime(2027, 1, 1, tzinfo=UTC)
    with _open(pg_url) as store, psycopg.connect(pg_url, autocommit=True) as other:
        store.put(1, {"last_seen": (now - timedelta(days=400)).isoformat()})
        other.execute("SELECT pg_advisory_lock(%s)", (PURGE_LOCK,))
        assert store.purge_inactive(now - timedelta(days=365), lambda r: None) == 0
        assert store.count() == 1
        other.execute("SELECT pg_advisory_unlock(%s)", (PURGE_LOCK,))

        def last_seen(record: dict) -> datetime:
            return datetime.fromisoformat(record["last_seen"])

        assert store.purge_inactive(now - timedelta(days=365), last_seen) == 1
        assert store.count() == 0


def test_feedback_is_pruned_only_by_the_process_holding_the_purge_lock(pg_url: str) -> None:
    old = FeedbackCount("c", "instagram", "p", "2026-W01", 1, 0)
    with _open(pg_url) as store, psycopg.connect(pg_url, autocommit=True) as other:
        store.add_feedback(old)
        other.execute("SELECT pg_advisory_lock(%s)", (PURGE_LOCK,))
        assert store.prune_feedback("2026-W40") == 0
        assert store.feedback_counts() == [old]
        other.execute("SELECT pg_advisory_unlock(%s)", (PURGE_LOCK,))
        assert store.prune_feedback("2026-W40") == 1
        assert store.feedback_counts() == []


def test_schema_is_versioned_and_a_newer_one_is_refused(pg_url: str) -> None:
    with _open(pg_url) as store:
        store.put(1, {"a": 1})
    with _open(pg_url) as again:  # opening twice applies nothing twice
        assert again.get(1) == {"a": 1}
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT array_agg(version) FROM schema_version").fetchone() == (
            list(range(1, VERSION + 1)),
        )
        conn.execute("INSERT INTO schema_version VALUES (%s)", (VERSION + 1,))
    with pytest.raises(StoreConfigError, match="newer") as refused:
        _open(pg_url)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://optout:s3cret-pass@127.0.0.1:1/optout",  # nothing listens on port 1
        "postgresql://optout:s3cret-pass@/nosuchdb?host=/nonexistent-socket-dir",
    ],
)
def test_an_unreachable_database_is_one_line_without_the_password(url: str) -> None:
    with pytest.raises(StoreConfigError) as refused:
        _open(url)
    message = str(refused.value)
    assert "\n" not in message and "s3cret" not in message
    assert message.startswith("cannot use OPTOUT_DATABASE_URL")


def test_losing_the_database_loses_nothing_acknowledged(pg_server: str, pg_url: str) -> None:
    name = conninfo_to_dict(pg_url)["dbname"]
    with _open(pg_url, timeout=1) as store:
        store.put(1, {"n": 1})
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false".encode())
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )
            with pytest.raises(StoreUnavailable):
                store.update(1, lambda r: {"n": 2})
            with pytest.raises(StoreUnavailable):
                store.get(1)
            admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true".encode())
        assert once_back(lambda: store.get(1)) == {
            "n": 1
        }  # the unacknowledged update did not happen
        assert store.update(1, lambda r: {"n": 2}) == {"n": 2}


def test_two_workers_adding_to_one_counter_lose_nothing(pg_url: str) -> None:
    """The UPSERT increments in the database: two processes' votes are all counted."""
    vote = FeedbackCount("c", "instagram", "p1", "2026-W49", worked=0, different=1)
    with _open(pg_url) as one, _open(pg_url) as two:

        def worker(store: PostgresStore) -> None:
            for _ in range(40):
                store.add_feedback(vote)

        threads = [threading.Thread(target=worker, args=(s,)) for s in (one, two, one, two)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert two.feedback_counts() == [dataclasses.replace(vote, different=160)]
