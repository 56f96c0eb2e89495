"""Storage benchmark: what one update costs as the number of stored users grows.

Compares ``bot.store.UserStore`` (one atomically written TinyDB file per user, async wrappers)
with TinyDB's default single-file JSONStorage, used the naive way (called on the event loop),
in the same run. For each size it reports the per-update latency seen by a coroutine awaiting
``aupdate`` (p50/p99), the longest event-loop stall measured by a ticker task during those
updates, start-up time (open + load the due index) and disk use.

    .venv/bin/python -m bench.storage            # 1,000 / 10,000 / 100,000 users (~2 min)
    .venv/bin/python -m bench.storage --quick    # 1,000 / 10,000 users, fewer updates
    .venv/bin/python -m bench.storage --sizes 10000,100000,1000000   # a million users too

Then the same sizes and updates on PostgreSQL (bench/pgstorage.py; ``--no-postgres`` skips it).

Exits 1 if a target is missed: p99 <= 5 ms at 100,000 users, p99 growth 1,000 -> 100,000 users
<= 1.5x, no event-loop stall over 20 ms, start-up <= 2 s at 100,000 users.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tinydb import TinyDB

from bot.store import UserStore
from bot.store.records import check_user_id

P99_LIMIT_MS = 5.0
GROWTH_LIMIT = 1.5
STALL_LIMIT_MS = 20.0
STARTUP_LIMIT_S = 2.0
BASELINE_BUDGET_S = 8.0  # per size: the single file gets slow, so it gets fewer samples
EPOCH = datetime(2026, 12, 1, tzinfo=UTC)


def make_record(uid: int, rng: random.Random) -> dict:
    """A profile of realistic size (~0.8 KB): answers, checklist progress, one reminder."""
    items = [f"item_{i:02d}" for i in range(15)]
    return {
        "schema_version": 2,
        "user_id": uid,
        "lang": rng.choice(["en", "de", "fr", "es"]),
        "country": rng.choice(["DE", "FR", "GB", "US", "BR", "IN"]),
        "platforms": rng.sample(["facebook", "instagram", "whatsapp", "messenger", "threads"], 2),
        "account_type": rng.choice(["personal", "business", "creator"]),
        "state": {"flow": "checklist", "step": rng.randrange(10), "pending": None},
        "checklist": {it: rng.random() < 0.5 for it in items},
        "reminders": [{"item": rng.choice(items), "due": _iso(rng.randrange(90 * 24))}],
        "last_seen": _iso(-rng.randrange(30 * 24)),
        "counter": 0,
    }


def _iso(hours: int) -> str:
    return (EPOCH + timedelta(hours=hours)).isoformat()


def due_of(record: dict) -> datetime | None:
    times = [datetime.fromisoformat(r["due"]) for r in record.get("reminders", [])]
    return min(times) if times else None


def bump(record: dict | None) -> dict | None:
    """An ordinary update (state step, last seen): no reminder change, so no index write."""
    if record is not None:
        record["counter"] += 1
        record["state"]["step"] = record["counter"] % 10
        record["last_seen"] = datetime.now(UTC).isoformat()
    return record


def bump_and_reschedule(record: dict | None) -> dict | None:
    """An update that also moves the reminder, so the due index is written too."""
    record = bump(record)
    if record is not None:
        record["reminders"][0]["due"] = _iso(record["counter"] % 5000)
    return record


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def disk_usage(path: Path) -> tuple[int, int]:
    """(allocated bytes, apparent bytes), like ``du -s`` and ``du -s --apparent-size``."""
    if path.is_file():
        st = path.stat()
        return st.st_blocks * 512, st.st_size
    allocated = apparent = 0
    for root, dirs, files in os.walk(path):
        for name in [*files, *dirs, "."] if root == str(path) else [*files, *dirs]:
            st = os.lstat(os.path.join(root, name))
            allocated += st.st_blocks * 512
            apparent += st.st_size
    return allocated, apparent


@dataclass
class Run:
    latencies_ms: list[float] = field(default_factory=list)
    max_stall_ms: float = 0.0

    @property
    def p50(self) -> float:
        return percentile(self.latencies_ms, 0.50)

    @property
    def p99(self) -> float:
        return percentile(self.latencies_ms, 0.99)


class StallMeter:
    """A timer callback that charges its own lateness to whichever run is in progress.

    A callback rather than a task: a task resumed by a timer needs one more loop iteration,
    which would let the next step start first and double the stall it reports.
    """

    interval = 0.001

    def __init__(self) -> None:
        self.current: Run | None = None
        self._handle: asyncio.TimerHandle | None = None

    async def __aenter__(self) -> StallMeter:
        self._schedule(asyncio.get_running_loop())
        await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._handle is not None
        self._handle.cancel()

    def _schedule(self, loop: asyncio.AbstractEventLoop) -> None:
        due = loop.time() + self.interval
        self._handle = loop.call_at(due, self._tick, loop, due, self.current)

    def _tick(self, loop: asyncio.AbstractEventLoop, due: float, run: Run | None) -> None:
        late = (loop.time() - due) * 1000
        if run is not None:
            run.max_stall_ms = max(run.max_stall_ms, late)
        self._schedule(loop)


async def timed_steps(
    meter: StallMeter,
    run: Run,
    step: Callable[[int], Awaitable[object]],
    uids: list[int],
    rng: random.Random,
    n: int,
    budget_s: float | None = None,
) -> None:
    """Await ``step`` on random users one after another, recording each latency."""
    meter.current = run
    started = time.perf_counter()
    for _ in range(n):
        uid = rng.choice(uids)
        t = time.perf_counter()
        await step(uid)
        run.latencies_ms.append((time.perf_counter() - t) * 1000)
        # two yields: the ticker's expired timer runs before the next step starts, so a stall
        # is charged to one step rather than summed over back-to-back blocking steps
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        if budget_s is not None and time.perf_counter() - started > budget_s:
            break
    await asyncio.sleep(0.002)
    meter.current = None


@dataclass
class SizeResult:
    users: int
    uids: list[int]
    data: Path
    plain: Run = field(default_factory=Run)
    reschedule: Run = field(default_factory=Run)
    startup_s: float = 0.0
    disk: tuple[int, int] = (0, 0)
    base: Run | None = None
    base_startup_s: float | None = None
    base_disk: tuple[int, int] | None = None
    base_note: str = ""


def bulk_import(store: UserStore, items: Iterable[tuple[int, dict]]) -> int:
    """Write many records with one ``os.sync()`` at the end instead of two fsyncs per user.

    Only for filling a benchmark's data directory: nothing is durable until it returns, so it
    works on the store's parts directly rather than being part of ``UserStore``. The keys are
    journalled first, so a crash midway still leaves a consistent index.
    """
    files, index = store._files, store._index
    assert index.journal is not None
    by_shard: dict[str, list[tuple[str, int, dict]]] = {}
    for user_id, record in items:
        uid = check_user_id(user_id)
        key = files.key(uid)
        by_shard.setdefault(key[:3], []).append((key, uid, record))
    keys = [k for rows in by_shard.values() for k, _, _ in rows]
    gen = index.journal.begin(keys)
    for shard, rows in by_shard.items():
        with store._locks[int(shard, 16)]:
            for key, uid, record in rows:
                entry = index.entry_for(uid, record)
                store._cache.pop(uid)
                files.write(key, uid, record, durable=False)
                index.set(key, entry)
            index.write_shard(shard, durable=False)
    os.sync()
    index.journal.end(gen)
    return len(keys)


def populate(root: Path, users: int) -> SizeResult:
    rng = random.Random(users)
    uids = [10_000_000 + i * 7919 for i in range(users)]
    data = root / f"store-{users}"
    with UserStore(data, due_of=due_of) as store:
        bulk_import(store, ((uid, make_record(uid, rng)) for uid in uids))
    return SizeResult(users, uids, data)


def bench_stores(results: list[SizeResult], updates: int, rounds: int = 20) -> None:
    """Measure every size in interleaved rounds, so background disk load hits all sizes alike."""
    stores: dict[int, UserStore] = {}
    try:
        for r in results:
            t = time.perf_counter()
            store = stores[r.users] = UserStore(r.data, due_of=due_of)
            reminders = store.due()
            r.startup_s = time.perf_counter() - t
            assert len(reminders) == r.users == len(store)

        async def measure() -> None:
            rng = random.Random(7)
            per_round = max(1, updates // rounds)
            async with StallMeter() as meter:
                for _ in range(rounds):
                    for r in rng.sample(results, len(results)):
                        st = stores[r.users]
                        for into, change in ((r.plain, bump), (r.reschedule, bump_and_reschedule)):
                            await timed_steps(
                                meter,
                                into,
                                lambda u, st=st, change=change: st.aupdate(u, change),
                                r.uids,
                                rng,
                                per_round,
                            )

        asyncio.run(measure())
    finally:
        for store in stores.values():
            store.close()
    for r in results:
        r.disk = disk_usage(r.data)


def bench_baseline(
    root: Path, users: int, updates: int, budget_s: float
) -> tuple[Run, float, tuple[int, int]]:
    """TinyDB's default storage, one file, called straight from coroutines as a naive bot would."""
    rng = random.Random(users)
    path = root / f"single-{users}.json"
    with TinyDB(path) as db:
        db.insert_multiple(
            {"uid": 10_000_000 + i * 7919, "record": make_record(0, rng)} for i in range(users)
        )
    os.sync()
    t = time.perf_counter()
    db = TinyDB(path)
    table = db.table("_default")
    assert len(table) == users  # start-up has to parse the whole file once
    startup = time.perf_counter() - t

    def change(doc: dict) -> None:
        doc["record"] = bump(doc["record"])

    async def step(doc_id: int) -> None:
        table.update(change, doc_ids=[doc_id])

    async def measure() -> Run:
        run = Run()
        async with StallMeter() as meter:
            await timed_steps(
                meter, run, step, list(range(1, users + 1)), random.Random(7), updates, budget_s
            )
        return run

    try:
        run = asyncio.run(measure())
    finally:
        db.close()
    size = disk_usage(path)
    path.unlink()
    return run, startup, size


