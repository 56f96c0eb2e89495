"""The storage benchmark on PostgreSQL (bench/storage.py runs it after the data directory):
the same records, the same sequential awaited updates on random users, p50/p99 per update.

Users are loaded with COPY (minutes for a million with one row INSERT each; COPY takes about
20 s per million on 2 cores), then the store opens the database as the bot does.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bench import pg
from bench.storage import (
    Run,
    StallMeter,
    bump,
    bump_and_reschedule,
    due_of,
    make_record,
    timed_steps,
)
from bot.store.postgres import PostgresStore
from bot.store.records import storage_key


@dataclass
class PgResult:
    users: int
    load_s: float = 0.0
    plain: Run = field(default_factory=Run)
    reschedule: Run = field(default_factory=Run)


def populate(url: str, users: int) -> tuple[list[int], float]:
    import psycopg

    rng = random.Random(users)
    uids = [10_000_000 + i * 7919 for i in range(users)]
    started = time.perf_counter()
    with PostgresStore(url, due_of=due_of, workers=1) as store:
        secret = store._secret
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        with cur.copy("COPY users (key, user_id, record, due) FROM STDIN") as copy:
            for uid in uids:
                record = make_record(uid, rng)
                copy.write_row((storage_key(secret, uid), uid, json.dumps(record), due_of(record)))
        cur.execute("ANALYZE users")
    return uids, time.perf_counter() - started


def measure(admin_url: str, users: int, updates: int) -> PgResult:
    result = PgResult(users)
    url = pg.database(admin_url, "storage")
    uids, result.load_s = populate(url, users)
    with PostgresStore(url, due_of=due_of) as store:

        def updating(change: Callable[[Any], Any]) -> Callable[[int], Awaitable[object]]:
            return lambda uid: store.aupdate(uid, change)

        async def run() -> None:
            rng = random.Random(7)
            async with StallMeter() as meter:
                for into, change in (
                    (result.plain, bump),
                    (result.reschedule, bump_and_reschedule),
                ):
                    await timed_steps(meter, into, updating(change), uids, rng, updates)

        asyncio.run(run())
    return result


def run(sizes: list[int], updates: int) -> list[PgResult]:
    """Measure every size on a fresh database of one embedded server, and print a table."""
    results = []
    with pg.server() as admin:
        for users in sizes:
            print(f"… PostgreSQL: loading {users:,} users", file=sys.stderr, flush=True)
            results.append(measure(admin, users, updates))
    print()
    print(f"PostgreSQL (embedded server, same machine): sequential awaited updates ({updates:,})")
    head = f"{'users':>9}  {'layout':<34} {'p50 ms':>8} {'p99 ms':>8} {'stall ms':>9} {'load s':>7}"
    print(head)
    print("-" * len(head))
    for r in results:
        for name, got in (("PostgresStore, update", r.plain), ("… + reminder moved", r.reschedule)):
            print(
                f"{r.users:>9,}  {name:<34} {got.p50:>8.2f} {got.p99:>8.2f}"
                f" {got.max_stall_ms:>9.1f} {r.load_s:>7.1f}"
            )
    return results
