"""One contract, two backends: every test here runs on the data directory and on PostgreSQL.

What the bot relies on (bot/store/base.py ``Store``): records survive a restart, an update is
an atomic read-modify-write per user, /forget leaves nothing, /mydata shows everything, due
reminders come soonest first, the retention purge deletes only the inactive, and a record the
bot cannot read is set aside and the user told once.
"""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta

import pytest

from bot.store import FeedbackCount, Store

from .conftest import OpenStore

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_both_backends_satisfy_the_interface(store: Store) -> None:
    assert isinstance(store, Store)


def test_put_get_update_delete(store: Store) -> None:
    assert store.get(1) is None
    assert store.count() == 0
    store.put(1, {"name": "a"})
    assert store.get(1) == {"name": "a"}
    assert store.update(1, lambda r: {**(r or {}), "n": 1}) == {"name": "a", "n": 1}
    assert store.update(2, lambda r: None) is None  # a stranger who leaves nothing
    assert store.get(2) is None
    assert store.count() == 1
    assert store.delete(1) is True
    assert store.delete(1) is False
    assert store.get(1) is None
    assert store.count() == 0


def test_update_returning_none_forgets_the_user(store: Store) -> None:
    store.put(3, {"due": T0.isoformat()})
    assert store.update(3, lambda r: None) is None
    assert store.get(3) is None
    assert store.due() == []
    assert store.export(3) is None


def test_update_gets_a_private_copy(store: Store) -> None:
    store.put(1, {"items": [1]})

    def mutate_and_fail(record: dict | None) -> dict | None:
        assert record is not None
        record["items"].append(2)
        raise RuntimeError("handler crashed")

    with pytest.raises(RuntimeError):
        store.update(1, mutate_and_fail)
    assert store.get(1) == {"items": [1]}  # nothing of the failed update was kept


def test_bad_records_are_rejected_without_damage(store: Store) -> None:
    store.put(1, {"ok": True})
    with pytest.raises(TypeError):
        store.put(1, ["not", "a", "dict"])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.put(1, {"nan": float("nan")})
    with pytest.raises(TypeError):
        store.get("1")  # type: ignore[arg-type]
    assert store.get(1) == {"ok": True}


def test_records_and_reminders_survive_a_restart(open_backend: OpenStore) -> None:
    with open_backend() as first:
        first.put(7, {"due": T0.isoformat(), "x": "ü"})
        first.update(8, lambda r: {"x": 2}, durable=False)  # survives a restart, not a power cut
    with open_backend() as again:
        assert again.get(7) == {"due": T0.isoformat(), "x": "ü"}
        assert again.get(8) == {"x": 2}
        assert again.due() == [(7, T0)]
        assert again.count() == 2


def test_due_reminders_soonest_first_and_kept_current(store: Store) -> None:
    for uid, hours in ((1, 3), (2, 1), (3, 2)):
        store.put(uid, {"due": (T0 + timedelta(hours=hours)).isoformat()})
    store.put(4, {"due": None})
    assert [u for u, _ in store.due()] == [2, 3, 1]
    assert store.due(T0 + timedelta(hours=2)) == [
        (2, T0 + timedelta(hours=1)),
        (3, T0 + timedelta(hours=2)),
    ]
    store.update(2, lambda r: {"due": None})  # reminder sent: no longer due
    store.delete(3)
    assert store.due(T0 + timedelta(hours=2)) == []
    assert store.due() == [(1, T0 + timedelta(hours=3))]


def test_threads_updating_one_user_lose_nothing(store: Store) -> None:
    def bump(record: dict | None) -> dict:
        return {"n": (record or {"n": 0})["n"] + 1}

    def worker() -> None:
        for _ in range(25):
            store.update(5, bump)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.get(5) == {"n": 150}


async def test_async_updates_apply_in_call_order(store: Store) -> None:
    calls = [
        store.aupdate(1, lambda r, i=i: {"seq": [*(r or {"seq": []})["seq"], i]}) for i in range(20)
    ]
    await asyncio.gather(*calls)
    assert await store.aget(1) == {"seq": list(range(20))}
    assert await store.adue() == []
    assert (await store.aexport(1) or {})["record"] == {"seq": list(range(20))}
    assert await store.adelete(1) is True


def test_export_shows_the_record_and_next_reminder(store: Store) -> None:
    store.put(9, {"due": T0.isoformat(), "country": "IE"})
    exported = store.export(9)
    assert exported is not None
    assert exported["user_id"] == 9
    assert exported["record"] == {"due": T0.isoformat(), "country": "IE"}
    assert datetime.fromisoformat(exported["next_reminder"]) == T0
    assert exported["quarantined_files"] == []
    assert store.export(10) is None