def fmt_bytes(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    raise AssertionError


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print a table, return 1 if a target is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench.storage", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 users, 500 updates")
    parser.add_argument("--sizes", help="comma-separated user counts (default 1000,10000,100000)")
    parser.add_argument("--updates", type=int, help="updates per measurement (default 2000)")
    parser.add_argument(
        "--baseline-max", type=int, default=100_000, help="largest size to run the baseline at"
    )
    parser.add_argument("--tmp", help="directory for the temporary data (default: system temp)")
    parser.add_argument(
        "--no-postgres", action="store_true", help="skip the same measurement on PostgreSQL"
    )
    args = parser.parse_args(argv)
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else ([1_000, 10_000] if args.quick else [1_000, 10_000, 100_000])
    )
    updates = args.updates or (500 if args.quick else 2000)

    root = Path(tempfile.mkdtemp(prefix="bench-storage-", dir=args.tmp))
    try:
        results = []
        for users in sizes:
            print(f"… populating {users:,} users", file=sys.stderr, flush=True)
            results.append(populate(root, users))
        os.sync()
        print("… measuring UserStore (sizes interleaved)", file=sys.stderr, flush=True)
        bench_stores(results, updates)
        for r in results:
            shutil.rmtree(r.data)
            if r.users > args.baseline_max:
                r.base_note = "skipped: too slow (see --baseline-max)"
                continue
            print(f"… baseline at {r.users:,} users", file=sys.stderr, flush=True)
            r.base, r.base_startup_s, r.base_disk = bench_baseline(
                root, r.users, updates, BASELINE_BUDGET_S
            )
            if len(r.base.latencies_ms) < updates:
                n = len(r.base.latencies_ms)
                few = "; p99 is in effect the max" if n < 100 else ""
                r.base_note = f"time-boxed to {BASELINE_BUDGET_S:.0f} s{few}"
    finally:
        shutil.rmtree(root, ignore_errors=True)
    status = report(results, updates)
    if not args.no_postgres:  # the same sizes and updates on the other backend (bench/pgstorage.py)
        from bench import pgstorage

        pgstorage.run(sizes, updates)
    return status


