"""Tests for bot.store: durability, privacy, crash safety, concurrency and damage handling."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import logging
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from bench.storage import bulk_import
from bot.store import StoreLockedError, UserStore
from tests.store.helpers import all_files, open_store, storage_key, user_file, user_ids

WRITER_PATH = Path(__file__).with_name("writer.py")
_spec = importlib.util.spec_from_file_location("store_writer", WRITER_PATH)
assert _spec and _spec.loader
writer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(writer)

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data: Path):
    s = open_store(data)
    yield s
    s.close()


# ---- basics ------------------------------------------------------------------------------


def test_put_get_update_delete_export(store: UserStore) -> None:
    assert store.get(1) is None
    assert len(store) == 0
    store.put(1, {"name": "a", "due": T0.isoformat()})
    assert store.get(1) == {"name": "a", "due": T0.isoformat()}
    assert store.update(1, lambda r: {**r, "n": 1}) == {"name": "a", "due": T0.isoformat(), "n": 1}
    assert store.update(2, lambda r: {"fresh": r is None}) == {"fresh": True}
    assert store.count() == len(store) == 2
    exported = store.export(1)
    assert exported is not None
    assert exported["user_id"] == 1
    assert exported["record"]["n"] == 1
    assert exported["next_reminder"] == T0.isoformat()
    assert store.export(3) is None
    assert store.update(2, lambda r: None) is None  # fn returning None deletes
    assert store.get(2) is None
    assert store.delete(1) is True
    assert store.delete(1) is False
    assert store.get(1) is None
    assert len(store) == 0
    assert store.update(5, lambda r: None) is None  # deleting nothing is a no-op


def test_records_survive_reopen(data: Path) -> None:
    with open_store(data) as s:
        s.put(7, {"v": [1, 2, {"k": "ü"}]})
    with open_store(data) as s:
        assert s.get(7) == {"v": [1, 2, {"k": "ü"}]}
        assert len(s) == 1


def test_cache_invalidation_and_isolation(store: UserStore) -> None:
    store.put(1, {"v": 1})
    first = store.get(1)
    first["v"] = 999  # mutating a returned copy must not reach the cache
    assert store.get(1) == {"v": 1}
    store.put(1, {"v": 2})
    assert store.get(1) == {"v": 2}
    store.update(1, lambda r: {"v": r["v"] + 1})
    assert store.get(1) == {"v": 3}
    store.delete(1)
    assert store.get(1) is None


def test_cache_disabled(data: Path) -> None:
    with open_store(data, cache_size=0) as s:
        s.put(1, {"v": 1})
        assert s.get(1) == {"v": 1}
        s.update(1, lambda r: {"v": 2})
        assert s.get(1) == {"v": 2}


def test_bad_records_are_rejected_without_damage(store: UserStore) -> None:
    store.put(1, {"v": 1})
    with pytest.raises(TypeError):
        store.put(1, {"v": object()})
    with pytest.raises(TypeError):
        store.put(1, ["not", "a", "dict"])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.put(1, {"v": float("nan")})
    with pytest.raises(ZeroDivisionError):
        store.update(1, lambda r: 1 / 0)
    with pytest.raises(TypeError):
        store.get("1")  # type: ignore[arg-type]
    assert store.get(1) == {"v": 1}


def test_due_of_must_be_aware(data: Path) -> None:
    with UserStore(data, due_of=lambda r: datetime(2026, 1, 1)) as s, pytest.raises(ValueError):
        s.put(1, {})


def test_upgrade_hook_applied_on_load(data: Path) -> None:
    with open_store(data) as s:
        s.put(1, {"schema_version": 1, "lang": "en"})

    def upgrade(record: dict) -> dict:
        if record.get("schema_version", 1) < 2:
            record = {**record, "schema_version": 2, "platforms": []}
        return record

    with open_store(data, upgrade=upgrade) as s:
        expected = {"schema_version": 2, "lang": "en", "platforms": []}
        assert s.get(1) == expected
        assert s.update(1, lambda r: {**r, "seen": True}) == {**expected, "seen": True}
    with open_store(data, upgrade=upgrade) as s:
        assert s.get(1)["schema_version"] == 2


def test_second_process_is_refused(data: Path, store: UserStore) -> None:
    with pytest.raises(StoreLockedError):
        open_store(data)


def test_layout_names_and_modes(data: Path, store: UserStore) -> None:
    uid = 4_242_424_242
    store.put(uid, {"user_id": uid, "due": T0.isoformat()})
    for path in [data, *data.rglob("*")]:
        assert str(uid) not in path.name
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path
    assert stat.S_IMODE((data / "secret").stat().st_mode) == 0o600


# ---- /forget -----------------------------------------------------------------------------


def test_delete_leaves_no_trace(data: Path, caplog: pytest.LogCaptureFixture) -> None:
    uid, marker = 987_654_321_012, "zebra-kumquat-7741"
    record = {"user_id": uid, "note": marker, "due": T0.isoformat()}
    with open_store(data) as s:
        for other in range(1, 50):
            s.put(other, {"user_id": other, "due": (T0 + timedelta(hours=other)).isoformat()})
        s.put(uid, record)
        path = user_file(s, uid)
    path.write_text(path.read_text()[:20])  # damage it: a quarantined copy must go too
    with open_store(data) as s:
        assert s.get(uid) is None
        assert len(list((data / "quarantine").iterdir())) == 1
        s.put(uid, record)
        assert s.get(uid) == record  # now cached
        (path.with_suffix(".tmp")).write_text(json.dumps(record))  # as if left by a crash
        assert s.delete(uid) is True
        assert s.get(uid) is None
        assert uid not in dict(s.due())
        assert s.export(uid) is None
        assert len(s) == 49
        key = storage_key(s, uid)
        for p in all_files(data):  # while open: the journal is not tidied by a clean shutdown
            content = p.read_bytes()
            assert key.encode() not in content, p
            assert str(uid).encode() not in content, p
            assert marker.encode() not in content, p
    assert str(uid) not in caplog.text
    with open_store(data) as s:
        assert s.get(uid) is None
        assert len(s) == 49


# ---- crash safety ------------------------------------------------------------------------


def _expected_states(model: dict[int, dict], in_flight: int) -> dict[int, list[dict | None]]:
    allowed = {uid: [model.get(uid)] for uid in writer.USERS}
    after = {k: dict(v) for k, v in model.items()}
    writer.apply(after, in_flight)
    uid = writer.op_for(in_flight)[1]
    allowed[uid].append(after.get(uid))
    return allowed


def _kill_after_acks(proc: subprocess.Popen, acks: int) -> tuple[bytes, bytes]:
    """Read the writer's output until it has acknowledged ``acks`` writes, then SIGKILL it.

    The kill point is counted in acknowledged writes, never in wall time, so the test does the
    same work on an idle laptop and on a busy CI machine. Returns all of stdout and stderr.
    """
    assert proc.stdout is not None
    seen: list[bytes] = []
    while sum(line.strip().isdigit() for line in seen) < acks:
        line = proc.stdout.readline()
        if not line:  # the writer died on its own: the return code check reports it
            break
        seen.append(line)
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate()
    return b"".join(seen) + out, err


def test_sigkill_never_loses_acknowledged_writes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    rng = random.Random(20261129)
    model: dict[int, dict] = {}
    next_seq = 0
    planned = acked_total = 0
    for kill in range(1, 56):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER_PATH), str(data), str(next_seq)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,  # unbuffered: what readline() does not take, communicate() gets
        )
        # every sixth kill right away, so it may land in start-up and crash recovery
        acks = 0 if kill % 6 == 1 else rng.randrange(1, 16)
        planned += acks
        out, err = _kill_after_acks(proc, acks)
        assert proc.returncode == -signal.SIGKILL, err.decode()[-2000:]

        lines = out.decode().split("\n")[:-1]  # the last piece is empty or a torn line
        acked = [int(line) for line in lines if line.isdigit()]
        assert acked == list(range(next_seq, next_seq + len(acked)))
        for seq in acked:
            writer.apply(model, seq)
        next_seq += len(acked)
        acked_total += len(acked)

        allowed = _expected_states(model, next_seq)
        with UserStore(data, due_of=writer.due_of) as s:
            present = 0
            for uid in writer.USERS:
                actual = s.get(uid)
                assert actual in allowed[uid], f"user {uid} after kill {kill}"
                present += actual is not None
                due = writer.due_of(actual) if actual else None
                assert dict(s.due()).get(uid) == due  # the index agrees with the files
            assert len(s) == present
        assert not list((data / "quarantine").iterdir())
        assert not [p for p in data.rglob("*.tmp")]
    assert acked_total >= planned > 200  # every kill came after the acks it waited for


# ---- concurrency -------------------------------------------------------------------------


def _increment(record: dict | None) -> dict:
    record = record or {"n": 0}
    record["n"] += 1
    return record


async def test_concurrent_aupdates_lose_nothing(data: Path) -> None:
    store = open_store(data)
    try:
        calls = [store.aupdate(i % 100, _increment) for i in range(1000)]
        random.Random(1).shuffle(calls)
        await asyncio.gather(*calls)
        assert all(store.get(u) == {"n": 10} for u in range(100))
        assert len(store) == 100
    finally:
        store.close()
    with open_store(data) as s:
        assert all(s.get(u) == {"n": 10} for u in range(100))


async def test_async_calls_apply_in_call_order(store: UserStore) -> None:
    def append(i: int):
        return lambda r: {"seq": [*(r or {"seq": []})["seq"], i]}

    await asyncio.gather(*(store.aupdate(1, append(i)) for i in range(50)))
    assert store.get(1) == {"seq": list(range(50))}
    await store.aupdate(2, lambda r: {"x": 1})
    assert await store.aget(2) == {"x": 1}
    assert (await store.aexport(2))["record"] == {"x": 1}
    assert await store.aupdate(2, lambda r: None) is None
    assert await store.aget(2) is None
    assert await store.adue() == []


def test_threads_on_sync_api_lose_nothing(store: UserStore) -> None:
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(lambda i: store.update(i % 100, _increment), range(1000)))
    assert all(store.get(u) == {"n": 10} for u in range(100))


async def test_async_api_does_not_block_loop(store: UserStore) -> None:
    """Other coroutines run while every write is under way (counted, not timed: the benchmark
    measures the stalls)."""
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0)

    task = asyncio.create_task(ticker())
    for i in range(200):
        before = ticks
        await store.aupdate(i % 20, lambda r, i=i: {"i": i, "pad": "y" * 5000})
        assert ticks > before, f"write {i} blocked the event loop"
    stop.set()
    await task


# ---- damage ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # torn
        lambda b: b"",  # truncated to nothing
        lambda b: bytes(random.Random(1).randrange(256) for _ in range(len(b))),  # garbage
        lambda b: b'{"user": {"1": {"fmt": 1, "uid": "x", "record": 3}}}',  # wrong shape
        lambda b: b"[1, 2, 3]",
        lambda b: b'{"user": {"1": 5}}',
    ],
    ids=["torn", "empty", "garbage", "shape", "not-tinydb", "not-a-document"],
)
def test_corrupt_user_file_is_quarantined(
    data: Path, caplog: pytest.LogCaptureFixture, damage
) -> None:
    uid = 31_337_000_042
    with open_store(data) as s:
        for u in (1, 2, uid, 4):
            s.put(u, {"u": u, "secret_answer": "plover-9", "due": T0.isoformat()})
        path = user_file(s, uid)
    path.write_bytes(damage(path.read_bytes()))
    caplog.set_level(logging.WARNING, logger="bot.store")
    with open_store(data) as s:
        assert len(s) == 4  # start-up does not read user files
        assert s.get(uid) is None
        assert len(s) == 3
        assert uid not in dict(s.due())
        assert [s.get(u)["u"] for u in (1, 2, 4)] == [1, 2, 4]
        quarantined = list((data / "quarantine").iterdir())
        assert len(quarantined) == 1 and not path.exists()
        s.put(uid, {"u": uid, "fresh": True})  # the user simply starts again
        assert s.get(uid) == {"u": uid, "fresh": True}
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "quarantined" in warnings[0].getMessage()
    assert str(uid) not in caplog.text and "plover" not in caplog.text


def test_failing_upgrade_quarantines_instead_of_crashing(data: Path) -> None:
    with open_store(data) as s:
        s.put(1, {"v": 1})
        s.put(2, {"v": 2})

    def upgrade(r: dict) -> dict:
        if r["v"] == 1:
            raise KeyError("boom")
        return r

    with open_store(data, upgrade=upgrade) as s:
        assert s.get(1) is None
        assert s.get(2) == {"v": 2}
    assert len(list((data / "quarantine").iterdir())) == 1


def _populate(data: Path, n: int = 300) -> dict[int, datetime]:
    dues = {u: T0 + timedelta(minutes=u) for u in range(1, n + 1) if u % 3}
    with open_store(data) as s:
        for u in range(1, n + 1):
            s.put(u, {"due": dues[u].isoformat() if u in dues else None})
    return dues


def test_due_index_survives_reopen(data: Path) -> None:
    dues = _populate(data)
    with open_store(data) as s:
        assert s.due() == sorted(dues.items(), key=lambda p: (p[1], p[0]))
        assert s.due(before=T0 + timedelta(minutes=10)) == [
            (u, d) for u, d in sorted(dues.items()) if u <= 10
        ]
        s.update(1, lambda r: {"due": None})
        s.update(3, lambda r: {"due": T0.isoformat()})
    with open_store(data) as s:
        got = dict(s.due())
        assert 1 not in got and got[3] == T0
        assert len(s) == 300


@pytest.mark.parametrize("how", ["garble-one", "delete-all", "stale-entry"])
def test_damaged_due_index_is_rebuilt(
    data: Path, caplog: pytest.LogCaptureFixture, how: str
) -> None:
    dues = _populate(data)
    shards = sorted((data / "index").glob("due-*.json"))
    if how == "garble-one":
        shards[0].write_bytes(b"\x00garbage")
    elif how == "delete-all":
        shutil.rmtree(data / "index")
    else:  # an entry for a user whose file is gone, and a user missing from the index
        with open_store(data) as s:
            victim = user_file(s, 2)
        victim.unlink()
        dues.pop(2)
        shards[-1].unlink()
    caplog.set_level(logging.WARNING, logger="bot.store")
    with open_store(data) as s:
        assert dict(s.due()) == dues
        assert len(s) == 300 - (how == "stale-entry")
    assert "rebuilt" in caplog.text


def test_start_up_survives_junk(data: Path) -> None:
    _populate(data, 20)
    (data / "users" / "zz").mkdir()
    (data / "users" / "README").write_text("hello")
    leaf = next((data / "users").glob("*/*"))
    (leaf / "not-a-key.json").write_text("{")
    (leaf / ("f" * 32 + ".tmp")).write_text("{")  # crash leftover
    (data / "index" / "due-abc.tmp").write_text("{")
    (data / "index" / "journal-00000003.log").write_bytes(b"\xff\xfe" + b"a" * 32 + b"\nzz\n")
    (data / "index" / "due-fff.json").write_text('{"due": {"nonsense": {"u": "x"}}}')
    (data / "index" / "due-ffe.json").write_text('{"due": {"nonsense": 5}}')
    (data / "index" / "due-ffd.json").mkdir()
    with open_store(data) as s:
        assert len(s) == 20
        assert not list(data.rglob("*.tmp"))
        assert not list((data / "index").glob("journal-*"))


def test_lost_secret_renames_files(data: Path, caplog: pytest.LogCaptureFixture) -> None:
    dues = _populate(data, 30)
    (data / "secret").write_bytes(b"short")
    with open_store(data) as s:
        assert dict(s.due()) == dues
        assert s.get(1) == {"due": dues[1].isoformat()}
        assert len(s) == 30
    assert "secret" in caplog.text


def test_purge_inactive(data: Path) -> None:
    now = datetime(2027, 1, 1, tzinfo=UTC)
    with open_store(data) as s:
        for u in range(1, 11):
            seen = now - timedelta(days=u * 10)
            s.put(u, {"last_seen": seen.isoformat(), "due": (now + timedelta(days=u)).isoformat()})
        s.put(99, {"due": None})  # no last_seen: falls back to the file's modification time
        old = time.time() - 400 * 86400
        os.utime(user_file(s, 99), (old, old))
        (data / "quarantine" / "x.20250101T000000.000000Z.json").write_text("{")
        os.utime(data / "quarantine" / "x.20250101T000000.000000Z.json", (old, old))

        def last_seen(r: dict) -> datetime | None:
            return datetime.fromisoformat(r["last_seen"]) if "last_seen" in r else None

        purged = s.purge_inactive(now - timedelta(days=45), last_seen)
        assert purged == 7  # 50..100 days ago, and user 99
        assert sorted(user_ids(s)) == [1, 2, 3, 4]
        assert sorted(u for u, _ in s.due()) == [1, 2, 3, 4]
        assert not list((data / "quarantine").iterdir())
    with open_store(data) as s:
        assert sorted(u for u, _ in s.due()) == [1, 2, 3, 4]


async def test_apurge_and_adue(store: UserStore) -> None:
    now = datetime(2027, 1, 1, tzinfo=UTC)
    await store.aupdate(1, lambda r: {"due": now.isoformat()})
    assert await store.adue(now) == [(1, now)]
    assert await store.apurge_inactive(now + timedelta(days=1), lambda r: now) == 1
    assert await store.adue() == []


def test_bulk_put(data: Path) -> None:
    with open_store(data) as s:
        assert bulk_import(s, ((u, {"due": T0.isoformat()}) for u in range(500))) == 500
        assert len(s) == 500 and len(s.due()) == 500
    with open_store(data) as s:
        assert len(s) == 500 and s.get(499) == {"due": T0.isoformat()}


# ---- model-based -------------------------------------------------------------------------

UIDS = st.sampled_from([1, 2, 3, 42, 10**12])
RECORDS = st.fixed_dictionaries(
    {"v": st.integers(-5, 5), "due": st.none() | st.integers(0, 100)},
    optional={"s": st.text(max_size=5)},
)


def _due(record: dict) -> datetime | None:
    return None if record.get("due") is None else T0 + timedelta(minutes=record["due"])


class StoreMachine(RuleBasedStateMachine):
    """Random put/update/delete/reopen sequences against a dict."""

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="store-hyp-"))
        self.store = UserStore(self.dir, due_of=_due, cache_size=2)
        self.model: dict[int, dict] = {}

    @rule(uid=UIDS, record=RECORDS)
    def put(self, uid: int, record: dict) -> None:
        self.store.put(uid, record)
        self.model[uid] = record

    @rule(uid=UIDS, delta=st.integers(-3, 3), drop=st.booleans())
    def update(self, uid: int, delta: int, drop: bool) -> None:
        def fn(r: dict | None) -> dict | None:
            if drop:
                return None
            return {**(r or {"v": 0}), "v": (r or {"v": 0})["v"] + delta}

        result = self.store.update(uid, fn)
        expected = fn(self.model.get(uid))
        assert result == expected
        if expected is None:
            self.model.pop(uid, None)
        else:
            self.model[uid] = expected

    @rule(uid=UIDS)
    def delete(self, uid: int) -> None:
        assert self.store.delete(uid) == (uid in self.model)
        self.model.pop(uid, None)

    @rule(uid=UIDS)
    def get(self, uid: int) -> None:
        assert self.store.get(uid) == self.model.get(uid)

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = UserStore(self.dir, due_of=_due, cache_size=2)

    @invariant()
    def index_matches(self) -> None:
        assert len(self.store) == len(self.model)
        expected = sorted(
            ((u, _due(r)) for u, r in self.model.items() if _due(r)), key=lambda p: (p[1], p[0])
        )
        assert self.store.due() == expected

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.dir, ignore_errors=True)


TestStoreMachine = StoreMachine.TestCase
TestStoreMachine.settings = settings(
    max_examples=30,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_journal_rotates_and_is_cleaned(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.store.journal

    monkeypatch.setattr(bot.store.journal, "ROTATE_BYTES", 100)

    def reschedule(uid: int) -> None:  # each user's writes stay in order; users run in parallel
        for k in range(10):
            s.put(uid, {"due": (T0 + timedelta(minutes=k * 40 + uid)).isoformat()})

    with open_store(data) as s, ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(reschedule, range(40)))
        assert len(list((data / "index").glob("journal-*.log"))) <= 2  # old ones retired
        expected = {u: T0 + timedelta(minutes=360 + u) for u in range(40)}
        assert dict(s.due()) == expected
    assert not list((data / "index").glob("journal-*.log"))
    with open_store(data) as s:
        assert dict(s.due()) == expected


def test_a_data_directory_written_before_the_split_still_opens(data: Path) -> None:
    """The on-disk format is unchanged: bytes as the single-module store wrote them."""
    import hashlib
    import hmac

    secret = bytes(range(32))
    key = hmac.new(secret, b"4242", hashlib.sha256).hexdigest()[:32]
    leaf = data / "users" / key[:2] / key[2]
    leaf.mkdir(parents=True)
    (data / "index").mkdir()
    (data / "secret").write_bytes(secret)
    (leaf / f"{key}.json").write_text(
        '{"user":{"1":{"fmt":1,"uid":4242,"record":{"due":"2026-12-01T09:00:00+00:00"}}}}'
    )
    (data / "index" / f"due-{key[:3]}.json").write_text(
        f'{{"due":{{"{key}":{{"u":4242,"d":"2026-12-01T09:00:00+00:00"}}}}}}'
    )
    with open_store(data) as s:
        assert s.get(4242) == {"due": "2026-12-01T09:00:00+00:00"}
        assert s.due() == [(4242, T0)]
        assert not list((data / "quarantine").iterdir())


def test_a_full_disk_is_logged_by_its_errno_and_loses_nothing(
    store: UserStore, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import bot.store.files

    uid = 73_000_111_222
    store.put(uid, {"note": "kept-value", "due": T0.isoformat()})

    def full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(bot.store.files, "write_all", full)
    with pytest.raises(OSError):
        store.update(uid, lambda r: {**r, "note": "lost-value"})
    monkeypatch.undo()
    assert "ENOSPC" in caplog.text
    assert str(uid) not in caplog.text and "value" not in caplog.text
    assert store.get(uid) == {"note": "kept-value", "due": T0.isoformat()}
    assert not list(store._root.rglob("*.tmp"))