def test_unreadable_record_is_set_aside_shown_and_forgotten(open_backend: OpenStore) -> None:
    with open_backend() as first:
        first.put(1, {"version": "broken", "country": "IE"})
        first.put(2, {"version": 1})

    def upgrade(record: dict) -> dict:
        if record.get("version") == "broken":
            raise ValueError("cannot read")
        return {**record, "upgraded": True}

    with open_backend(upgrade=upgrade) as store:
        assert store.get(2) == {"version": 1, "upgraded": True}
        assert store.get(1) is None  # set aside; the user starts again
        assert store.take_set_aside(1) is True
        assert store.take_set_aside(1) is False  # told once
        exported = store.export(1)
        assert exported is not None and exported["record"] is None
        assert any('"IE"' in copy["content"] for copy in exported["quarantined_files"])
        assert store.delete(1) is True  # /forget removes the damaged copy too
        assert store.export(1) is None


def test_purge_deletes_only_the_inactive(store: Store) -> None:
    now = datetime(2027, 1, 1, tzinfo=UTC)
    for uid in range(1, 11):
        seen = now - timedelta(days=uid * 10)
        store.put(
            uid, {"last_seen": seen.isoformat(), "due": (now + timedelta(days=uid)).isoformat()}
        )

    def last_seen(record: dict) -> datetime | None:
        return datetime.fromisoformat(record["last_seen"])

    assert store.purge_inactive(now - timedelta(days=45), last_seen) == 6  # 50..100 days
    assert sorted(u for u, _ in store.due()) == [1, 2, 3, 4]
    assert store.count() == 4
    assert store.get(5) is None


async def test_async_purge_and_due(store: Store) -> None:
    now = datetime(2027, 1, 1, tzinfo=UTC)
    await store.aupdate(1, lambda r: {"due": now.isoformat()})
    assert await store.adue(now) == [(1, now)]
    assert await store.apurge_inactive(now + timedelta(days=1), lambda r: now) == 1
    assert await store.adue() == []


# -- anonymous feedback counters (bot/feedback.py) ---------------------------------------------


def _vote(card: str = "c", week: str = "2026-W49", different: bool = False) -> FeedbackCount:
    return FeedbackCount(card, "instagram", "p1", week, int(not different), int(different))


def test_feedback_counters_add_up_per_card_platform_path_and_week(open_backend: OpenStore) -> None:
    with open_backend() as store:
        assert store.feedback_counts() == []
        store.add_feedback(_vote())
        store.add_feedback(_vote(different=True))
        store.add_feedback(_vote(different=True))
        store.add_feedback(_vote(week="2026-W50"))
        store.add_feedback(_vote(card="other", different=True))
    with open_backend() as again:  # durable: a restarted process reads the same
        counts = sorted(again.feedback_counts(), key=lambda c: c.key)
    assert counts == [
        FeedbackCount("c", "instagram", "p1", "2026-W49", worked=1, different=2),
        FeedbackCount("c", "instagram", "p1", "2026-W50", worked=1, different=0),
        FeedbackCount("other", "instagram", "p1", "2026-W49", worked=0, different=1),
    ]


def test_concurrent_feedback_increments_are_all_counted(store: Store) -> None:
    def worker(different: bool) -> None:
        for _ in range(30):
            store.add_feedback(_vote(different=different))

    threads = [threading.Thread(target=worker, args=(i % 2 == 0,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.feedback_counts() == [
        FeedbackCount("c", "instagram", "p1", "2026-W49", worked=90, different=90)
    ]


async def test_async_feedback_counters(store: Store) -> None:
    await asyncio.gather(*(store.aadd_feedback(_vote(different=True)) for _ in range(10)))
    (count,) = await store.afeedback_counts()
    assert (count.worked, count.different) == (0, 10)


def test_forgetting_a_user_leaves_the_counters_alone(store: Store) -> None:
    store.put(1, {"feedback": {"c:instagram": "worked"}})
    store.add_feedback(_vote())
    assert store.delete(1) is True
    assert store.feedback_counts() == [_vote()]


def test_feedback_weeks_before_the_oldest_kept_are_pruned(open_backend: OpenStore) -> None:
    weeks = ["2025-W52", "2026-W41", "2026-W42", "2026-W49", "2027-W01"]
    with open_backend() as store:
        for week in weeks:
            store.add_feedback(_vote(week=week, different=True))
        assert store.prune_feedback("2026-W42") == 2
        assert store.prune_feedback("2026-W42") == 0  # nothing left to drop
        with pytest.raises(ValueError):
            store.prune_feedback("2026-10-12")  # a date is not a week: nothing is dropped
    with open_backend() as again:  # pruned on disk, not just in memory
        assert sorted(c.week for c in again.feedback_counts()) == weeks[2:]


async def test_async_feedback_prune(store: Store) -> None:
    store.add_feedback(_vote(week="2026-W01"))
    store.add_feedback(_vote(week="2026-W49"))
    assert await store.aprune_feedback("2026-W40") == 1
    assert [c.week for c in await store.afeedback_counts()] == ["2026-W49"]