def report(results: list[SizeResult], updates: int) -> int:
    failures: list[str] = []
    print()
    print(f"Per-update persistence cost: sequential awaited updates on random users ({updates:,})")
    head = f"{'users':>8}  {'layout':<34} {'p50 ms':>8} {'p99 ms':>8} {'stall ms':>9} {'n':>6}"
    print(head)
    print("-" * len(head))
    for r in results:
        rows = [
            ("UserStore, update", r.plain),
            ("UserStore, update + reminder moved", r.reschedule),
        ]
        for name, run in rows:
            print(
                f"{r.users:>8,}  {name:<34} {run.p50:>8.2f} {run.p99:>8.2f}"
                f" {run.max_stall_ms:>9.1f} {len(run.latencies_ms):>6}"
            )
        if r.base is not None:
            b = r.base
            note = f"  ({r.base_note})" if r.base_note else ""
            print(
                f"{r.users:>8,}  {'baseline: TinyDB 1 file, on loop':<34} {b.p50:>8.2f}"
                f" {b.p99:>8.2f} {b.max_stall_ms:>9.1f} {len(b.latencies_ms):>6}{note}"
            )
        else:
            print(f"{r.users:>8,}  {'baseline: TinyDB 1 file, on loop':<34} {r.base_note}")
        for name, run in rows:
            if run.max_stall_ms > STALL_LIMIT_MS:
                failures.append(f"{name} at {r.users:,}: stall {run.max_stall_ms:.1f} ms")
    print()
    head2 = (
        f"{'users':>8}  {'start-up s':>10} {'disk (du)':>11} {'apparent':>11}"
        "   baseline: start-up, disk"
    )
    print(head2)
    print("-" * len(head2))
    for r in results:
        base = (
            f"{r.base_startup_s:.3f} s, {fmt_bytes(r.base_disk[0])}"
            if r.base_startup_s is not None and r.base_disk
            else r.base_note
        )
        print(
            f"{r.users:>8,}  {r.startup_s:>10.3f} {fmt_bytes(r.disk[0]):>11}"
            f" {fmt_bytes(r.disk[1]):>11}   {base}"
        )

    by_size = {r.users: r for r in results}
    big, small = by_size.get(100_000), by_size.get(1_000)
    print()
    if big is not None:
        for name, run in (("update", big.plain), ("update + reminder", big.reschedule)):
            ok = run.p99 <= P99_LIMIT_MS
            print(
                f"target p99 <= {P99_LIMIT_MS} ms at 100,000 ({name}): {run.p99:.2f} ms {_ok(ok)}"
            )
            if not ok:
                failures.append(f"p99 {name} at 100,000 = {run.p99:.2f} ms")
        ok = big.startup_s <= STARTUP_LIMIT_S
        print(f"target start-up <= {STARTUP_LIMIT_S} s at 100,000: {big.startup_s:.3f} s {_ok(ok)}")
        if not ok:
            failures.append(f"start-up at 100,000 = {big.startup_s:.3f} s")
    if big is not None and small is not None:
        for name, b, s in (
            ("update", big.plain, small.plain),
            ("update + reminder", big.reschedule, small.reschedule),
        ):
            growth = b.p99 / s.p99
            growth50 = b.p50 / s.p50
            ok = growth <= GROWTH_LIMIT
            print(
                f"target p99 growth 1,000 -> 100,000 <= {GROWTH_LIMIT}x ({name}): {growth:.2f}x"
                f" (p50 {growth50:.2f}x) {_ok(ok)}"
            )
            if not ok:
                failures.append(f"p99 growth {name} = {growth:.2f}x")
    worst = max((run.max_stall_ms for r in results for run in (r.plain, r.reschedule)), default=0)
    ok = worst <= STALL_LIMIT_MS
    print(f"target no event-loop stall > {STALL_LIMIT_MS:.0f} ms: worst {worst:.1f} ms {_ok(ok)}")
    if big is None:
        print("(100,000-user targets not checked in this run)")
    if failures:
        print("MISSED: " + "; ".join(failures))
        return 1
    return 0


def _ok(ok: bool) -> str:
    return "ok" if ok else "MISSED"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
